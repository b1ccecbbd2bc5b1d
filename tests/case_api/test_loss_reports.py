"""The loss analysis report (败诉分析报告) as a structured record, through HTTP: the sections its
pack requires (Guangzhou [004 5-④]: the analysis and, where the judgment is to be performed,
the performance plan; Jinzhai [001 十八]: basic facts, causes, problems and suggestions), the
agency's own steps (法制机构审核, 集体讨论 for a major case, 主要领导批准) before it counts as
submitted to the bureau, a return with reasons and a revised version, the bureau reading every
version, and the pack's deadline met only by the submission."""

from __future__ import annotations

from typing import Any

import pytest

from shared.rulepacks import shipped_library
from tests.api_client import Api
from tests.case_api.accountability_steps import Place, loss_report_body

GZ_SECTIONS = {
    "loss_analysis": "调查取证不充分导致败诉",
    "performance_plan": "一个月内重新作出决定",
}
JZ_SECTIONS = {
    "basic_facts": "原告不服行政处罚决定提起诉讼",
    "loss_causes": "事实认定不清",
    "problems_and_suggestions": "加强执法人员培训",
}


async def lost_case(
    place: Place, number: str, effective: str, flags: tuple[str, ...] = (), perform: bool = False
) -> str:
    body = {
        "court": place.court_code,
        "case_number": f"（2026）行初{place.code}{number}号",
        "agencies": [{"agency_id": place.agency_code, "role": "implementing"}],
        "subject_matter": "行政处罚",
        "filed_date": "2026-01-05",
        "flags": list(flags),
    }
    r = await place.api.client.post("/v1/cases", json=body, headers=place.court)
    assert r.status_code == 201, r.text
    case_id = str(r.json()["case_id"])
    judgment: dict[str, Any] = {"instance": "first", "outcome": "lost", "loss_type": "revoked"}
    if perform:
        judgment.update(
            loss_type="ordered_to_perform",
            performance_duty=True,
            performance_due_date="2026-08-30",
        )
    await place.do(
        case_id, "judgments", {"judgment": judgment, "served_date": "2026-03-02"}, "court"
    )
    await place.do(case_id, "effective", {"effective_date": effective}, "court")
    return case_id


def draft(day: str, sections: dict[str, str], major: bool = False) -> dict[str, Any]:
    return {"drafted_date": day, "sections": sections, "major_case": major}


def step(name: str, day: str, result: str = "approved", opinion: str = "同意") -> dict[str, str]:
    return {"step": name, "result": result, "step_date": day, "opinion": opinion}


def submission(day: str, **more: Any) -> dict[str, Any]:
    return {"submitted_date": day, "summary": "报送败诉分析报告", **more}


async def report(place: Place, case_id: str, who: str = "bureau") -> dict[str, Any]:
    r = await place.api.client.get(f"/v1/cases/{case_id}/loss-reports", headers=getattr(place, who))
    assert r.status_code == 200, r.text
    return dict(r.json())


async def refusal(place: Place, case_id: str, path: str, body: dict, status: int) -> dict:
    return await place.do(case_id, path, body, "agency", status=status)


