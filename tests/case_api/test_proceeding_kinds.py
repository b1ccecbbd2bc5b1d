"""Kinds of proceeding through HTTP [001 三] [002 第二、七条]: reconsideration decisions counted
as losses where the Jinzhai pack says so, Xiuyan's report before the agency sues, case numbers
that must fit the kind, and commands a kind has no use for."""

from __future__ import annotations

from typing import Any

from tests.api_client import Api
from tests.case_api.accountability_steps import Place, jinzhai_report

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}


async def file(place: Place, number: str, kind: str, filed: str, court: str = "") -> str:
    body = {
        "court": court or place.court_code,
        "case_number": number,
        "agencies": [{"agency_id": place.agency_code, "role": "implementing"}],
        "subject_matter": "政府信息公开",
        "filed_date": filed,
        "proceeding_kind": kind,
    }
    r = await place.api.client.post("/v1/cases", json=body, headers=place.agency)
    assert r.status_code == 201, r.text
    place.position = max(place.position, r.json()["position"])
    return str(r.json()["case_id"])


async def statistics(place: Place) -> dict[str, Any]:
    params = {**NOVEMBER, "jurisdiction": place.code, "min_position": place.position}
    r = await place.api.client.get("/v1/statistics", params=params, headers=place.bureau)
    assert r.status_code == 200, r.text
    return dict(r.json())


def deadline_row(figures: dict[str, Any], kind: str) -> dict[str, int]:
    return next(row for row in figures["deadlines"] if row["kind"] == kind)


