"""A fault excused by fault tolerance (容错免责) is no prior: it never makes another fault of the
person a repeat, in every pack that grants fault tolerance [000 四(三)] [002 第十一条]."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api_client import Api
from tests.case_api.accountability_steps import Place, loss_report_body, person

ACC = "accountability"
# Per pack: how a lost case gets to the point where decisions may be taken, the fault kind
# and the fault-tolerance ground used below.
PACKS = {
    "wenzhou": (
        [("investigation", {"completed_date": "2026-02-12", "act_date": "2025-03-01"}, "agency")],
        "duty_not_performed",
        "hard_risky_tasks",
    ),
    "xiuyan": (
        [
            (
                "investigation",
                {"completed_date": "2026-01-30", "direct_loss_yuan": 0, "dereliction": False},
                "discipline",
            )
        ],
        "no_answer_or_evidence",
        "reform_pilot_error",
    ),
}


async def _ready_case(place: Place, number: str) -> str:
    steps, _, _ = PACKS[place.pack]
    case = await place.lost_case("2026-01-09", "2026-01-26", number=number)
    for path, body, who in steps:
        await place.do(case, f"{ACC}/{path}", body, who)
    await place.do(case, "loss-reports", loss_report_body(place.pack, "2026-02-13"), "agency")
    await place.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-02-24"}, "bureau")
    return case


async def _name(place: Place, case: str, fault_date: str) -> None:
    _, kind, _ = PACKS[place.pack]
    party = person("p1", f"{place.code}-001", place.agency_code, kind, fault_date)
    await place.do(case, f"{ACC}/parties", {"party": party, "named_date": "2026-02-25"}, "agency")


async def _excuse(place: Place, case: str) -> None:
    _, kind, ground = PACKS[place.pack]
    decision: dict[str, Any] = {
        "party_id": "p1",
        "decision": "fault_tolerance",
        "ground": ground,
        "deciding_organ": "纪委监委",
        "decided_date": "2026-02-26",
    }
    await place.do(case, f"{ACC}/decisions", decision, "discipline")


async def _repeat_flags(place: Place, *cases: str) -> list[bool]:
    return [(await place.view(case))["parties"][0]["repeat_fault"] for case in cases]


@pytest.mark.parametrize("pack", sorted(PACKS))
async def test_a_fault_excused_before_the_next_is_no_prior(api: Api, pack: str):
    place = Place(api, pack)
    await place.register()
    excused, later, third = [await _ready_case(place, n) for n in "123"]
    await _name(place, excused, "2025-03-01")
    await _excuse(place, excused)
    await _name(place, later, "2025-08-01")  # five months on, same kind
    assert await _repeat_flags(place, excused, later) == [False, False]
    await _name(place, third, "2025-10-01")  # two faults that count, two months apart
    assert await _repeat_flags(place, excused, later, third) == [False, True, True]


@pytest.mark.parametrize("pack", sorted(PACKS))
async def test_excusing_a_fault_afterwards_lifts_the_repeat_flag_it_caused(api: Api, pack: str):
    place = Place(api, pack)
    await place.register()
    first, second = [await _ready_case(place, n) for n in "12"]
    await _name(place, first, "2025-03-01")
    await _name(place, second, "2025-08-01")
    assert await _repeat_flags(place, first, second) == [True, True]
    await _excuse(place, first)
    assert await _repeat_flags(place, first, second) == [False, False]
