"""Invariants of the case lifecycle, checked before a ``Case`` command triggers its event.

Each violation names its rule as a stable code (``answer-requires-service``) that reaches the
client in the problem+json body.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from case_api.cases.values import (
    DECISION_DOCUMENTS,
    RESPONSE_DOCUMENTS,
    DocumentKind,
    FeedbackSubject,
    Instance,
    Outcome,
    ReportSubject,
    Status,
    SuggestionIssuer,
)
from case_api.platform.domain_errors import InvalidValue, RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case


def require_open(case: Case) -> None:
    if case.status == Status.CLOSED:
        raise RuleViolation("case-closed", "The case is closed.", "案件已结案，不能再记录事项。")


def require_undecided(case: Case) -> None:
    """Mediation, withdrawal and judgments need a case no decision has concluded."""
    require_open(case)
    if case.concluded:
        raise RuleViolation(
            "case-concluded",
            "The case was already concluded by an effective judgment, withdrawal or mediation.",
            "案件已因生效裁判、撤诉或调解而终结。",
        )


def check_serve(case: Case, kind: str, served_date: date, hearing_date: date | None) -> None:
    if kind == DocumentKind.SUMMONS and hearing_date is None:
        raise InvalidValue(
            "summons-needs-hearing-date",
            "A summons must state the hearing date.",
            "传票必须载明开庭日期。",
        )
    if hearing_date is not None and hearing_date < served_date:
        raise InvalidValue(
            "hearing-before-service",
            "The hearing date lies before the date the summons was served.",
            "开庭日期早于传票送达日期。",
        )
    if kind == DocumentKind.APPEAL_PETITION and not case.judgments:
        raise RuleViolation(
            "appeal-petition-requires-judgment",
            "An appeal petition can only be served after a first-instance judgment.",
            "一审裁判送达前不能送达上诉状。",
        )
    if kind in DECISION_DOCUMENTS:
        raise RuleViolation(
            "judgment-through-judgment-served",
            "Judgments and rulings are recorded with their outcome as a served judgment.",
            "判决书、裁定书应作为裁判送达记录（含裁判结果）。",
        )


def check_report(case: Case, subject: str) -> None:
    served_kind = {
        ReportSubject.COMPLAINT_COPY: (DocumentKind.COMPLAINT_COPY,),
        ReportSubject.NOTICE_TO_RESPOND: (DocumentKind.NOTICE_TO_RESPOND,),
        ReportSubject.SUMMONS: (DocumentKind.SUMMONS,),
        ReportSubject.APPEAL_PETITION: (DocumentKind.APPEAL_PETITION,),
    }.get(ReportSubject(subject))
    if served_kind and not any(k in case.served for k in served_kind):
        raise RuleViolation(
            "report-requires-served-document",
            f"Nothing to report: no {subject} has been served on this case.",
            "该文书尚未送达，无需报备。",
            subject=subject,
        )
    needs_judgment = subject in (ReportSubject.JUDGMENT, ReportSubject.RULING)
    if needs_judgment and not case.judgments:
        raise RuleViolation(
            "report-requires-judgment",
            "Nothing to report: no judgment or ruling has been served.",
            "尚未送达裁判文书，无需报备。",
        )
    if subject == ReportSubject.EFFECTIVE_JUDGMENT and not case.effective:
        raise RuleViolation(
            "report-requires-effective-judgment",
            "Nothing to report: no judgment has become effective.",
            "裁判尚未生效，无需报备。",
        )


def check_briefing(case: Case) -> None:
    """The briefing reports a suit or an appeal served on the agency [002 第七条]."""
    served = (DocumentKind.COMPLAINT_COPY, DocumentKind.APPEAL_PETITION)
    if not any(kind in case.served for kind in served):
        raise RuleViolation(
            "briefing-requires-service",
            "Nothing to brief on: no complaint copy or appeal petition has been served.",
            "起诉状副本或上诉状尚未送达，无需报告分管领导。",
        )


def check_pre_suit_report(case: Case) -> None:
    if case.pre_suit_reported:
        raise RuleViolation(
            "pre-suit-report-already-recorded",
            "The report before suing was already recorded.",
            "起诉前的请示报告已记录。",
        )


def check_forwarding(case: Case) -> None:
    """The bureau forwards the agency's filing of the complaint copy [003 二(一)3]."""
    if ReportSubject.COMPLAINT_COPY not in case.reported:
        raise RuleViolation(
            "forwarding-requires-filing",
            "Nothing to forward: the agency has not filed the complaint copy with the bureau.",
            "应诉单位尚未向司法局备案起诉状副本，无需转报。",
        )


