"""The case event types a rule pack may reference (DOMAIN.md §3-4).

A rule names an event type, filters on its fields (``when: {kind: [summons]}``) and reads a
date from it (``date_field: served_date``). Loading a pack checks every such reference against
this catalogue, so a misspelt event or field fails at start-up instead of never firing.

Existing types mirror the events of ``case_api.cases.aggregate.Case`` as stored (dates as ISO
strings; nested fields as ``judgment.outcome``). Types with ``planned=True`` are steps the
regulations time but the case aggregate does not record yet: a rule may be triggered by one,
but never met by one (a deadline nobody can meet is refused when the pack loads).
``recorded_by`` names the rule actors whose API role records the event, so a pack is also
refused when a rule's actor could not record any event that meets it.

``FactCorrected`` and ``FactRetracted`` (``CORRECTIONS``) are not in the catalogue: they change
the facts of an earlier event, and the deadline engine applies them before any rule reads the
case (``shared.deadlines.corrections``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Scalar = str | bool | int
Vocabulary = tuple[Scalar, ...] | None
"""The values a field may take; None when any value is allowed (names, counts, free text)."""

DOCUMENT_KINDS = (
    "complaint_copy",  # 起诉状副本
    "notice_to_respond",  # 应诉通知书
    "summons",  # 传票
    "appeal_petition",  # 上诉状
    "mediation_document",  # 调解书
    "judicial_suggestion",  # 司法建议
)
REPORT_SUBJECTS = (
    *DOCUMENT_KINDS[:4],
    "judgment",
    "ruling",
    "effective_judgment",
    "appearing_heads",  # 出庭负责人名单 [003 二(二)2]
    "response_plan",  # 应诉方案 [002 第七条]
    "risk_report",  # 败诉风险分析报告 [003 二(三)2]
)
FEEDBACK_SUBJECTS = ("answer", "hearing", "performance")
INSTANCES = ("first", "second", "retrial")
JUDGMENT_KINDS = ("judgment", "ruling")
OUTCOMES = ("won", "lost", "dismissed")
LOSS_TYPES = (
    "revoked",
    "partly_revoked",
    "confirmed_illegal",
    "confirmed_void",
    "changed",
    "ordered_to_perform",
    "ordered_to_compensate",
    "other",
)
REVIEW_RESULTS = ("approved", "returned")
LOSS_REPORT_STEPS = ("legal_office_review", "collective_discussion", "principal_approval")
CONCLUSIONS = ("withdrawn", "mediated")
DECISIONS = ("sanction", "no_accountability", "exemption", "fault_tolerance")
PARTY_KINDS = ("person", "unit")
APPEAL_OUTCOMES = ("upheld", "changed", "revoked")
UNIT_POSITIONS = ("concur", "dissent")  # a unit's position in a joint review
LEVELS = ("province", "city", "county", "township")  # of a jurisdiction, hence of its bureau
SUGGESTION_ISSUERS = ("court", "procuratorate")  # 司法建议 / 检察建议
CORRECTIONS = ("FactCorrected", "FactRetracted")
PROCEEDING_KINDS = ("administrative_suit", "reconsideration", "civil_suit", "agency_plaintiff")
RECONSIDERATION_OUTCOMES = ("upheld", "revoked", "changed", "confirmed_illegal", "ordered_to_act")
BOOLS: tuple[Scalar, ...] = (True, False)

_JUDGMENT: dict[str, Vocabulary] = {
    "judgment.instance": INSTANCES,
    "judgment.kind": JUDGMENT_KINDS,
    "judgment.outcome": OUTCOMES,
    "judgment.loss_type": LOSS_TYPES,
    "judgment.performance_duty": BOOLS,
}


@dataclass(frozen=True, eq=False)
class EventType:
    """What a rule may read from one event type.

    ``context`` maps a field to the earlier event type it is copied from: a judgment becoming
    effective records only its date, so the engine adds the latest served ``judgment`` to it.
    """

    name: str
    date_fields: tuple[str, ...] = ()
    fields: Mapping[str, Vocabulary] = field(default_factory=dict)
    context: Mapping[str, str] = field(default_factory=dict)
    planned: bool = False
    doc: str = ""
    recorded_by: tuple[str, ...] = ()
    """Rule actors (``agency``, ``bureau``, ``court``, ``organ``, ``deciding_organ``) whose API
    role records the event; ``tests/case_api/test_rules_can_be_met.py`` holds it to the access
    rules."""

    def knows(self, path: str) -> bool:
        """Whether ``path`` is a date or filterable field (usable in ``same`` correlations)."""
        return path in self.fields or path in self.date_fields


def _done(
    name: str, date_field: str, doc: str, by: tuple[str, ...], **fields: Vocabulary
) -> EventType:
    """A formerly planned type the aggregate now records (the doc keeps its source)."""
    return EventType(name, (date_field,), fields, doc=doc, recorded_by=by)


AGENCY, BUREAU, COURT = ("agency",), ("bureau",), ("court",)
ORGANS = ("bureau", "organ", "deciding_organ")  # the bureau, discipline and personnel organs

_TYPES = (
    EventType(
        "CaseFiled",
        ("filed_date",),
        {
            "pack": None,
            "jurisdiction": None,
            "plaintiff_count": None,
            "flags": None,
            "proceeding_kind": PROCEEDING_KINDS,
        },
        doc="A filing stored before proceeding_kind was kept is an administrative suit; such"
        " an event has no proceeding_kind for a rule to match.",
        recorded_by=("court", "agency", "bureau"),
    ),
    EventType(
        "ReconsiderationDecided",
        ("served_date",),
        {"outcome": RECONSIDERATION_OUTCOMES, "counts_as_loss": BOOLS},
        doc="A reconsideration decision (行政复议决定) served with its outcome; counts_as_loss:"
        " the pack counts the outcome as a loss [001 三].",
        recorded_by=("agency", "bureau"),
    ),
    EventType(
        "PreSuitReported",
        ("reported_date",),
        doc="Before suing, the unit's principal head reported to the deputy county head in"
        " charge (提起诉讼前请示或报告) [002 第七条].",
        recorded_by=AGENCY,
    ),
    EventType(
        "DocumentServed",
        ("served_date", "hearing_date"),
        {"kind": DOCUMENT_KINDS},
        recorded_by=COURT,
    ),
    EventType(
        "ReportedToBureau", ("reported_date",), {"subject": REPORT_SUBJECTS}, recorded_by=AGENCY
    ),
    EventType(
        "AnswerSubmitted", ("submitted_date",), {"evidence_submitted": BOOLS}, recorded_by=AGENCY
    ),
    EventType(
        "HearingScheduled", ("hearing_date", "replaces"), {"location": None}, recorded_by=COURT
    ),
    EventType("AppearanceRecorded", ("hearing_date",), recorded_by=("agency", "court")),
    EventType(
        "FeedbackSubmitted", ("feedback_date",), {"subject": FEEDBACK_SUBJECTS}, recorded_by=AGENCY
    ),
    EventType("RiskFlagged", ("found_date",), {"level": None}, recorded_by=("agency", "bureau")),
    EventType("MediationAttempted", ("attempted_date",), recorded_by=("agency", "bureau", "court")),
    EventType(
        "MediationFailed",
        ("failed_date",),
        doc="调解不成: a mediation attempt ended without agreement.",
        recorded_by=("agency", "bureau", "court"),
    ),
    EventType("CaseConcluded", ("concluded_date",), {"conclusion": CONCLUSIONS}, recorded_by=COURT),
    EventType(
        "JudgmentServed",
        ("served_date", "judgment.performance_due_date"),
        _JUDGMENT,
        recorded_by=COURT,
    ),
    EventType("AppealFiled", ("filed_date",), {"appellant": None}, recorded_by=("agency", "court")),
    EventType(
        "JudgmentEffective",
        ("effective_date", "judgment.performance_due_date"),
        _JUDGMENT,
        context={"judgment": "JudgmentServed"},
        recorded_by=COURT,
    ),
    EventType("PerformanceCompleted", ("completed_date",), recorded_by=AGENCY),
    EventType("RemediationRequired", (), {"deadline": None}, recorded_by=BUREAU),
    EventType("RemediationRecorded", (), {"deadline": None}, recorded_by=AGENCY),
    EventType(
        "LossReportDrafted",
        ("drafted_date",),
        {"major_case": BOOLS},
        doc="The losing agency drafted or revised its loss analysis report (起草败诉分析报告);"
        " ``major_case``: it declared the case major [004 5-④].",
        recorded_by=AGENCY,
    ),
    EventType(
        "LossReportStepRecorded",
        ("step_date",),
        {"step": LOSS_REPORT_STEPS, "result": REVIEW_RESULTS},
        doc="A step of the draft report inside the agency: its legal office's review, the"
        " leadership's collective discussion, the principal leader's approval [004 5-④].",
        recorded_by=AGENCY,
    ),
    EventType(
        "LossReportSubmitted",
        ("submitted_date",),
        doc="The loss analysis report reached the bureau, past the steps its pack requires.",
        recorded_by=AGENCY,
    ),
    EventType(
        "ReportReviewed",
        ("reviewed_date",),
        {"result": REVIEW_RESULTS, "reviewing_level": LEVELS},
        doc="The reviewing legal office's decision on the loss report; ``reviewing_level`` is"
        " that office's level (a county office files its opinion with the city [000 二(五)2]);"
        " reviews recorded before the level was kept have none.",
        recorded_by=BUREAU,
    ),
    EventType("CaseClosed", ("closed_date",), recorded_by=BUREAU),
    EventType(
        "ResponsiblePartyNamed",
        ("named_date", "party.fault_date"),
        {"party.kind": PARTY_KINDS, "party.role": None, "party.fault_kind": None},
        recorded_by=("agency", "bureau", "organ"),
    ),
    EventType(
        "SanctionAppealed",
        ("appealed_date",),
        {"kind": ("review", "appeal")},
        recorded_by=("agency", "organ"),
    ),
    EventType(
        "SanctionAppealDecided",
        ("decided_date",),
        {"outcome": APPEAL_OUTCOMES},
        recorded_by=ORGANS,
    ),
    EventType(
        "CorrectiveOpinionIssued",
        ("meeting_date", "issued_date"),
        {"party_id": None},
        doc="The joint meeting found the party's decision improper and required the unit to"
        " decide again (纠正意见), reopening the decision [000 五(二)].",
        recorded_by=BUREAU,
    ),
    EventType("CompensationRecovered", ("recovered_date",), recorded_by=("agency", "organ")),
    EventType(
        "TransferredToDisciplineOrgan",
        ("transferred_date",),
        {"organ": None},
        doc="The losing agency or the bureau transferred the case to the organ competent to"
        " handle it (移送有权机关) [000 二(五)3].",
        recorded_by=("agency", "bureau"),
    ),
    EventType(
        "JointReviewDesignated",
        ("designated_date",),
        doc="The legal office designated a major case for joint review (会同联合审核)"
        " [000 二(五)2].",
        recorded_by=BUREAU,
    ),
    EventType(
        "JointReviewPositionRecorded",
        ("recorded_date",),
        {"unit_id": None, "position": UNIT_POSITIONS},
        doc="A unit taking part in the joint review concurred or dissented [000 二(五)2].",
        recorded_by=BUREAU,
    ),
    EventType(
        "SuggestionReceived",
        ("served_date", "reply_due_date"),
        {"issuer": SUGGESTION_ISSUERS, "number": None, "reply_due_stated": BOOLS},
        doc="A court's judicial or a procuratorate's procuratorial suggestion (司法建议书 /"
        " 检察建议书) was served on the agency; ``reply_due_date`` is the reply date the"
        " suggestion states, if it states one [001 四(四)] [004 7-③].",
        recorded_by=("agency", "court"),
    ),
    EventType(
        "SuggestionAnswered",
        ("answered_date",),
        {"number": None},
        doc="The agency replied in writing to the suggestion numbered ``number`` (反馈)"
        " [001 四(四)] [004 7-④].",
        recorded_by=AGENCY,
    ),
    _done(
        "LeadershipBriefed",
        "briefed_date",
        "The agency's principal head reported the suit to the deputy county head in charge"
        " (向分管副县长请示或报告) [002 第七条].",
        AGENCY,
    ),
    EventType(
        "ResponsePlanRecorded",
        ("plan_date",),
        {"lead.post": None, "basis": None},
        doc="The response plan (应诉方案) drawn up under the lead the pack names for the case's"
        " circumstances: the lead, the agents (诉讼代理人), strategy and evidence [002 第七条、"
        "第九条].",
        recorded_by=AGENCY,
    ),
    EventType(
        "CityManagedCadreHandedOver",
        ("handed_date",),
        {"organ": None},
        doc="A responsible party who is a city-managed cadre (市管干部) was handed to the city"
        " discipline commission or organisation department [002 第六条].",
        recorded_by=("bureau", "organ"),
    ),
    _done(
        "BureauForwarded",
        "forwarded_date",
        "The county bureau forwarded an agency's filing to the county leader in charge"
        " (转报分管县领导) [003 二(一)3].",
        BUREAU,
    ),
    _done(
        "InvestigationCompleted",
        "completed_date",
        "The responsibility investigation finished with a 责任分析报告 [000 二(五)1].",
        ("agency", "bureau", "organ"),
    ),
    _done(
        "ReviewOpinionIssued",
        "issued_date",
        "The bureau sent its review opinion back to the losing agency (审核意见反馈)"
        " [000 二(五)2].",
        BUREAU,
    ),
    _done(
        "CityFilingCompleted",
        "filed_date",
        "A county bureau filed its review opinion with the city bureau (报市政府法制机构备案)"
        " [000 二(五)2].",
        BUREAU,
    ),
    _done(
        "AccountabilityDecided",
        "decided_date",
        "The agency or the competent organ decided: sanction, no accountability or fault"
        " tolerance [000 二(五)3] [002 第十五条].",
        ORGANS,
        decision=DECISIONS,
    ),
    _done(
        "DecisionReportedToCommittee",
        "reported_date",
        "The deciding organ reported its decision to the county Party committee (向县委报告)"
        " [002 第十五条].",
        ORGANS,
    ),
    _done(
        "JointMeetingScheduled",
        "meeting_date",
        "The joint-meeting office set a meeting on the case (联席会议) [001 十].",
        BUREAU,
    ),
    _done(
        "MeetingPapersSent",
        "sent_date",
        "The joint-meeting office sent the meeting papers to the members [001 十].",
        BUREAU,
    ),
    _done(
        "MeetingOpinionRecorded",
        "recorded_date",
        "The joint meeting's written opinion on the case (认定意见): whether loss"
        " responsibility is established and for whom [001 八、十].",
        BUREAU,
    ),
    _done(
        "MeetingOpinionCountersigned",
        "signed_date",
        "A member unit countersigned the joint meeting's opinion (会签) [001 十].",
        BUREAU,
    ),
    _done(
        "MeetingOpinionArchived",
        "archived_date",
        "The joint-meeting office archived the countersigned opinion (归档) [001 十].",
        BUREAU,
    ),
    _done(
        "TypicalCasePublished",
        "published_date",
        "The bureau published the concluded case as a typical case (典型案例)"
        " [000 五(一); 003 二(五)1].",
        BUREAU,
    ),
    _done(
        "TypicalCaseWithdrawn",
        "withdrawn_date",
        "The bureau withdrew the case from its typical cases; the publication stays on record.",
        BUREAU,
    ),
)

EVENT_TYPES: Mapping[str, EventType] = MappingProxyType({t.name: t for t in _TYPES})


def event_type(name: str) -> EventType:
    """The catalogue entry for ``name``; KeyError naming the known types otherwise."""
    try:
        return EVENT_TYPES[name]
    except KeyError:
        raise KeyError(f"unknown event type {name!r}; known: {', '.join(EVENT_TYPES)}") from None
