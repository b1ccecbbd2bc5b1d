"""Mediation attempts on the case aggregate: numbered, naming a mediator who serves on the
day, ending settled (the conclusion names the attempt) or failed. No fixtures."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from case_api.cases.aggregate import Case
from case_api.platform.domain_errors import InvalidValue, RuleViolation
from tests.case_api.test_case_properties import META

MEDIATOR = "7d0c2f0e-0000-4000-8000-000000000001"


def _case() -> Case:
    return Case(
        id=uuid4(),
        court="c",
        case_number="n",
        jurisdiction="gzc",
        pack="guangzhou",
        agencies=[{"agency_id": "a", "role": "implementing"}],
        subject_matter="s",
        plaintiff_count=1,
        filed_date=date(2026, 1, 5),
        flags=[],
        meta=META,
    )


def _mediator(active_from: date, active_to: date | None = None) -> dict[str, Any]:
    return {
        "mediator_id": MEDIATOR,
        "name": "调解员甲",
        "centre": "gz-centre",
        "active_from": active_from,
        "active_to": active_to,
    }


def test_an_attempt_stored_before_mediators_were_named_loads_as_attempt_one() -> None:
    case = _case()
    case._mediation_attempted(attempted_date=date(2026, 2, 1), note="", meta=META)
    assert case.mediation_attempts == [
        {"number": 1, "attempted_date": date(2026, 2, 1), "mediator_id": None, "outcome": None}
    ]
    case.conclude_without_judgment(
        conclusion="mediated", concluded_date=date(2026, 2, 9), meta=META, mediation_attempt=1
    )
    assert case.mediation_attempts[0]["outcome"] == "settled"
    assert case.status == "mediated"


def test_an_unknown_mediator_is_refused() -> None:
    case = _case()
    with pytest.raises(InvalidValue) as refused:
        case.attempt_mediation(
            attempted_date=date(2026, 2, 1), note="", meta=META, mediator_id=MEDIATOR
        )
    assert refused.value.code == "unknown-mediator"
    assert case.mediation_attempts == []


@given(
    start=st.dates(date(2025, 1, 1), date(2026, 12, 31)),
    days=st.integers(0, 400),
    at=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
)
def test_a_mediator_mediates_only_within_the_term(start: date, days: int, at: date) -> None:
    end = date.fromordinal(start.toordinal() + days)
    case = _case()
    case.today = None
    serving = start <= at <= end
    try:
        case.attempt_mediation(
            attempted_date=at,
            note="",
            meta=META,
            mediator_id=MEDIATOR,
            mediator=_mediator(start, end),
        )
    except RuleViolation as refused:
        assert refused.code == "mediator-inactive"
        assert not serving
    else:
        assert serving
        assert case.mediation_attempts[0]["mediator_id"] == MEDIATOR


def test_an_attempt_ends_once_and_not_before_it_began() -> None:
    case = _case()
    mediator = _mediator(date(2026, 1, 1))
    args = {"note": "", "meta": META, "mediator_id": MEDIATOR, "mediator": mediator}
    case.attempt_mediation(attempted_date=date(2026, 3, 2), **args)
    with pytest.raises(InvalidValue) as early:
        case.record_mediation_failure(attempt=1, failed_date=date(2026, 3, 1), note="", meta=META)
    assert early.value.code == "mediation-outcome-before-attempt"
    case.record_mediation_failure(attempt=1, failed_date=date(2026, 3, 9), note="", meta=META)
    with pytest.raises(RuleViolation) as again:
        case.conclude_without_judgment(
            conclusion="withdrawn", concluded_date=date(2026, 3, 20), meta=META, mediation_attempt=1
        )
    assert again.value.code == "mediation-attempt-decided"
    with pytest.raises(RuleViolation) as missing:
        case.record_mediation_failure(attempt=2, failed_date=date(2026, 3, 9), note="", meta=META)
    assert missing.value.code == "mediation-attempt-not-found"
    case.attempt_mediation(attempted_date=date(2026, 4, 1), **args)
    assert [a["number"] for a in case.mediation_attempts] == [1, 2]
