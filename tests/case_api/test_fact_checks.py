"""Facts checked against time (Asia/Shanghai today) and against each other, over HTTP: each
refusal names its rule with a stable code and a Chinese message, appends nothing, and is an
example in the OpenAPI document of the operations that may answer it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api_client import Api

LOST = {"instance": "first", "outcome": "lost", "loss_type": "revoked"}


async def _refused(api: Api, case: str, path: str, body: dict, who: dict, code: str) -> dict:
    before = api.runtime.store.max_position()
    r = await api.client.post(
        f"/v1/cases/{case}/{path}", json=body, headers={**who, "Accept-Language": "zh-CN"}
    )
    assert (r.status_code, r.json()["code"]) == (422, code), r.text
    assert api.runtime.store.max_position() == before  # nothing appended
    return r.json()


@pytest.fixture
async def case(api: Api) -> str:
    await api.register_guangzhou()
    api.set_today("2025-10-01", "23:30")  # late evening in Shanghai: still Oct 1 there
    return str((await api.file_case(filed_date="2025-09-20"))["case_id"])


async def test_a_report_dated_after_today_in_shanghai_is_refused(api: Api, case: str):
    served = {"kind": "notice_to_respond", "served_date": "2025-09-22"}
    await api.command(case, "documents", served, api.court)
    body = {"subject": "notice_to_respond", "reported_date": "2025-10-02"}
    problem = await _refused(api, case, "reports", body, api.agency, "fact-dated-in-future")
    assert problem["detail"].startswith("reported_date（2025-10-02）晚于今天（2025-10-01）")
    assert (problem["field"], problem["today"]) == ("reported_date", "2025-10-01")
    await api.command(case, "reports", {**body, "reported_date": "2025-10-01"}, api.agency)


async def test_a_filing_or_a_service_dated_in_the_future_is_refused(api: Api, case: str):
    r = await api.client.post(
        "/v1/cases",
        json={
            "court": "gz-tianhe-court",
            "case_number": "（2025）粤0106行初999号",
            "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
            "subject_matter": "工伤认定",
            "filed_date": "2025-10-02",
        },
        headers=api.court,
    )
    assert (r.status_code, r.json()["code"]) == (422, "fact-dated-in-future")
    future = {"kind": "complaint_copy", "served_date": "2025-10-15"}
    await _refused(api, case, "documents", future, api.court, "fact-dated-in-future")


async def test_a_judgment_served_on_a_party_in_the_future_is_refused(api: Api, case: str):
    body = {
        "judgment": LOST,
        "served_date": "2025-09-30",
        "party_service": [{"party": "原告张三", "served_date": "2025-10-03"}],
    }
    problem = await _refused(api, case, "judgments", body, api.court, "fact-dated-in-future")
    assert problem["field"] == "party_service[].served_date"


async def test_an_appearance_before_its_hearing_was_held_is_refused(api: Api, case: str):
    # The hearing is five weeks ahead: a schedule may lie in the future, an appearance not.
    summons = {"kind": "summons", "served_date": "2025-09-24", "hearing_date": "2025-11-05"}
    served = await api.command(case, "documents", summons, api.court)
    body = {
        "hearing_date": "2025-11-05",
        "appearances": [{"name": "李明", "role": "principal_head"}],
    }
    problem = await _refused(
        api, case, "appearances", body, api.agency, "appearance-before-hearing"
    )
    assert "尚未开庭" in problem["detail"]
    summary = await api.summary(case, served["position"])
    assert summary["status"] == "hearing_scheduled"  # not "heard"


async def test_an_answer_before_the_papers_were_served_is_refused(api: Api, case: str):
    await api.command(
        case, "documents", {"kind": "complaint_copy", "served_date": "2025-09-25"}, api.court
    )
    body = {"submitted_date": "2025-09-24"}
    problem = await _refused(api, case, "answer", body, api.agency, "answer-before-service")
    assert problem["served_date"] == "2025-09-25"
    await api.command(case, "answer", {"submitted_date": "2025-09-25"}, api.agency)


async def test_an_effective_date_before_the_judgment_was_served_is_refused(api: Api, case: str):
    await api.command(case, "judgments", {"judgment": LOST, "served_date": "2025-09-28"}, api.court)
    body = {"effective_date": "2025-09-27"}
    problem = await _refused(api, case, "effective", body, api.court, "effective-before-service")
    assert problem["detail"] == "生效日期（2025-09-27）早于裁判文书送达日期（2025-09-28）。"


async def test_a_hearing_before_the_filing_is_refused_and_a_future_one_accepted(
    api: Api, case: str
):
    early = {"kind": "summons", "served_date": "2025-09-18", "hearing_date": "2025-09-19"}
    await _refused(api, case, "documents", early, api.court, "hearing-before-filing")
    moved = {"hearing_date": "2025-09-19", "location": "一庭"}
    await _refused(api, case, "hearings", moved, api.court, "hearing-before-filing")
    # Schedules may lie ahead: a hearing and a performance due date months from now.
    await api.command(case, "hearings", {"hearing_date": "2026-02-10"}, api.court)
    duty = {**LOST, "performance_duty": True, "performance_due_date": "2026-03-31"}
    await api.command(case, "judgments", {"judgment": duty, "served_date": "2025-10-01"}, api.court)


@pytest.mark.parametrize(
    ("path", "codes"),
    [
        ("/v1/cases", {"fact-dated-in-future"}),
        ("/v1/cases/{case_id}/reports", {"fact-dated-in-future"}),
        ("/v1/cases/{case_id}/appearances", {"appearance-before-hearing"}),
        ("/v1/cases/{case_id}/answer", {"fact-dated-in-future", "answer-before-service"}),
        ("/v1/cases/{case_id}/effective", {"fact-dated-in-future", "effective-before-service"}),
        ("/v1/cases/{case_id}/documents", {"fact-dated-in-future", "hearing-before-filing"}),
        ("/v1/cases/{case_id}/hearings", {"hearing-before-filing"}),
        ("/v1/cases/{case_id}/performance", {"fact-dated-in-future"}),
    ],
)
def test_each_refusal_is_an_openapi_example_of_its_operations(path: str, codes: set[str]):
    spec = json.loads((Path(__file__).parents[2] / "openapi" / "case-api.json").read_text())
    examples = spec["paths"][path]["post"]["responses"]["422"]["content"][
        "application/problem+json"
    ]["examples"]
    assert codes <= set(examples)  # beside those every operation shows (invalid-text)
    for code in codes:
        assert examples[code]["value"]["code"] == code and examples[code]["summary"]  # Chinese
