"""Facts checked against time and against each other before they are recorded (DOMAIN.md §3).

A fact that has happened — served, reported, answered, appeared, effective, performed, … —
may not be dated after today (Asia/Shanghai). Schedules may lie ahead: a hearing date, a
performance due date, a joint meeting. And some facts cannot come before others: an
appearance before its hearing, an answer before the papers it answers were served, an
effective date before the judgment was served, a hearing before the case was filed.

``Case`` runs ``check`` on every event it triggers (commands and the replay that checks a
correction alike), so each rule holds in one place. Each refusal is an ``InvalidValue``
(HTTP 422) with a stable code; ``REFUSALS`` gives their OpenAPI examples.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from case_api.cases.values import RESPONSE_DOCUMENTS
from case_api.platform.domain_errors import InvalidValue

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case

HAPPENED: Mapping[str, tuple[str, ...]] = {
    "CaseFiled": ("filed_date",),
    "DocumentServed": ("served_date",),
    "ReportedToBureau": ("reported_date",),
    "AnswerSubmitted": ("submitted_date",),
    "FeedbackSubmitted": ("feedback_date",),
    "RiskFlagged": ("found_date",),
    "MediationAttempted": ("attempted_date",),
    "MediationFailed": ("failed_date",),
    "CaseConcluded": ("concluded_date",),
    "JudgmentServed": ("served_date", "party_service[].served_date"),
    "AppealFiled": ("filed_date",),
    "JudgmentEffective": ("effective_date",),
    "PerformanceCompleted": ("completed_date",),
    "LossReportDrafted": ("drafted_date",),
    "LossReportStepRecorded": ("step_date",),
    "LossReportSubmitted": ("submitted_date",),
    "ReportReviewed": ("reviewed_date",),
    "CaseClosed": ("closed_date",),
    "LeadershipBriefed": ("briefed_date",),
    "PreSuitReported": ("reported_date",),
    "ReconsiderationDecided": ("served_date",),
    "BureauForwarded": ("forwarded_date",),
    "SuggestionReceived": ("served_date",),
    "SuggestionAnswered": ("answered_date",),
    "InvestigationCompleted": ("completed_date", "act_date"),
    "ReviewOpinionIssued": ("issued_date",),
    "JointReviewDesignated": ("designated_date",),
    "JointReviewPositionRecorded": ("recorded_date",),
    "CityFilingCompleted": ("filed_date",),
    "MeetingPapersSent": ("sent_date",),
    "MeetingOpinionRecorded": ("recorded_date",),
    "MeetingOpinionCountersigned": ("signed_date",),
    "MeetingOpinionArchived": ("archived_date",),
    "ResponsiblePartyNamed": ("named_date", "party.fault_date"),
    "AccountabilityDecided": ("decided_date",),
    "DecisionReportedToCommittee": ("reported_date",),
    "SanctionAppealed": ("appealed_date",),
    "SanctionAppealDecided": ("decided_date",),
    "CorrectiveOpinionIssued": ("meeting_date", "issued_date"),
    "CompensationRecovered": ("recovered_date",),
    "TransferredToDisciplineOrgan": ("transferred_date",),
    "CityManagedCadreHandedOver": ("handed_date",),
    "ResponsePlanRecorded": ("plan_date",),
    "TypicalCasePublished": ("published_date",),
    "TypicalCaseWithdrawn": ("withdrawn_date",),
}
"""Dates of facts that have happened, per event type. Not listed, so free to lie ahead: a
summons' and a rescheduled ``hearing_date``, ``judgment.performance_due_date``, a joint
``meeting_date``. An appearance's ``hearing_date`` has its own rule (below)."""

REFUSALS: Mapping[str, tuple[str, str, str]] = {
    "fact-dated-in-future": (
        "served_date 2026-03-20 is after today (2026-03-06, Asia/Shanghai): a fact that has "
        "happened cannot be dated in the future.",
        "served_date（2026-03-20）晚于今天（2026-03-06）：已经发生的事项不能填写将来的日期。",
        "",
    ),
    "appearance-before-hearing": (
        "The hearing of 2026-04-10 has not been held yet (today is 2026-03-06): record the "
        "appearance after it.",
        "2026-04-10 的庭审尚未开庭（今天是 2026-03-06），开庭后才能记录出庭情况。",
        "AppearanceRecorded",
    ),
    "answer-before-service": (
        "The answer (2025-09-20) cannot come before the complaint copy or notice to respond "
        "was served (2025-09-22).",
        "答辩日期（2025-09-20）早于起诉状副本或应诉通知书送达日期（2025-09-22）。",
        "AnswerSubmitted",
    ),
    "effective-before-service": (
        "The effective date (2025-11-30) cannot come before the judgment was served (2025-12-01).",
        "生效日期（2025-11-30）早于裁判文书送达日期（2025-12-01）。",
        "JudgmentEffective",
    ),
    "hearing-before-filing": (
        "The hearing date (2025-09-10) cannot come before the case was filed (2025-09-20).",
        "开庭日期（2025-09-10）早于立案日期（2025-09-20）。",
        "DocumentServed HearingScheduled",
    ),
    "reply-before-service": (
        "The reply (2025-12-01) cannot come before the suggestion was served (2025-12-05).",
        "回复日期（2025-12-01）早于建议书送达日期（2025-12-05）。",
        "SuggestionAnswered",
    ),
}
"""code → (English example, Chinese example, the event types it applies to; "" for all that
have happened)."""


