"""Request bodies of the write endpoints. Field names are the event's; dates are local dates."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocumentKindIn = Literal[
    "complaint_copy",
    "notice_to_respond",
    "summons",
    "appeal_petition",
    "mediation_document",
    "judicial_suggestion",
]
Text = Field(default="", max_length=4000)


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DefendantAgency(Body):
    agency_id: str = Field(min_length=1, max_length=64, description="Registered agency code")
    role: Literal["implementing", "nominal"] = Field(description="实施主体 / 名义主体")


class FileCase(Body):
    """立案登记: the court's case number and the defendant agencies."""

    court: str = Field(min_length=1, max_length=128, examples=["gz-tianhe-court"])
    case_number: str = Field(min_length=1, max_length=128, examples=["（2025）粤0106行初123号"])
    agencies: list[DefendantAgency] = Field(min_length=1, max_length=20)
    subject_matter: str = Field(min_length=1, max_length=2000, examples=["工伤认定"])
    plaintiff_count: int = Field(1, ge=1, le=100000)
    filed_date: date
    flags: list[
        Literal[
            "major_public_interest",
            "mass_incident_risk",
            "high_attention",
            "high_loss_risk",
            "court_suggests_head",
            "bureau_suggests_head",
            "county_government_defendant",
        ]
    ] = Field(default_factory=list, max_length=10)


class ServeDocument(Body):
    """文书送达. Judgments and rulings go through /judgments, with their outcome."""

    kind: DocumentKindIn
    served_date: date
    hearing_date: date | None = Field(None, description="Required for a summons (传票)")
    document_number: str = Field("", max_length=128)


class ReportToBureau(Body):
    """报备: register a document or fact with the judicial bureau."""

    subject: Literal[
        "complaint_copy",
        "notice_to_respond",
        "summons",
        "appeal_petition",
        "judgment",
        "ruling",
        "effective_judgment",
        "appearing_heads",
        "response_plan",
        "risk_report",
    ]
    reported_date: date


class SubmitAnswer(Body):
    """答辩状及证据提交."""

    submitted_date: date
    evidence_submitted: bool = True


class ScheduleHearing(Body):
    hearing_date: date
    location: str = Field("", max_length=256)


class Appearance(Body):
    name: str = Field(min_length=1, max_length=64)
    role: Literal["principal_head", "deputy_head", "staff", "lawyer"]
    title: str = Field("", max_length=128)
    spoke_in_court: bool = False


class RecordAppearance(Body):
    """出庭应诉: who appeared at a scheduled hearing."""

    hearing_date: date
    appearances: list[Appearance] = Field(min_length=1, max_length=20)


class SubmitFeedback(Body):
    """反馈: tell the bureau the day after an answer, hearing or performance."""

    subject: Literal["answer", "hearing", "performance"]
    feedback_date: date
    note: str = Text


class FlagRisk(Body):
    level: Literal["low", "medium", "high"]
    description: str = Field(min_length=1, max_length=4000)
    found_date: date


class AttemptMediation(Body):
    attempted_date: date
    note: str = Text


class Conclude(Body):
    """撤诉 / 调解结案."""

    conclusion: Literal["withdrawn", "mediated"]
    concluded_date: date


class Judgment(Body):
    instance: Literal["first", "second", "retrial"]
    kind: Literal["judgment", "ruling"] = "judgment"
    outcome: Literal["won", "lost", "dismissed"]
    loss_type: (
        Literal[
            "revoked",
            "partly_revoked",
            "confirmed_illegal",
            "confirmed_void",
            "changed",
            "ordered_to_perform",
            "ordered_to_compensate",
            "other",
        ]
        | None
    ) = None
    performance_duty: bool = False
    performance_due_date: date | None = None
    document_number: str = Field("", max_length=128)


class ServeJudgment(Body):
    """裁判送达: the judgment or ruling with its outcome for the agency."""

    judgment: Judgment
    served_date: date


class FileAppeal(Body):
    appellant: Literal["agency", "plaintiff", "both"]
    filed_date: date


class MakeEffective(Body):
    effective_date: date


class CompletePerformance(Body):
    completed_date: date
    note: str = Text


class RequireRemediation(Body):
    """补救: a deadline was missed; the case shows it until remediation is recorded."""

    deadline: str = Field(min_length=1, max_length=128, description="Deadline key or kind")
    reason: str = Text


class RecordRemediation(Body):
    deadline: str = Field(min_length=1, max_length=128)
    measures: str = Field(min_length=1, max_length=4000)


class SubmitLossReport(Body):
    submitted_date: date
    summary: str = Field(min_length=1, max_length=20000)


class ReviewReport(Body):
    result: Literal["approved", "returned"]
    opinion: str = Text
    reviewed_date: date


class CloseCase(Body):
    closed_date: date
