"""How case events change the judicial and procuratorial suggestions of each case
(``case_suggestions``): what was suggested, by whom, and the agency's reply.

Called from ``cases.projection``: ``project`` for each new fact, ``refold`` when a
correction or retraction changes a case's facts (a mistyped reply date, say).
"""

from __future__ import annotations

from typing import Any

from case_api.cases.tables import case_suggestions
from case_api.readmodel.batch import Batch
from case_api.readmodel.case_rows import CaseRows, as_day


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
            "served_date": as_day(data["served_date"]),
            "reply_due_date": as_day(data.get("reply_due_date")),
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
        reply_date=as_day(data["answered_date"]),
        reply_content=data["reply"],
    )
    batch.put(case_suggestions, row)


ROWS = CaseRows(
    case_suggestions, {"SuggestionReceived": _received, "SuggestionAnswered": _answered}
)
project = ROWS.project
refold = ROWS.refold
