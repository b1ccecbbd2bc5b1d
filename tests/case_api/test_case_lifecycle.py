"""A whole case through HTTP, with the summary, the timeline and the feed checked each step."""

from __future__ import annotations

from tests.api_client import Api

STEPS = [
    # (path, body, who, expected status, expected event type)
    (
        "documents",
        {"kind": "complaint_copy", "served_date": "2025-09-22"},
        "court",
        "responding",
        "DocumentServed",
    ),
    (
        "reports",
        {"subject": "complaint_copy", "reported_date": "2025-09-23"},
        "agency",
        "responding",
        "ReportedToBureau",
    ),
    ("answer", {"submitted_date": "2025-10-09"}, "agency", "answered", "AnswerSubmitted"),
    (
        "hearings",
        {"hearing_date": "2025-11-05", "location": "第三法庭"},
        "court",
        "hearing_scheduled",
        "HearingScheduled",
    ),
    (
        "appearances",
        {
            "hearing_date": "2025-11-05",
            "appearances": [{"name": "李局长", "role": "principal_head", "spoke_in_court": True}],
        },
        "agency",
        "heard",
        "AppearanceRecorded",
    ),
    (
        "judgments",
        {
            "judgment": {"instance": "first", "outcome": "lost", "loss_type": "revoked"},
            "served_date": "2025-12-01",
        },
        "court",
        "judged",
        "JudgmentServed",
    ),
    ("effective", {"effective_date": "2025-12-17"}, "court", "effective", "JudgmentEffective"),
    (
        "loss-report-drafts",
        {"drafted_date": "2025-12-18", "sections": {"loss_analysis": "程序违法导致败诉"}},
        "agency",
        "effective",
        "LossReportDrafted",
    ),
    (
        "loss-report-steps",
        {"step": "legal_office_review", "result": "approved", "step_date": "2025-12-19"},
        "agency",
        "effective",
        "LossReportStepRecorded",
    ),
    (
        "loss-report-steps",
        {"step": "principal_approval", "result": "approved", "step_date": "2025-12-19"},
        "agency",
        "effective",
        "LossReportStepRecorded",
    ),
    (
        "loss-reports",
        {"submitted_date": "2025-12-20", "summary": "程序违法导致败诉"},
        "agency",
        "effective",
        "LossReportSubmitted",
    ),
    (
        "reviews",
        {"result": "approved", "opinion": "同意", "reviewed_date": "2025-12-25"},
        "bureau",
        "effective",
        "ReportReviewed",
    ),
    ("closure", {"closed_date": "2025-12-30"}, "bureau", "closed", "CaseClosed"),
]


async def test_full_case_from_filing_to_closing_is_visible_in_summary_timeline_and_feed(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    case_id = filed["case_id"]
    summary = await api.summary(case_id, filed["position"])
    assert summary["status"] == "filed"
    assert summary["jurisdiction_path"] == "/gz/"
    feed_after = filed["position"]
    for number, (path, body, who, status, event_type) in enumerate(STEPS, start=2):
        written = await api.command(case_id, path, body, getattr(api, who))
        assert written["version"] == number
        assert written["position"] > feed_after
        summary = await api.summary(case_id, written["position"])
        assert summary["status"] == status, path
        assert summary["version"] == number
        timeline = (await api.client.get(f"/v1/cases/{case_id}/events", headers=api.agency)).json()
        assert [e["version"] for e in timeline["events"]] == list(range(1, number + 1))
        assert timeline["events"][-1]["type"] == event_type
        assert (
            timeline["events"][-1]["meta"]["role"]
            == {"court": "court_system", "agency": "agency_user", "bureau": "bureau_officer"}[who]
        )
        feed = (
            await api.client.get("/v1/events", params={"after": feed_after}, headers=api.bureau)
        ).json()
        assert [e["type"] for e in feed["events"]] == [event_type]
        assert feed["last_position"] == written["position"]
        feed_after = feed["last_position"]
    assert summary["outcome"] == "lost" and summary["loss_type"] == "revoked"
    assert summary["report_state"] == "approved"
    assert summary["closed_date"] == "2025-12-30"


async def test_illegal_step_appends_nothing_and_names_the_rule(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/closure",
        json={"closed_date": "2025-10-01"},
        headers=api.bureau,
    )
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "close-requires-conclusion"
    summary = await api.summary(filed["case_id"], filed["position"])
    assert summary["version"] == 1
    assert api.runtime.store.max_position() == filed["position"]


async def test_problem_detail_is_chinese_when_asked(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/answer",
        json={"submitted_date": "2025-10-01"},
        headers={**api.agency, "Accept-Language": "zh-CN,zh;q=0.9"},
    )
    assert r.status_code == 409
    assert r.json()["code"] == "answer-requires-service"
    assert "答辩" in r.json()["detail"]