async def test_guangzhou_report_reaches_the_bureau_after_review_and_approval(api: Api):
    gz = Place(api, "guangzhou")
    await gz.register()
    case = await lost_case(gz, "1", "2026-03-20", perform=True)

    # The judgment is to be performed: the performance plan (履行方案) is required.
    missing = await refusal(
        gz, case, "loss-report-drafts", draft("2026-03-22", {"loss_analysis": "分析"}), 422
    )
    assert (missing["code"], missing["missing"]) == (
        "loss-report-sections-missing",
        ["performance_plan"],
    )
    odd = await refusal(
        gz, case, "loss-report-drafts", draft("2026-03-22", {**GZ_SECTIONS, "x": "y"}), 422
    )
    assert odd["code"] == "loss-report-section-unknown"
    # Nor can the report be given whole: it goes through the agency's steps first.
    whole = await refusal(
        gz, case, "loss-reports", submission("2026-03-22", sections=GZ_SECTIONS), 409
    )
    assert (whole["code"], whole["pending"]) == (
        "loss-report-steps-incomplete",
        ["legal_office_review", "principal_approval"],
    )

    await gz.do(case, "loss-report-drafts", draft("2026-03-22", GZ_SECTIONS), "agency")
    early = await refusal(
        gz, case, "loss-report-steps", step("principal_approval", "2026-03-23"), 409
    )
    assert (early["code"], early["pending"]) == (
        "loss-report-step-out-of-order",
        ["legal_office_review"],
    )
    pending = await refusal(gz, case, "loss-reports", submission("2026-03-23"), 409)
    assert pending["code"] == "loss-report-steps-incomplete"

    # The legal office sends it back, with its reasons; the agency revises it.
    silent = step("legal_office_review", "2026-03-23", "returned", "")
    assert (await refusal(gz, case, "loss-report-steps", silent, 422))["code"] == (
        "loss-report-return-needs-reasons"
    )
    back = step("legal_office_review", "2026-03-23", "returned", "履行方案未明确时限")
    await gz.do(case, "loss-report-steps", back, "agency")
    returned = await refusal(gz, case, "loss-reports", submission("2026-03-24"), 409)
    assert returned["code"] == "loss-report-returned"
    stale = await refusal(
        gz, case, "loss-report-steps", step("principal_approval", "2026-03-24"), 409
    )
    assert stale["code"] == "loss-report-no-draft"
    revised = {**GZ_SECTIONS, "performance_plan": "2026年4月20日前重新作出决定"}
    await gz.do(case, "loss-report-drafts", draft("2026-03-24", revised), "agency")
    await gz.do(case, "loss-report-steps", step("legal_office_review", "2026-03-25"), "agency")
    again = await refusal(
        gz, case, "loss-report-steps", step("legal_office_review", "2026-03-25"), 409
    )
    assert again["code"] == "loss-report-step-already-done"
    await gz.do(case, "loss-report-steps", step("principal_approval", "2026-03-26"), "agency")
    await gz.do(case, "loss-reports", submission("2026-03-27"), "agency")

    seen = await report(gz, case)
    assert (seen["state"], seen["pending_steps"], seen["major_case"]) == ("submitted", [], False)
    assert [s["id"] for s in seen["required_steps"]] == [
        "legal_office_review",
        "principal_approval",
    ]
    assert {s["id"]: s["source"] for s in seen["required_sections"]} == {
        "loss_analysis": "004 5-④",
        "performance_plan": "004 5-④",
    }
    first, second = seen["versions"]
    assert first["state"] == "returned" and first["sections"] == GZ_SECTIONS
    assert first["steps"][0]["opinion"] == "履行方案未明确时限"
    assert second["sections"] == revised and second["submitted_date"] == "2026-03-27"
    assert [s["step"] for s in second["steps"]] == ["legal_office_review", "principal_approval"]

    # The bureau reviews what reached it; the court may not read the report.
    await gz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-03-30"}, "bureau")
    assert (await report(gz, case, "agency"))["versions"][1]["bureau_review"][
        "result"
    ] == "approved"
    r = await api.client.get(f"/v1/cases/{case}/loss-reports", headers=gz.court)
    assert r.status_code == 403, r.text


