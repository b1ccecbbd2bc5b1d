"""行政争议调解 through HTTP, Guangzhou pack [004 5-③三、五]: the bureau registers the city's
mediation centre and the Huangpu station the pack names, enrols mediators on the roster,
attempts name them, one settles (the case is concluded by mediation), one fails, and the
figures per mediator and per centre count them within the period."""

from __future__ import annotations

from typing import Any

import pytest

from tests.case_api.accountability_steps import Place

CENTRE = {
    "code": "gz-centre",
    "name": "广州行政争议调解中心",
    "jurisdiction": "gzc",
    "pack_entry": "gz_dispute_mediation_centre",
}
STATION = {
    "code": "hp-station",
    "name": "广州行政争议调解中心黄埔区工作站",
    "jurisdiction": "hp",
    "station_of": "gz-centre",
    "pack_entry": "huangpu_station",
}


def _mediator(centre: str, number: str, name: str, start: str, end: str | None = None) -> dict:
    return {
        "centre": centre,
        "roster_number": number,
        "name": name,
        "speciality": "土地征收与房屋拆迁",
        "active_from": start,
        **({"active_to": end} if end else {}),
    }


class Mediation:
    def __init__(self, gz: Place) -> None:
        self.gz = gz
        self.api = gz.api

    async def post(self, path: str, body: dict, who: dict, status: int = 201) -> dict[str, Any]:
        r = await self.api.client.post(f"/v1/mediation/{path}", json=body, headers=who)
        assert r.status_code == status, r.text
        if status == 201:
            self.gz.position = max(self.gz.position, r.json()["position"])
        return dict(r.json())

    async def get(self, path: str, who: dict, **params: Any) -> dict[str, Any]:
        r = await self.api.client.get(
            f"/v1/mediation/{path}",
            params={"min_position": self.gz.position, **params},
            headers=who,
        )
        assert r.status_code == 200, r.text
        return dict(r.json())

    async def file(self, number: str) -> str:
        body = {
            "court": self.gz.court_code,
            "case_number": f"（2026）粤行初{number}号",
            "agencies": [{"agency_id": self.gz.agency_code, "role": "implementing"}],
            "subject_matter": "房屋征收",
            "filed_date": "2026-01-05",
        }
        r = await self.api.client.post("/v1/cases", json=body, headers=self.gz.court)
        assert r.status_code == 201, r.text
        return str(r.json()["case_id"])


@pytest.fixture
async def med(api) -> Mediation:  # type: ignore[no-untyped-def]
    gz = Place(api, "guangzhou")
    await gz.register()
    await gz.register_county("hp", "黄埔区", "hp-gov")
    return Mediation(gz)


async def _register(med: Mediation) -> dict[str, str]:
    """The centre, its station and three mediators; their ids by name."""
    bureau = med.gz.bureau
    await med.post("centres", CENTRE, bureau)
    await med.post("centres", STATION, bureau)
    ids = {}
    for body in (
        _mediator("gz-centre", "GZ-001", "调解员甲", "2026-01-01"),
        _mediator("hp-station", "HP-001", "调解员乙", "2026-01-01"),
        _mediator("gz-centre", "GZ-002", "调解员丙", "2025-01-01", "2025-12-31"),
    ):
        ids[body["name"]] = (await med.post("mediators", body, bureau))["id"]
    return ids


