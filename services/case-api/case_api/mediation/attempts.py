"""How case events change the mediation attempts (``mediation_attempts``): who mediated,
when, and whether the attempt settled (the case concluded naming it) or failed.

Called from ``cases.projection``: ``project`` for each new fact, ``refold`` when a
correction or retraction changes a case's facts.
"""

from __future__ import annotations

from typing import Any

from case_api.mediation.tables import mediation_attempts
from case_api.readmodel.batch import Batch
from case_api.readmodel.case_rows import CaseRows, as_day


def _attempted(case_id: str, data: dict[str, Any], batch: Batch) -> None:
    summary = batch.summary(case_id)
    stored = not batch.filed_here(case_id)
    number = (
        data.get("number") or len(batch.case_rows(mediation_attempts, case_id, stored=stored)) + 1
    )
    mediator = data.get("mediator") or {}
    batch.put(
        mediation_attempts,
        {
            "case_id": case_id,
            "number": number,
            "agency": summary["agency"],
            "jurisdiction_path": summary["jurisdiction_path"],
            "mediator_id": data.get("mediator_id"),
            "centre": mediator.get("centre"),
            "attempted_date": as_day(data["attempted_date"]),
            "outcome": None,
            "outcome_date": None,
            "conclusion": None,
            "position": batch.position,
        },
    )


def _decided(case_id: str, number: Any, outcome: dict[str, Any], batch: Batch) -> None:
    if number is None:
        return
    row = batch.row(mediation_attempts, case_id, number, stored=not batch.filed_here(case_id))
    if row is None:  # the aggregate refuses an outcome of an unknown attempt
        return
    row.update(outcome)
    batch.put(mediation_attempts, row)


def _failed(case_id: str, data: dict[str, Any], batch: Batch) -> None:
    outcome = {"outcome": "failed", "outcome_date": as_day(data["failed_date"])}
    _decided(case_id, data["attempt"], outcome, batch)


def _concluded(case_id: str, data: dict[str, Any], batch: Batch) -> None:
    outcome = {
        "outcome": "settled",
        "outcome_date": as_day(data["concluded_date"]),
        "conclusion": data["conclusion"],
    }
    _decided(case_id, data.get("mediation_attempt"), outcome, batch)


ROWS = CaseRows(
    mediation_attempts,
    {
        "MediationAttempted": _attempted,
        "MediationFailed": _failed,
        "CaseConcluded": _concluded,
    },
)
project = ROWS.project
refold = ROWS.refold
