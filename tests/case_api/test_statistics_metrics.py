"""Every figure of the bulletin, defined once (shared/metrics), on hand-built months: the
counts behind each rate, the rate itself, its Chinese name, formula and clause."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from shared.metrics import catalogue
from tests.api_client import Api
from tests.case_api import readmodel_rows as rows

METRICS = catalogue()


async def figures(api: Api, status: int = 200, **params: Any) -> dict[str, Any]:
    r = await api.client.get("/v1/statistics", params=params, headers=api.admin)
    assert r.status_code == status, r.text
    return r.json()


async def summons(api: Api, number: str, hearing: str, served: str, **case: Any) -> str:
    filed = await api.file_case(case_number=number, filed_date=served, **case)
    await api.command(
        filed["case_id"],
        "documents",
        {"kind": "summons", "served_date": served, "hearing_date": hearing},
        api.court,
    )
    return filed["case_id"]


async def appear(api: Api, case_id: str, hearing: str, role: str) -> dict[str, Any]:
    return await api.command(
        case_id,
        "appearances",
        {"hearing_date": hearing, "appearances": [{"name": "甲", "role": role}]},
        api.agency,
    )


async def test_hearings_nobody_attended_count_as_held(api: Api):
    """November: one hearing with the principal head, one with a lawyer only, one with
    nobody. Held: 3, the head at 1 → 1/3. A postponed hearing and one still to come are not
    held, nor is one the case's withdrawal called off."""
    await api.register_guangzhou()
    head = await summons(api, "N1", "2026-11-10", "2026-11-02")
    lawyer = await summons(api, "N2", "2026-11-12", "2026-11-02")
    await summons(api, "N3", "2026-11-16", "2026-11-02")
    moved = await summons(api, "N4", "2026-11-18", "2026-11-02")
    # Withdrawn on the 5th: its hearing of the 20th is called off, not held unattended.
    withdrawn = await summons(api, "N5", "2026-11-20", "2026-11-02")
    await api.command(
        withdrawn,
        "conclusion",
        {"conclusion": "withdrawn", "concluded_date": "2026-11-05"},
        api.court,
    )
    await appear(api, head, "2026-11-10", "principal_head")
    await appear(api, lawyer, "2026-11-12", "lawyer")
    last = await api.command(
        moved, "hearings", {"hearing_date": "2026-12-15", "replaces": "2026-11-18"}, api.court
    )
    month = {"from": "2026-11-01", "to": "2026-11-30", "min_position": last["position"]}
    body = await figures(api, jurisdiction="gz", **month)
    counts = body["counts"]
    assert (counts["hearings_held"], counts["hearings_with_head"]) == (3, 1)
    assert counts["principal_head_appearances"] == 1
    rate = {r["name"]: r for r in body["rates"]}["head_appearance_rate"]
    assert (rate["value"], rate["numerator"], rate["denominator"]) == (round(1 / 3, 4), 1, 3)
    assert rate["name_zh"] == "负责人出庭率" and rate["formula_zh"] == "负责人出庭数 ÷ 开庭数"
    assert rate["note_zh"] is None
    [row] = body["by_agency"]
    assert row["rates"]["head_appearance_rate"] == {
        "value": round(1 / 3, 4),
        "numerator": 1,
        "denominator": 3,
    }
    # Through December: the moved hearing (Dec 15) is after today, so still not held.
    later = await figures(api, jurisdiction="gz", **{**month, "to": "2026-12-31"})
    assert later["counts"]["hearings_held"] == 3


async def decided(api: Api, number: str, outcome: str, loss_type: str | None = None, **case: Any):
    filed = await api.file_case(case_number=number, filed_date="2026-10-02", **case)
    judgment: dict[str, Any] = {"instance": "first", "outcome": outcome}
    if loss_type:
        judgment["loss_type"] = loss_type
    await api.command(
        filed["case_id"],
        "judgments",
        {"judgment": judgment, "served_date": "2026-10-12"},
        api.court,
    )
    return await api.command(
        filed["case_id"], "effective", {"effective_date": "2026-10-28"}, api.court
    )


async def concluded(api: Api, number: str, conclusion: str) -> dict[str, Any]:
    filed = await api.file_case(case_number=number, filed_date="2026-10-03")
    return await api.command(
        filed["case_id"],
        "conclusion",
        {"conclusion": conclusion, "concluded_date": "2026-10-20"},
        api.court,
    )


TH = [{"agency_id": "th-gov", "role": "implementing"}]

