"""Response body of a case's loss analysis report (败诉分析报告), its versions and steps."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

ReportState = Literal["none", "draft", "returned", "submitted", "approved", "returned_by_bureau"]


class Requirement(BaseModel):
    id: str
    title: str
    title_zh: str
    source: str = Field(description="The clause that requires it")


class RequiredSection(Requirement):
    required: bool = Field(description="Required of this case (a plan only where to perform)")


class ReportStep(BaseModel):
    step: Literal["legal_office_review", "collective_discussion", "principal_approval"]
    result: Literal["approved", "returned"]
    step_date: date
    opinion: str = Field(description="审核/审批意见; the reasons where returned")
    by: str | None = Field(description="Who recorded it")


class BureauReview(BaseModel):
    result: Literal["approved", "returned"]
    opinion: str
    reviewed_date: date


class ReportVersion(BaseModel):
    version: int
    state: ReportState
    sections: dict[str, str] = Field(description="Content by section id (none: summary only)")
    drafted_date: date | None
    major_case: bool = Field(description="Declared major by the agency when drafting")
    steps: list[ReportStep]
    submitted_date: date | None = Field(description="When it reached the bureau")
    summary: str | None
    bureau_review: BureauReview | None


class LossReport(BaseModel):
    case_id: str
    pack: str
    state: ReportState = Field(
        description="none, draft (in its steps), returned (by a step, to revise), submitted "
        "(to the bureau), approved or returned_by_bureau (the bureau's review)"
    )
    major_case: bool = Field(description="重大案件: declared, or by a filing flag the pack names")
    required_sections: list[RequiredSection]
    required_steps: list[Requirement] = Field(description="In order, as the pack requires")
    pending_steps: list[str] = Field(description="Steps the current draft still needs")
    versions: list[ReportVersion] = Field(description="Oldest first; every version is kept")
