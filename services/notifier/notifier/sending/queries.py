"""Operator queries on deliveries: list, inspect, count, and retry a dead one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select, update

from notifier.platform.db import to_db
from notifier.platform.tables import deliveries


def retry_dead(engine: Engine, delivery_id: int, now: datetime) -> bool:
    """An operator's retry: a dead (or failed) delivery is scheduled now with fresh attempts."""
    with engine.begin() as conn:
        result = conn.execute(
            update(deliveries)
            .where(deliveries.c.id == delivery_id, deliveries.c.state.in_(("dead", "failed")))
            .values(
                state="scheduled", attempts=0, next_attempt_at=to_db(now), updated_at=to_db(now)
            )
        )
    return result.rowcount == 1


def list_deliveries(
    engine: Engine,
    *,
    case_id: str | None = None,
    agency: str | None = None,
    state: str | None = None,
    kind: str | None = None,
    limit: int = 100,
    after_id: int = 0,
) -> list[dict[str, Any]]:
    query = select(deliveries).where(deliveries.c.id > after_id)
    for column, value in (
        ("case_id", case_id),
        ("agency", agency),
        ("state", state),
        ("kind", kind),
    ):
        if value is not None:
            query = query.where(deliveries.c[column] == value)
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(deliveries.c.id).limit(limit)).mappings()
        return [dict(r) for r in rows]


def get_delivery(engine: Engine, delivery_id: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(deliveries).where(deliveries.c.id == delivery_id)).mappings()
        found = row.first()
        return dict(found) if found else None


def count_by_state(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(deliveries.c.state, func.count()).group_by(deliveries.c.state)
        ).all()
    return {state: n for state, n in rows}
