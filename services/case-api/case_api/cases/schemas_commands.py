"""Request bodies of the write endpoints. Field names are the event's; dates are local dates."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, StringConstraints

from case_api.platform.http.bodies import RequestBody
from case_api.platform.http.schema_rules import required_text, rules, when

DocumentKindIn = Literal[
    "complaint_copy",
    "notice_to_respond",
    "summons",
    "appeal_petition",
    "mediation_document",
    "judicial_suggestion",
]
ProceedingKindIn = Literal[
    "administrative_suit", "reconsideration", "civil_suit", "agency_plaintiff"
]
Text = Field(default="", max_length=4000)
DATED = {"hearing_date": {"type": "string", "format": "date"}}


class Body(RequestBody):
    """A case command's body (``platform.http.bodies``)."""


class DocumentRef(Body):
    """A document uploaded to ``POST /v1/documents``, referenced by its SHA-256."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="As answered by the upload")
    title: str = Field("", max_length=256, examples=["传票"])


# Listing one document twice is refused with the references (`document-listed-twice`), not
# here: JSON Schema cannot say "unique by sha256", and the document must match the checks.
DocumentRefs = list[DocumentRef]
Documents = Field(
    default_factory=list,
    max_length=20,
    description="The served papers, uploaded first; an unknown SHA-256 is `document-not-found`",
)


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
            "appearance_helps_resolution",
        ]
    ] = Field(default_factory=list, max_length=10)
    proceeding_kind: ProceedingKindIn = Field(
        "administrative_suit",
        description="行政诉讼 (administrative_suit, the default), 行政复议 (reconsideration: "
        "case_number is the decision's number, court the reconsideration organ), 民事诉讼 "
        "(civil_suit), or a suit the agency brings (agency_plaintiff). A court case number "
        "of another kind (民初 as an administrative suit, 行初 as a civil one) is refused: "
        "`proceeding-kind-mismatch`",
    )


class ServeDocument(Body):
    """文书送达. Judgments and rulings go through /judgments, with their outcome."""

    model_config = ConfigDict(
        json_schema_extra=rules(
            when("kind", "summons", {"required": ["hearing_date"], "properties": DATED})
        )
    )

    kind: DocumentKindIn
    served_date: date
    hearing_date: date | None = Field(None, description="Required for a summons (传票)")
    document_number: str = Field("", max_length=128)
    documents: DocumentRefs = Documents


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
    replaces: date | None = Field(
        None,
        description="The scheduled hearing this one moves (延期开庭): its appearance duty, "
        "deadline and reminders are withdrawn",
    )


class Appearance(Body):
    name: str = Field(min_length=1, max_length=64)
    role: Literal["principal_head", "deputy_head", "staff", "lawyer"]
    title: str = Field("", max_length=128)
    spoke_in_court: bool = False


class RecordAppearance(Body):
    """出庭应诉: who appeared at a scheduled hearing, and how the agency conducted itself
    [003 二(二)2]: ``refused_to_attend`` (拒不到庭; then nobody is listed) or
    ``left_without_permission`` (未经法庭许可中途退庭). Either counts as not appearing."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {"refused_to_attend": {"const": True}},
                "required": ["refused_to_attend"],
            },
            "then": {
                "properties": {
                    "appearances": {"maxItems": 0},
                    "left_without_permission": {"const": False},
                }
            },
            "else": {"properties": {"appearances": {"minItems": 1}}, "required": ["appearances"]},
        }
    )

    hearing_date: date
    appearances: list[Appearance] = Field(default_factory=list, max_length=20)
    refused_to_attend: bool = False
    left_without_permission: bool = False


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
    """调解: an attempt at mediation, numbered on the case (1, 2, …) in the order recorded.
    ``mediator_id`` names a mediator on the roster (GET /v1/mediation/mediators) serving on
    ``attempted_date``; an unknown one is refused (422 ``unknown-mediator``), one out of
    term too (409 ``mediator-inactive``), and one whose centre does not serve the case's
    place (409 ``mediator-out-of-place``)."""

    attempted_date: date
    note: str = Text
    mediator_id: UUID | None = Field(
        None, description="The mediator on the roster who mediates (调解员)"
    )


