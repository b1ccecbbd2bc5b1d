"""Who decides on a responsible party, through HTTP: a city-managed cadre (市管干部) is handed
to the city discipline commission or organisation department, never decided by the county
(Xiuyan [002 第六条]); a unit is decided by its superior organ as the registry places it
(Wenzhou [000 二(五)1])."""

from __future__ import annotations

from typing import Any

from case_api.registry.domain import Agency, Jurisdiction, superior_jurisdiction
from tests.api_client import Api
from tests.case_api.accountability_steps import Place, loss_report_body, person, unit

ACC = "accountability"


async def approved_loss(place: Place, number: str = "1") -> str:
    case = await place.lost_case("2026-01-09", "2026-01-26", number=number)
    await place.do(case, f"{ACC}/investigation", {"completed_date": "2026-01-30"}, "agency")
    report = loss_report_body(place.pack, "2026-02-02")
    await place.do(case, "loss-reports", report, "agency")
    await place.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-02-04"}, "bureau")
    return case


async def name(place: Place, case: str, party: dict[str, Any], status: int = 201) -> Any:
    body = {"party": party, "named_date": "2026-02-04"}
    return await place.do(case, f"{ACC}/parties", body, "bureau", status=status)


async def test_a_city_managed_cadre_is_handed_to_the_city_not_decided_by_the_county(api: Api):
    xy = Place(api, "xiuyan")
    await xy.register()
    case = await approved_loss(xy)
    ground = "no_answer_or_evidence"
    await name(xy, case, person("p1", "xy-001", xy.agency_code, ground, "2025-07-01"))
    cadre = person("p2", "xy-002", xy.agency_code, ground, "2025-07-01", role="principal_head")
    await name(xy, case, {**cadre, "city_managed": True})
    flagged_unit = {**unit("u1", xy.agency_code, ground, "2025-07-01"), "city_managed": True}
    refused = await name(xy, case, flagged_unit, status=422)
    assert refused["code"] == "city-managed-cadres-are-persons"

    decision = {
        "party_id": "p2",
        "decision": "sanction",
        "ground": ground,
        "sanctions": ["admonishment_talk"],
        "deciding_organ": "县纪委监委",
        "decided_date": "2026-02-06",
    }
    refusal = await xy.do(case, f"{ACC}/decisions", decision, "discipline", status=409)
    assert refusal["code"] == "city-managed-cadre-goes-to-city"
    assert refusal["source"] == "002 第六条"
    handover = {
        "party_id": "p2",
        "organ": "city_discipline_commission",
        "reason": "责任人系市管干部",
        "handed_date": "2026-02-05",
    }
    wrong = [
        ({**handover, "party_id": "p1"}, "party-not-city-managed"),
        ({**handover, "party_id": "p9"}, "party-not-named"),
        ({**handover, "organ": "county_discipline_commission"}, "organ-not-in-pack"),
    ]
    for body, code in wrong:
        assert await xy.refused(case, f"{ACC}/city-handovers", body, "bureau") == code
    await xy.do(case, f"{ACC}/city-handovers", handover, "agency", status=403)
    await xy.do(case, f"{ACC}/city-handovers", handover, "bureau")
    assert await xy.refused(case, f"{ACC}/city-handovers", handover, "discipline") == (
        "already-handed-over"
    )
    assert await xy.refused(case, f"{ACC}/decisions", decision, "discipline") == (
        "city-managed-cadre-goes-to-city"
    )
    await xy.do(case, f"{ACC}/decisions", {**decision, "party_id": "p1"}, "discipline")

    events = await xy.timeline(case)
    named = [e["data"]["party"] for e in events if e["type"] == "ResponsiblePartyNamed"]
    assert [p.get("city_managed") for p in named] == [False, True]
    handed = [e["data"] for e in events if e["type"] == "CityManagedCadreHandedOver"]
    assert [(h["party_id"], h["organ_name"], h["source"]) for h in handed] == [
        ("p2", "市纪委监委", "002 第六条")
    ]
    parties = {p["party_id"]: p for p in (await xy.view(case, "bureau"))["parties"]}
    assert (parties["p2"]["city_managed"], parties["p2"]["handed_to"]) == (
        True,
        "city_discipline_commission",
    )
    assert parties["p2"]["handed_date"] == "2026-02-05"
    assert (parties["p1"]["city_managed"], parties["p1"]["handed_to"]) == (False, None)


async def test_the_dereliction_transfer_goes_to_the_county_discipline_commission(api: Api):
    xy = Place(api, "xiuyan")
    await xy.register()
    case = await xy.lost_case("2026-01-09", "2026-01-26")
    loss = {"completed_date": "2026-01-30", "direct_loss_yuan": 300001, "dereliction": True}
    await xy.do(case, f"{ACC}/investigation", loss, "discipline")
    # No organ named: the pack's receiving organ for 002 第六条.
    await xy.do(case, f"{ACC}/transfer", {"transferred_date": "2026-02-05"}, "bureau")
    transfer = (await xy.view(case, "bureau"))["transfer"]
    assert (transfer["flagged"], transfer["organ"], transfer["source"]) == (
        True,
        "县纪委监委",
        "002 第六条",
    )


