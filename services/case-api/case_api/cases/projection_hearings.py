"""How case events change the hearings and answers of each case (``case_hearings``,
``case_answers``): the dated facts statistics count by period.

Called from ``cases.projection``: ``project`` for each new fact, ``refold`` when a
correction or retraction changes a case's facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from types import SimpleNamespace
from typing import Any

from case_api.cases.tables import case_answers, case_hearings
from case_api.cases.values import DocumentKind
from case_api.readmodel.batch import Batch
from shared.deadlines.appearance import HEAD_ROLES
from shared.deadlines.model import CaseEvent


def _stored_row(batch: Batch, case_id: str, hearing_date: date) -> dict[str, Any] | None:
    """The hearing's row; a case filed in this batch has none stored, so none is read."""
    return batch.row(case_hearings, case_id, hearing_date, stored=not batch.filed_here(case_id))


def _schedule(event: Any, batch: Batch, hearing_date: date) -> None:
    case_id = str(event.originator_id)
    summary = batch.summary(case_id)
    row = _stored_row(batch, case_id, hearing_date) or {
        "case_id": case_id,
        "hearing_date": hearing_date,
        "appeared_position": None,
        "appearance_roles": [],
        "head_present": False,
        "principal_head_present": False,
        "refused_to_attend": False,
        "left_without_permission": False,
    }
    row.update(
        agency=summary["agency"],
        jurisdiction_path=summary["jurisdiction_path"],
        instance=summary["instance"],
        scheduled_position=batch.position,
        postponed_position=None,
        called_off_position=None,
    )
    batch.put(case_hearings, row)


def document_served(event: Any, batch: Batch) -> None:
    if event.kind == DocumentKind.SUMMONS and event.hearing_date is not None:
        _schedule(event, batch, event.hearing_date)


def hearing_scheduled(event: Any, batch: Batch) -> None:
    if event.replaces is not None:
        case_id = str(event.originator_id)
        old = _stored_row(batch, case_id, event.replaces)
        if old is not None:
            batch.put(case_hearings, {**old, "postponed_position": batch.position})
    _schedule(event, batch, event.hearing_date)


def appearance_recorded(event: Any, batch: Batch) -> None:
    case_id = str(event.originator_id)
    if _stored_row(batch, case_id, event.hearing_date) is None:
        _schedule(event, batch, event.hearing_date)  # recorded before hearings were kept
    row = batch.row(case_hearings, case_id, event.hearing_date)
    assert row is not None
    roles = [p.get("role") for p in event.appearances or []]
    row.update(
        appeared_position=batch.position,
        appearance_roles=roles,
        head_present=bool(set(roles) & HEAD_ROLES),
        principal_head_present="principal_head" in roles,
        # Absent from appearances recorded before court conduct was kept: neither happened.
        refused_to_attend=bool(getattr(event, "refused_to_attend", False)),
        left_without_permission=bool(getattr(event, "left_without_permission", False)),
    )
    batch.put(case_hearings, row)


def case_concluded(event: Any, batch: Batch) -> None:
    """Withdrawn or mediated: hearings set for a later day, with nobody recorded as having
    appeared, will not be held (statistics must not count them as held and unattended)."""
    case_id = str(event.originator_id)
    stored = not batch.filed_here(case_id)
    for row in batch.case_rows(case_hearings, case_id, stored=stored):
        if row["hearing_date"] > event.concluded_date and row["appeared_position"] is None:
            batch.put(case_hearings, {**row, "called_off_position": batch.position})


def answer_submitted(event: Any, batch: Batch) -> None:
    case_id = str(event.originator_id)
    summary = batch.summary(case_id)
    batch.insert(
        case_answers,
        {
            "position": batch.position,
            "case_id": case_id,
            "agency": summary["agency"],
            "jurisdiction_path": summary["jurisdiction_path"],
            "submitted_date": event.submitted_date,
            "evidence_submitted": bool(event.evidence_submitted),
        },
    )


def project(event: Any, batch: Batch) -> None:
    """The hearings or answers ``event`` changes, if any."""
    handler = _HANDLERS.get(type(event).__name__)
    if handler is not None:
        handler(event, batch)


def refold(case_id: str, facts: Iterable[CaseEvent], batch: Batch) -> None:
    """The case's hearings and answers made again from its facts as now corrected: the rows
    stored are dropped, then each fact is applied at its own feed position."""
    batch.drop_case_rows(case_hearings, case_id)
    batch.drop_case_rows(case_answers, case_id)
    now = batch.position
    for fact in facts:
        handler = _HANDLERS.get(fact.type)
        if handler is not None:
            batch.position = fact.position
            handler(_as_event(case_id, fact), batch)
    batch.position = now


def _as_event(case_id: str, fact: CaseEvent) -> Any:
    """A fact's data read back as the handlers read an event (dates as dates)."""
    data = {k: _date(k, v) for k, v in fact.data.items()}
    data.setdefault("replaces", None)
    data.setdefault("hearing_date", None)
    return SimpleNamespace(originator_id=case_id, **data)


def _date(name: str, value: Any) -> Any:
    if isinstance(value, str) and name.endswith(("_date", "replaces")):
        return date.fromisoformat(value)
    return value


_HANDLERS = {
    "DocumentServed": document_served,
    "HearingScheduled": hearing_scheduled,
    "AppearanceRecorded": appearance_recorded,
    "AnswerSubmitted": answer_submitted,
    "CaseConcluded": case_concluded,
}