class Conclude(Body):
    """撤诉 / 调解结案. ``mediation_attempt`` names the attempt whose agreement ended the
    case: that attempt counts as settled (调解成功)."""

    conclusion: Literal["withdrawn", "mediated"]
    concluded_date: date
    documents: DocumentRefs = Documents
    mediation_attempt: int | None = Field(
        None, ge=1, le=1000, description="Number of the mediation attempt that settled the case"
    )


class RecordMediationFailure(Body):
    """调解不成: the attempt ``attempt`` ended without agreement."""

    attempt: int = Field(ge=1, le=1000, description="Number of the mediation attempt")
    failed_date: date
    note: str = Text


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


class PartyService(Body):
    party: str = Field(min_length=1, max_length=128, examples=["原告张三"])
    served_date: date


class ServeJudgment(Body):
    """裁判送达: the judgment or ruling with its outcome for the agency. ``served_date`` is the
    service on the agency; ``party_service`` may add each other party's, from which that
    party's appeal period runs (the deadlines show the effective date derived from them)."""

    judgment: Judgment
    served_date: date
    documents: DocumentRefs = Documents
    party_service: list[PartyService] = Field(default_factory=list, max_length=50)


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


CLOSED = {"additionalProperties": False}
"""Field names follow the pattern: JSON Schema's ``patternProperties`` alone would allow others."""
SectionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Sections = Annotated[
    dict[SectionId, Annotated[str, Field(max_length=20000)]],
    Field(max_length=20, json_schema_extra=CLOSED),
]
SECTIONS_DOC = (
    "The report's content by section id, as the case's pack lists them (GET "
    "/v1/cases/{case_id}/loss-reports: required_sections); a missing one is refused."
)


class DraftLossReport(Body):
    """起草 / 修改败诉分析报告: a new version of the report, which then goes through the steps
    the pack requires inside the agency (审核, 集体讨论, 审批) before it is submitted."""

    drafted_date: date
    sections: Sections = Field(description=SECTIONS_DOC)
    major_case: bool = Field(
        False, description="重大案件: the agency deems the case major (collective discussion)"
    )


class RecordLossReportStep(Body):
    """法制机构审核 / 集体讨论 / 主要负责人审批 of the current draft; ``returned`` sends it
    back with the reasons, and a revised draft starts the steps again."""

    model_config = ConfigDict(
        json_schema_extra=rules(when("result", "returned", required_text("opinion")))
    )

    step: Literal["legal_office_review", "collective_discussion", "principal_approval"]
    result: Literal["approved", "returned"]
    step_date: date
    opinion: str = Text


class SubmitLossReport(Body):
    """报送: the report reaches the bureau. Where the pack requires steps, the current draft
    once it has passed them all; otherwise the report may be given whole (``sections``)."""

    submitted_date: date
    summary: str = Field(min_length=1, max_length=20000)
    sections: Sections | None = Field(None, description=SECTIONS_DOC)


class ReviewReport(Body):
    result: Literal["approved", "returned"]
    opinion: str = Text
    reviewed_date: date


class CloseCase(Body):
    closed_date: date


class BriefLeadership(Body):
    """向分管副县长请示或报告 [002 第七条]: the principal head briefed the leader in charge."""

    briefed_date: date
    leader: str = Field("", max_length=128, description="Who was briefed (分管副县长)")
    note: str = Text


class ReportBeforeSuing(Body):
    """提起诉讼前请示或报告 [002 第七条]: before the agency sued, its principal head reported
    to the deputy county head in charge. Only for a suit the agency brings (agency_plaintiff)."""

    reported_date: date
    reported_to: str = Field("", max_length=128, description="Who was reported to (分管副县长)")
    note: str = Text


