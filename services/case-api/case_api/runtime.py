"""Everything a case-api process holds: built once from the settings, closed at shutdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from case_api.application import CaseStore, store_env
from case_api.commands import CaseCommands
from case_api.config import Settings
from case_api.db import make_engine
from case_api.groupcommit import GroupCommitter
from case_api.idempotency import IdempotencyStore
from case_api.queries import CaseQueries
from case_api.readmodel.projector import Projector, ProjectorThread
from case_api.readmodel.tables import (
    agencies,
    case_agencies,
    case_summaries,
    case_timeline,
    jurisdictions,
)
from case_api.readmodel.watch import PositionWatch
from case_api.registry import RegistryService
from shared.clock import Clock, clock_from_file

PROJECTED_TABLES = [case_timeline, case_agencies, case_summaries, jurisdictions, agencies]


@dataclass
class Runtime:
    settings: Settings
    store: CaseStore
    engine: Engine
    committer: GroupCommitter
    registry: RegistryService
    commands: CaseCommands
    queries: CaseQueries
    idempotency: IdempotencyStore
    projector: Projector
    clock: Clock
    watch: PositionWatch = field(default_factory=PositionWatch)
    projector_thread: ProjectorThread | None = None

    def close(self) -> None:
        if self.projector_thread:
            self.projector_thread.stop()
        self.committer.close()
        self.store.close()
        self.engine.dispose()


def build_runtime(settings: Settings, pack_ids: frozenset[str] | None = None) -> Runtime:
    settings.prepare_local_dirs()
    store = CaseStore(env=store_env(settings))
    engine = make_engine(settings.readmodel_url)
    committer = GroupCommitter(store)
    registry = RegistryService(store, committer, pack_ids or _pack_ids())
    watch = PositionWatch()
    projector = Projector(
        store,
        engine,
        batch_size=settings.projection_batch_size,
        watch=watch,
        owned_tables=PROJECTED_TABLES,
    )
    runtime = Runtime(
        settings=settings,
        store=store,
        engine=engine,
        committer=committer,
        registry=registry,
        commands=CaseCommands(store, committer, registry),
        queries=CaseQueries(engine),
        idempotency=IdempotencyStore(engine, ttl_hours=settings.idempotency_ttl_hours),
        projector=projector,
        clock=clock_from_file(settings.clock_file),
        watch=watch,
    )
    if settings.run_projector:
        runtime.projector_thread = ProjectorThread(projector, settings.projection_poll_seconds)
        committer.on_commit(runtime.projector_thread.wake)
        runtime.projector_thread.start()
    return runtime


def _pack_ids() -> frozenset[str]:
    try:
        from shared.rulepacks.library import PackLibrary
    except ImportError:  # packs not shipped in this build
        return frozenset({"statutory"})
    return frozenset(PackLibrary.load().pack_ids())
