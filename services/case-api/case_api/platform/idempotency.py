"""Idempotency-Key records (IETF httpapi draft): one per client and key.

Same key and same body → the stored first response; same key, other body → 422; a retry
while the first is still running → 409 with ``Retry-After``: the seconds until the record may
be taken over. A record left "running" by a crash is taken over after ``stale_seconds``; the
case itself then recognises the request id in its events and answers with the first write's
own event, so a takeover appends nothing twice, even while the first is still running.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, delete, select, update
from sqlalchemy.exc import IntegrityError

from case_api.platform.errors import IdempotencyInFlight, IdempotencyKeyReused
from case_api.platform.tables import idempotency_keys as keys

STALE_SECONDS = 10
"""The default of ``CASE_API_IDEMPOTENCY_STALE_SECONDS``."""


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: dict[str, Any]


class IdempotencyStore:
    def __init__(self, engine: Engine, ttl_hours: int, stale_seconds: int = STALE_SECONDS) -> None:
        self.engine = engine
        self.ttl = timedelta(hours=ttl_hours)
        self.stale = timedelta(seconds=stale_seconds)

    def begin(self, client: str, key: str, request_hash: str) -> StoredResponse | None:
        """Claim the key; return the stored response if the request was already answered."""
        now = datetime.now(UTC)
        row_key = and_(keys.c.client == client, keys.c.key == key)
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    keys.insert().values(
                        client=client,
                        key=key,
                        request_hash=request_hash,
                        state="running",
                        created_at=now,
                    )
                )
            return None
        except IntegrityError:
            pass
        with self.engine.begin() as conn:
            row = conn.execute(select(keys).where(row_key).with_for_update()).mappings().one()
            if row["request_hash"] != request_hash:
                raise IdempotencyKeyReused(
                    "This Idempotency-Key was used with a different request body.",
                    "该幂等键已用于内容不同的请求。",
                )
            if row["state"] == "done":
                return StoredResponse(row["status_code"], row["response"])
            left = _aware(row["created_at"]) + self.stale - now
            if left > timedelta(0):
                raise _in_flight(math.ceil(left.total_seconds()))
            conn.execute(update(keys).where(row_key).values(created_at=now))
        return None

    def complete(self, client: str, key: str, status_code: int, body: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(keys)
                .where(keys.c.client == client, keys.c.key == key)
                .values(state="done", status_code=status_code, response=body)
            )

    def abandon(self, client: str, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(keys).where(keys.c.client == client, keys.c.key == key))

    def purge_expired(self, now: datetime) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(delete(keys).where(keys.c.created_at < now - self.ttl))
        return result.rowcount


def _in_flight(seconds: int) -> IdempotencyInFlight:
    error = IdempotencyInFlight(
        f"A request with this Idempotency-Key is still being processed; resend in {seconds} s.",
        f"使用该幂等键的请求仍在处理中，请 {seconds} 秒后重发。",
        retry_after=seconds,
    )
    error.headers = {"Retry-After": str(seconds)}
    return error


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
