"""Deadline, preview and calendar bodies."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from case_api.platform.http.bodies import RequestBody
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


class EndedBy(BaseModel):
    position: int = Field(description="Its position in the feed and the case timeline")
    event: str = Field(examples=["CaseClosed"])


class Deadline(BaseModel):
    key: str = Field(description="Stable: rule@trigger position")
    case_id: str
    case_number: str | None = Field(
        None, description="The court's case number (in lists across cases)"
    )
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
    status_reason: str | None = Field(
        description="Why it is waived or missed (zh-CN first), when an event settled it"
    )
    ended_by: EndedBy | None = Field(
        None, description="The event that settled it otherwise than by meeting it"
    )
    satisfied_date: date | None
    explanation: Explanation
    reminders: list[int] = Field(description="Days before the due date a reminder goes out")
    escalation: list[str]


class AppearanceDuty(BaseModel):
    required: Literal["none", "head", "principal_head"]
    reasons: list[str]


class PartyAppeal(BaseModel):
    party: str
    served_date: date
    appeal_deadline: date | None = Field(description="None for a final judgment")
    explanation: Explanation | None


class JudgmentEffect(BaseModel):
    """生效日期: derived from each party's service and appeal period [行政诉讼法 §85]."""

    judgment_position: int
    kind: Literal["judgment", "ruling"]
    instance: str
    parties: list[PartyAppeal]
    appealed: bool
    derived_effective_date: date | None = Field(
        description="The day after the last party's appeal period; none when appealed"
    )
    steps: list[str]
    source: str
    posted_effective_date: date | None = Field(description="As the court recorded it")
    mismatch: bool = Field(description="The posted date differs from the derived one")


class CaseDeadlines(BaseModel):
    case_id: str
    appearance_duty: AppearanceDuty
    deadlines: list[Deadline]
    judgment_effects: list[JudgmentEffect] = Field(default_factory=list)


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


class LoadSchedule(RequestBody):
    """The State Council's schedule for a year (国务院办公厅关于节假日安排的通知)."""

    holidays: list[date] = Field(
        max_length=80,
        description="Every rest day of a holiday block, each once, all in the year",
        json_schema_extra={"uniqueItems": True},
    )
    makeup_workdays: list[date] = Field(
        max_length=20,
        description="调休上班: Saturdays or Sundays of the year, each once, none a holiday",
        json_schema_extra={"uniqueItems": True},
    )
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