class DecideReconsideration(Body):
    """行政复议决定送达: the reconsideration decision, effective once served. Whether its
    outcome counts as a loss is the pack's (Jinzhai [001 三]). Only for reconsideration cases."""

    outcome: Literal["upheld", "revoked", "changed", "confirmed_illegal", "ordered_to_act"] = Field(
        description="维持 / 撤销 / 变更 / 确认违法 / 责令履行"
    )
    served_date: date
    decision_number: str = Field("", max_length=128, examples=["金政复决〔2026〕3号"])
    documents: DocumentRefs = Documents


class ForwardToLeader(Body):
    """转报分管县领导 [003 二(一)3]: the bureau forwarded the agency's filing."""

    forwarded_date: date
    leader: str = Field("", max_length=128, description="The county leader in charge")
    note: str = Text


CorrectedField = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z_]*(\.[a-z][a-z_]*)?$", max_length=64)
]
"""A field as the event names it; ``judgment.x`` for a nested one."""
CorrectedScalar = Annotated[str, Field(max_length=4000)] | int | bool | None
CorrectedValue = (
    CorrectedScalar
    | Annotated[
        list[
            Annotated[
                dict[CorrectedField, CorrectedScalar],
                Field(max_length=10, json_schema_extra=CLOSED),
            ]
        ],
        Field(max_length=50),
    ]
)
"""What a corrected field may hold: a date or text, a flag, or a list of small records (the
people who appeared, the parties served); which field takes which is the event's to say."""


class RecordSuggestion(Body):
    """司法建议书 / 检察建议书 served on the agency, which must answer it [001 四(四)]
    [004 7-③]. ``reply_due_date``: the reply date the suggestion states, not before
    ``served_date``; without one the pack's default period (two months from service) applies.
    A court records only its own judicial suggestions."""

    issuer: Literal["court", "procuratorate"] = Field(
        description="court 人民法院（司法建议）; procuratorate 人民检察院（检察建议）"
    )
    issuer_name: str = Field(min_length=1, max_length=128, description="出具机关名称")
    number: str = Field(min_length=1, max_length=128, description="建议书文号")
    content: str = Field(min_length=1, max_length=4000, description="建议内容（要求做什么）")
    served_date: date
    reply_due_date: date | None = Field(None, description="建议书载明的回复期限（如有）")


class AnswerSuggestion(Body):
    """The agency's written reply to the suggestion numbered ``number`` (书面回复/反馈)."""

    number: str = Field(min_length=1, max_length=128, description="所回复的建议书文号")
    answered_date: date
    reply: str = Field(min_length=1, max_length=4000, description="回复内容、整改落实情况")


class CorrectFact(Body):
    """更正: new values for fields of an earlier fact of the case, named by its version (the
    timeline's ``version``). Who may correct what, and until when: docs/agencies.md."""

    event_version: int = Field(ge=2, le=1_000_000)
    corrections: dict[CorrectedField, CorrectedValue] = Field(
        min_length=1,
        max_length=10,
        json_schema_extra=CLOSED,
        description="Field → corrected value, named as in the event (`judgment.x` for nested)",
    )
    reason: str = Field(min_length=2, max_length=2000)


class RetractFact(Body):
    """撤回: a fact recorded on the wrong case, named by its version."""

    event_version: int = Field(ge=2, le=1_000_000)
    reason: str = Field(min_length=2, max_length=2000)