# October, by hand: gz-hrss concludes 7 (4 lost: revoked, partly revoked, changed, ordered
# to perform; 1 won; 1 mediated; 1 withdrawn); th-gov concludes 1 (lost: changed).
OCTOBER_COUNTS = {
    "received": 8,
    "concluded": 8,
    "losses": 5,
    "revoked_or_changed": 4,
    "mediated": 1,
    "withdrawn": 1,
    "mediated_or_withdrawn": 2,
}
OCTOBER_RATES = {
    "loss_rate": (5, 8),
    "revoked_or_changed_rate": (4, 8),
    "mediation_withdrawal_rate": (2, 8),
    "head_appearance_rate": (0, 0),
    "incidence_rate": (8, None),
}
HRSS_RATES = {
    "loss_rate": (4, 7),
    "revoked_or_changed_rate": (3, 7),
    "mediation_withdrawal_rate": (2, 7),
}


@pytest.fixture
async def october(api: Api) -> int:
    await api.register_guangzhou()
    await decided(api, "R1", "lost", "revoked")
    await decided(api, "R2", "lost", "partly_revoked")
    await decided(api, "R3", "lost", "changed")
    await decided(api, "R4", "lost", "ordered_to_perform")
    await decided(api, "R5", "won")
    await concluded(api, "R6", "mediated")
    await concluded(api, "R7", "withdrawn")
    last = await decided(api, "R8", "lost", "changed", agencies=TH)
    return int(last["position"])


@pytest.mark.parametrize("key", sorted(OCTOBER_RATES))
async def test_each_rate_of_a_hand_built_month(api: Api, october: int, key: str):
    body = await figures(
        api, jurisdiction="gz", min_position=october, **{"from": "2026-10-01", "to": "2026-10-31"}
    )
    for name, value in OCTOBER_COUNTS.items():
        assert body["counts"][name] == value, name
    rate = {r["name"]: r for r in body["rates"]}[key]
    definition = METRICS.rate(key)
    numerator, denominator = OCTOBER_RATES[key]
    assert (rate["numerator"], rate["denominator"]) == (numerator, denominator)
    assert rate["value"] == (round(numerator / denominator, 4) if denominator else None)
    assert (rate["name_zh"], rate["formula_zh"], rate["source"]) == (
        definition.name_zh,
        definition.formula_zh,
        definition.source,
    )
    if denominator is None:
        assert rate["note_zh"] == "未登记行政行为数量，发案率无法计算"
    elif denominator == 0:
        assert rate["note_zh"] == f"开庭数为0，{definition.name_zh}无法计算"
    rows = {row["agency"]: row for row in body["by_agency"]}
    assert rows["gz-hrss"]["agency_name"] == "广州市人社局"
    assert rows["th-gov"]["agency_name"] == "天河区政府"
    if key in HRSS_RATES:
        n, d = HRSS_RATES[key]
        assert rows["gz-hrss"]["rates"][key] == {
            "value": round(n / d, 4),
            "numerator": n,
            "denominator": d,
        }
        assert rows["th-gov"]["rates"][key]["denominator"] == 1


async def test_the_answer_names_every_figure_and_its_place(api: Api, october: int):
    body = await figures(
        api, jurisdiction="gz", min_position=october, **{"from": "2026-10-01", "to": "2026-10-31"}
    )
    assert [r["name"] for r in body["rates"]] == [r.key for r in METRICS.rates]
    assert set(body["counts"]) | set(body["four_failures"]) <= set(body["labels"])
    assert body["labels"]["losses"] == "败诉数" and body["labels"]["no_answer"] == "不答辩"
    assert body["scope"]["jurisdiction_name"] == "广州市"
    assert body["targets"] == []  # the Guangzhou pack sets none
    for row in body["by_agency"]:
        assert set(OCTOBER_COUNTS) <= set(row) and set(row["four_failures"]) == {
            f.key for f in METRICS.four_failures
        }
        assert set(row["rates"]) == {r.key for r in METRICS.rates} and row["flags"] == []


