"""Builders shared by the deadline tests (this module holds no tests)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from shared.calendar import WorkCalendar
from shared.deadlines import CaseEvent, Deadline, derive_deadlines
from shared.rulepacks import PackLibrary
from shared.rulepacks.library import SHANGHAI

LIB = PackLibrary.load()
CAL = WorkCalendar.official()
RECORDED = datetime(2025, 9, 1, 9, 0, tzinfo=SHANGHAI)


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def case(*items: tuple[str, dict[str, Any]]) -> list[CaseEvent]:
    """Events at positions 1, 2, ...; a CaseFiled is not needed by any rule."""
    return [CaseEvent(i, kind, data, RECORDED) for i, (kind, data) in enumerate(items, 1)]


def served(kind: str, day: str, hearing: str | None = None) -> tuple[str, dict[str, Any]]:
    return "DocumentServed", {"kind": kind, "served_date": day, "hearing_date": hearing}


def judgment(day: str, outcome: str, duty_due: str | None = None) -> tuple[str, dict[str, Any]]:
    body: dict[str, Any] = {"instance": "first", "kind": "judgment", "outcome": outcome}
    body |= {"loss_type": None, "performance_duty": duty_due is not None}
    body["performance_due_date"] = duty_due
    return "JudgmentServed", {"judgment": body, "served_date": day}


def effective(day: str) -> tuple[str, dict[str, Any]]:
    return "JudgmentEffective", {"effective_date": day}


def derive(pack_id: str, events: list[CaseEvent]) -> dict[str, Deadline]:
    return {dl.key: dl for dl in derive_deadlines(events, LIB, CAL, pack_id=pack_id)}
