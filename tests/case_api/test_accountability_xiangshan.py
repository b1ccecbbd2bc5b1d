"""Xiangshan through HTTP [003]: a lost case is transferred to the discipline organ citing one
of the pack's situations [003 二(四)3]; court conduct recorded on an appearance (拒不到庭,
中途退庭 [003 二(二)2]) is counted as not appearing and proposes the matching ground."""

from __future__ import annotations

from typing import Any

import pytest

from tests.case_api.accountability_steps import Place

ACC = "accountability"
GROUNDS = {
    "major_fault": "003 二(四)3",
    "unfiled_loss": "003 二(四)3",
    "refused_or_left_court": "003 二(四)3; 003 二(二)2",
    "head_absent": "003 二(四)3; 003 二(二)1",
    "judgment_unperformed": "003 二(四)3; 003 二(四)1",
}


@pytest.fixture
async def xs(api) -> Place:  # type: ignore[no-untyped-def]
    place = Place(api, "xiangshan")
    await place.register()
    return place


async def _heard_case(xs: Place, number: str, appearance: dict[str, Any]) -> str:
    """Filed, served, heard on 2025-07-10 as ``appearance`` records, lost and effective."""
    body = {
        "court": xs.court_code,
        "case_number": f"（2025）浙0225行初{number}号",
        "agencies": [{"agency_id": xs.agency_code, "role": "implementing"}],
        "subject_matter": "行政处罚",
        "filed_date": "2025-06-01",
    }
    r = await xs.api.client.post("/v1/cases", json=body, headers=xs.court)
    assert r.status_code == 201, r.text
    case = str(r.json()["case_id"])
    served = {"kind": "complaint_copy", "served_date": "2025-06-05", "document_number": ""}
    await xs.do(case, "documents", served, "court")
    summons = {
        "kind": "summons",
        "served_date": "2025-06-10",
        "hearing_date": "2025-07-10",
        "document_number": "",
    }
    await xs.do(case, "documents", summons, "court")
    await xs.do(case, "appearances", {"hearing_date": "2025-07-10", **appearance}, "agency")
    judgment = {"instance": "first", "outcome": "lost", "loss_type": "revoked"}
    await xs.do(case, "judgments", {"judgment": judgment, "served_date": "2025-08-01"}, "court")
    await xs.do(case, "effective", {"effective_date": "2025-08-20"}, "court")
    return case


async def test_xiangshan_transfer_cites_each_ground_of_the_pack(xs: Place):
    for number, (ground, source) in enumerate(GROUNDS.items(), start=1):
        case = await xs.lost_case("2026-01-09", "2026-01-26", number=str(number))
        transfer = {"transferred_date": "2026-02-05", "ground": ground, "reason": "移送问题线索"}
        await xs.do(case, f"{ACC}/transfer", transfer, "bureau")
        view = await xs.view(case, "bureau")
        assert view["transfer"]["ground"] == ground
        assert view["transfer"]["ground_source"] == source
        # The pack names the receiving organ when the body does not.
        assert view["transfer"]["organ"] == "纪检监察机关"
        assert view["transfer"]["transferred_date"] == "2026-02-05"


async def test_xiangshan_transfer_refuses_a_ground_the_pack_lacks_or_none(xs: Place):
    case = await xs.lost_case("2026-01-09", "2026-01-26")
    path = f"{ACC}/transfer"
    wenzhou_ground = {"transferred_date": "2026-02-05", "ground": "duty_not_performed"}
    problem = await xs.do(case, path, wenzhou_ground, "bureau", status=409)
    assert problem["code"] == "ground-not-in-pack"
    assert (
        await xs.refused(case, path, {"transferred_date": "2026-02-05"}, "bureau")
        == "transfer-needs-ground"
    )
    # Nothing was recorded: the case can still be transferred once, with a ground.
    await xs.do(case, path, {"transferred_date": "2026-02-05", "ground": "major_fault"}, "agency")
    again = {"transferred_date": "2026-02-06", "ground": "major_fault"}
    assert await xs.refused(case, path, again, "bureau") == "already-transferred"


async def test_xiangshan_lists_the_pack_grounds_with_clauses(xs: Place):
    r = await xs.api.client.get("/v1/accountability/packs/xiangshan", headers=xs.bureau)
    assert r.status_code == 200, r.text
    lists = r.json()
    assert {g["id"]: g["source"] for g in lists["grounds"]} == GROUNDS
    assert lists["referral"]["organ_zh"] == "纪检监察机关"
    assert lists["sanctions"] == []


