"""A deadline keeps the pack version of its trigger; reminders never land on a rest day."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from shared.calendar import WorkCalendar
from shared.deadlines import CaseEvent, derive_deadlines, reminder_dates
from shared.rulepacks import PackLibrary
from shared.rulepacks.library import SHANGHAI
from shared.rulepacks.loading import shipped_directory

CAL = WorkCalendar.official()
SHIPPED = Path(str(shipped_directory()))


def _guangzhou_v2(tmp_path: Path) -> PackLibrary:
    """Shipped statutory and guangzhou v1, plus a v2 from 2026 reporting within 3 days."""
    for pack_id in ("statutory", "guangzhou"):
        shutil.copytree(SHIPPED / pack_id, tmp_path / pack_id)
    v1 = (tmp_path / "guangzhou" / "v1.yaml").read_text(encoding="utf-8")
    v2 = v1.replace("version: 1", "version: 2", 1).replace("2021-01-01", "2026-01-01", 1)
    v2 = v2.replace("offset: 2", "offset: 3")
    (tmp_path / "guangzhou" / "v2.yaml").write_text(v2, encoding="utf-8")
    return PackLibrary.load(tmp_path)


def _served(position: int, day: str, recorded: datetime) -> CaseEvent:
    data = {"kind": "notice_to_respond", "served_date": day, "hearing_date": None}
    return CaseEvent(position, "DocumentServed", data, recorded)


def test_a_deadline_keeps_the_version_in_effect_when_its_trigger_was_recorded(
    tmp_path: Path,
) -> None:
    library = _guangzhou_v2(tmp_path)
    late_2025 = datetime(2025, 12, 31, 18, 0, tzinfo=SHANGHAI)
    early_2026 = datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)
    events = [
        _served(1, "2025-12-29", late_2025),
        CaseEvent(2, "AnswerSubmitted", {"submitted_date": "2026-01-05"}, early_2026),
        _served(3, "2026-01-05", early_2026),
    ]
    found = {dl.key: dl for dl in derive_deadlines(events, library, CAL, pack_id="guangzhou")}
    old, new = found["report_notice@1"], found["report_notice@3"]
    # v1: Mon 2025-12-29 + 2 = Wed 12-31. v2: Mon 2026-01-05 + 3 = Thu 01-08.
    assert (old.pack_version, old.due_date) == (1, date(2025, 12, 31))
    assert (new.pack_version, new.due_date) == (2, date(2026, 1, 8))
    # Recorded in 2026, the answer still counts for the 2025 trigger's deadline.
    assert found["answer@1"].status == "met"


def test_guangzhou_reminders_move_earlier_off_rest_days() -> None:
    library = PackLibrary.load()
    events = [
        CaseEvent(
            1,
            "DocumentServed",
            {"kind": "summons", "served_date": "2025-10-09", "hearing_date": "2025-10-20"},
            datetime(2025, 10, 9, tzinfo=SHANGHAI),
        )
    ]
    deadlines = derive_deadlines(events, library, CAL, pack_id="guangzhou")
    hearing = next(dl for dl in deadlines if dl.rule_id == "hearing")
    policy = library.pack("guangzhou").policy
    reminders = reminder_dates(hearing, CAL, policy)
    # Hearing Mon 10-20: a week before is Mon 10-13; a day before is Sun 10-19 → Fri 10-17.
    assert [(r.days_before, r.on) for r in reminders] == [
        (7, date(2025, 10, 13)),
        (1, date(2025, 10, 17)),
    ]
    assert reminders[0].at == datetime(2025, 10, 13, 9, 0, tzinfo=SHANGHAI)
