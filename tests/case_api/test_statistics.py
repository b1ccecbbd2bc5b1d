"""The statistics behind the bulletin: counts, rates with their formulas, the four failures."""

from __future__ import annotations

from datetime import date

from tests.api_client import Api
from tests.case_api import readmodel_rows as rows


async def lost_case(api: Api, number: str, appeared_role: str) -> str:
    case = await api.file_case(case_number=number, filed_date="2025-10-02")
    cid = case["case_id"]
    await api.command(
        cid,
        "documents",
        {"kind": "summons", "served_date": "2025-10-09", "hearing_date": "2025-10-20"},
        api.court,
    )
    await api.command(
        cid,
        "appearances",
        {"hearing_date": "2025-10-20", "appearances": [{"name": "甲", "role": appeared_role}]},
        api.agency,
    )
    await api.command(
        cid,
        "judgments",
        {
            "judgment": {"instance": "first", "outcome": "lost", "loss_type": "revoked"},
            "served_date": "2025-10-22",
        },
        api.court,
    )
    written = await api.command(cid, "effective", {"effective_date": "2025-10-28"}, api.court)
    return written["position"]


async def test_october_figures_name_their_formulas(api: Api):
    await api.register_guangzhou()
    await lost_case(api, "L1", "principal_head")
    await lost_case(api, "L2", "lawyer")
    withdrawn = await api.file_case(case_number="W1", filed_date="2025-10-03")
    await api.command(
        withdrawn["case_id"],
        "documents",
        {"kind": "complaint_copy", "served_date": "2025-10-09"},
        api.court,
    )
    last = await api.command(
        withdrawn["case_id"],
        "conclusion",
        {"conclusion": "withdrawn", "concluded_date": "2025-10-20"},
        api.court,
    )
    api.settings.clock_file.write_text("2025-11-03T09:00:00+08:00")
    r = await api.client.get(
        "/v1/statistics",
        params={
            "jurisdiction": "gz",
            "from": "2025-10-01",
            "to": "2025-10-31",
            "min_position": last["position"],
        },
        headers=api.bureau,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["counts"]["received"] == 3 and body["counts"]["concluded"] == 3
    assert body["counts"]["losses"] == 2
    rates = {rate["name"]: rate for rate in body["rates"]}
    assert (rates["loss_rate"]["numerator"], rates["loss_rate"]["denominator"]) == (2, 3)
    assert rates["loss_rate"]["formula"] == "losing effective judgments ÷ cases concluded"
    assert rates["head_appearance_rate"]["value"] == 0.5
    assert rates["mediation_withdrawal_rate"]["value"] == round(1 / 3, 4)
    assert body["repeated_losses"] == [
        {"agency": "gz-hrss", "subject_matter": "工伤认定", "losses": 2}
    ]
    # Withdrawn before its answer was due (Oct 24): waived; nothing was left unanswered.
    assert body["four_failures"]["no_answer"] == 0
    [row] = body["by_agency"]
    assert (row["agency"], row["received"], row["concluded"], row["losses"]) == (
        "gz-hrss",
        3,
        3,
        2,
    )


async def test_missed_answer_counts_as_a_failure_to_answer(api: Api):
    await api.register_guangzhou()
    case = await api.file_case(filed_date="2025-10-02")
    served = await api.command(
        case["case_id"],
        "documents",
        {"kind": "complaint_copy", "served_date": "2025-10-09"},
        api.court,
    )
    api.settings.clock_file.write_text("2025-11-03T09:00:00+08:00")
    body = (
        await api.client.get(
            "/v1/statistics",
            params={"from": "2025-10-01", "to": "2025-10-31", "min_position": served["position"]},
            headers=api.bureau,
        )
    ).json()
    # served Thu 10-09 + 15 = Fri 10-24 → missed by 11-03
    assert body["four_failures"]["no_answer"] == 1
    answer = next(d for d in body["deadlines"] if d["kind"] == "answer")
    assert answer["missed"] == 1


async def test_invalid_period_is_rejected(api: Api):
    r = await api.client.get(
        "/v1/statistics", params={"from": "2025-10-31", "to": "2025-10-01"}, headers=api.bureau
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid-period"


async def test_statistics_count_more_cases_than_one_statement_can_bind(api: Api):
    """70,000 cases of one city in a month (past the 65,535 parameters a statement takes),
    written straight into the read models, with neighbours the scope must leave out."""
    await api.register_guangzhou()
    cases, dues, hearings = [], [], []
    for i in range(70_000):
        path, agency = ("/gz/", "gz-hrss") if i % 2 else ("/gz/gz-th/", "th-gov")
        values: dict = {}
        if i % 10 == 0:
            day = date(2025, 10, 20)
            values = {"outcome": "lost", "effective_date": day, "concluded_date": day}
        elif i % 10 == 1:
            values = {"conclusion": "withdrawn", "concluded_date": date(2025, 10, 25)}
        row = rows.summary(f"c{i:06d}", agency, path, date(2025, 10, 1 + i % 31), **values)
        cases.append(row)
        dues.append(rows.deadline(row, "answer", date(2025, 10, 15), "open" if i % 2 else "met"))
        if i % 5 == 0:
            roles = ["principal_head"] if i % 10 == 0 else ["lawyer"]
            hearings.append(rows.hearing(row, date(2025, 10, 18), roles))
    # Not in Guangzhou: another city, and a code that merely begins like it.
    cases += [rows.summary(f"s{i}", "sz-gov", "/sz/", date(2025, 10, 9)) for i in range(300)]
    cases += [rows.summary(f"x{i}", "gzx-gov", "/gzx/", date(2025, 10, 9)) for i in range(200)]
    rows.write(api.runtime.engine, cases, {rows.deadlines: dues, rows.case_hearings: hearings})
    api.settings.clock_file.write_text("2025-11-03T09:00:00+08:00")

    async def figures(**params: str) -> dict:
        r = await api.client.get("/v1/statistics", params=params, headers=api.bureau)
        assert r.status_code == 200, r.text
        return r.json()

    month = await figures(jurisdiction="gz", **{"from": "2025-10-01", "to": "2025-10-31"})
    counts = month["counts"]
    assert (counts["received"], counts["concluded"], counts["losses"]) == (70_000, 14_000, 7_000)
    assert (counts["hearings_held"], counts["hearings_with_head"]) == (14_000, 7_000)
    assert month["deadlines"] == [
        {"kind": "answer", "met": 35_000, "met_late": 0, "missed": 35_000, "open": 0, "waived": 0}
    ]
    assert month["four_failures"]["no_answer"] == 35_000
    assert {a["agency"]: a["received"] for a in month["by_agency"]} == {
        "gz-hrss": 35_000,
        "th-gov": 35_000,
    }
    district = await figures(jurisdiction="gz-th", **{"from": "2025-10-01", "to": "2025-10-31"})
    assert district["counts"]["received"] == 35_000
    r = await api.client.get(
        "/v1/statistics", params={"from": "2025-01-01", "to": "2025-12-31"}, headers=api.admin
    )
    assert r.status_code == 200 and r.json()["counts"]["received"] == 70_500


async def test_an_agencys_figures_count_the_cases_it_is_only_a_co_defendant_in(api: Api):
    await api.register_guangzhou()
    both = [
        {"agency_id": "gz-hrss", "role": "implementing"},
        {"agency_id": "th-gov", "role": "nominal"},
    ]
    await api.file_case(case_number="A1", filed_date="2025-10-02", agencies=both)
    own = await api.file_case(
        case_number="A2",
        filed_date="2025-10-05",
        agencies=[{"agency_id": "th-gov", "role": "implementing"}],
    )
    await api.file_case(case_number="A3", filed_date="2025-10-06")
    params = {"agency": "th-gov", "from": "2025-10-01", "to": "2025-10-31"}
    r = await api.client.get(
        "/v1/statistics", params={**params, "min_position": own["position"]}, headers=api.admin
    )
    assert r.json()["counts"]["received"] == 2
    assert {a["agency"]: a["received"] for a in r.json()["by_agency"]} == {
        "gz-hrss": 1,
        "th-gov": 1,
    }
    listed, cursor = [], None
    while True:
        page = await api.client.get(
            "/v1/cases",
            params={"agency": "th-gov", "limit": 1, **({"cursor": cursor} if cursor else {})},
            headers=api.admin,
        )
        listed += [c["case_number"] for c in page.json()["items"]]
        if not (cursor := page.json()["next_cursor"]):
            break
    assert listed == ["A2", "A1"]