async def test_refusal_to_attend_is_counted_as_no_appearance_and_proposes_grounds(xs: Place):
    refused = await _heard_case(xs, "1", {"appearances": [], "refused_to_attend": True})
    view = await xs.view(refused, "bureau")
    proposed = {p["ground"]: p for p in view["proposed_grounds"]}
    # Never filed with the bureau, refused to attend; no head-absence apart from the refusal.
    assert set(proposed) == {"unfiled_loss", "refused_or_left_court"}
    assert proposed["refused_or_left_court"]["facts"] == ["2025-07-10庭审：拒不到庭"]
    assert proposed["refused_or_left_court"]["source"] == GROUNDS["refused_or_left_court"]
    deadlines = await xs.deadlines(refused)
    hearing = deadlines["hearing"][0]
    assert hearing["status"] == "missed" and "拒不到庭" in hearing["status_reason"]
    transfer = {"transferred_date": "2026-02-05", "ground": "refused_or_left_court"}
    await xs.do(refused, f"{ACC}/transfer", transfer, "bureau")

    lawyer_only = {"appearances": [{"name": "王律师", "role": "lawyer"}]}
    no_head = await _heard_case(xs, "2", lawyer_only)
    proposed = {p["ground"] for p in (await xs.view(no_head, "bureau"))["proposed_grounds"]}
    assert proposed == {"unfiled_loss", "head_absent"}

    left = {
        "appearances": [{"name": "李局长", "role": "principal_head"}],
        "left_without_permission": True,
    }
    walked_out = await _heard_case(xs, "3", left)
    view = await xs.view(walked_out, "bureau")
    conduct = [p for p in view["proposed_grounds"] if p["ground"] == "refused_or_left_court"]
    assert conduct[0]["facts"] == ["2025-07-10庭审：未经法庭许可中途退庭"]

    r = await xs.api.client.get(
        "/v1/statistics",
        params={
            "jurisdiction": "xs",
            "from": "2025-07-01",
            "to": "2025-07-31",
            "min_position": xs.position,
        },
        headers=xs.bureau,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["counts"]["hearings_held"] == 3
    assert body["counts"]["hearings_refused"] == 1
    assert body["counts"]["hearings_left"] == 1
    assert body["counts"]["hearings_with_head"] == 1
    # Refused, left midway, and the lawyer-only hearing whose head duty went unmet is a
    # missed appearance deadline but was attended, so it is not 不出庭.
    assert body["four_failures"]["no_appearance"] == 2


async def test_court_conduct_that_contradicts_itself_is_refused(xs: Place):
    body = {
        "court": xs.court_code,
        "case_number": "（2026）浙0225行初77号",
        "agencies": [{"agency_id": xs.agency_code, "role": "implementing"}],
        "subject_matter": "行政许可",
        "filed_date": "2026-01-01",
    }
    r = await xs.api.client.post("/v1/cases", json=body, headers=xs.court)
    assert r.status_code == 201, r.text
    case = str(r.json()["case_id"])
    summons = {
        "kind": "summons",
        "served_date": "2026-01-02",
        "hearing_date": "2026-01-05",
        "document_number": "",
    }
    await xs.do(case, "documents", summons, "court")
    head = [{"name": "李局长", "role": "principal_head"}]
    refused = [
        ({"appearances": head, "refused_to_attend": True}, "refused-yet-appeared"),
        ({"refused_to_attend": True, "left_without_permission": True}, "refused-yet-appeared"),
        ({"appearances": []}, "appearance-needs-people"),
    ]
    for conduct, code in refused:
        appearance = {"hearing_date": "2026-01-05", **conduct}
        problem = await xs.do(case, "appearances", appearance, "agency", status=422)
        assert problem["code"] == code
    # Bad input changed nothing: the hearing still takes its one appearance record.
    await xs.do(case, "appearances", {"hearing_date": "2026-01-05", "appearances": head}, "agency")


async def test_a_refusal_recorded_by_mistake_is_corrected_into_an_appearance(xs: Place):
    case = await _heard_case(xs, "4", {"appearances": [], "refused_to_attend": True})
    appearance = 4  # filed, complaint copy, summons, appearance
    contradictory = {
        "event_version": appearance,
        "corrections": {"refused_to_attend": False},
        "reason": "录入错误",
    }
    # Nobody appeared and nobody refused: the corrected facts are refused as a whole.
    problem = await xs.do(case, "corrections", contradictory, "agency", status=422)
    assert problem["code"] == "appearance-needs-people"
    fix = {
        **contradictory,
        "corrections": {
            "refused_to_attend": False,
            "appearances": [{"name": "李局长", "role": "principal_head"}],
        },
    }
    await xs.do(case, "corrections", fix, "agency")
    view = await xs.view(case, "bureau")
    assert "refused_or_left_court" not in {p["ground"] for p in view["proposed_grounds"]}
    assert (await xs.deadlines(case))["hearing"][0]["status"] == "met"