async def test_the_bureau_keeps_the_register_the_pack_names(med: Mediation):
    api, gz = med.api, med.gz
    # Only a bureau of the place keeps it; an agency or another place's bureau may not.
    assert (await med.post("centres", CENTRE, gz.agency, 403))["code"] == "forbidden"
    elsewhere = api.token("bureau_officer", jurisdiction="wz")
    assert (await med.post("centres", CENTRE, elsewhere, 403))["code"] == "forbidden"
    # A pack entry must be one the jurisdiction's pack names, as centre or as station.
    wrong = {**CENTRE, "code": "gz-other", "pack_entry": "huangpu_station"}
    refused = await med.post("centres", wrong, gz.bureau, 422)
    assert refused["code"] == "not-a-pack-mediation-entry"
    ids = await _register(med)
    again = await med.post("centres", CENTRE, gz.bureau, 409)
    assert again["code"] == "mediation-centre-exists"
    district = api.token("bureau_officer", jurisdiction="hp")
    unknown = _mediator("nowhere", "X-1", "调解员丁", "2026-01-01")
    assert (await med.post("mediators", unknown, district, 422))["code"] == (
        "unknown-mediation-centre"
    )
    # The district bureau keeps its station's roster, not the city centre's.
    city_roster = _mediator("gz-centre", "GZ-003", "调解员戊", "2026-01-01")
    assert (await med.post("mediators", city_roster, district, 403))["code"] == "forbidden"

    centres = await med.get("centres", gz.bureau)
    assert [(c["code"], c["station_of"], c["source"]) for c in centres["items"]] == [
        ("gz-centre", None, "004 5-③三"),
        ("hp-station", "gz-centre", "004 5-③三"),
    ]
    # Scoped: the city agency sees the centre serving it, the district bureau its station and
    # the city's centre above it, another place's bureau neither.
    assert [c["code"] for c in (await med.get("centres", gz.agency))["items"]] == ["gz-centre"]
    assert len((await med.get("centres", district))["items"]) == 2
    assert (await med.get("centres", elsewhere))["items"] == []

    # Keyset-paged by name: two pages of the three mediators.
    first = await med.get("mediators", gz.bureau, limit=2)
    assert [m["name"] for m in first["items"]] == ["调解员丙", "调解员乙"]
    rest = await med.get("mediators", gz.bureau, limit=2, cursor=first["next_cursor"])
    assert [m["name"] for m in rest["items"]] == ["调解员甲"] and rest["next_cursor"] is None
    serving = await med.get("mediators", gz.bureau, active_on="2026-06-01")
    assert {m["mediator_id"] for m in serving["items"]} == {ids["调解员甲"], ids["调解员乙"]}
    station = await med.get("mediators", gz.bureau, centre="hp-station")
    assert [(m["name"], m["station_of"]) for m in station["items"]] == [("调解员乙", "gz-centre")]
    r = await api.client.get(
        "/v1/mediation/mediators", headers=api.token("mobile_reader", agency="x")
    )
    assert r.status_code == 403


async def test_attempts_name_mediators_and_the_figures_count_them_per_period(med: Mediation):
    gz = med.gz
    ids = await _register(med)
    settled, failed = await med.file("1"), await med.file("2")
    first = {"attempted_date": "2026-03-02", "note": "诉中调解", "mediator_id": ids["调解员甲"]}
    assert (await gz.do(settled, "mediation-attempts", first, "agency"))["status"] != "mediated"
    # An unknown mediator, or one whose term ended, is refused and nothing is recorded.
    unknown = {**first, "mediator_id": "00000000-0000-4000-8000-0000000000aa"}
    assert (await gz.do(settled, "mediation-attempts", unknown, "agency", 422))["code"] == (
        "unknown-mediator"
    )
    former = {**first, "mediator_id": ids["调解员丙"]}
    assert await gz.refused(settled, "mediation-attempts", former, "agency") == "mediator-inactive"
    # Guangzhou's mediators mediate Guangzhou's cases, not another city's.
    wz = Place(med.api, "wenzhou")
    await wz.register()
    r = await med.api.client.post(
        "/v1/cases",
        json={
            "court": wz.court_code,
            "case_number": "（2026）浙行初1号",
            "agencies": [{"agency_id": wz.agency_code, "role": "implementing"}],
            "subject_matter": "行政处罚",
            "filed_date": "2026-01-05",
        },
        headers=wz.court,
    )
    assert r.status_code == 201, r.text
    other_city = await wz.do(r.json()["case_id"], "mediation-attempts", first, "agency", 409)
    assert other_city["code"] == "mediator-out-of-place"
    # The court concludes the case by mediation, naming the attempt: it counts as settled.
    conclusion = {"conclusion": "mediated", "concluded_date": "2026-03-20", "mediation_attempt": 1}
    assert (await gz.do(settled, "conclusion", conclusion, "court"))["status"] == "mediated"

    station = {"attempted_date": "2026-04-01", "note": "诉前调解", "mediator_id": ids["调解员乙"]}
    await gz.do(failed, "mediation-attempts", station, "bureau")
    failure = {"attempt": 1, "failed_date": "2026-04-10", "note": "双方分歧较大"}
    await gz.do(failed, "mediation-failures", failure, "agency")
    assert await gz.refused(failed, "mediation-failures", failure, "agency") == (
        "mediation-attempt-decided"
    )
    # An attempt without a mediator is still recorded (as before), but counts for nobody.
    await gz.do(
        failed, "mediation-attempts", {"attempted_date": "2026-05-01", "note": ""}, "agency"
    )
    again = {"attempted_date": "2026-05-06", "note": "", "mediator_id": ids["调解员甲"]}
    await gz.do(failed, "mediation-attempts", again, "agency")

    year = await med.get("statistics", gz.bureau, **{"from": "2026-01-01", "to": "2026-12-31"})
    by_mediator = {m["name"]: m for m in year["by_mediator"]}
    assert _figures(by_mediator["调解员甲"]) == (2, 1, 0, 1, 1.0)
    assert _figures(by_mediator["调解员乙"]) == (1, 0, 1, 1, 0.0)
    by_centre = {c["centre"]: c for c in year["by_centre"]}
    assert _figures(by_centre["gz-centre"]) == (2, 1, 0, 1, 1.0)
    assert _figures(by_centre["hp-station"]) == (1, 0, 1, 1, 0.0)
    assert by_centre["hp-station"]["station_of"] == "gz-centre"
    assert _figures(year["totals"]) == (3, 1, 1, 2, 0.5)
    [rate] = year["definitions"]["rates"]
    assert (rate["name_zh"], rate["formula_zh"]) == ("调解成功率", "调解成功数 ÷ 调解终结数")

    # Bounded by the period: attempts by their date, outcomes by the outcome's date.
    april = await med.get("statistics", gz.bureau, **{"from": "2026-04-05", "to": "2026-04-30"})
    assert _figures(april["totals"]) == (0, 0, 1, 1, 0.0)
    march = await med.get("statistics", gz.bureau, **{"from": "2026-03-01", "to": "2026-03-31"})
    assert [m["name"] for m in march["by_mediator"]] == ["调解员甲"]
    assert _figures(march["totals"]) == (1, 1, 0, 1, 1.0)
    may = await med.get("statistics", gz.bureau, **{"from": "2026-05-01", "to": "2026-05-31"})
    assert _figures(may["totals"]) == (1, 0, 0, 0, None)
    # Scoped like the cases: another place's bureau sees no figures.
    elsewhere = med.api.token("bureau_officer", jurisdiction="wz")
    theirs = await med.get("statistics", elsewhere, **{"from": "2026-01-01", "to": "2026-12-31"})
    assert theirs["by_mediator"] == [] and theirs["totals"]["mediation_attempts"] == 0


