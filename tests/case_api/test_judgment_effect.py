"""The effective date derived from each party's service (DOMAIN.md §4, 行政诉讼法 §85): 15 days
for a judgment, 10 for a ruling, counted from each party's own service with the rest-day
rule; the day after the last period ends, unless someone appeals. The court's posted date is
checked against it: a different one is flagged, not refused."""

from __future__ import annotations

from typing import Any

from tests.api_client import Api

WON = {"instance": "first", "outcome": "won"}


async def _effects(api: Api, case: str, position: int) -> list[dict[str, Any]]:
    r = await api.client.get(
        f"/v1/cases/{case}/deadlines", params={"min_position": position}, headers=api.agency
    )
    assert r.status_code == 200, r.text
    return list(r.json()["judgment_effects"])


async def test_each_party_has_its_appeal_period_and_the_latest_sets_the_effective_date(
    api: Api,
):
    await api.register_guangzhou()
    api.set_today("2025-12-31")
    case = (await api.file_case())["case_id"]
    body = {
        "judgment": WON,
        "served_date": "2025-12-01",
        "party_service": [
            {"party": "原告张三", "served_date": "2025-12-03"},
            {"party": "第三人某公司", "served_date": "2025-12-05"},
        ],
    }
    served = await api.command(case, "judgments", body, api.court)
    (effect,) = await _effects(api, case, served["position"])
    deadlines = {p["party"]: p["appeal_deadline"] for p in effect["parties"]}
    # Dec 1 + 15 = Tue 12-16; Dec 3 + 15 = Thu 12-18; Dec 5 + 15 = Sat 12-20 → Mon 12-22.
    assert deadlines == {
        "被诉行政机关": "2025-12-16",
        "原告张三": "2025-12-18",
        "第三人某公司": "2025-12-22",
    }
    third = effect["parties"][2]["explanation"]
    assert third["skipped_rest_days"] == ["2025-12-20", "2025-12-21"]
    assert effect["derived_effective_date"] == "2025-12-23"
    assert effect["source"] == "行政诉讼法 §85" and len(effect["steps"]) == 4
    summary = await api.summary(case, served["position"])
    assert (summary["effective_date_derived"], summary["effective_date_mismatch"]) == (
        "2025-12-23",
        None,
    )

    posted = await api.command(case, "effective", {"effective_date": "2025-12-17"}, api.court)
    (effect,) = await _effects(api, case, posted["position"])
    assert (effect["posted_effective_date"], effect["mismatch"]) == ("2025-12-17", True)
    summary = await api.summary(case, posted["position"])
    assert summary["effective_date"] == "2025-12-17" and summary["effective_date_mismatch"]


async def test_a_ruling_runs_ten_days_and_a_matching_posted_date_is_not_flagged(api: Api):
    await api.register_guangzhou()
    api.set_today("2025-12-31")
    case = (await api.file_case())["case_id"]
    ruling = {"instance": "first", "kind": "ruling", "outcome": "dismissed"}
    served = await api.command(
        case, "judgments", {"judgment": ruling, "served_date": "2025-12-01"}, api.court
    )
    posted = await api.command(case, "effective", {"effective_date": "2025-12-12"}, api.court)
    (effect,) = await _effects(api, case, posted["position"])
    # Dec 1 + 10 = Thu 12-11; effective Fri 12-12, as the court posted.
    assert (effect["derived_effective_date"], effect["mismatch"]) == ("2025-12-12", False)
    assert served["position"] < posted["position"]


async def test_an_appeal_means_the_first_judgment_does_not_take_effect_on_expiry(api: Api):
    await api.register_guangzhou()
    api.set_today("2025-12-31")
    case = (await api.file_case())["case_id"]
    await api.command(case, "judgments", {"judgment": WON, "served_date": "2025-12-01"}, api.court)
    appealed = await api.command(
        case, "appeals", {"appellant": "plaintiff", "filed_date": "2025-12-10"}, api.court
    )
    (effect,) = await _effects(api, case, appealed["position"])
    assert effect["appealed"] and effect["derived_effective_date"] is None
    assert "已提起上诉" in effect["steps"][-1]
