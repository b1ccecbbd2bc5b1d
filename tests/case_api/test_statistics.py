"""The statistics behind the bulletin: counts, rates with their formulas, the four failures."""

from __future__ import annotations

from tests.api_client import Api


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
    assert body["by_agency"] == [{"agency": "gz-hrss", "received": 3, "concluded": 3, "losses": 2}]


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
