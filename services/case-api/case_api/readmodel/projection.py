"""Projecting one event: its timeline row (the feed), then its capability's handler.

Importing the capabilities' ``projection`` modules registers their handlers on
``case_api.readmodel.dispatch.apply_event``.
"""

from __future__ import annotations

from typing import Any

import case_api.accountability.meeting_projection  # noqa: F401
import case_api.accountability.projection  # noqa: F401  (each registers its handlers)
import case_api.accounts.projection
import case_api.casebook.projection  # noqa: F401
import case_api.cases.projection  # noqa: F401
import case_api.clients.projection  # noqa: F401
import case_api.deadlines.calendar_projection  # noqa: F401
import case_api.interviews.projection
import case_api.mediation.projection
import case_api.registry.projection  # noqa: F401
import case_api.risks.projection
from case_api.cases.aggregate import Case
from case_api.clients.domain import ApiClient
from case_api.deadlines.calendar import ScheduleLoad
from case_api.documents.projection import project_documents
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event
from case_api.readmodel.events_json import event_data, event_type, to_json
from case_api.registry.domain import Agency


def project(batch: Batch, event: Any, position: int) -> None:
    """Apply one event (at notification ``position``) to the batch."""
    stream_type = _stream_type(event)
    batch.position = position
    apply_event(event, batch)
    project_documents(batch, event, position)
    if isinstance(event, ApiClient.Event):
        return  # credentials and their holders are not for the feed (client_projection)
    if case_api.risks.projection.is_registration_event(event):
        return
    if case_api.interviews.projection.is_interview_event(event):
        return
    if case_api.accounts.projection.is_account_event(event):
        case_api.accounts.projection.record(batch, event)
        return  # people's sign-ins are the audit trail's, not the case feed's
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
    if case_api.mediation.projection.is_register_event(event):
        return "mediation"
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
