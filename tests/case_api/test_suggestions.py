"""Judicial and procuratorial suggestions (司法建议 / 检察建议) through HTTP, in every pack that
makes the agency answer them [001 四(四)] [003 二(五)2] [004 7-③]: recorded by the court or
the agency, answered by the agency, the reply deadline met, met late or missed (and then in
the overdue list), the period's figures, a mistyped reply date corrected, and in Jinzhai an
unanswered suggestion cited as the ground of a sanction."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api_client import Api
from tests.case_api.accountability_steps import Place, jinzhai_report, person

PACKS = ["guangzhou", "jinzhai", "xiangshan"]

COURT_SUGGESTION = {
    "issuer": "court",
    "issuer_name": "中级人民法院",
    "number": "（2026）司建1号",
    "content": "建议规范行政处罚调查取证程序",
    "served_date": "2026-09-10",
}
PROCURATORIAL = {
    "issuer": "procuratorate",
    "issuer_name": "县人民检察院",
    "number": "检行建〔2026〕2号",
    "content": "建议加强执法案卷管理",
    "served_date": "2026-09-15",
}
STATED = {
    "issuer": "procuratorate",
    "issuer_name": "县人民检察院",
    "number": "检行建〔2026〕3号",
    "content": "建议依法履行监管职责",
    "served_date": "2026-10-09",
    "reply_due_date": "2026-11-20",
}


def reply(number: str, day: str) -> dict[str, str]:
    return {"number": number, "answered_date": day, "reply": "已整改并书面回复"}


async def suggestions(place: Place, case_id: str) -> dict[str, dict[str, Any]]:
    r = await place.api.client.get(
        f"/v1/cases/{case_id}/suggestions",
        params={"min_position": place.position},
        headers=place.agency,
    )
    assert r.status_code == 200, r.text
    return {s["number"]: s for s in r.json()["suggestions"]}


async def figures(place: Place, start: str, end: str) -> dict[str, int]:
    r = await place.api.client.get(
        "/v1/statistics",
        params={
            "from": start,
            "to": end,
            "jurisdiction": place.code,
            "min_position": place.position,
        },
        headers=place.bureau,
    )
    assert r.status_code == 200, r.text
    return dict(r.json()["suggestions"])


@pytest.mark.parametrize("pack", PACKS)
async def test_suggestions_are_answered_in_time_late_or_not_at_all(api: Api, pack: str):
    place = Place(api, pack)
    await place.register()
    first = await place.lost_case("2026-08-03", "2026-08-20", number="1")
    second = await place.lost_case("2026-08-04", "2026-08-21", number="2")

    # The court records its own suggestion; the agency the procuratorate's.
    await place.do(first, "suggestions", COURT_SUGGESTION, "court")
    assert await place.refused(first, "suggestions", PROCURATORIAL, "court") == (
        "court-records-own-suggestions"
    )
    await place.do(first, "suggestions", PROCURATORIAL, "agency")
    await place.do(second, "suggestions", STATED, "agency")
    assert await place.refused(first, "suggestions", PROCURATORIAL, "agency") == (
        "suggestion-already-recorded"
    )

    await place.do(first, "suggestion-replies", reply("（2026）司建1号", "2026-10-20"), "agency")
    late = await place.do(
        first, "suggestion-replies", reply("检行建〔2026〕2号", "2026-11-25"), "agency"
    )
    assert await place.refused(
        first, "suggestion-replies", reply("（2026）司建1号", "2026-10-21"), "agency"
    ) == ("suggestion-already-answered")
    assert await place.refused(
        second, "suggestion-replies", reply("（2026）司建9号", "2026-10-21"), "agency"
    ) == ("suggestion-unknown")
    early = await place.do(
        second, "suggestion-replies", reply("检行建〔2026〕3号", "2026-10-01"), "agency", 422
    )
    assert early["code"] == "reply-before-service"
    forbidden = await place.do(
        first, "suggestion-replies", reply("（2026）司建1号", "2026-10-20"), "bureau", 403
    )
    assert forbidden["status"] == 403

    # Two months from service unless the suggestion states a date: 09-10 → Tue 11-10;
    # 09-15 → 11-15, a Sunday → Mon 11-16; the stated 11-20 as it is.
    deadlines = await place.deadlines(first)
    assert [(d["due_date"], d["status"]) for d in deadlines["judicial_suggestion_reply"]] == [
        ("2026-11-10", "met")
    ]
    assert [(d["due_date"], d["status"]) for d in deadlines["procuratorial_suggestion_reply"]] == [
        ("2026-11-16", "met_late")
    ]
    stated = (await place.deadlines(second))["suggestion_reply_stated"]
    assert [(d["due_date"], d["status"]) for d in stated] == [("2026-11-20", "missed")]
    assert stated[0]["source"].startswith(("001", "003", "004"))

    overdue = await api.client.get(
        "/v1/deadlines",
        params={"status": "missed", "kind": "suggestion_reply", "min_position": place.position},
        headers=place.bureau,
    )
    assert overdue.status_code == 200, overdue.text
    assert [(d["case_id"], d["rule_id"]) for d in overdue.json()["items"]] == [
        (second, "suggestion_reply_stated")
    ]

    tracked = await suggestions(place, first)
    court = tracked["（2026）司建1号"]
    assert (court["issuer"], court["reply_date"], court["deadline_status"]) == (
        "court",
        "2026-10-20",
        "met",
    )
    assert court["content"] == COURT_SUGGESTION["content"]
    unanswered = (await suggestions(place, second))["检行建〔2026〕3号"]
    assert (unanswered["reply_date"], unanswered["deadline_status"]) == (None, "missed")

    both_months = await figures(place, "2026-09-01", "2026-10-31")
    assert both_months == {
        "received": 3,
        "answered_on_time": 1,
        "answered_late": 1,
        "unanswered": 1,
    }
    # Bounded by the service date: October's suggestion is not September's.
    september = await figures(place, "2026-09-01", "2026-09-30")
    assert september == {"received": 2, "answered_on_time": 1, "answered_late": 1, "unanswered": 0}

    # The late reply was a typing mistake: corrected, it is on time everywhere.
    await place.do(
        first,
        "corrections",
        {
            "event_version": late["version"],
            "corrections": {"answered_date": "2026-11-05"},
            "reason": "回复日期录入错误，以回复函落款日期为准",
        },
        "agency",
    )
    deadlines = await place.deadlines(first)
    assert deadlines["procuratorial_suggestion_reply"][0]["status"] == "met"
    assert (await suggestions(place, first))["检行建〔2026〕2号"]["reply_date"] == "2026-11-05"
    assert (await figures(place, "2026-09-01", "2026-09-30"))["answered_on_time"] == 2


async def test_jinzhai_cites_an_unanswered_suggestion_as_the_ground_of_a_sanction(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register()
    case = await jz.lost_case("2026-03-02", "2026-03-18", number="3")
    await jz.do(case, "loss-reports", jinzhai_report("2026-03-20"), "agency")
    await jz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-03-25"}, "bureau")
    await jz.do(case, "suggestions", {**COURT_SUGGESTION, "served_date": "2026-04-01"}, "court")
    assert (await jz.deadlines(case))["judicial_suggestion_reply"][0]["status"] == "missed"

    r = await api.client.get("/v1/accountability/packs/jinzhai", headers=jz.bureau)
    assert r.status_code == 200, r.text
    grounds = {g["id"]: g for g in r.json()["grounds"]}
    assert grounds["suggestion_unanswered"]["source"] == "001 四(四)"

    handler = person("p1", "jz-101", jz.agency_code, "suggestion_unanswered", "2026-06-01")
    await jz.do(
        case, "accountability/parties", {"party": handler, "named_date": "2026-07-01"}, "agency"
    )
    await jz.meeting_opinion(case, "2026-07-06", ["p1"])
    decision = {
        "party_id": "p1",
        "decision": "sanction",
        "ground": "suggestion_unanswered",
        "sanctions": ["written_self_criticism"],
        "deciding_organ": "县监察局",
        "decided_date": "2026-07-10",
    }
    await jz.do(case, "accountability/decisions", decision, "discipline")
    view = await jz.view(case, "bureau")
    assert [d["ground"] for d in view["decisions"]] == ["suggestion_unanswered"]


async def test_a_suggestion_recorded_on_the_wrong_case_is_retracted_after_its_reply(api: Api):
    place = Place(api, "guangzhou")
    await place.register()
    case = await place.lost_case("2026-08-03", None, number="4")
    recorded = await place.do(case, "suggestions", STATED, "agency")
    replied = await place.do(
        case, "suggestion-replies", reply(STATED["number"], "2026-11-02"), "agency"
    )
    retract = {"event_version": recorded["version"], "reason": "误录入本案"}
    refused = await place.do(case, "retractions", retract, "agency", 409)
    assert (refused["code"], refused["at_version"]) == ("suggestion-unknown", replied["version"])

    await place.do(
        case, "retractions", {"event_version": replied["version"], "reason": "误录"}, "agency"
    )
    assert (await suggestions(place, case))[STATED["number"]]["reply_date"] is None
    await place.do(case, "retractions", retract, "agency")
    assert await suggestions(place, case) == {}
    assert "suggestion_reply_stated" not in await place.deadlines(case)
