"""How each fact changes a case's summary row, read from the event's data as the timeline
keeps it (dates as ISO strings), so the summary can be folded again from the facts as
corrected when a correction or retraction arrives."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

Summary = dict[str, Any]
Data = Mapping[str, Any]

AS_FILED: Mapping[str, Any] = {
    "status": "filed",
    "instance": "first",
    "outcome": None,
    "loss_type": None,
    "effective_date": None,
    "closed_date": None,
    "conclusion": None,
    "concluded_date": None,
    "hearing_date": None,
    "remediation_required": [],
    "report_state": "none",
    "reconsideration_outcome": None,
    "response_lead": None,
}
"""The summary's fact fields right after filing; the rest (identity, version, next deadline)
belongs to the filing, the projector and the deadline projection."""

_STEPS: dict[str, Callable[[Summary, Data], None]] = {}


def fold(summary: Summary, event_type: str, data: Data) -> None:
    step = _STEPS.get(event_type)
    if step is not None:
        step(summary, data)


def _step(event_type: str) -> Callable[[Callable[[Summary, Data], None]], Any]:
    def register(step: Callable[[Summary, Data], None]) -> Callable[[Summary, Data], None]:
        _STEPS[event_type] = step
        return step

    return register


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


@_step("DocumentServed")
def _served(summary: Summary, data: Data) -> None:
    if data["kind"] in ("complaint_copy", "notice_to_respond") and summary["status"] == "filed":
        summary["status"] = "responding"
    if data.get("hearing_date") is not None:
        summary.update(status="hearing_scheduled", hearing_date=_day(data["hearing_date"]))


@_step("AnswerSubmitted")
def _answered(summary: Summary, data: Data) -> None:
    if summary["status"] in ("filed", "responding"):
        summary["status"] = "answered"


@_step("HearingScheduled")
def _scheduled(summary: Summary, data: Data) -> None:
    summary.update(status="hearing_scheduled", hearing_date=_day(data["hearing_date"]))


@_step("AppearanceRecorded")
def _appeared(summary: Summary, data: Data) -> None:
    summary["status"] = "heard"


@_step("CaseConcluded")
def _concluded(summary: Summary, data: Data) -> None:
    summary.update(
        status=data["conclusion"],
        conclusion=data["conclusion"],
        concluded_date=_day(data["concluded_date"]),
    )


@_step("JudgmentServed")
def _judged(summary: Summary, data: Data) -> None:
    judgment = data["judgment"]
    summary.update(
        status="judged",
        instance=judgment["instance"],
        outcome=judgment["outcome"],
        loss_type=judgment.get("loss_type"),
    )


@_step("ReconsiderationDecided")
def _reconsidered(summary: Summary, data: Data) -> None:
    """Effective once served; a loss only where the pack counted it one [001 三], and then
    counted like a losing effective judgment (``outcome`` lost, ``effective_date``)."""
    day = _day(data["served_date"])
    lost = bool(data.get("counts_as_loss"))
    summary.update(
        status="effective",
        reconsideration_outcome=data["outcome"],
        outcome="lost" if lost else ("won" if data["outcome"] == "upheld" else None),
        loss_type=data["outcome"] if lost else None,
        effective_date=day,
        concluded_date=day,
    )


@_step("AppealFiled")
def _appealed(summary: Summary, data: Data) -> None:
    summary.update(status="appealed", instance="second")


@_step("JudgmentEffective")
def _effective(summary: Summary, data: Data) -> None:
    day = _day(data["effective_date"])
    summary.update(status="effective", effective_date=day, concluded_date=day)


@_step("RemediationRequired")
def _remediation_required(summary: Summary, data: Data) -> None:
    summary["remediation_required"] = [*summary["remediation_required"], data["deadline"]]


@_step("RemediationRecorded")
def _remediation_recorded(summary: Summary, data: Data) -> None:
    summary["remediation_required"] = [
        d for d in summary["remediation_required"] if d != data["deadline"]
    ]


@_step("LossReportSubmitted")
def _loss_report(summary: Summary, data: Data) -> None:
    summary["report_state"] = "submitted"


@_step("ReportReviewed")
def _reviewed(summary: Summary, data: Data) -> None:
    summary["report_state"] = data["result"]


@_step("ResponsePlanRecorded")
def _response_plan(summary: Summary, data: Data) -> None:
    """Who leads the response, by the latest plan [002 第九条]."""
    summary["response_lead"] = {
        **data["lead"],
        "basis": data["basis"],
        "basis_source": data["basis_source"],
        "plan_date": data["plan_date"],
    }


@_step("CaseClosed")
def _closed(summary: Summary, data: Data) -> None:
    summary.update(status="closed", closed_date=_day(data["closed_date"]))
