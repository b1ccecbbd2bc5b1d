"""Response bodies of case reads: summaries, lists and timelines."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from case_api.platform.http.schemas import Instant


class ResponseLead(BaseModel):
    """The lead of the latest response plan and the pack clause that makes them lead."""

    name: str
    post: str
    basis: str = Field(description="The circumstance that names the lead, or ordinary")
    basis_source: str
    plan_date: date


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
    proceeding_kind: str = Field(
        "administrative_suit",
        description="administrative_suit 行政诉讼 / reconsideration 行政复议 / civil_suit 民事诉讼"
        " / agency_plaintiff 本单位起诉",
    )
    reconsideration_outcome: str | None = Field(
        None, description="A reconsideration decision's outcome (维持/撤销/变更/确认违法/责令履行)"
    )
    response_lead: ResponseLead | None = Field(
        None, description="Who leads the response, by the latest response plan (应诉方案)"
    )
    instance: str
    outcome: str | None
    loss_type: str | None
    effective_date: date | None
    effective_date_derived: date | None = Field(
        None, description="The day after the last party's appeal period (none appealing)"
    )
    effective_date_mismatch: bool | None = Field(
        None, description="The court's effective date differs from the derived one (flagged)"
    )
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
    stream_type: Literal["case", "agency", "jurisdiction", "calendar", "mediation"]
    version: int
    type: str
    recorded_at: Instant
    data: dict[str, Any]
    meta: dict[str, Any] = Field(description="Who acted: principal_id, role, agency, source")
    corrected_by: list[int] = Field(
        default_factory=list, description="Versions of the corrections of this fact"
    )
    corrected_data: dict[str, Any] | None = Field(
        None, description="The data as corrected (``data`` stays as first recorded)"
    )
    retracted_by: int | None = Field(None, description="Version of its retraction")


class Timeline(BaseModel):
    case_id: str
    events: list[TimelineEvent]


class Suggestion(BaseModel):
    """司法建议 / 检察建议 served on the case, the agency's reply, and its reply deadline."""

    number: str = Field(description="建议书文号")
    issuer: Literal["court", "procuratorate"]
    issuer_name: str
    content: str = Field(description="建议内容")
    served_date: date
    reply_due_date: date | None = Field(description="The reply date the suggestion states")
    reply_date: date | None
    reply_content: str | None = Field(description="回复内容")
    deadline_key: str | None = Field(description="The reply deadline; null if the pack sets none")
    due_date: date | None
    deadline_status: str | None = Field(description="open, met, met_late, missed (as of today)")
    source: str | None = Field(description="The clause the reply period comes from")


class Suggestions(BaseModel):
    case_id: str
    suggestions: list[Suggestion]
