"""How publishing and withdrawing a typical case change the ``typical_cases`` table."""

from __future__ import annotations

from case_api.casebook.tables import typical_cases
from case_api.cases.aggregate import Case
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event


@apply_event.register
def _(event: Case.TypicalCasePublished, batch: Batch) -> None:
    case = batch.summary(str(event.originator_id))
    batch.put(
        typical_cases,
        {
            "case_id": case["case_id"],
            "case_number": case["case_number"],
            "agency": case["agency"],
            "jurisdiction": case["jurisdiction"],
            "jurisdiction_path": case["jurisdiction_path"],
            "subject_matter": case["subject_matter"],
            "title": event.title,
            "summary": event.summary,
            "lessons": event.lessons,
            "published_date": event.published_date,
            "withdrawn_date": None,
            "withdrawal_reason": None,
            "position": batch.position,
        },
    )


@apply_event.register
def _(event: Case.TypicalCaseWithdrawn, batch: Batch) -> None:
    row = batch.row(typical_cases, str(event.originator_id))
    if row is not None:
        row.update(withdrawn_date=event.withdrawn_date, withdrawal_reason=event.reason)
        batch.put(typical_cases, row)