async def test_a_major_guangzhou_case_is_discussed_by_the_leadership_before_approval(api: Api):
    gz = Place(api, "guangzhou")
    await gz.register()
    flagged = await lost_case(gz, "2", "2026-03-20", flags=("major_public_interest",))
    declared = await lost_case(gz, "3", "2026-03-20")
    sections = {"loss_analysis": "程序违法"}  # nothing to perform: no plan needed
    for case, major in ((flagged, False), (declared, True)):
        await gz.do(case, "loss-report-drafts", draft("2026-03-22", sections, major), "agency")
        await gz.do(case, "loss-report-steps", step("legal_office_review", "2026-03-23"), "agency")
        skipped = await refusal(
            gz, case, "loss-report-steps", step("principal_approval", "2026-03-24"), 409
        )
        assert skipped["pending"] == ["collective_discussion"]
        await gz.do(
            case, "loss-report-steps", step("collective_discussion", "2026-03-24"), "agency"
        )
        await gz.do(case, "loss-report-steps", step("principal_approval", "2026-03-25"), "agency")
        await gz.do(case, "loss-reports", submission("2026-03-26"), "agency")
        seen = await report(gz, case)
        assert seen["major_case"] and seen["state"] == "submitted"
        assert [s["step"] for s in seen["versions"][0]["steps"]] == [
            "legal_office_review",
            "collective_discussion",
            "principal_approval",
        ]
    r = await api.client.post(
        f"/v1/cases/{flagged}/loss-report-steps",
        json=step("legal_office_review", "2026-03-27"),
        headers=gz.bureau,
    )
    assert r.status_code == 403, r.text


