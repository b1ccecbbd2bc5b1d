"""Loading or correcting a year's official holiday schedule at run time.

The State Council publishes the next year's schedule each November; an administrator loads it
without a release. Every load is its own event (a new stream), so the change is audited and a
rebuild replays loads in order; the latest load of a year wins (DOMAIN.md §4).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from case_api.chain.domain import ChainedAggregate, register_former_module


class ScheduleLoad(ChainedAggregate):
    @event("HolidayScheduleLoaded")
    def __init__(
        self,
        *,
        id: UUID,  # noqa: A002 - the library's name; not stored in the event
        year: int,
        holidays: list[date],
        makeup_workdays: list[date],
        source: str,
        reason: str,
        meta: dict[str, Any],
    ) -> None:
        self.year = year


register_former_module("case_api.domain.calendar", __name__)
