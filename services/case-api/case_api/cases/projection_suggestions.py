"""How case events change the judicial and procuratorial suggestions of each case
(``case_suggestions``): what was suggested, by whom, and the agency's reply.

Called from ``cases.projection``: ``project`` for each new fact, ``refold`` when a
correction or retraction changes a case's facts (a mistyped reply date, say).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from case_api.cases.tables import case_suggestions
from case_api.readmodel.batch import Batch
from shared.deadlines.model import CaseEvent


def _received(case_id: str, data: dict[str, Any], batch: Batch) -> None:
    summary = batch.summary(case_id)
    batch.put(
        case_suggestions,
        {
            "case_id": case_id,
            "number": data["number"],
            "position": batch.position,
            "agency": summary["agency"],
            "jurisdiction_path": summary["jurisdiction_path"],
            "issuer": data["issuer"],
            "issuer_name": data["issuer_name"],
            "content": data["content"],
            "served_date": _day(data["served_date"]),
            "reply_due_date": _day(data.get("reply_due_date")),
            "reply_position": None,
            "reply_date": None,
            "reply_content": None,
        },
    )


def _answered(case_id: str, data: dict[str, Any], batch: Batch) -> None:
    stored = not batch.filed_here(case_id)
    row = batch.row(case_suggestions, case_id, data["number"], stored=stored)
    if row is None:  # the aggregate refuses a reply to an unknown suggestion
        return
    row.update(
        reply_position=batch.position,
        reply_date=_day(data["answered_date"]),
        reply_content=data["reply"],
    )
    batch.put(case_suggestions, row)


_HANDLERS = {"SuggestionReceived": _received, "SuggestionAnswered": _answered}


def project(event: Any, batch: Batch) -> None:
    """The suggestion ``event`` records or answers, if it does."""
    handler = _HANDLERS.get(type(event).__name__)
    if handler is not None:
        handler(str(event.originator_id), vars(event), batch)


def refold(case_id: str, facts: Iterable[CaseEvent], batch: Batch) -> None:
    """The case's suggestions made again from its facts as now corrected."""
    batch.drop_case_rows(case_suggestions, case_id)
    now = batch.position
    for fact in facts:
        handler = _HANDLERS.get(fact.type)
        if handler is not None:
            batch.position = fact.position
            handler(case_id, dict(fact.data), batch)
    batch.position = now


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
