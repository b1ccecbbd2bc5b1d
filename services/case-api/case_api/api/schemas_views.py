"""Response bodies."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

# SQLite hands back naive datetimes; every stored instant is UTC.
Instant = Annotated[datetime, AfterValidator(lambda v: v if v.tzinfo else v.replace(tzinfo=UTC))]


class CommandResult(BaseModel):
    """Where a write landed: pass ``position`` as ``min_position`` to read it back."""

    case_id: str
    version: int = Field(description="The case's version after the write (also the ETag)")
    position: int = Field(description="Position of the write in the event feed")
    status: str
    replayed: bool = Field(False, description="True when an earlier identical request is answered")
    chain_head: str | None = Field(
        None, description="Hash of the case's newest event (sha256:hex), for receipts"
    )


class RegistryResult(BaseModel):
    code: str
    position: int


class CaseSummary(BaseModel):
    case_id: str
    case_number: str
    court: str
    status: str
    agency: str = Field(description="The implementing agency (实施主体)")
    agencies: list[dict[str, str]]
    jurisdiction: str
    jurisdiction_path: str
    pack: str
    subject_matter: str
    plaintiff_count: int
    flags: list[str]
    filed_date: date
    instance: str
    outcome: str | None
    loss_type: str | None
    effective_date: date | None
    closed_date: date | None
    conclusion: str | None
    concluded_date: date | None
    hearing_date: date | None
    next_deadline_date: date | None
    next_deadline_rule: str | None
    overdue: bool = False
    remediation_required: list[str]
    report_state: str
    version: int
    last_position: int
    updated_at: Instant


class CaseDetail(CaseSummary):
    chain_head: str | None = Field(
        description="Hash of the event at `version` (sha256:hex): keep it to detect later "
        "alteration with GET /v1/cases/{id}/verify"
    )


class CaseList(BaseModel):
    items: list[CaseSummary]
    next_cursor: str | None = Field(None, description="Pass as ?cursor= for the next page")


class TimelineEvent(BaseModel):
    position: int
    stream_id: str
    stream_type: Literal["case", "agency", "jurisdiction", "calendar"]
    version: int
    type: str
    recorded_at: Instant
    data: dict[str, Any]
    meta: dict[str, Any] = Field(description="Who acted: principal_id, role, agency, source")


class Timeline(BaseModel):
    case_id: str
    events: list[TimelineEvent]


class FeedPage(BaseModel):
    events: list[TimelineEvent]
    last_position: int = Field(description="Resume with ?after=last_position")
    head: int = Field(description="How far the feed reaches now")


class Jurisdiction(BaseModel):
    code: str
    name: str
    level: str
    parent: str | None
    path: str
    pack: str


class Agency(BaseModel):
    code: str
    name: str
    jurisdiction: str
    level: str


class Health(BaseModel):
    status: str
    checks: dict[str, str] = {}
