"""When each bulletin or report goes out, and planning its build rows.

A rule pack's ``bulletins`` entries say how often (``every``: month, quarter, half-year,
year), for which level of jurisdiction (``scope``), what each carries (``sections``) and who
receives it (``recipients``); each jurisdiction at that level gets one per entry and period.
A period's bulletin goes out on the first working day after the period ends, at the reminder
hour (Guangzhou's "全市联动每月通报" [004 5-①] fixes no day; September 2025's goes out on
2025-10-09, after the National Day holiday; the second half of 2025's on Sunday 2026-01-04,
the make-up working day after New Year).

Rows are planned from the period the notifier first saw the jurisdiction in (for a kind of
bulletin new to a jurisdiction that has others: the current period) through the current one,
so planning is idempotent. The first entry of each kind (``every``) for a level keeps the key
bulletins always had, ``bulletin:<jurisdiction>:<period>:build``; a further entry of the same
kind (Guangzhou's half-year head-appearance report beside its half-year loss bulletin) is
keyed by its entry id too, ``bulletin:<jurisdiction>:<period>:<entry>:build``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from notifier.platform.db import from_db, to_db
from notifier.platform.sqlutil import insert_new
from notifier.platform.tables import deliveries, jurisdictions
from notifier.reminders.plan import CASE_API, day_at
from shared.calendar import WorkCalendar
from shared.reporting_periods import next_period, period_bounds, period_kind, period_of
from shared.rulepacks import PackLibrary, PackNotFound, PackNotInEffect
from shared.rulepacks.library import SHANGHAI
from shared.rulepacks.section_models import Bulletin


def bulletin_due(period: str, calendar: WorkCalendar, hour: int) -> datetime:
    day = period_bounds(period)[1] + timedelta(days=1)
    while not calendar.is_working_day(day, provisional=True):
        day += timedelta(days=1)
    return day_at(day, hour)


def bulletin_key(jurisdiction: str, period: str, report: str | None = None) -> str:
    """``report``: the entry id of a further entry of its kind (none for the first)."""
    return f"bulletin:{jurisdiction}:{period}:{report + ':' if report else ''}build"


@dataclass(frozen=True)
class Planned:
    """A pack entry for one jurisdiction; ``report`` is the entry id its keys carry, if any."""

    row: dict[str, Any]
    entry: Bulletin
    report: str | None

    @property
    def series(self) -> str:
        """What the latest planned period is kept for: the kind, or the entry id."""
        return self.report or self.entry.every


def bulletin_entries(conn: Connection, library: PackLibrary, now: datetime) -> list[Planned]:
    """Each entry the pack in force names for the jurisdiction's level."""
    found = []
    for row in conn.execute(select(jurisdictions).order_by(jurisdictions.c.code)).mappings():
        try:
            pack = library.pack(row["pack"], now)
        except (PackNotFound, PackNotInEffect):
            continue
        kinds: set[str] = set()
        for entry in pack.bulletins:
            if entry.scope == row["level"]:
                report = entry.id if entry.every in kinds else None
                kinds.add(entry.every)
                found.append(Planned(dict(row), entry, report))
    return found


def plan_bulletins(
    conn: Connection, library: PackLibrary, calendar: WorkCalendar, now: datetime, hour: int
) -> None:
    today = now.astimezone(SHANGHAI).date()
    planned = _latest_planned(conn)  # before this round adds any
    for one in bulletin_entries(conn, library, now):
        row, entry = one.row, one.entry
        series = planned.get(row["code"], {})
        period = _resume_period(row, series, one.series, entry.every, today)
        if one.series in series:  # the period just ended may still wait for its due day
            before = period_of(period_bounds(period)[0] - timedelta(days=1), entry.every)
            due = to_db(bulletin_due(before, calendar, hour))
            _retime_untried(conn, bulletin_key(row["code"], before, one.report), due, now)
        while period_bounds(period)[0] <= today:
            due = to_db(bulletin_due(period, calendar, hour))
            values = {
                "key": bulletin_key(row["code"], period, one.report),
                "kind": "bulletin_build",
                "recipient": CASE_API,
                "jurisdiction": row["code"],
                "due_at": due,
                "state": "scheduled",
                "attempts": 0,
                "next_attempt_at": due,
                "updated_at": to_db(now),
                "payload": _payload(one, period),
            }
            insert_new(conn, deliveries, ["key"], values)
            _retime_untried(conn, values["key"], due, now)
            period = next_period(period)


def _retime_untried(conn: Connection, key: str, due: datetime, now: datetime) -> None:
    """A bulletin not yet tried follows its due date when a holiday schedule loaded since
    moves it (a date first read provisionally, then published)."""
    d = deliveries.c
    conn.execute(
        update(deliveries)
        .where(d.key == key, d.state == "scheduled", d.attempts == 0, d.due_at != due)
        .values(due_at=due, next_attempt_at=due, updated_at=to_db(now))
    )


def _latest_planned(conn: Connection) -> dict[str, dict[str, str]]:
    """The latest period of each series each jurisdiction has a build row for: of each kind
    (month, half_year …) for the first entries of their kind, else of each entry id."""
    query = select(deliveries.c.jurisdiction, deliveries.c.key).where(
        deliveries.c.kind == "bulletin_build"
    )
    latest: dict[str, dict[str, str]] = {}
    for jurisdiction, key in conn.execute(query):
        parts = key.split(":")  # bulletin:<jurisdiction>:<period>[:<entry>]:build
        if len(parts) in (4, 5):
            period = parts[2]
            series = parts[3] if len(parts) == 5 else period_kind(period)
            kinds = latest.setdefault(jurisdiction, {})
            current = kinds.get(series)
            if current is None or period_bounds(period)[0] > period_bounds(current)[0]:
                kinds[series] = period
    return latest


def _resume_period(
    row: dict[str, Any], planned: dict[str, str], series: str, every: str, today: date
) -> str:
    """Where this round starts planning: at the latest period planned (so a round's cost does
    not grow with the years behind it), else from the period the jurisdiction was first seen
    in. A kind of bulletin new to a jurisdiction that already has others (a pack that gained
    an entry, or this notifier's upgrade) starts with the current period: bulletins for
    periods long past would all go out at once, stale, on the day it is deployed."""
    if series in planned:
        return planned[series]
    if planned:
        return period_of(today, every)
    seen = from_db(row["seen_at"]).astimezone(SHANGHAI).date()  # type: ignore[union-attr]
    return period_of(seen, every)


def _payload(one: Planned, period: str) -> dict[str, Any]:
    """What the build needs, fixed when planned. Sections and recipients only for entries
    that name them, so the monthly bulletins' rows stay as they were."""
    entry = one.entry
    payload: dict[str, Any] = {
        "jurisdiction": one.row["code"],
        "name": one.row["name"],
        "period": period,
        "entry": entry.id,
        "title_zh": entry.title_zh,
        "source": entry.source,
    }
    if one.report:
        payload["report"] = one.report
    if entry.sections:
        payload["sections"] = list(entry.sections)
    if entry.recipients:
        payload["recipients"] = [r.model_dump() for r in entry.recipients]
    return payload