async def test_jinzhai_counts_revoking_and_changing_decisions_as_losses(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register()
    organ = "jz-government"  # 金寨县人民政府, the reconsideration organ
    revoked = await file(jz, "金政复决〔2026〕3号", "reconsideration", "2026-11-02", organ)
    upheld = await file(jz, "金政复决〔2026〕4号", "reconsideration", "2026-11-03", organ)
    changed = await file(jz, "金政复决〔2026〕5号", "reconsideration", "2026-11-03", organ)
    jz.admin = api.admin  # no court system serves a reconsideration: only the admin could try

    no_hearing = {"hearing_date": "2026-11-20", "location": "复议室"}
    assert await jz.refused(revoked, "hearings", no_hearing, "admin") == "not-for-proceeding-kind"
    summons = {"kind": "summons", "served_date": "2026-11-04", "hearing_date": "2026-11-20"}
    assert await jz.refused(revoked, "documents", summons, "admin") == "not-for-proceeding-kind"
    judgment = {"judgment": {"instance": "first", "outcome": "won"}, "served_date": "2026-11-04"}
    assert await jz.refused(revoked, "judgments", judgment, "admin") == "not-for-proceeding-kind"

    decide = "reconsideration-decisions"
    await jz.do(revoked, decide, {"outcome": "revoked", "served_date": "2026-11-10"}, "agency")
    await jz.do(upheld, decide, {"outcome": "upheld", "served_date": "2026-11-12"}, "bureau")
    await jz.do(changed, decide, {"outcome": "changed", "served_date": "2026-11-05"}, "agency")
    again = {"outcome": "upheld", "served_date": "2026-11-11"}
    assert await jz.refused(revoked, decide, again, "agency") == "case-concluded"
    appeal = {"appellant": "agency", "filed_date": "2026-11-15"}
    assert await jz.refused(revoked, "appeals", appeal, "agency") == "not-for-proceeding-kind"

    # 10 days after service [001 十八]: Nov 20 met by the report of Nov 18; the changed
    # decision's Nov 15 is a Sunday, so Nov 16, missed by Dec 1.
    report = jinzhai_report("2026-11-18", "复议撤销原因分析")
    await jz.do(revoked, "loss-reports", report, "agency")
    up = {"submitted_date": "2026-11-18", "summary": "无"}
    assert await jz.refused(upheld, "loss-reports", up, "agency") == (
        "loss-report-requires-effective-loss"
    )
    # A loss like a lost suit's: the report is reviewed before the case closes.
    closing = {"closed_date": "2026-11-25"}
    assert await jz.refused(changed, "closure", closing, "bureau") == (
        "close-requires-approved-loss-report"
    )
    await jz.do(revoked, "reviews", {"result": "approved", "reviewed_date": "2026-11-20"}, "bureau")
    await jz.do(revoked, "closure", closing, "bureau")
    await jz.do(upheld, "closure", closing, "bureau")
    met = (await jz.deadlines(revoked))["reconsideration_loss_filing"]
    assert [(d["due_date"], d["status"]) for d in met] == [("2026-11-20", "met")]
    missed = (await jz.deadlines(changed))["reconsideration_loss_filing"]
    assert [d["due_date"] for d in missed] == ["2026-11-16"]
    assert "reconsideration_loss_filing" not in await jz.deadlines(upheld)

    figures = await statistics(jz)
    assert figures["counts"]["received"] == 3 and figures["counts"]["concluded"] == 3
    assert figures["counts"]["losses"] == 2
    rate = next(r for r in figures["rates"] if r["name"] == "loss_rate")
    assert (rate["numerator"], rate["denominator"]) == (2, 3)
    assert deadline_row(figures, "loss_report")["met"] == 1
    assert deadline_row(figures, "loss_report")["missed"] == 1

    summary = await api.summary(revoked, jz.position)
    assert summary["proceeding_kind"] == "reconsideration"
    assert (summary["reconsideration_outcome"], summary["outcome"]) == ("revoked", "lost")
    assert summary["effective_date"] == "2026-11-10"
    events = await jz.timeline(revoked)
    decided = next(e for e in events if e["type"] == "ReconsiderationDecided")
    assert decided["data"]["counts_as_loss"] is True
    assert decided["data"]["loss_source"] == "001 三(一)"
    listed = await api.client.get(
        "/v1/cases",
        params={"proceeding_kind": "reconsideration", "min_position": jz.position},
        headers=jz.agency,
    )
    assert {c["case_id"] for c in listed.json()["items"]} == {revoked, upheld, changed}
    suits = await api.client.get(
        "/v1/cases", params={"proceeding_kind": "administrative_suit"}, headers=jz.agency
    )
    assert suits.json()["items"] == []


async def test_a_pack_without_the_rule_counts_no_reconsideration_loss(api: Api):
    """Xiuyan's losses are suits' [002 第三条]: a revoking decision is no loss there."""
    xy = Place(api, "xiuyan")
    await xy.register()
    case = await file(xy, "岫政复决〔2026〕9号", "reconsideration", "2026-11-02", "xy-government")
    body = {"outcome": "revoked", "served_date": "2026-11-10"}
    await xy.do(case, "reconsideration-decisions", body, "agency")
    figures = await statistics(xy)
    assert (figures["counts"]["concluded"], figures["counts"]["losses"]) == (1, 0)
    summary = await api.summary(case, xy.position)
    assert (summary["reconsideration_outcome"], summary["outcome"]) == ("revoked", None)


async def test_xiuyan_report_before_suing_met_and_missed(api: Api):
    xy = Place(api, "xiuyan")
    await xy.register()
    reported = await file(xy, "（2026）辽0323民初101号", "agency_plaintiff", "2026-11-10")
    silent = await file(xy, "（2026）辽0323民初102号", "agency_plaintiff", "2026-11-12")
    defended = await file(xy, "（2026）辽0323行初7号", "administrative_suit", "2026-11-12")

    report = {"reported_date": "2026-11-09", "reported_to": "王副县长", "note": "请示起诉"}
    await xy.do(reported, "pre-suit-reports", report, "agency")
    assert await xy.refused(reported, "pre-suit-reports", report, "agency") == (
        "pre-suit-report-already-recorded"
    )
    assert await xy.refused(defended, "pre-suit-reports", report, "agency") == (
        "not-for-proceeding-kind"
    )
    await xy.do(reported, "pre-suit-reports", report, "court", status=403)
    decision = {"outcome": "upheld", "served_date": "2026-11-20"}
    assert await xy.refused(reported, "reconsideration-decisions", decision, "agency") == (
        "not-for-proceeding-kind"
    )

    # 提起诉讼前 [002 第七条]: due the day the suit is filed.
    met = (await xy.deadlines(reported))["pre_suit_report"]
    assert [(d["due_date"], d["status"]) for d in met] == [("2026-11-10", "met")]
    missed = (await xy.deadlines(silent))["pre_suit_report"]
    assert [d["due_date"] for d in missed] == ["2026-11-12"]
    assert "pre_suit_report" not in await xy.deadlines(defended)

    figures = await statistics(xy)
    row = deadline_row(figures, "report")
    assert (row["met"], row["missed"], row["open"]) == (1, 1, 0)
    summary = await api.summary(reported, xy.position)
    assert summary["proceeding_kind"] == "agency_plaintiff"
    listed = await api.client.get(
        "/v1/cases",
        params={"proceeding_kind": "agency_plaintiff", "min_position": xy.position},
        headers=xy.bureau,
    )
    assert {c["case_id"] for c in listed.json()["items"]} == {reported, silent}


async def test_a_case_number_of_another_kind_is_refused(api: Api):
    xy = Place(api, "xiuyan")
    await xy.register()
    base = {
        "court": xy.court_code,
        "agencies": [{"agency_id": xy.agency_code, "role": "implementing"}],
        "subject_matter": "房屋租赁合同",
        "filed_date": "2026-11-10",
    }
    refused = [
        {"case_number": "（2026）辽0323民初55号"},  # filed as the default, an administrative suit
        {"case_number": "（2026）辽0323行初55号", "proceeding_kind": "civil_suit"},
        {"case_number": "（2026）辽03行终12号", "proceeding_kind": "civil_suit"},
        {"case_number": "（2026）辽0323行初56号", "proceeding_kind": "reconsideration"},
    ]
    for body in refused:
        r = await api.client.post("/v1/cases", json={**base, **body}, headers=xy.agency)
        assert r.status_code == 422, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "proceeding-kind-mismatch"
        assert "proceeding_kind" in r.json()["detail"]
    listed = await api.client.get("/v1/cases", headers=xy.bureau)
    assert listed.json()["items"] == []
    civil = {"case_number": "（2026）辽0323民初55号", "proceeding_kind": "civil_suit"}
    r = await api.client.post("/v1/cases", json={**base, **civil}, headers=xy.agency)
    assert r.status_code == 201, r.text


async def test_a_corrected_report_date_moves_the_report_before_suing_out_of_time(api: Api):
    xy = Place(api, "xiuyan")
    await xy.register()
    case = await file(xy, "（2026）辽0323民初103号", "agency_plaintiff", "2026-11-10")
    report = {"reported_date": "2026-11-09", "reported_to": "王副县长"}
    await xy.do(case, "pre-suit-reports", report, "agency")
    version = next(e for e in await xy.timeline(case) if e["type"] == "PreSuitReported")["version"]
    correction = {
        "event_version": version,
        "corrections": {"reported_date": "2026-11-11"},
        "reason": "请示日期录入错误，以请示件落款为准",
    }
    await xy.do(case, "corrections", correction, "agency")
    late = (await xy.deadlines(case))["pre_suit_report"]
    assert [(d["due_date"], d["status"]) for d in late] == [("2026-11-10", "met_late")]


async def test_a_decision_recorded_with_the_wrong_outcome_is_retracted_and_recorded_again(
    api: Api,
):
    jz = Place(api, "jinzhai")
    await jz.register()
    case = await file(jz, "金政复决〔2026〕8号", "reconsideration", "2026-11-02", "jz-government")
    decide = "reconsideration-decisions"
    await jz.do(case, decide, {"outcome": "upheld", "served_date": "2026-11-10"}, "agency")
    version = next(e for e in await jz.timeline(case) if e["type"] == "ReconsiderationDecided")
    retraction = {"event_version": version["version"], "reason": "复议结果录入错误，应为撤销"}
    await jz.do(case, "retractions", retraction, "agency")
    assert (await api.summary(case, jz.position))["status"] == "filed"
    await jz.do(
        case, decide, {"outcome": "confirmed_illegal", "served_date": "2026-11-10"}, "agency"
    )
    figures = await statistics(jz)
    assert (figures["counts"]["concluded"], figures["counts"]["losses"]) == (1, 1)
    summary = await api.summary(case, jz.position)
    assert (summary["reconsideration_outcome"], summary["loss_type"]) == (
        "confirmed_illegal",
        "confirmed_illegal",
    )
