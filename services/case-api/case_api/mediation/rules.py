"""A mediation attempt names a mediator on the roster, and ends settled or failed.

The command layer looks the named mediator up and passes its facts in (``mediator_id``,
``name``, ``centre``, ``active_from``, ``active_to``; None when no such mediator is on the
roster), which the attempt event keeps. An attempt is numbered on its case (1, 2, …); it
settles when the court concludes the case by mediation or withdrawal naming it
(``conclude_without_judgment``), and fails when its failure is recorded.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from case_api.platform.domain_errors import InvalidValue, RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case


def check_mediator(
    attempted_date: date, mediator_id: str | None, mediator: dict[str, Any] | None
) -> None:
    if mediator_id is None:
        return
    if mediator is None:
        raise InvalidValue(
            "unknown-mediator",
            f"No mediator {mediator_id} is on the roster.",
            f"调解员库中没有调解员 {mediator_id}。",
            mediator_id=mediator_id,
        )
    ends = mediator["active_to"]
    if attempted_date < mediator["active_from"] or (ends is not None and attempted_date > ends):
        raise RuleViolation(
            "mediator-inactive",
            f"Mediator {mediator_id} does not serve on {attempted_date} "
            f"(from {mediator['active_from']} to {ends or 'now'}).",
            f"调解员 {mediator['name']} 在 {attempted_date} 不在任。",
            mediator_id=mediator_id,
        )


def open_attempt(case: Case, number: int, outcome_date: date) -> dict[str, Any]:
    """The attempt ``number`` of ``case``, still without an outcome, dated no later than
    ``outcome_date``."""
    found = next((a for a in case.mediation_attempts if a["number"] == number), None)
    if found is None:
        raise RuleViolation(
            "mediation-attempt-not-found",
            f"The case has no mediation attempt {number}.",
            f"本案没有第 {number} 次调解。",
            attempt=number,
        )
    if found["outcome"] is not None:
        raise RuleViolation(
            "mediation-attempt-decided",
            f"Mediation attempt {number} already {found['outcome']}.",
            f"第 {number} 次调解已有结果。",
            attempt=number,
        )
    if outcome_date < found["attempted_date"]:
        raise InvalidValue(
            "mediation-outcome-before-attempt",
            f"The outcome of {outcome_date} precedes the attempt of {found['attempted_date']}.",
            "调解结果的日期早于调解日期。",
            attempt=number,
        )
    return found


def new_attempt(
    case: Case, number: int | None, attempted_date: date, mediator: dict[str, Any] | None
) -> dict[str, Any]:
    """The attempt an event records; ``number`` None for attempts stored before numbering."""
    return {
        "number": number or len(case.mediation_attempts) + 1,
        "attempted_date": attempted_date,
        "mediator_id": mediator["mediator_id"] if mediator else None,
        "outcome": None,
    }
