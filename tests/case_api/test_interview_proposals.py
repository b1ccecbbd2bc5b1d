"""Proposing agencies to interview (约谈) from their figures: pure, no storage."""

from __future__ import annotations

from typing import Any

from case_api.interviews.proposals import propose
from shared.rulepacks import shipped_library

WENZHOU = shipped_library().pack("wenzhou").interviews
GUANGZHOU = shipped_library().pack("guangzhou").interviews


def _row(agency: str, losses: int, concluded: int, **failures: int) -> dict[str, Any]:
    rate = round(losses / concluded, 4) if concluded else None
    return {
        "agency": agency,
        "agency_name": agency,
        "losses": losses,
        "rates": {"loss_rate": {"value": rate, "numerator": losses, "denominator": concluded}},
        "four_failures": {"no_answer": 0, "no_evidence": 0, "no_appearance": 0, **failures},
    }


def test_wenzhou_losses_trigger_at_the_configured_count():
    rows = [_row("a", 2, 20), _row("b", 3, 20)]
    [found] = propose(rows, {"a": WENZHOU, "b": WENZHOU}, {})
    assert found["agency"] == "b"
    assert [t["metric"] for t in found["triggers"]] == ["losses"]


def test_a_high_loss_rate_needs_enough_concluded_cases():
    few, enough = _row("few", 2, 4), _row("enough", 2, 5)
    found = propose([few, enough], {"few": WENZHOU, "enough": WENZHOU}, {"enough": 1})
    assert [(p["agency"], p["interviews_held"]) for p in found] == [("enough", 1)]
    [trigger] = found[0]["triggers"]
    assert (trigger["metric"], trigger["value"], trigger["denominator"]) == ("loss_rate", 0.4, 5)
    assert trigger["configured_by"] == "bureau"


def test_an_agency_whose_pack_has_no_interviews_is_never_proposed():
    assert propose([_row("x", 9, 9)], {"x": None}, {}) == []


def test_guangzhou_ignores_losses_and_proposes_on_any_four_failure():
    rows = [_row("many_losses", 9, 9), _row("absent", 0, 1, no_appearance=1)]
    found = propose(rows, {"many_losses": GUANGZHOU, "absent": GUANGZHOU}, {})
    assert [(p["agency"], [t["metric"] for t in p["triggers"]]) for p in found] == [
        ("absent", ["no_appearance"])
    ]