async def test_by_agency_sorts_by_any_figure(api: Api, october: int):
    month = {"from": "2026-10-01", "to": "2026-10-31", "min_position": october}

    async def order(sort: str) -> list[str]:
        body = await figures(api, jurisdiction="gz", sort=sort, **month)
        return [row["agency"] for row in body["by_agency"]]

    assert await order("loss_rate") == ["gz-hrss", "th-gov"]  # 4/7 < 1/1
    assert await order("-loss_rate") == ["th-gov", "gz-hrss"]
    assert await order("-concluded") == ["gz-hrss", "th-gov"]
    assert await order("mediation_withdrawal_rate") == ["th-gov", "gz-hrss"]
    names = {"gz-hrss": "广州市人社局", "th-gov": "天河区政府"}
    assert await order("-agency_name") == sorted(names, key=names.__getitem__, reverse=True)
    # No hearing anywhere: the rate is unknown for both, so the code decides.
    assert await order("-head_appearance_rate") == ["gz-hrss", "th-gov"]
    refused = await figures(api, status=422, jurisdiction="gz", sort="-popularity", **month)
    assert refused["code"] == "unknown-sort-key"


async def register_xiangshan(api: Api) -> int:
    r = await api.client.post(
        "/v1/jurisdictions",
        json={"code": "xs", "name": "象山县", "level": "county", "pack": "xiangshan"},
        headers=api.admin,
    )
    assert r.status_code == 201, r.text
    for code, name in (("xs-a", "象山县甲局"), ("xs-b", "象山县乙局"), ("xs-c", "象山县丙局")):
        r = await api.client.post(
            "/v1/agencies",
            json={"code": code, "name": name, "jurisdiction": "xs", "level": "department"},
            headers=api.admin,
        )
        assert r.status_code == 201, r.text
    return int(r.json()["position"])


def xiangshan_quarter(agency: str, concluded: int, lost: int, received: int = 0) -> list[dict]:
    """``concluded`` cases of ``agency`` concluded in 2026 Q3, ``lost`` of them lost."""
    out = []
    for i in range(concluded):
        values: dict[str, Any] = {"concluded_date": date(2026, 8, 10), "pack": "xiangshan"}
        if i < lost:
            values |= {"outcome": "lost", "loss_type": "revoked"}
            values["effective_date"] = values["concluded_date"]
        else:
            values |= {"conclusion": "withdrawn"}
        out.append(rows.summary(f"{agency}-{i}", agency, "/xs/", date(2026, 7, 1), **values))
    for i in range(received):
        out.append(rows.summary(f"{agency}-r{i}", agency, "/xs/", date(2026, 9, 1)))
    return out


async def test_xiangshan_loss_rate_target_met_and_not_met(api: Api):
    """Xiangshan keeps each agency's loss rate under 8% [003 一]: 1 of 13 (7.7%) meets it,
    1 of 10 (10%) does not, and an agency with nothing concluded cannot be judged."""
    registered = await register_xiangshan(api)
    written = [
        *xiangshan_quarter("xs-a", 13, 1),
        *xiangshan_quarter("xs-b", 10, 1),
        *xiangshan_quarter("xs-c", 0, 0, received=2),
    ]
    rows.write(api.runtime.engine, written, {})
    quarter = {"from": "2026-07-01", "to": "2026-09-30", "min_position": registered}
    body = await figures(api, jurisdiction="xs", sort="-loss_rate", **quarter)
    target = {
        "metric": "loss_rate",
        "op": "lt",
        "threshold": 0.08,
        "name_zh": "败诉率低于8%",
        "source": "003 一",
    }
    assert body["targets"] == [target]
    assert body["scope"]["jurisdiction_name"] == "象山县"
    flags = {row["agency"]: row["flags"] for row in body["by_agency"]}
    assert [row["agency"] for row in body["by_agency"]] == ["xs-b", "xs-a", "xs-c"]
    assert flags["xs-a"] == [{**target, "met": True, "value": round(1 / 13, 4)}]
    assert flags["xs-b"] == [{**target, "met": False, "value": 0.1}]
    assert flags["xs-c"] == [{**target, "met": None, "value": None}]
    assert body["by_agency"][0]["agency_name"] == "象山县乙局"


async def record(api: Api, agency: str, period: str, acts: int, headers: dict, status: int = 200):
    r = await api.client.put(
        f"/v1/statistics/administrative-acts/{agency}/{period}",
        json={"acts": acts},
        headers=headers,
    )
    assert r.status_code == status, r.text
    return r.json()