def check_suggestion(
    case: Case,
    issuer: str,
    number: str,
    served_date: date,
    reply_due_date: date | None,
    meta: dict[str, Any],
) -> None:
    """A court records its own suggestions; the agency records either kind as received."""
    if meta.get("role") == "court_system" and issuer != SuggestionIssuer.COURT:
        raise RuleViolation(
            "court-records-own-suggestions",
            "A court records its own judicial suggestions, not a procuratorate's.",
            "法院只能登记本院的司法建议，检察建议由被建议单位登记。",
        )
    if number in case.suggestions:
        raise RuleViolation(
            "suggestion-already-recorded",
            f"Suggestion {number} is already recorded on this case.",
            f"建议书 {number} 已登记。",
            number=number,
        )
    if reply_due_date is not None and reply_due_date < served_date:
        raise InvalidValue(
            "reply-due-before-service",
            "The reply date the suggestion states lies before the date it was served.",
            "建议书载明的回复期限早于送达日期。",
        )


def check_suggestion_reply(case: Case, number: str) -> None:
    suggestion = case.suggestions.get(number)
    if suggestion is None:
        raise RuleViolation(
            "suggestion-unknown",
            f"No suggestion numbered {number} is recorded on this case.",
            f"本案未登记文号为 {number} 的建议书。",
            number=number,
        )
    if suggestion["answered"]:
        raise RuleViolation(
            "suggestion-already-answered",
            f"Suggestion {number} has already been answered.",
            f"建议书 {number} 已回复。",
            number=number,
        )


def check_answer(case: Case) -> None:
    if not any(kind in case.served for kind in RESPONSE_DOCUMENTS):
        raise RuleViolation(
            "answer-requires-service",
            "An answer needs the complaint copy or notice to respond to have been served.",
            "起诉状副本或应诉通知书送达后才能提交答辩状。",
        )
    if case.instance in case.answered_instances:
        raise RuleViolation(
            "answer-already-submitted",
            "The answer for this instance was already submitted.",
            "本审级已提交答辩状。",
        )


def check_hearing(case: Case, hearing_date: date, replaces: date | None = None) -> None:
    require_undecided(case)
    if replaces is not None and (replaces not in case.hearings or replaces in case.appeared):
        raise RuleViolation(
            "hearing-to-replace-not-pending",
            f"No pending hearing on {replaces} can be moved: it was not scheduled or was held.",
            f"{replaces} 没有待开的庭审可改期（未排期或已开庭）。",
        )
    if hearing_date in case.hearings:
        raise RuleViolation(
            "hearing-already-scheduled",
            f"A hearing on {hearing_date} is already scheduled.",
            f"{hearing_date} 的庭审已排期。",
        )


def check_appearance(
    case: Case,
    hearing_date: date,
    appearances: list[dict[str, Any]],
    refused_to_attend: bool = False,
    left_without_permission: bool = False,
) -> None:
    if hearing_date not in case.hearings:
        raise RuleViolation(
            "appearance-requires-hearing",
            f"No hearing is scheduled on {hearing_date}.",
            f"{hearing_date} 没有排期的庭审。",
        )
    if hearing_date in case.appeared:
        raise RuleViolation(
            "appearance-already-recorded",
            f"The appearance at the hearing of {hearing_date} was already recorded.",
            f"{hearing_date} 庭审的出庭情况已记录。",
        )
    if refused_to_attend and (appearances or left_without_permission):
        raise InvalidValue(
            "refused-yet-appeared",
            "A refusal to attend names nobody who appeared and nobody who left.",
            "拒不到庭的，不应填写出庭人员或中途退庭。",
        )
    if not appearances and not refused_to_attend:
        raise InvalidValue(
            "appearance-needs-people",
            "Name at least one person who appeared, or record the refusal to attend.",
            "请至少填写一名出庭人员，或记录拒不到庭。",
        )


def check_feedback(case: Case, subject: str) -> None:
    happened = {
        FeedbackSubject.ANSWER: bool(case.answered_instances),
        FeedbackSubject.HEARING: bool(case.appeared),
        FeedbackSubject.PERFORMANCE: case.performed,
    }[FeedbackSubject(subject)]
    if not happened:
        raise RuleViolation(
            "feedback-before-fact",
            f"Feedback on {subject} needs the {subject} to have happened.",
            "反馈事项尚未发生。",
            subject=subject,
        )