async def test_a_mediator_whose_term_ended_mediates_no_more(med: Mediation):
    gz = med.gz
    ids = await _register(med)
    case = await med.file("3")
    path = f"mediators/{ids['调解员甲']}/term-end"
    await med.post(path, {"active_to": "2026-06-30"}, gz.bureau)
    assert (await med.post(path, {"active_to": "2026-07-31"}, gz.bureau, 409))["code"] == (
        "mediator-term-already-ends"
    )
    late = {"attempted_date": "2026-07-02", "note": "", "mediator_id": ids["调解员甲"]}
    assert await gz.refused(case, "mediation-attempts", late, "agency") == "mediator-inactive"
    in_term = {**late, "attempted_date": "2026-06-30"}
    version = (await gz.do(case, "mediation-attempts", in_term, "agency"))["version"]
    # A corrected date moves the attempt between periods; one outside the term is refused.
    out = {"event_version": version, "corrections": {"attempted_date": "2026-07-05"}}
    refused = await gz.refused(case, "corrections", {**out, "reason": "更正"}, "agency")
    assert refused == "mediator-inactive"
    fix = {"event_version": version, "corrections": {"attempted_date": "2026-06-10"}}
    await gz.do(case, "corrections", {**fix, "reason": "以笔录为准"}, "agency")
    june = {"from": "2026-06-01", "to": "2026-06-15"}
    assert (await med.get("statistics", gz.bureau, **june))["totals"]["mediation_attempts"] == 1
    late_june = {"from": "2026-06-16", "to": "2026-06-30"}
    assert (await med.get("statistics", gz.bureau, **late_june))["by_mediator"] == []


def _figures(row: dict[str, Any]) -> tuple[Any, ...]:
    rate = row["mediation_settlement_rate"]
    assert rate["numerator"] == row["mediations_settled"]
    assert rate["denominator"] == row["mediations_concluded"]
    return (
        row["mediation_attempts"],
        row["mediations_settled"],
        row["mediations_failed"],
        row["mediations_concluded"],
        rate["value"],
    )