EXAMPLES: dict[type[Body], dict] = {
    FileCase: {
        "court": "gz-tianhe-court",
        "case_number": "（2025）粤0106行初123号",
        "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
        "subject_matter": "工伤认定",
        "plaintiff_count": 1,
        "filed_date": "2025-09-20",
        "flags": [],
    },
    ServeDocument: {"kind": "summons", "served_date": "2025-09-22", "hearing_date": "2025-10-20"},
    ReportToBureau: {"subject": "notice_to_respond", "reported_date": "2025-09-23"},
    SubmitAnswer: {"submitted_date": "2025-10-09", "evidence_submitted": True},
    ScheduleHearing: {"hearing_date": "2025-11-05", "location": "第三法庭"},
    RecordAppearance: {
        "hearing_date": "2025-11-05",
        "appearances": [{"name": "李明", "role": "principal_head", "spoke_in_court": True}],
    },
    SubmitFeedback: {"subject": "hearing", "feedback_date": "2025-11-06", "note": "已出庭"},
    FlagRisk: {"level": "high", "description": "原告人数众多", "found_date": "2025-09-25"},
    AttemptMediation: {"attempted_date": "2025-10-15", "note": "组织协调"},
    Conclude: {"conclusion": "withdrawn", "concluded_date": "2025-10-30"},
    RecordMediationFailure: {"attempt": 1, "failed_date": "2025-10-20", "note": "双方分歧较大"},
    ServeJudgment: {
        "judgment": {
            "instance": "first",
            "outcome": "lost",
            "loss_type": "ordered_to_perform",
            "performance_duty": True,
            "performance_due_date": "2026-01-30",
        },
        "served_date": "2025-12-01",
        "party_service": [{"party": "原告张三", "served_date": "2025-12-03"}],
    },
    FileAppeal: {"appellant": "agency", "filed_date": "2025-12-10"},
    MakeEffective: {"effective_date": "2025-12-17"},
    CompletePerformance: {"completed_date": "2026-01-20", "note": "已重新作出决定"},
    RequireRemediation: {"deadline": "answer", "reason": "答辩期限已过未提交答辩状"},
    RecordRemediation: {"deadline": "answer", "measures": "已向法院申请补充提交"},
    DraftLossReport: {
        "drafted_date": "2025-12-18",
        "sections": {
            "loss_analysis": "事实认定不清导致败诉",
            "performance_plan": "2026年1月底前重新作出工伤认定决定",
        },
        "major_case": False,
    },
    RecordLossReportStep: {
        "step": "legal_office_review",
        "result": "approved",
        "step_date": "2025-12-19",
        "opinion": "同意",
    },
    SubmitLossReport: {"submitted_date": "2025-12-20", "summary": "事实认定不清导致败诉"},
    ReviewReport: {
        "result": "returned",
        "opinion": "请补充整改措施",
        "reviewed_date": "2025-12-25",
    },
    CloseCase: {"closed_date": "2026-01-25"},
    BriefLeadership: {"briefed_date": "2025-09-23", "leader": "王副县长", "note": "当面汇报"},
    ForwardToLeader: {"forwarded_date": "2025-10-10", "leader": "王副县长"},
    RecordSuggestion: {
        "issuer": "court",
        "issuer_name": "广州铁路运输中级法院",
        "number": "（2025）粤71司建3号",
        "content": "建议规范工伤认定调查程序，加强证据审查",
        "served_date": "2025-12-05",
    },
    AnswerSuggestion: {
        "number": "（2025）粤71司建3号",
        "answered_date": "2026-01-20",
        "reply": "已修订工伤认定调查工作规程并组织培训",
    },
    ReportBeforeSuing: {
        "reported_date": "2025-09-18",
        "reported_to": "王副县长",
        "note": "请示起诉",
    },
    DecideReconsideration: {
        "outcome": "revoked",
        "served_date": "2025-12-01",
        "decision_number": "金政复决〔2025〕3号",
    },
    CorrectFact: {
        "event_version": 3,
        "corrections": {"served_date": "2025-09-22"},
        "reason": "送达日期录入错误，以送达回证为准",
    },
    RetractFact: {"event_version": 5, "reason": "出庭情况误录入本案，应属（2025）粤0106行初124号"},
}


def example_of(schema: type[Body]) -> dict:
    """The request example shown in the OpenAPI document."""
    return {"default": {"summary": schema.__name__, "value": EXAMPLES[schema]}}
