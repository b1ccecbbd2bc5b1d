"""How case events change the case summaries and the agencies of each case."""

from __future__ import annotations

from typing import Any

from case_api.cases import projection_hearings as hearings
from case_api.cases.aggregate import Case
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event
from case_api.readmodel.events_json import to_json


@apply_event.register
def _(event: Case.CaseFiled, batch: Batch) -> None:
    case_id = str(event.originator_id)
    path = batch.jurisdiction_path(event.jurisdiction) or f"/{event.jurisdiction}/"
    primary = next(
        (a for a in event.agencies if a.get("role") == "implementing"), event.agencies[0]
    )
    batch.new_summary(
        {
            "case_id": case_id,
            "case_number": event.case_number,
            "court": event.court,
            "status": "filed",
            "agency": primary["agency_id"],
            "agencies": to_json(event.agencies),
            "jurisdiction": event.jurisdiction,
            "jurisdiction_path": path,
            "pack": event.pack,
            "subject_matter": event.subject_matter,
            "plaintiff_count": event.plaintiff_count,
            "flags": list(event.flags),
            "filed_date": event.filed_date,
            "instance": "first",
            "outcome": None,
            "loss_type": None,
            "effective_date": None,
            "closed_date": None,
            "conclusion": None,
            "concluded_date": None,
            "hearing_date": None,
            "next_deadline_date": None,
            "next_deadline_rule": None,
            "remediation_required": [],
            "report_state": "none",
            "version": event.originator_version,
            "last_position": 0,
            "updated_at": event.timestamp,
        }
    )
    for agency in event.agencies:
        batch.case_agencies.append(
            {
                "case_id": case_id,
                "agency": agency["agency_id"],
                "role": agency["role"],
                "filed_date": event.filed_date,
                "is_primary": agency["agency_id"] == primary["agency_id"],
            }
        )


def _set(event: Any, batch: Batch, **values: Any) -> dict[str, Any]:
    summary = batch.summary(str(event.originator_id))
    summary.update(values)
    return summary


@apply_event.register
def _(event: Case.DocumentServed, batch: Batch) -> None:
    summary = batch.summary(str(event.originator_id))
    if event.kind in ("complaint_copy", "notice_to_respond") and summary["status"] == "filed":
        summary["status"] = "responding"
    if event.hearing_date is not None:
        summary.update(status="hearing_scheduled", hearing_date=event.hearing_date)
    hearings.document_served(event, batch)


@apply_event.register
def _(event: Case.AnswerSubmitted, batch: Batch) -> None:
    summary = batch.summary(str(event.originator_id))
    if summary["status"] in ("filed", "responding"):
        summary["status"] = "answered"
    hearings.answer_submitted(event, batch)


@apply_event.register
def _(event: Case.HearingScheduled, batch: Batch) -> None:
    _set(event, batch, status="hearing_scheduled", hearing_date=event.hearing_date)
    hearings.hearing_scheduled(event, batch)


@apply_event.register
def _(event: Case.AppearanceRecorded, batch: Batch) -> None:
    _set(event, batch, status="heard")
    hearings.appearance_recorded(event, batch)


@apply_event.register
def _(event: Case.CaseConcluded, batch: Batch) -> None:
    _set(
        event,
        batch,
        status=event.conclusion,
        conclusion=event.conclusion,
        concluded_date=event.concluded_date,
    )


@apply_event.register
def _(event: Case.JudgmentServed, batch: Batch) -> None:
    judgment = event.judgment
    _set(
        event,
        batch,
        status="judged",
        instance=judgment["instance"],
        outcome=judgment["outcome"],
        loss_type=judgment.get("loss_type"),
    )


@apply_event.register
def _(event: Case.AppealFiled, batch: Batch) -> None:
    _set(event, batch, status="appealed", instance="second")


@apply_event.register
def _(event: Case.JudgmentEffective, batch: Batch) -> None:
    _set(
        event,
        batch,
        status="effective",
        effective_date=event.effective_date,
        concluded_date=event.effective_date,
    )


@apply_event.register
def _(event: Case.RemediationRequired, batch: Batch) -> None:
    summary = batch.summary(str(event.originator_id))
    summary["remediation_required"] = [*summary["remediation_required"], event.deadline]


@apply_event.register
def _(event: Case.RemediationRecorded, batch: Batch) -> None:
    summary = batch.summary(str(event.originator_id))
    summary["remediation_required"] = [
        d for d in summary["remediation_required"] if d != event.deadline
    ]


@apply_event.register
def _(event: Case.LossReportSubmitted, batch: Batch) -> None:
    _set(event, batch, report_state="submitted")


@apply_event.register
def _(event: Case.ReportReviewed, batch: Batch) -> None:
    _set(event, batch, report_state=event.result)


@apply_event.register
def _(event: Case.CaseClosed, batch: Batch) -> None:
    _set(event, batch, status="closed", closed_date=event.closed_date)
