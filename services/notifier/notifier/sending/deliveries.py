"""The deliveries table as the sender and the operator use it.

Leasing: one short transaction picks due rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; on
SQLite the ``BEGIN IMMEDIATE`` write lock serialises leasers) and marks them ``sending`` with a
lease token and ``next_attempt_at`` = lease expiry, then commits. Sending happens after that,
outside any transaction. A sender that dies mid-send leaves the row ``sending``; when the lease
expires another sender takes it and sends again with the same key (a duplicate, never a loss).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, bindparam, select, update

from notifier.platform.db import from_db, to_db
from notifier.platform.tables import deliveries
from notifier.sending.backoff import is_dead, next_attempt

LEASABLE = ("scheduled", "failed", "sending")


@dataclass(frozen=True)
class Lease:
    id: int
    key: str
    kind: str
    recipient: str
    case_id: str | None
    jurisdiction: str | None
    payload: dict[str, Any]
    attempts: int  # including this one
    token: str
    due_at: datetime


def lease_due(engine: Engine, now: datetime, limit: int, lease_seconds: int) -> list[Lease]:
    token = str(uuid.uuid4())
    moment = to_db(now)
    with engine.begin() as conn:
        ids = list(
            conn.execute(
                select(deliveries.c.id)
                .where(deliveries.c.state.in_(LEASABLE), deliveries.c.next_attempt_at <= moment)
                .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).scalars()
        )
        if not ids:
            return []
        rows = conn.execute(
            update(deliveries)
            .where(deliveries.c.id.in_(ids))
            .values(
                state="sending",
                attempts=deliveries.c.attempts + 1,
                lease_token=token,
                next_attempt_at=to_db(now + timedelta(seconds=lease_seconds)),
                updated_at=moment,
            )
            .returning(*deliveries.c)
        ).mappings()
        return [_lease(row, token) for row in rows]


def _lease(row: Any, token: str) -> Lease:
    return Lease(
        id=row["id"],
        key=row["key"],
        kind=row["kind"],
        recipient=row["recipient"],
        case_id=row["case_id"],
        jurisdiction=row["jurisdiction"],
        payload=row["payload"],
        attempts=row["attempts"],
        token=token,
        due_at=from_db(row["due_at"]),  # type: ignore[arg-type]
    )


def mark_sent(engine: Engine, sent: list[tuple[Lease, str]], now: datetime) -> None:
    """Sent is final whoever holds the lease now: the platform said it has the message.

    The sender records each answer as it comes; a crash before the commit resends that
    delivery with the same key (a duplicate the receiver can drop, never a loss).
    """
    if not sent:
        return
    statement = (
        update(deliveries)
        .where(deliveries.c.id == bindparam("row_id"), deliveries.c.state != "sent")
        .values(
            state="sent",
            sent_at=to_db(now),
            last_answer=bindparam("answer"),
            lease_token=None,
            updated_at=to_db(now),
        )
    )
    with engine.begin() as conn:
        conn.execute(statement, [{"row_id": lease.id, "answer": a[:2000]} for lease, a in sent])


def mark_failed(
    engine: Engine,
    lease: Lease,
    now: datetime,
    answer: str,
    *,
    max_attempts: int,
    base_seconds: float,
    max_seconds: float,
    retry: bool = True,
    retry_after: float | None = None,
) -> str:
    """failed (retry later, backing off) or dead; only while this sender still holds the lease.

    ``retry_after`` (the receiver's Retry-After, seconds) is a floor under the backoff.
    """
    dead = not retry or is_dead(lease.attempts, max_attempts)
    state = "dead" if dead else "failed"
    retry_at = next_attempt(now, lease.attempts, base_seconds, max_seconds)
    if retry_after is not None:
        retry_at = max(retry_at, now + timedelta(seconds=retry_after))
    with engine.begin() as conn:
        conn.execute(
            update(deliveries)
            .where(
                deliveries.c.id == lease.id,
                deliveries.c.lease_token == lease.token,
                deliveries.c.state == "sending",
            )
            .values(
                state=state,
                next_attempt_at=to_db(retry_at),
                last_answer=answer[:2000],
                lease_token=None,
                updated_at=to_db(now),
            )
        )
    return state