def check_judgment(case: Case, judgment: dict[str, Any]) -> None:
    instance = judgment["instance"]
    if instance == Instance.SECOND and case.status != Status.APPEALED:
        raise RuleViolation(
            "second-instance-requires-appeal",
            "A second-instance judgment needs an appeal to have been filed.",
            "未提起上诉，不能送达二审裁判。",
        )
    if instance == Instance.FIRST and case.judgments:
        raise RuleViolation(
            "first-instance-already-decided",
            "The first-instance judgment was already served.",
            "一审裁判已送达。",
        )
    if judgment["outcome"] == Outcome.LOST and not judgment.get("loss_type"):
        raise InvalidValue(
            "loss-needs-type",
            "A lost judgment must state the loss type.",
            "败诉裁判须注明败诉类型。",
        )
    if judgment.get("performance_duty") and not judgment.get("performance_due_date"):
        raise InvalidValue(
            "performance-needs-due-date",
            "A performance duty needs its due date.",
            "判决履行义务须注明履行期限。",
        )


def check_appeal(case: Case) -> None:
    require_undecided(case)
    if case.status != Status.JUDGED or case.instance != Instance.FIRST:
        raise RuleViolation(
            "appeal-requires-first-instance-judgment",
            "An appeal needs a first-instance judgment that is not yet effective.",
            "只能对尚未生效的一审裁判提起上诉。",
        )


def check_effective(case: Case) -> None:
    require_open(case)
    if case.status != Status.JUDGED:
        raise RuleViolation(
            "effective-requires-judgment",
            "Only a served judgment that is not under appeal can become effective.",
            "只有已送达且未上诉的裁判才能生效。",
        )


def check_performance(case: Case) -> None:
    require_open(case)
    if not (case.effective and case.performance_due):
        raise RuleViolation(
            "performance-requires-duty",
            "Nothing to perform: no effective judgment imposes a performance duty.",
            "没有设定履行义务的生效裁判。",
        )
    if case.performed:
        raise RuleViolation(
            "performance-already-completed", "Performance was already recorded.", "已记录履行。"
        )


def check_remediation_required(case: Case, deadline: str) -> None:
    if deadline in case.remediation_open:
        raise RuleViolation(
            "remediation-already-required",
            f"Remediation for {deadline} is already required.",
            "该事项已要求补救。",
        )


def check_remediation_recorded(case: Case, deadline: str) -> None:
    if deadline not in case.remediation_open:
        raise RuleViolation(
            "remediation-not-required",
            f"No remediation is required for {deadline}.",
            "该事项未被要求补救。",
        )


def check_loss_report(case: Case) -> None:
    require_open(case)
    if not (case.effective and case.lost):
        raise RuleViolation(
            "loss-report-requires-effective-loss",
            "A loss analysis report needs an effective losing judgment.",
            "败诉裁判生效后才能提交败诉分析报告。",
        )
    if case.report_state in ("submitted", "approved"):
        raise RuleViolation(
            "loss-report-already-submitted",
            "The loss report is already submitted or approved.",
            "败诉分析报告已提交或已审核通过。",
        )


def check_review(case: Case) -> None:
    require_open(case)
    if case.report_state != "submitted":
        raise RuleViolation(
            "review-requires-submitted-report",
            "There is no submitted report awaiting review.",
            "没有待审核的报告。",
        )


def check_close(case: Case) -> None:
    require_open(case)
    if not case.concluded:
        raise RuleViolation(
            "close-requires-conclusion",
            "A case closes after an effective judgment, a withdrawal or a mediation.",
            "案件须经生效裁判、撤诉或调解后才能结案。",
        )
    if case.effective and case.lost and case.report_state != "approved":
        raise RuleViolation(
            "close-requires-approved-loss-report",
            "A lost case closes only after its loss analysis report is approved.",
            "败诉案件须在败诉分析报告审核通过后结案。",
        )
    if case.performance_due and not case.performed:
        raise RuleViolation(
            "close-requires-performance",
            "The judgment's performance duty has not been completed.",
            "判决确定的履行义务尚未履行完毕。",
        )
    if case.remediation_open:
        raise RuleViolation(
            "close-requires-remediation",
            "Remediation is still required for: " + ", ".join(case.remediation_open),
            "尚有未完成的补救事项。",
        )
