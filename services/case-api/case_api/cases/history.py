"""A case's facts as corrected: the state a correction leads to, and whether it may be made.

The ``Case`` keeps the events it was built from. A correction or retraction appends an event
of its own; applying it rebuilds the state from the facts as corrected (``refold``), on the
command that records it and whenever the case is loaded again. Before a correction is
recorded, ``replay_checked`` runs the corrected facts through the commands once more, every
rule and date check included, on a throwaway case: the first refusal refuses the correction.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from case_api.cases import facts
from case_api.cases.response_plan_rules import as_recorded
from case_api.platform.domain_errors import DomainError

if TYPE_CHECKING:
    from case_api.accountability.domain import AccountabilityPolicy
    from case_api.cases.aggregate import Case

EVENT_COMMANDS: Mapping[str, str] = {
    "DocumentServed": "serve_document",
    "ReportedToBureau": "report_to_bureau",
    "AnswerSubmitted": "submit_answer",
    "HearingScheduled": "schedule_hearing",
    "AppearanceRecorded": "record_appearance",
    "FeedbackSubmitted": "submit_feedback",
    "RiskFlagged": "flag_risk",
    "MediationAttempted": "attempt_mediation",
    "MediationFailed": "record_mediation_failure",
    "CaseConcluded": "conclude_without_judgment",
    "JudgmentServed": "serve_judgment",
    "AppealFiled": "file_appeal",
    "JudgmentEffective": "make_effective",
    "PerformanceCompleted": "complete_performance",
    "RemediationRequired": "require_remediation",
    "RemediationRecorded": "record_remediation",
    "LossReportDrafted": "draft_loss_report",
    "LossReportStepRecorded": "record_loss_report_step",
    "LossReportSubmitted": "submit_loss_report",
    "ReportReviewed": "review_report",
    "CaseClosed": "close",
    "LeadershipBriefed": "brief_leadership",
    "BureauForwarded": "forward_to_leader",
    "SuggestionReceived": "record_suggestion",
    "SuggestionAnswered": "answer_suggestion",
    "PreSuitReported": "report_before_suing",
    "ReconsiderationDecided": "decide_reconsideration",
    "InvestigationCompleted": "complete_investigation",
    "ReviewOpinionIssued": "issue_review_opinion",
    "JointReviewDesignated": "designate_joint_review",
    "JointReviewPositionRecorded": "record_joint_review_position",
    "CityFilingCompleted": "complete_city_filing",
    "JointMeetingScheduled": "schedule_joint_meeting",
    "MeetingPapersSent": "send_meeting_papers",
    "MeetingOpinionRecorded": "record_meeting_opinion",
    "MeetingOpinionCountersigned": "countersign_meeting_opinion",
    "MeetingOpinionArchived": "archive_meeting_opinion",
    "ResponsiblePartyNamed": "name_responsible_party",
    "AccountabilityDecided": "decide_accountability",
    "DecisionReportedToCommittee": "report_decision_to_committee",
    "SanctionAppealed": "appeal_sanction",
    "SanctionAppealDecided": "decide_sanction_appeal",
    "CorrectiveOpinionIssued": "issue_corrective_opinion",
    "CompensationRecovered": "recover_compensation",
    "TransferredToDisciplineOrgan": "transfer_to_discipline_organ",
    "CityManagedCadreHandedOver": "hand_over_city_managed_cadre",
    "ResponsePlanRecorded": "record_response_plan",
    "TypicalCasePublished": "publish_typical_case",
    "TypicalCaseWithdrawn": "withdraw_typical_case",
}
"""The ``Case`` command that records each fact (the API's commands are these methods)."""

CORRECTIONS = frozenset({"FactCorrected", "FactRetracted"})
NOT_FACTS = CORRECTIONS | {"CaseFiled"}  # the filing is the case itself, kept as ``Case.filed``


@dataclass(frozen=True)
class Change:
    """A correction (``values``) or retraction (``values`` None) of the fact at ``version``."""

    version: int
    values: Mapping[str, Any] | None


def changes_of(history: Sequence[Any]) -> list[Change]:
    return [
        Change(e.event_version, e.corrections if type(e).__name__ == "FactCorrected" else None)
        for e in history
        if type(e).__name__ in CORRECTIONS
    ]


def corrected_facts(history: Sequence[Any], pending: Change | None = None) -> list[Any]:
    """The facts after filing, in order, as corrected; retracted ones left out."""
    changes = [*changes_of(history), *([pending] if pending else [])]
    values: dict[int, dict[str, Any]] = {}
    retracted: set[int] = set()
    for change in changes:
        if change.values is None:
            retracted.add(change.version)
        else:
            values.setdefault(change.version, {}).update(change.values)
    return [
        with_values(e, values[e.originator_version]) if e.originator_version in values else e
        for e in history
        if type(e).__name__ not in NOT_FACTS and e.originator_version not in retracted
    ]


def with_values(event: Any, changes: Mapping[str, Any]) -> Any:
    """A copy of ``event`` with ``changes`` (``a`` or ``a.b``) applied. Built as the event
    store builds events, so one stored before a field existed copies too."""
    state = dict(vars(event))
    for path, value in changes.items():
        head, _, rest = path.partition(".")
        state[head] = {**(state.get(head) or {}), rest: value} if rest else value
    copy = object.__new__(type(event))
    object.__setattr__(copy, "__dict__", state)
    return copy


def refold(case: Case, pending: Change) -> None:
    """Rebuild ``case``'s state from its facts as corrected by ``pending`` too."""
    requests = dict(case.requests)
    case.start_state()
    case.replaying = True
    try:
        for fact in corrected_facts(case.history, pending):
            fact.apply(case)
    finally:
        case.replaying = False
    case.requests.update(requests)


def replay_checked(
    case: Case, pending: Change, today: date | None, policy: AccountabilityPolicy | None
) -> None:
    """Run the case's facts, as ``pending`` would leave them, through the commands again."""
    from case_api.cases.aggregate import Case

    if today is not None:
        facts.not_in_future("CaseFiled", case.filed, today)
    trial = Case(id=case.id, **case.filed)
    trial.today = today
    for fact in corrected_facts(case.history, pending):
        method = getattr(trial, EVENT_COMMANDS[type(fact).__name__])
        given = {**vars(fact), "policy": policy}
        if type(fact).__name__ == "ResponsePlanRecorded":
            given["lead_policy"] = as_recorded(fact)
        params = inspect.signature(method).parameters
        try:
            method(**{name: given[name] for name in params if name in given})
        except DomainError as error:
            raise _at(error, fact) from None


def _at(error: DomainError, fact: Any) -> DomainError:
    """The refusal, naming the fact where the corrected history breaks."""
    version, kind = fact.originator_version, type(fact).__name__
    error.message = f"Corrected, fact {version} ({kind}) breaks a rule: {error.message}"
    error.message_zh = f"更正后，第 {version} 号事项（{kind}）不再成立：{error.message_zh}"
    error.params = {**error.params, "at_version": version, "event_type": kind}
    return error
