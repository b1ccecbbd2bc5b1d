"""Operator queries on deliveries: list, inspect, count, and retry a dead one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update

from notifier.platform.db import to_db
from notifier.platform.tables import agencies, deliveries
from notifier.reminders.texts import Context, compose


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
        return with_text(conn, [dict(r) for r in rows])


def get_delivery(engine: Engine, delivery_id: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(deliveries).where(deliveries.c.id == delivery_id)).mappings()
        found = row.first()
        return with_text(conn, [dict(found)])[0] if found else None


def with_text(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows whose message is worded at send time get its title and body as they would read
    on the planned day, so an operator sees what the recipient will get."""
    names = agency_names(conn, [r["payload"] for r in rows])
    for row in rows:
        payload = row["payload"]
        if "facts" in payload and "planned_day" in payload:
            day = date.fromisoformat(payload["planned_day"])
            title, body = compose(payload, Context(day, names))
            row["payload"] = {**payload, "title": title, "body": body}
    return rows


def agency_names(conn: Connection, payloads: Iterable[dict[str, Any]]) -> dict[str, str]:
    """The registry's names of the agencies these messages name, as they are now."""
    codes = {
        code
        for payload in payloads
        if "facts" in payload
        for code in (payload["facts"]["agency"], *payload["facts"]["defendants"])
    }
    if not codes:
        return {}
    query = select(agencies.c.code, agencies.c.name).where(agencies.c.code.in_(codes))
    return {code: name for code, name in conn.execute(query).all()}


def count_by_state(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(deliveries.c.state, func.count()).group_by(deliveries.c.state)
        ).all()
    return {state: n for state, n in rows}
