"""Everything a case-api process holds: built once from the settings, closed at shutdown."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from sqlalchemy import Engine
from starlette.requests import Request

from case_api.accounts.credentials import CredentialStore
from case_api.accounts.oidc import OidcConfig, OidcLogin
from case_api.accounts.service import AccountService, SignInPolicy
from case_api.accounts.sessions import SessionStore
from case_api.cases.commands import CaseCommands
from case_api.cases.queries import CaseQueries
from case_api.clients.access import check_client_request
from case_api.clients.service import ClientService
from case_api.deadlines.projection import DeadlineProjection
from case_api.deadlines.queries import DeadlineQueries
from case_api.documents.service import Documents, build_documents
from case_api.platform.access import Principal
from case_api.platform.db import make_engine
from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.groupcommit import GroupCommitter
from case_api.platform.http.keyring import Keyring
from case_api.platform.idempotency import IdempotencyStore
from case_api.platform.settings import Settings
from case_api.platform.wakeups import LISTENING_POLL_SECONDS, READMODEL_CHANNEL, Wakeups
from case_api.readmodel.loop import ProjectorThread
from case_api.readmodel.projector import Projector
from case_api.readmodel.watch import PositionWatch
from case_api.registry.service import RegistryService
from case_api.schema import PROJECTED_TABLES
from shared.clock import Clock, clock_from_file
from shared.outage import wait_for_storage
from shared.rulepacks import PackLibrary, shipped_library

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    store: CaseStore
    engine: Engine
    committer: GroupCommitter
    registry: RegistryService
    commands: CaseCommands
    queries: CaseQueries
    deadline_queries: DeadlineQueries
    idempotency: IdempotencyStore
    projector: Projector
    clock: Clock
    library: PackLibrary
    deadlines: DeadlineProjection
    clients: ClientService
    keyring: Keyring
    documents: Documents
    accounts: AccountService
    oidc: OidcLogin | None = None
    watch: PositionWatch = field(default_factory=PositionWatch)
    projector_thread: ProjectorThread | None = None
    wakeups: list[Wakeups] = field(default_factory=list)

    def check_client_request(self, principal: Principal, request: Request) -> None:
        """A machine client's token: refused when revoked or lacking the route's action."""
        check_client_request(self.clients, principal, request)

    def follow_projection(self) -> None:
        """Another process projects: keep this one's watch at the position it reached,
        woken by the projector's NOTIFY after each batch (polling on SQLite)."""
        if self.projector_thread is None:
            wakeups = Wakeups(self.engine, READMODEL_CHANNEL, lambda: None)
            poll = fallback_poll(self.settings, wakeups)
            self.projector_thread = ProjectorThread(self.projector, poll, follow=True)
            wakeups.wake = self.projector_thread.wake
            self.projector_thread.start()
            self.listen(wakeups)

    def project_here(self) -> None:
        """Project in this process: woken by its own commits at once, by other processes'
        through the event store's NOTIFY (polling on SQLite)."""
        if self.projector_thread is None:
            wakeups = store_wakeups(self.settings, self.store, lambda: None)
            poll = fallback_poll(self.settings, wakeups)
            self.projector_thread = ProjectorThread(self.projector, poll)
            wakeups.wake = self.projector_thread.wake
            self.committer.on_commit(self.projector_thread.wake)
            self.projector_thread.start()
            self.listen(wakeups)

    def listen(self, wakeups: Wakeups) -> None:
        self.wakeups.append(wakeups)
        wakeups.start()

    def close(self) -> None:
        for wakeups in self.wakeups:
            wakeups.stop()
        if self.projector_thread:
            self.projector_thread.stop()
        self.committer.close()
        if self.oidc is not None:
            self.oidc.http.close()
        self.store.close()
        self.engine.dispose()


def build_runtime(settings: Settings, pack_ids: frozenset[str] | None = None) -> Runtime:
    settings.prepare_local_dirs()
    # Making the store's tables is one transaction the library does not try again: a
    # connection dropped in it (a restart or failover just after the start-up ping) is waited
    # out like a database that is not up yet, instead of ending the process.
    store = wait_for_storage(
        lambda: CaseStore(env=store_env(settings)),
        "the event store",
        settings.storage_wait_seconds,
        log,
    )
    engine = make_engine(
        settings.readmodel_url,
        pool_size=settings.readmodel_pool_size,
        timeout_seconds=settings.storage_timeout_seconds,
    )
    committer = GroupCommitter(store)
    registry = RegistryService(
        store, committer, pack_ids or frozenset(shipped_library().pack_ids())
    )
    watch = PositionWatch()
    clock = clock_from_file(settings.clock_file)
    library = shipped_library()
    deadline_projection = DeadlineProjection(library)
    projector = Projector(
        store,
        engine,
        batch_size=settings.projection_batch_size,
        watch=watch,
        after_batch=[deadline_projection],
        owned_tables=PROJECTED_TABLES,
    )
    queries = CaseQueries(engine)
    documents = build_documents(settings, engine, queries)
    runtime = Runtime(
        settings=settings,
        store=store,
        engine=engine,
        committer=committer,
        registry=registry,
        commands=CaseCommands(
            store, committer, registry, describe_documents=documents.describe, clock=clock
        ),
        queries=queries,
        deadline_queries=DeadlineQueries(engine, queries, library, deadline_projection.calendar),
        idempotency=IdempotencyStore(
            engine,
            ttl_hours=settings.idempotency_ttl_hours,
            stale_seconds=settings.idempotency_stale_seconds,
        ),
        projector=projector,
        clock=clock,
        library=library,
        deadlines=deadline_projection,
        clients=ClientService(
            store, committer, registry, clock, settings.client_secret_grace_seconds
        ),
        keyring=Keyring.from_settings(settings),
        documents=documents,
        accounts=AccountService(
            store,
            committer,
            registry,
            clock,
            CredentialStore(engine),
            SessionStore(engine),
            _sign_in_policy(settings),
        ),
        oidc=_oidc(settings),
        watch=watch,
    )
    if settings.run_projector:
        runtime.project_here()
    return runtime


def _sign_in_policy(settings: Settings) -> SignInPolicy:
    return SignInPolicy(
        max_failures=settings.signin_max_failures,
        lock_seconds=settings.signin_lockout_seconds,
        session_seconds=settings.session_ttl_seconds,
        min_password_length=settings.password_min_length,
    )


def _oidc(settings: Settings) -> OidcLogin | None:
    if not settings.oidc_metadata_url:
        return None
    config = OidcConfig(
        metadata_url=settings.oidc_metadata_url,
        client_id=settings.oidc_client_id or "",
        client_secret=settings.oidc_client_secret.get_secret_value()
        if settings.oidc_client_secret
        else "",
        redirect_url=settings.oidc_redirect_url,
        role_claim=settings.oidc_role_claim,
        scope_claims=settings.oidc_scope_claims,
        role_map=settings.oidc_role_map,
    )
    return OidcLogin(config, httpx.Client(timeout=10))


def fallback_poll(settings: Settings, wakeups: Wakeups) -> float:
    """Where NOTIFY wakes the loop, polling is only a fallback (a lost connection)."""
    poll = settings.projection_poll_seconds
    return max(poll, LISTENING_POLL_SECONDS) if wakeups.available else poll


def store_wakeups(settings: Settings, store: CaseStore, wake: Callable[[], None]) -> Wakeups:
    """Woken by every append to the event store (its NOTIFY channel on PostgreSQL)."""
    channel = getattr(store.recorder, "channel_name", "")
    return Wakeups(make_engine(settings.event_store_url, pool_size=1), channel, wake)