def check(
    case: Case | None, event_type: str, values: Mapping[str, Any], today: date | None
) -> None:
    """Refuse ``values`` of a new ``event_type`` event; ``today`` None skips the time rules
    (a case replayed from storage is history, not a command)."""
    if today is not None:
        not_in_future(event_type, values, today)
    if case is None:
        return
    if event_type == "AppearanceRecorded" and today is not None:
        _appearance_after_hearing(values["hearing_date"], today)
    elif event_type == "AnswerSubmitted":
        _answer_after_service(case, values["submitted_date"])
    elif event_type == "JudgmentEffective":
        _effective_after_service(case, values["effective_date"])
    elif event_type == "SuggestionAnswered":
        _reply_after_service(case, values["number"], values["answered_date"])
    elif event_type in ("DocumentServed", "HearingScheduled") and values.get("hearing_date"):
        _hearing_after_filing(case, values["hearing_date"])


def not_in_future(event_type: str, values: Mapping[str, Any], today: date) -> None:
    for path in HAPPENED.get(event_type, ()):
        for day in _dates(values, path):
            if day > today:
                raise InvalidValue(
                    "fact-dated-in-future",
                    f"{path} {day} is after today ({today}, Asia/Shanghai): a fact that has "
                    "happened cannot be dated in the future.",
                    f"{path}（{day}）晚于今天（{today}）：已经发生的事项不能填写将来的日期。",
                    field=path,
                    value=day.isoformat(),
                    today=today.isoformat(),
                )


def _dates(values: Mapping[str, Any], path: str) -> Iterator[date]:
    """The dates at ``path``: ``a``, ``a.b``, or ``a[].b`` for each item of list ``a``."""
    head, _, rest = path.partition(".")
    if head.endswith("[]"):
        for item in values.get(head[:-2]) or ():
            yield from _dates(item, rest)
        return
    value = values.get(head)
    if rest:
        if isinstance(value, Mapping):
            yield from _dates(value, rest)
    elif isinstance(value, date):
        yield value


def _appearance_after_hearing(hearing: date, today: date) -> None:
    if hearing > today:
        raise InvalidValue(
            "appearance-before-hearing",
            f"The hearing of {hearing} has not been held yet (today is {today}): record the "
            "appearance after it.",
            f"{hearing} 的庭审尚未开庭（今天是 {today}），开庭后才能记录出庭情况。",
            hearing_date=hearing.isoformat(),
            today=today.isoformat(),
        )


def _answer_after_service(case: Case, submitted: date) -> None:
    served = [d for kind in RESPONSE_DOCUMENTS for d in case.served.get(kind, ())]
    if served and submitted < min(served):
        raise InvalidValue(
            "answer-before-service",
            f"The answer ({submitted}) cannot come before the complaint copy or notice to "
            f"respond was served ({min(served)}).",
            f"答辩日期（{submitted}）早于起诉状副本或应诉通知书送达日期（{min(served)}）。",
            served_date=min(served).isoformat(),
        )


def _effective_after_service(case: Case, effective: date) -> None:
    served = case.judgments[-1]["served_date"] if case.judgments else None
    if served is not None and effective < served:
        raise InvalidValue(
            "effective-before-service",
            f"The effective date ({effective}) cannot come before the judgment was served "
            f"({served}).",
            f"生效日期（{effective}）早于裁判文书送达日期（{served}）。",
            served_date=served.isoformat(),
        )


def _hearing_after_filing(case: Case, hearing: date) -> None:
    if hearing < case.filed_date:
        raise InvalidValue(
            "hearing-before-filing",
            f"The hearing date ({hearing}) cannot come before the case was filed "
            f"({case.filed_date}).",
            f"开庭日期（{hearing}）早于立案日期（{case.filed_date}）。",
            filed_date=case.filed_date.isoformat(),
        )


def _reply_after_service(case: Case, number: str, answered: date) -> None:
    served = case.suggestions.get(number, {}).get("served_date")
    if served is not None and answered < served:
        raise InvalidValue(
            "reply-before-service",
            f"The reply ({answered}) cannot come before the suggestion was served ({served}).",
            f"回复日期（{answered}）早于建议书送达日期（{served}）。",
            served_date=served.isoformat(),
        )
