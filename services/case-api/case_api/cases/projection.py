"""How case events change the case summaries and the agencies of each case.

A correction or retraction folds the summary, the hearings and the answers again from the
facts as corrected.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from case_api.cases import projection_hearings as hearings
from case_api.cases import projection_suggestions as suggestions
from case_api.cases.aggregate import Case
from case_api.cases.summary_fold import AS_FILED, fold
from case_api.cases.tables import case_timeline
from case_api.cases.values import case_number_key
from case_api.mediation import attempts as mediation_attempts
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event
from case_api.readmodel.events_json import event_data, event_type, to_json
from shared.deadlines.corrections import effective_events
from shared.deadlines.model import CaseEvent


@apply_event.register
def _(event: Case.CaseFiled, batch: Batch) -> None:
    case_id = str(event.originator_id)
    path = batch.jurisdiction_path(event.jurisdiction) or f"/{event.jurisdiction}/"
    primary = next(
        (a for a in event.agencies if a.get("role") == "implementing"), event.agencies[0]
    )
    batch.new_summary(
        {
            **AS_FILED,
            "case_id": case_id,
            "case_number": event.case_number,
            "case_number_key": case_number_key(event.case_number),
            "court": event.court,
            "agency": primary["agency_id"],
            "agencies": to_json(event.agencies),
            "jurisdiction": event.jurisdiction,
            "jurisdiction_path": path,
            "pack": event.pack,
            "subject_matter": event.subject_matter,
            "plaintiff_count": event.plaintiff_count,
            "flags": list(event.flags),
            "filed_date": event.filed_date,
            # Absent from filings stored before kinds were kept: those are administrative suits.
            "proceeding_kind": getattr(event, "proceeding_kind", "administrative_suit"),
            "next_deadline_date": None,
            "next_deadline_rule": None,
            "effective_date_derived": None,
            "effective_date_mismatch": None,
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


@apply_event.register
def _(event: Case.Event, batch: Batch) -> None:
    """Every other fact, through the summary fold (see ``summary_fold``), and the dated
    hearings and answers statistics count (see ``projection_hearings``), and the suggestions
    (``projection_suggestions``), and the mediation attempts (``mediation.attempts``)."""
    fold(batch.summary(str(event.originator_id)), event_type(event), event_data(event))
    hearings.project(event, batch)
    suggestions.project(event, batch)
    mediation_attempts.project(event, batch)


@apply_event.register(Case.FactCorrected)
@apply_event.register(Case.FactRetracted)
def _refold(event: Any, batch: Batch) -> None:
    """The summary folded again from the case's facts as now corrected."""
    case_id = str(event.originator_id)
    t = case_timeline.c
    stored = batch.conn.execute(
        select(t.position, t.version, t.type, t.data, t.recorded_at).where(t.stream_id == case_id)
    ).mappings()
    rows = [*stored, *(r for r in batch.timeline if r["stream_id"] == case_id)]
    events = [
        CaseEvent(r["position"], r["type"], r["data"], r["recorded_at"], r["version"]) for r in rows
    ]
    events.append(
        CaseEvent(
            batch.position,
            event_type(event),
            event_data(event),
            event.timestamp,
            event.originator_version,
        )
    )
    summary = batch.summary(case_id)
    summary.update(AS_FILED)
    facts = effective_events(events)
    for fact in facts:
        fold(summary, fact.type, fact.data)
    hearings.refold(case_id, facts, batch)
    suggestions.refold(case_id, facts, batch)
    mediation_attempts.refold(case_id, facts, batch)