async def test_wenzhou_hands_over_no_city_managed_cadres(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    case = await approved_loss(wz)
    await name(wz, case, person("p1", "wz-001", wz.agency_code, "duty_not_performed", "2025-03-01"))
    body = {"party_id": "p1", "organ": "city_discipline_commission", "handed_date": "2026-02-05"}
    assert await wz.refused(case, f"{ACC}/city-handovers", body, "bureau") == (
        "no-city-managed-handover"
    )


async def test_a_wenzhou_unit_is_decided_by_its_superior_organ_in_the_registry(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    await wz.register_government("wz-gov", "温州市人民政府")
    await wz.register_county("wz-lc", "鹿城区", "lc-gov")
    case = await approved_loss(wz)
    ground = "duty_not_performed"
    await name(wz, case, unit("u1", wz.agency_code, ground, "2025-03-01"))
    await name(wz, case, person("p1", "wz-001", wz.agency_code, ground, "2025-03-01"))
    decision = {
        "party_id": "u1",
        "decision": "sanction",
        "ground": ground,
        "sanctions": ["written_self_criticism"],
        "deciding_organ": "温州市人民政府",
        "decided_date": "2026-02-06",
    }
    missing = await wz.do(case, f"{ACC}/decisions", decision, "discipline", status=422)
    assert missing["code"] == "deciding-agency-required"
    unknown = {**decision, "deciding_agency": "wz-nobody"}
    assert (await wz.do(case, f"{ACC}/decisions", unknown, "discipline", status=422))["code"] == (
        "unknown-agency"
    )
    for not_superior in (wz.agency_code, "lc-gov"):  # itself; a government below it
        body = {**decision, "deciding_agency": not_superior}
        refusal = await wz.do(case, f"{ACC}/decisions", body, "discipline", status=409)
        assert refusal["code"] == "deciding-organ-not-superior"
        assert (refusal["superior_jurisdiction"], refusal["source"]) == ("wz", "000 二(五)1")
    await wz.do(case, f"{ACC}/decisions", {**decision, "deciding_agency": "wz-gov"}, "discipline")
    # A person is decided as the pack's other rules say: no registry code needed.
    await wz.do(case, f"{ACC}/decisions", {**decision, "party_id": "p1"}, "discipline")
    decided = [e["data"] for e in await wz.timeline(case) if e["type"] == "AccountabilityDecided"]
    assert [d["deciding_agency"] for d in decided] == ["wz-gov", None]
    assert decided[0]["decider"]["unit_superior"] == "wz"
    view = {d["party_id"]: d for d in (await wz.view(case, "discipline"))["decisions"]}
    assert (view["u1"]["deciding_agency"], view["p1"]["deciding_agency"]) == ("wz-gov", None)


async def test_a_county_government_is_decided_by_the_city_government(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    await wz.register_government("wz-gov", "温州市人民政府")
    await wz.register_county("wz-lc", "鹿城区", "lc-gov")
    wz.agency = api.token("agency_user", agency="lc-gov")
    case = await wz.lost_case("2026-01-09", "2026-01-26", agency="lc-gov")
    await wz.do(case, f"{ACC}/investigation", {"completed_date": "2026-01-30"}, "agency")
    report = {"submitted_date": "2026-02-02", "summary": "分析"}
    await wz.do(case, "loss-reports", report, "agency")
    await wz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-02-04"}, "bureau")
    await name(wz, case, unit("u1", "lc-gov", "duty_not_performed", "2025-03-01"))
    decision = {
        "party_id": "u1",
        "decision": "sanction",
        "ground": "duty_not_performed",
        "sanctions": ["written_self_criticism"],
        "deciding_organ": "鹿城区人民政府",
        "deciding_agency": "lc-gov",
        "decided_date": "2026-02-06",
    }
    assert await wz.refused(case, f"{ACC}/decisions", decision, "discipline") == (
        "deciding-organ-not-superior"
    )
    city = {**decision, "deciding_organ": "温州市人民政府", "deciding_agency": "wz-gov"}
    await wz.do(case, f"{ACC}/decisions", city, "discipline")


def superior_of(agency_level: str, home_level: str, parent: str | None) -> str | None:
    home = Jurisdiction(code="k", name="县", level=home_level, parent=parent, pack="p", meta={})
    agency = Agency(code="a", name="单位", jurisdiction="k", level=agency_level, meta={})
    return superior_jurisdiction(agency, home)


def test_superior_jurisdictions_follow_the_tree() -> None:
    assert superior_of("department", "county", "c") == "k"  # 县属部门 → 县政府
    assert superior_of("government", "county", "c") == "c"  # 县政府 → 市政府
    assert superior_of("township", "township", "k") == "k"  # 乡镇政府 → 县政府
    assert superior_of("government", "city", None) is None