async def test_incidence_rate_needs_recorded_administrative_acts(api: Api, october: int):
    month = {"from": "2026-10-01", "to": "2026-10-31"}

    async def incidence(position: int, **scope: str) -> tuple[dict, dict]:
        body = await figures(api, min_position=position, **scope, **month)
        top = {r["name"]: r for r in body["rates"]}["incidence_rate"]
        return top, {row["agency"]: row["rates"]["incidence_rate"] for row in body["by_agency"]}

    top, per_agency = await incidence(october, jurisdiction="gz")
    assert (top["value"], top["denominator"]) == (None, None)
    assert top["note_zh"] == "未登记行政行为数量，发案率无法计算"
    assert per_agency["gz-hrss"] == {"value": None, "numerator": 7, "denominator": None}

    hrss = await record(api, "gz-hrss", "2026-10", 700, api.agency)
    assert (hrss["from"], hrss["to"], hrss["acts"]) == ("2026-10-01", "2026-10-31", 700)
    top, per_agency = await incidence(hrss["position"], jurisdiction="gz")
    assert per_agency["gz-hrss"] == {"value": 0.01, "numerator": 7, "denominator": 700}
    # th-gov, also in Guangzhou, recorded nothing: the city's rate stays unknown.
    assert top["value"] is None and top["note_zh"] == "未登记行政行为数量，发案率无法计算"

    th = await record(api, "th-gov", "2026-10", 100, api.bureau)
    top, per_agency = await incidence(th["position"], jurisdiction="gz")
    assert (top["value"], top["numerator"], top["denominator"]) == (0.01, 8, 800)
    assert top["note_zh"] is None
    assert per_agency["th-gov"] == {"value": 0.01, "numerator": 1, "denominator": 100}

    # A later record replaces the earlier; a figure for another period does not count.
    again = await record(api, "gz-hrss", "2026-10", 1400, api.admin)
    top, per_agency = await incidence(again["position"], agency="gz-hrss")
    assert per_agency["gz-hrss"]["value"] == 0.005 and top["denominator"] == 1400
    quarter = await figures(
        api,
        agency="gz-hrss",
        min_position=again["position"],
        **{"from": "2026-10-01", "to": "2026-12-31"},
    )
    assert {r["name"]: r for r in quarter["rates"]}["incidence_rate"]["value"] is None


async def test_only_the_agency_or_its_bureau_records_administrative_acts(api: Api):
    await api.register_guangzhou()
    district_bureau = api.token("bureau_officer", jurisdiction="gz-th")
    refused = await record(api, "th-gov", "2026-10", 5, api.agency, status=403)
    assert refused["code"] == "forbidden"
    await record(api, "gz-hrss", "2026-10", 5, district_bureau, status=403)
    await record(api, "gz-hrss", "2026-10", 5, api.court, status=403)
    await record(api, "th-gov", "2026-Q3", 5, district_bureau)
    await record(api, "gz-hrss", "2026", 5, api.agency)
    bad = await record(api, "gz-hrss", "2026-13", 5, api.agency, status=422)
    assert bad["status"] == 422
    future = await record(api, "gz-hrss", "2027-H1", 5, api.agency, status=422)
    assert future["code"] == "period-not-begun"
    unknown = await record(api, "nobody", "2026-10", 5, api.admin, status=422)
    assert unknown["code"] == "unknown-agency"
    negative = await record(api, "gz-hrss", "2026-10", -1, api.agency, status=422)
    assert negative["status"] == 422


async def test_the_per_agency_table_costs_no_statement_per_agency(api: Api):
    """The same statements answer 3 agencies or 43: the table comes from grouped counts."""
    registered = await register_xiangshan(api)
    rows.write(api.runtime.engine, xiangshan_quarter("xs-a", 3, 1), {})
    quarter = {"from": "2026-07-01", "to": "2026-09-30", "min_position": registered}
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        # The projector's polling of its position runs beside the request; not counted.
        if statement.lstrip().startswith("SELECT") and "projection_positions" not in statement:
            statements.append(statement)

    engine = api.runtime.engine
    await figures(api, jurisdiction="xs", **quarter)  # the projector has caught up
    event.listen(engine, "before_cursor_execute", count)
    try:
        few = await figures(api, jurisdiction="xs", sort="-loss_rate", **quarter)
        asked_few = len(statements)
        more = [r for i in range(40) for r in xiangshan_quarter(f"xs-z{i:02d}", 2, i % 2)]
        rows.write(engine, more, {})
        statements[:] = []
        many = await figures(api, jurisdiction="xs", sort="-loss_rate", **quarter)
        asked_many = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(few["by_agency"]) == 1 and len(many["by_agency"]) == 41
    # One per read model (5), the suggestions, the risks of losing, the accountability
    # decisions, 一败再败, and three registry reads, whatever the agencies.
    assert asked_many == asked_few == 12