async def test_jinzhai_report_meets_its_ten_days_only_once_submitted(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register()
    on_time = await lost_case(jz, "1", "2026-03-02")
    late = await lost_case(jz, "2", "2026-03-02")
    drafted_only = await lost_case(jz, "3", "2026-03-02")

    # A report lacking a section the clause names is refused, given whole or drafted.
    partial = {k: v for k, v in JZ_SECTIONS.items() if k != "loss_causes"}
    whole = await refusal(
        jz, on_time, "loss-reports", submission("2026-03-05", sections=partial), 422
    )
    assert (whole["code"], whole["missing"]) == ("loss-report-sections-missing", ["loss_causes"])
    none = await refusal(jz, on_time, "loss-reports", submission("2026-03-05"), 422)
    assert none["missing"] == ["basic_facts", "loss_causes", "problems_and_suggestions"]
    drafted = await refusal(jz, on_time, "loss-report-drafts", draft("2026-03-05", partial), 422)
    assert drafted["code"] == "loss-report-sections-missing"

    # Reviewed and approved inside the agency (not required here, but recorded), then sent.
    await jz.do(on_time, "loss-report-drafts", draft("2026-03-05", JZ_SECTIONS), "agency")
    await jz.do(on_time, "loss-report-steps", step("legal_office_review", "2026-03-06"), "agency")
    await jz.do(on_time, "loss-report-steps", step("principal_approval", "2026-03-09"), "agency")
    await jz.do(on_time, "loss-reports", submission("2026-03-10"), "agency")
    # Given whole, eleven days after the judgment took effect.
    await jz.do(late, "loss-reports", submission("2026-03-13", sections=JZ_SECTIONS), "agency")
    # A draft awaiting approval has not reached the county legal office.
    await jz.do(drafted_only, "loss-report-drafts", draft("2026-03-05", JZ_SECTIONS), "agency")
    await jz.do(
        drafted_only, "loss-report-steps", step("legal_office_review", "2026-03-06"), "agency"
    )

    assert (await jz.deadlines(on_time))["loss_filing"][0]["status"] == "met"
    assert (await jz.deadlines(late))["loss_filing"][0]["status"] == "met_late"
    filing = (await jz.deadlines(drafted_only))["loss_filing"][0]
    assert (filing["status"], filing["source"]) == ("missed", "001 十八")
    seen = await report(jz, drafted_only)
    assert (seen["state"], seen["pending_steps"]) == ("draft", [])
    r = await api.client.get(
        "/v1/deadlines",
        params={"status": "missed", "min_position": jz.position},
        headers=jz.bureau,
    )
    assert r.status_code == 200, r.text
    missed = {(d["case_id"], d["rule_id"]) for d in r.json()["items"]}
    assert (drafted_only, "loss_filing") in missed and (on_time, "loss_filing") not in missed
    # The period's figures count loss reports on time, late and missing by deadline status.
    r = await api.client.get(
        "/v1/statistics",
        params={"from": "2026-03-01", "to": "2026-03-31", "min_position": jz.position},
        headers=jz.bureau,
    )
    assert r.status_code == 200, r.text
    (reports,) = [row for row in r.json()["deadlines"] if row["kind"] == "loss_report"]
    assert (reports["met"], reports["met_late"], reports["missed"]) == (1, 1, 1)


async def test_jinzhai_report_returned_by_the_bureau_is_revised_and_resubmitted(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register()
    case = await lost_case(jz, "4", "2026-03-02")
    await jz.do(case, "loss-reports", submission("2026-03-05", sections=JZ_SECTIONS), "agency")
    returned = {"result": "returned", "opinion": "原因分析过于简单", "reviewed_date": "2026-03-08"}
    await jz.do(case, "reviews", returned, "bureau")
    revised = {**JZ_SECTIONS, "loss_causes": "调查取证程序违法，证据不足"}
    await jz.do(case, "loss-report-drafts", draft("2026-03-09", revised), "agency")
    await jz.do(case, "loss-reports", submission("2026-03-10"), "agency")
    await jz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-03-12"}, "bureau")

    seen = await report(jz, case)
    assert seen["state"] == "approved"
    first, second = seen["versions"]
    assert (first["state"], first["bureau_review"]["opinion"]) == (
        "returned_by_bureau",
        "原因分析过于简单",
    )
    assert (second["state"], second["sections"]) == ("approved", revised)
    assert [s["id"] for s in seen["required_sections"]] == list(JZ_SECTIONS)


@pytest.mark.parametrize(
    ("pack", "rule", "on_time", "late"),
    [
        ("jinzhai", "loss_filing", "2026-03-10", "2026-03-13"),  # 10 days [001 十八]
        ("xiangshan", "loss_report", "2026-03-20", "2026-03-24"),  # 20 days [003 二(四)2]
        ("xiuyan", "rectification_report", "2026-04-20", "2026-05-20"),  # 2 months [002 第十五条]
    ],
)
async def test_a_report_given_whole_needs_every_section_its_clause_names(
    api: Api, pack: str, rule: str, on_time: str, late: str
):
    place = Place(api, pack)
    await place.register()
    first = await lost_case(place, "6", "2026-03-02")
    second = await lost_case(place, "7", "2026-03-02")
    whole = loss_report_body(pack, on_time)
    source = rule_source(pack, rule)
    dropped = next(iter(whole["sections"]))
    partial = {**whole, "sections": {k: v for k, v in whole["sections"].items() if k != dropped}}
    refused = await refusal(place, first, "loss-reports", partial, 422)
    assert (refused["code"], refused["missing"]) == ("loss-report-sections-missing", [dropped])
    await place.do(first, "loss-reports", whole, "agency")
    await place.do(second, "loss-reports", loss_report_body(pack, late), "agency")
    assert (await place.deadlines(first))[rule][0]["status"] == "met"
    assert (await place.deadlines(second))[rule][0]["status"] == "met_late"
    seen = await report(place, first)
    assert {s["source"] for s in seen["required_sections"]} == {source}
    assert seen["versions"][0]["sections"] == whole["sections"]


async def test_a_pack_without_requirements_keeps_the_summary_only_report(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    case = await lost_case(wz, "5", "2026-03-02")
    await wz.do(case, "loss-reports", submission("2026-03-10"), "agency")
    assert (await wz.deadlines(case))["review_submission"][0]["status"] == "met"
    seen = await report(wz, case)
    assert (seen["state"], seen["required_sections"], seen["required_steps"]) == (
        "submitted",
        [],
        [],
    )
    (only,) = seen["versions"]
    assert (only["sections"], only["summary"]) == ({}, "报送败诉分析报告")


def rule_source(pack: str, rule: str) -> str:
    return next(r.rule.source for r in shipped_library().rules(pack) if r.id == rule)
