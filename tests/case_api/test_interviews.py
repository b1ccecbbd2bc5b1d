"""约谈 through HTTP: the bureau is proposed the agencies to interview from their figures over
a period (Wenzhou: losses or loss rate staying high, thresholds the bureau configured
[000 五(二)]; Guangzhou: any of the four failures [004 5-⑤三]), records the interviews held
and lists them page by page; agencies see their own."""

from __future__ import annotations

from typing import Any

from tests.api_client import Api
from tests.case_api.accountability_steps import Place

WATER = ("wz-water", "温州市水利局")


def _interview(agency: str, reference: str, held: str) -> dict[str, Any]:
    return {
        "agency": agency,
        "reference": reference,
        "interview_date": held,
        "interviewee": {"name": "王五", "post": "局长"},
        "interviewer": "温州市司法局（联席会议）",
        "reason": "上半年败诉3件",
        "outcome": "责令三十日内提交整改报告",
    }


async def _proposals(api: Api, headers: dict[str, str], position: int, **params: str):
    r = await api.client.get(
        "/v1/interviews/proposals",
        params={"min_position": position, **params},
        headers=headers,
    )
    return r


async def _record(place: Place, body: dict[str, Any], headers: dict[str, str], status: int = 201):
    r = await place.api.client.post("/v1/interviews", json=body, headers=headers)
    assert r.status_code == status, r.text
    if status == 201:
        place.position = max(place.position, r.json()["position"])
    return r.json()


async def test_wenzhou_proposes_an_agency_with_many_losses_and_records_its_interview(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register(WATER)
    for n, effective in enumerate(("2026-01-26", "2026-02-26", "2026-03-26")):
        await wz.lost_case("2026-01-09", effective, number=str(n))
    await wz.lost_case("2026-01-09", "2026-02-10", agency=WATER[0], number="w")
    period = {"from": "2026-01-01", "to": "2026-06-30"}
    r = await _proposals(api, wz.bureau, wz.position, **period)
    assert r.status_code == 200, r.text
    [proposal] = r.json()["proposals"]
    assert (proposal["agency"], proposal["source"]) == (wz.agency_code, "000 五(二)")
    # Three losses of three: the count triggers; the rate needs five concluded cases.
    [trigger] = proposal["triggers"]
    assert (trigger["metric"], trigger["value"], trigger["threshold"]) == ("losses", 3, 3)
    assert trigger["configured_by"] == "bureau" and "3件" in trigger["note_zh"]
    assert proposal["interviews_held"] == 0

    first = _interview(wz.agency_code, "约谈1号", "2026-07-15")
    own = await _record(wz, first, wz.bureau)
    await _record(wz, _interview(wz.agency_code, "约谈2号", "2026-07-20"), wz.bureau)
    await _record(wz, _interview(WATER[0], "约谈3号", "2026-07-18"), wz.bureau)
    problem = await _record(wz, first, wz.bureau, 409)
    assert (problem["code"], problem["interview_id"]) == ("interview-exists", own["interview_id"])
    future = _interview(wz.agency_code, "约谈9号", "2099-01-01")
    assert (await _record(wz, future, wz.bureau, 422))["code"] == "fact-dated-in-future"
    other = _interview(wz.agency_code, "约谈8号", "2026-07-15")
    assert (await _record(wz, other, wz.agency, 403))["code"] == "forbidden"
    elsewhere = api.token("bureau_officer", jurisdiction="gz")
    assert (await _record(wz, other, elsewhere, 403))["code"] == "forbidden"

    # Newest first, one page at a time; the agency sees its own only.
    page, seen, cursor = {"min_position": wz.position, "limit": 2}, [], None
    while True:
        params = {**page, **({"cursor": cursor} if cursor else {})}
        r = await api.client.get("/v1/interviews", params=params, headers=wz.bureau)
        assert r.status_code == 200, r.text
        seen += [i["reference"] for i in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == ["约谈2号", "约谈3号", "约谈1号"]
    r = await api.client.get("/v1/interviews", params=page, headers=wz.agency)
    items = r.json()["items"]
    assert [i["reference"] for i in items] == ["约谈2号", "约谈1号"]
    assert items[1]["interviewee"] == {"name": "王五", "post": "局长"}
    r = await api.client.get("/v1/interviews", params=page, headers=elsewhere)
    assert r.json()["items"] == []
    r = await api.client.get("/v1/interviews", params={"cursor": "nonsense"}, headers=wz.bureau)
    assert (r.status_code, r.json()["code"]) == (422, "invalid-cursor")

    r = await _proposals(api, wz.bureau, wz.position, **{"from": "2026-01-01", "to": "2026-07-31"})
    assert r.json()["proposals"][0]["interviews_held"] == 2
    r = await _proposals(api, wz.agency, wz.position, **period)
    assert (r.status_code, r.json()["code"]) == (403, "forbidden")
    r = await _proposals(api, wz.bureau, wz.position, **{"from": "2026-06-30", "to": "2026-01-01"})
    assert (r.status_code, r.json()["code"]) == (422, "invalid-period")


async def test_guangzhou_proposes_a_unit_that_failed_to_answer(api: Api):
    await api.register_guangzhou()
    case = await api.file_case(filed_date="2025-10-02")
    served = await api.command(
        case["case_id"],
        "documents",
        {"kind": "complaint_copy", "served_date": "2025-10-09"},
        api.court,
    )
    api.settings.clock_file.write_text("2025-11-03T09:00:00+08:00")
    period = {"from": "2025-10-01", "to": "2025-10-31"}
    r = await _proposals(api, api.bureau, served["position"], **period)
    assert r.status_code == 200, r.text
    [proposal] = r.json()["proposals"]
    assert proposal["interviewees_zh"] == "区委分管领导及单位主要领导"
    found = {t["metric"]: t for t in proposal["triggers"]}
    assert set(found) == {"no_answer", "no_evidence"}  # an answer never given had no evidence
    assert (found["no_answer"]["source"], found["no_answer"]["configured_by"]) == (
        "004 5-⑤三",
        "regulation",
    )
