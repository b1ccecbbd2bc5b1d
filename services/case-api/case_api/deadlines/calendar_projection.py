"""A loaded holiday schedule, kept for the deadline projection to apply after the batch."""

from __future__ import annotations

from case_api.deadlines.calendar import ScheduleLoad
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event


@apply_event.register
def _(event: ScheduleLoad.HolidayScheduleLoaded, batch: Batch) -> None:
    batch.calendar_loads.append(
        {
            "year": event.year,
            "schedule": {
                "year": event.year,
                "holidays": [d.isoformat() for d in event.holidays],
                "makeup_workdays": [d.isoformat() for d in event.makeup_workdays],
                "source": event.source,
            },
            "reason": event.reason,
            "position": batch.position,
            "loaded_at": event.timestamp,
        }
    )
