"""Loading a year's holiday schedule: validated, then recorded as an event."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from case_api.deadlines.calendar import ScheduleLoad
from case_api.platform.domain_errors import InvalidValue
from case_api.platform.groupcommit import GroupCommitter
from shared.calendar import ScheduleInvalid, YearSchedule


def load_schedule(
    committer: GroupCommitter,
    *,
    year: int,
    holidays: list[date],
    makeup_workdays: list[date],
    source: str,
    reason: str,
    meta: dict[str, Any],
) -> int:
    # The same parse the read side applies to the recorded event: what it would refuse later
    # (a date listed twice, a blank source) must be refused now, before anything is recorded.
    recorded = {
        "year": year,
        "source": source,
        "holidays": [d.isoformat() for d in holidays],
        "makeup_workdays": [d.isoformat() for d in makeup_workdays],
    }
    try:
        YearSchedule.from_dict(recorded)
    except ScheduleInvalid as error:
        raise InvalidValue(
            "schedule-invalid", str(error), f"节假日安排无效：{error}", year=year
        ) from None
    load = ScheduleLoad(
        id=uuid4(),
        year=year,
        holidays=sorted(holidays),
        makeup_workdays=sorted(makeup_workdays),
        source=source,
        reason=reason,
        meta=meta,
    )
    return committer.save(load)
