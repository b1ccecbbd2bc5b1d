"""When each monthly bulletin goes out, and planning its build rows.

A month's bulletin goes out on the first working day of the next month at the reminder hour
(Guangzhou: "全市联动每月通报" [004 5-①] fixes no day; September 2025's goes out on
2025-10-09, after the National Day holiday). Only jurisdictions at the pack's bulletin scope
(Guangzhou: the city) get one. Rows are planned from the month the notifier first saw the
jurisdiction through the current month, with deterministic keys, so planning is idempotent.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select

from notifier.db import from_db, to_db
from notifier.plan import CASE_API, day_at
from notifier.sqlutil import insert_new
from notifier.tables import deliveries, jurisdictions
from shared.calendar import WorkCalendar
from shared.rulepacks import PackLibrary, PackNotFound, PackNotInEffect
from shared.rulepacks.library import SHANGHAI


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def period_bounds(period: str) -> tuple[date, date]:
    year, month = (int(p) for p in period.split("-"))
    start = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def bulletin_due(period: str, calendar: WorkCalendar, hour: int) -> datetime:
    day = period_bounds(period)[1] + timedelta(days=1)
    while not calendar.is_working_day(day, provisional=True):
        day += timedelta(days=1)
    return day_at(day, hour)


def monthly_jurisdictions(conn: Connection, library: PackLibrary, now: datetime) -> list[dict]:
    found = []
    for row in conn.execute(select(jurisdictions)).mappings():
        try:
            pack = library.pack(row["pack"], now)
        except (PackNotFound, PackNotInEffect):
            continue
        if any(b.every == "month" and b.scope == row["level"] for b in pack.bulletins):
            found.append(dict(row))
    return found


def plan_bulletins(
    conn: Connection, library: PackLibrary, calendar: WorkCalendar, now: datetime, hour: int
) -> None:
    today = now.astimezone(SHANGHAI).date()
    for row in monthly_jurisdictions(conn, library, now):
        seen = from_db(row["seen_at"]).astimezone(SHANGHAI).date()  # type: ignore[union-attr]
        period = period_of(seen)
        while period <= period_of(today):
            due = to_db(bulletin_due(period, calendar, hour))
            key = f"bulletin:{row['code']}:{period}:build"
            values = {
                "key": key,
                "kind": "bulletin_build",
                "recipient": CASE_API,
                "jurisdiction": row["code"],
                "due_at": due,
                "state": "scheduled",
                "attempts": 0,
                "next_attempt_at": due,
                "updated_at": to_db(now),
                "payload": {"jurisdiction": row["code"], "name": row["name"], "period": period},
            }
            insert_new(conn, deliveries, ["key"], values)
            period = period_of(period_bounds(period)[1] + timedelta(days=1))
