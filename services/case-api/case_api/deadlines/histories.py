"""Cases' histories as the deadline engine takes them: from the timeline table, or from the
batch itself for cases filed in it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from case_api.cases.tables import case_timeline
from case_api.readmodel.batch import Batch
from shared.deadlines.model import CaseEvent

CHUNK = 500
"""Case ids per ``IN (...)``: a calendar load may touch every open case in the country."""


def chunked(ids: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def case_events(conn: Connection, case_ids: set[str]) -> dict[str, list[CaseEvent]]:
    t = case_timeline.c
    events: dict[str, list[CaseEvent]] = defaultdict(list)
    for chunk in chunked(sorted(case_ids)):
        query = (
            select(t.stream_id, t.position, t.version, t.type, t.data, t.recorded_at)
            .where(t.stream_id.in_(chunk))
            .order_by(t.position)
        )
        for row in conn.execute(query):
            events[row.stream_id].append(
                CaseEvent(row.position, row.type, row.data, _aware(row.recorded_at), row.version)
            )
    return events


def whole_in_batch(batch: Batch) -> dict[str, list[CaseEvent]]:
    """Histories of the cases filed in this batch: all their events are in it (a rebuild's
    common case), so they need not be read back from the timeline table."""
    rows = [r for r in batch.timeline if r["stream_type"] == "case"]
    filed_here = {r["stream_id"] for r in rows if r["version"] == 1}
    events: dict[str, list[CaseEvent]] = defaultdict(list)
    for r in rows:
        if r["stream_id"] in filed_here:
            events[r["stream_id"]].append(
                CaseEvent(r["position"], r["type"], r["data"], r["recorded_at"], r["version"])
            )
    return dict(events)


def _aware(at: datetime) -> datetime:
    # SQLite hands back the stored UTC wall time without its zone; the Shanghai date of an
    # event recorded after 16:00 UTC is the next day, so the zone must not be lost.
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
