"""Deadline, preview and calendar bodies."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from case_api.platform.http.schemas import Instant


class Explanation(BaseModel):
    start: date
    raw_end: date
    due_date: date
    offset: int
    unit: str
    direction: str
    skipped_rest_days: list[date]
    provisional: bool
    provisional_reason: str | None
    steps: list[str] = Field(description="How the date was reached, one step a line")


class Deadline(BaseModel):
    key: str = Field(description="Stable: rule@trigger position")
    case_id: str
    rule_id: str
    kind: str
    title: str
    title_zh: str
    source: str = Field(description="The legal source clause")
    pack: str
    pack_version: int
    actor: str
    agency: str
    trigger_date: date
    due_date: date
    provisional: bool
    provisional_reason: str | None
    status: Literal["open", "met", "met_late", "missed", "waived"]
    status_reason: str | None
    satisfied_date: date | None
    explanation: Explanation
    reminders: list[int] = Field(description="Days before the due date a reminder goes out")
    escalation: list[str]


class AppearanceDuty(BaseModel):
    required: Literal["none", "head", "principal_head"]
    reasons: list[str]


class CaseDeadlines(BaseModel):
    case_id: str
    appearance_duty: AppearanceDuty
    deadlines: list[Deadline]


class DeadlineList(BaseModel):
    items: list[Deadline]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page"
    )


class Preview(BaseModel):
    due_date: date
    provisional: bool
    provisional_reason: str | None
    rule: dict[str, Any] | None = Field(None, description="The pack rule used, if any")
    explanation: Explanation


class LoadSchedule(BaseModel):
    """The State Council's schedule for a year (国务院办公厅关于节假日安排的通知)."""

    model_config = ConfigDict(extra="forbid")
    holidays: list[date] = Field(max_length=80, description="Every rest day of a holiday block")
    makeup_workdays: list[date] = Field(max_length=20, description="调休上班 weekend days")
    source: str = Field(min_length=1, max_length=256, examples=["国办发明电〔2026〕X号"])
    reason: str = Field(min_length=1, max_length=2000, examples=["2027年节假日安排公布"])


class Schedule(BaseModel):
    year: int
    holidays: list[date]
    makeup_workdays: list[date]
    source: str
    loaded: Literal["shipped", "administrator"]
    reason: str | None = None
    loaded_at: Instant | None = None


class DeadlineChange(BaseModel):
    position: int
    year: int
    case_id: str
    deadline_key: str
    rule_id: str
    agency: str
    old_due_date: date
    new_due_date: date
    old_provisional: bool
    new_provisional: bool
