"""Registering machine clients, rotating their secrets, revoking them, and checking them.

Secrets are made here, returned once to the administrator and stored only as hashes in the
client's events. A client is checked against its events (not the read model) both when it
asks for a token and on every request, so a revocation holds from the moment it is saved.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from case_api.clients.actions import ACTIONS, CLIENT_ROLES, OPTIONAL_SCOPE, SCOPE_FIELD
from case_api.clients.credentials import hash_secret, new_secret, secret_matches, spend_equal_time
from case_api.clients.domain import ApiClient, client_aggregate_id
from case_api.platform.access import Role
from case_api.platform.domain_errors import InvalidValue, NotFound
from case_api.platform.eventstore import CaseStore
from case_api.platform.groupcommit import GroupCommitter
from case_api.registry.service import RegistryService
from shared.clock import Clock


@dataclass(frozen=True)
class IssuedSecret:
    client_id: str
    secret_id: str
    client_secret: str
    position: int


class ClientService:
    def __init__(
        self,
        store: CaseStore,
        committer: GroupCommitter,
        registry: RegistryService,
        clock: Clock,
        grace_seconds: int,
    ) -> None:
        self.store = store
        self.committer = committer
        self.registry = registry
        self.clock = clock
        self.grace_seconds = grace_seconds

    def register(
        self, *, name: str, role: str, actions: list[str], meta: dict[str, Any], **scope: Any
    ) -> IssuedSecret:
        scope = self._checked_scope(_client_role(role), scope)
        _check_actions(actions)
        client_id = f"cl_{secrets.token_hex(10)}"
        secret_id, secret = secrets.token_hex(4), new_secret()
        client = ApiClient(
            client_id=client_id,
            name=name,
            role=role,
            actions=sorted(set(actions)),
            secret_id=secret_id,
            secret_hash=hash_secret(secret),
            meta=meta,
            **scope,
        )
        return IssuedSecret(client_id, secret_id, secret, self.committer.save(client))

    def rotate_secret(
        self, client_id: str, meta: dict[str, Any], grace_seconds: int | None = None
    ) -> IssuedSecret:
        client = self.client(client_id)
        grace = self.grace_seconds if grace_seconds is None else grace_seconds
        secret_id, secret = secrets.token_hex(4), new_secret()
        client.rotate_secret(
            secret_id=secret_id,
            secret_hash=hash_secret(secret),
            previous_expire_at=self.clock.now() + timedelta(seconds=grace),
            meta=meta,
        )
        return IssuedSecret(client_id, secret_id, secret, self.committer.save(client))

    def revoke(self, client_id: str, reason: str, meta: dict[str, Any]) -> int:
        client = self.client(client_id)
        client.revoke(reason=reason, meta=meta)
        return self.committer.save(client)

    def authenticate(self, client_id: str, secret: str) -> ApiClient | None:
        """The client if ``secret`` is one of its secrets valid now; None otherwise."""
        client = self.active(client_id)
        hashes = client.secret_hashes_valid_at(self.clock.now()) if client else []
        if not hashes:
            spend_equal_time(secret)
            return None
        matched = [h for h in hashes if secret_matches(secret, h)]
        return client if matched else None

    def active(self, client_id: str) -> ApiClient | None:
        try:
            client = self.client(client_id)
        except NotFound:
            return None
        return None if client.revoked else client

    def client(self, client_id: str) -> ApiClient:
        try:
            return self.store.repository.get(client_aggregate_id(client_id))
        except AggregateNotFoundError:
            raise NotFound(
                "client-not-found",
                f"No machine client {client_id} is registered.",
                f"未登记客户端 {client_id}。",
            ) from None

    def _checked_scope(self, role: Role, given: dict[str, Any]) -> dict[str, str | None]:
        wanted = SCOPE_FIELD[role]
        scope = {name: given.get(name) or None for name in ("agency", "jurisdiction", "court")}
        stray = [name for name, value in scope.items() if value and name != wanted]
        if stray or (wanted and not scope[wanted] and role not in OPTIONAL_SCOPE):
            raise InvalidValue(
                "client-scope-mismatch",
                f"A {role.value} client is scoped by {wanted or 'nothing'}; got {stray or 'none'}.",
                f"{role.value} 客户端的适用范围应为 {wanted or '无'}。",
            )
        if scope["agency"]:
            self.registry.agency(scope["agency"])
        if scope["jurisdiction"]:
            self.registry.jurisdiction(scope["jurisdiction"])
        return scope


def _client_role(role: str) -> Role:
    if role not in {r.value for r in CLIENT_ROLES}:
        raise InvalidValue(
            "invalid-client-role",
            f"A machine client cannot hold the role {role}.",
            f"客户端不能使用角色 {role}。",
        )
    return Role(role)


def _check_actions(actions: list[str]) -> None:
    unknown = sorted(set(actions) - set(ACTIONS))
    if unknown or not actions:
        raise InvalidValue(
            "unknown-action",
            f"Unknown or missing actions: {', '.join(unknown) or 'none given'}.",
            f"操作权限无效或缺失：{', '.join(unknown) or '未提供'}。",
        )
