"""The official schedules shipped with the code (``data/<year>.json``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from shared.calendar.schedule import YearSchedule
from shared.calendar.work_calendar import WorkCalendar


@cache
def load_official_schedules() -> tuple[YearSchedule, ...]:
    """Parse every shipped year file once per process; schedules are immutable."""
    data_dir = resources.files("shared.calendar").joinpath("data")
    files = sorted(
        (entry for entry in data_dir.iterdir() if entry.name.endswith(".json")),
        key=lambda entry: entry.name,
    )
    schedules = []
    for entry in files:
        schedule = YearSchedule.from_dict(json.loads(entry.read_text(encoding="utf-8")))
        if entry.name != f"{schedule.year}.json":
            raise ValueError(f"{entry.name} holds the schedule of {schedule.year}")
        schedules.append(schedule)
    return tuple(schedules)


@cache
def official_calendar() -> WorkCalendar:
    return WorkCalendar(load_official_schedules())
