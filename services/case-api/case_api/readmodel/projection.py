"""How each event changes the read models: case summaries, the timeline, the registry."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from case_api.domain.calendar import ScheduleLoad
from case_api.domain.case import Case
from case_api.domain.clients import ApiClient
from case_api.domain.registry import Agency, Jurisdiction
from case_api.readmodel.batch import Batch
from case_api.readmodel.document_projection import project_documents
from case_api.readmodel.events_json import event_data, event_type, to_json


def project(batch: Batch, event: Any, position: int) -> None:
    """Apply one event (at notification ``position``) to the batch."""
    stream_type = _stream_type(event)
    batch.position = position
    apply_event(event, batch)
    project_documents(batch, event, position)
    if isinstance(event, ApiClient.Event):
        return  # credentials and their holders are not for the feed (client_projection)
    scope = _scope(batch, event, stream_type)
    batch.timeline.append(
        {
            "position": position,
            "stream_id": str(event.originator_id),
            "stream_type": stream_type,
            "version": event.originator_version,
            "type": event_type(event),
            "recorded_at": event.timestamp,
            "data": event_data(event),
            "meta": _public_meta(getattr(event, "meta", {})),
            **scope,
        }
    )
    if stream_type == "case":
        summary = batch.summary(str(event.originator_id))
        summary["version"] = event.originator_version
        summary["last_position"] = position
        summary["chain_head"] = getattr(event, "hash", None)
        summary["updated_at"] = event.timestamp


def _public_meta(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: to_json(v) for k, v in meta.items() if k != "request_hash"}


def _stream_type(event: Any) -> str:
    if isinstance(event, Case.Event):
        return "case"
    if isinstance(event, Agency.Event):
        return "agency"
    if isinstance(event, ScheduleLoad.Event):
        return "calendar"
    return "jurisdiction"


def _scope(batch: Batch, event: Any, stream_type: str) -> dict[str, str]:
    """Who may see the event in the feed: the case's agencies, jurisdiction path and court."""
    if stream_type != "case":
        return {"agencies": "", "jurisdiction_path": "", "court": ""}
    summary = batch.summary(str(event.originator_id))
    codes = ",".join(a["agency_id"] for a in summary["agencies"])
    return {
        "agencies": f",{codes},",
        "jurisdiction_path": summary["jurisdiction_path"],
        "court": summary["court"],
    }


@singledispatch
def apply_event(event: Any, batch: Batch) -> None:
    """Events that only appear on the timeline change nothing else."""


@apply_event.register
def _(event: Case.CaseFiled, batch: Batch) -> None:
    case_id = str(event.originator_id)
    jurisdiction = batch.jurisdiction(event.jurisdiction)
    path = jurisdiction["path"] if jurisdiction else f"/{event.jurisdiction}/"
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
            {"case_id": case_id, "agency": agency["agency_id"], "role": agency["role"]}
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


@apply_event.register
def _(event: Case.AnswerSubmitted, batch: Batch) -> None:
    summary = batch.summary(str(event.originator_id))
    if summary["status"] in ("filed", "responding"):
        summary["status"] = "answered"


@apply_event.register
def _(event: Case.HearingScheduled, batch: Batch) -> None:
    _set(event, batch, status="hearing_scheduled", hearing_date=event.hearing_date)


@apply_event.register
def _(event: Case.AppearanceRecorded, batch: Batch) -> None:
    _set(event, batch, status="heard")


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


@apply_event.register
def _(event: Jurisdiction.JurisdictionRegistered, batch: Batch) -> None:
    parent = batch.jurisdiction(event.parent) if event.parent else None
    path = f"{parent['path']}{event.code}/" if parent else f"/{event.code}/"
    batch.jurisdictions[event.code] = {
        "code": event.code,
        "name": event.name,
        "level": event.level,
        "parent": event.parent,
        "path": path,
        "pack": event.pack,
    }


@apply_event.register
def _(event: Jurisdiction.JurisdictionPackChanged, batch: Batch) -> None:
    row = batch.jurisdiction(event.code)
    if row is not None:
        batch.jurisdictions[event.code] = {**row, "pack": event.pack}


@apply_event.register
def _(event: Agency.AgencyRegistered, batch: Batch) -> None:
    batch.agencies[event.code] = {
        "code": event.code,
        "name": event.name,
        "jurisdiction": event.jurisdiction,
        "level": event.level,
    }


@apply_event.register
def _(event: Agency.AgencyRenamed, batch: Batch) -> None:
    row = batch.agency(event.code)
    if row is not None:
        batch.agencies[event.code] = {**row, "name": event.name}


@apply_event.register
def _(event: ScheduleLoad.HolidayScheduleLoaded, batch: Batch) -> None:
    batch.calendar_loads.append(
        {
            "year": event.year,
            "schedule": {
                "year": event.year,
                "holidays": [d.isoformat() for d in event.holidays],
                "makeup_workdays": [d.isoformat() for d in event.makeup_workdays],
                "source": event.source,
            },
            "reason": event.reason,
            "position": batch.position,
            "loaded_at": event.timestamp,
        }
    )


import case_api.readmodel.accountability_projection  # noqa: E402, F401  (registers its handlers)
import case_api.readmodel.client_projection  # noqa: E402, F401
