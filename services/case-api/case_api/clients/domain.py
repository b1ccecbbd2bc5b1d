"""Machine clients: a court's, an agency's or a bureau's system calling the API on its own.

A client holds a role, a scope and the actions it may perform, and one or more secrets, each
stored only as a salted slow hash. Rotating the secret leaves the previous ones valid until a
stated moment, so the client's owner can roll over without downtime; revoking is final.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from case_api.chain.domain import ChainedAggregate, register_former_module
from case_api.platform.domain_errors import RuleViolation

Meta = dict[str, Any]


def client_aggregate_id(client_id: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"yingsu:api-client:{client_id}")


class RevokedClient(RuleViolation):
    def __init__(self, client_id: str) -> None:
        super().__init__(
            "client-revoked",
            f"The client {client_id} is revoked; register a new one.",
            f"客户端 {client_id} 已被吊销，请重新登记。",
        )


class ApiClient(ChainedAggregate):
    @event("ClientRegistered")
    def __init__(
        self,
        *,
        client_id: str,
        name: str,
        role: str,
        agency: str | None,
        jurisdiction: str | None,
        court: str | None,
        actions: list[str],
        secret_id: str,
        secret_hash: str,
        meta: Meta,
    ) -> None:
        self.client_id = client_id
        self.name = name
        self.role = role
        self.agency = agency
        self.jurisdiction = jurisdiction
        self.court = court
        self.actions = list(actions)
        self.secrets: list[dict[str, Any]] = [
            {"secret_id": secret_id, "secret_hash": secret_hash, "expires_at": None}
        ]
        self.revoked = False

    @staticmethod
    def create_id(client_id: str, **_: Any) -> UUID:
        return client_aggregate_id(client_id)

    def rotate_secret(
        self, *, secret_id: str, secret_hash: str, previous_expire_at: datetime, meta: Meta
    ) -> None:
        """``previous_expire_at``: until when the secrets in use so far keep working."""
        if self.revoked:
            raise RevokedClient(self.client_id)
        self._secret_rotated(
            client_id=self.client_id,
            secret_id=secret_id,
            secret_hash=secret_hash,
            previous_expire_at=previous_expire_at,
            meta=meta,
        )

    @event("SecretRotated")
    def _secret_rotated(
        self,
        client_id: str,
        secret_id: str,
        secret_hash: str,
        previous_expire_at: datetime,
        meta: Meta,
    ) -> None:
        for secret in self.secrets:
            if secret["expires_at"] is None or secret["expires_at"] > previous_expire_at:
                secret["expires_at"] = previous_expire_at
        self.secrets.append(
            {"secret_id": secret_id, "secret_hash": secret_hash, "expires_at": None}
        )

    def revoke(self, *, reason: str, meta: Meta) -> None:
        if self.revoked:
            raise RevokedClient(self.client_id)
        self._revoked(client_id=self.client_id, reason=reason, meta=meta)

    @event("ClientRevoked")
    def _revoked(self, client_id: str, reason: str, meta: Meta) -> None:
        self.revoked = True

    def secret_hashes_valid_at(self, now: datetime) -> list[str]:
        """Hashes of the secrets that authenticate the client at ``now`` (none once revoked)."""
        if self.revoked:
            return []
        return [
            s["secret_hash"]
            for s in self.secrets
            if s["expires_at"] is None or now < s["expires_at"]
        ]


register_former_module("case_api.domain.clients", __name__)
