"""Deadlines through HTTP: derivation, explanations, cross-case lists, preview, iCalendar,
the appearance duty, and loading a year's holiday schedule at run time."""

from __future__ import annotations

from tests.api_client import Api


async def served_case(api: Api, served: str, kind: str = "notice_to_respond") -> dict:
    filed = await api.file_case()
    written = await api.command(
        filed["case_id"], "documents", {"kind": kind, "served_date": served}, api.court
    )
    return {**filed, "position": written["position"]}


async def deadlines_of(api: Api, case: dict) -> dict[str, dict]:
    r = await api.client.get(
        f"/v1/cases/{case['case_id']}/deadlines",
        params={"min_position": case["position"]},
        headers=api.agency,
    )
    assert r.status_code == 200, r.text
    return {d["rule_id"]: d for d in r.json()["deadlines"]}


async def test_answer_due_across_national_day_with_its_explanation(api: Api):
    await api.register_guangzhou()
    # Served Fri 2025-09-26: +15 days = Sat 10-11, a 调休 make-up working day in 2025 → due 10-11.
    # Report (Guangzhou, 2 days) = Sun 09-28, also a make-up working day → due 09-28.
    case = await served_case(api, "2025-09-26")
    deadlines = await deadlines_of(api, case)
    assert deadlines["answer"]["due_date"] == "2025-10-11"
    assert deadlines["answer"]["source"].startswith("行政诉讼法")
    assert deadlines["answer"]["reminders"] == [7, 1]
    assert deadlines["answer"]["explanation"]["steps"]
    assert deadlines["report_notice"]["due_date"] == "2025-09-28"
    summary = await api.summary(case["case_id"], case["position"])
    assert summary["next_deadline_date"] == "2025-09-28"
    assert summary["next_deadline_rule"] == "report_notice"


async def test_satisfying_events_mark_deadlines_met_or_met_late(api: Api):
    await api.register_guangzhou()
    case = await served_case(api, "2025-09-26")
    await api.command(
        case["case_id"],
        "reports",
        {"subject": "notice_to_respond", "reported_date": "2025-09-30"},
        api.agency,
    )
    written = await api.command(
        case["case_id"], "answer", {"submitted_date": "2025-10-10"}, api.agency
    )
    deadlines = await deadlines_of(api, {**case, "position": written["position"]})
    assert deadlines["report_notice"]["status"] == "met_late"
    assert deadlines["answer"]["status"] == "met"
    assert deadlines["answer_feedback"]["due_date"] == "2025-10-11"


async def test_overdue_deadlines_are_missed_by_the_injected_clock(api: Api):
    await api.register_guangzhou()
    case = await served_case(api, "2025-09-26")
    api.settings.clock_file.write_text("2025-10-13T10:00:00+08:00")
    listed = await api.client.get(
        "/v1/deadlines",
        params={"status": "missed", "min_position": case["position"]},
        headers=api.bureau,
    )
    assert {d["rule_id"] for d in listed.json()["items"]} == {"report_notice", "answer"}
    overdue = await api.client.get("/v1/cases", params={"overdue": True}, headers=api.bureau)
    assert [c["case_id"] for c in overdue.json()["items"]] == [case["case_id"]]
    foreign = await api.client.get(
        "/v1/deadlines",
        params={"status": "missed"},
        headers=api.token("agency_user", agency="th-gov"),
    )
    assert foreign.json()["items"] == []


async def test_preview_computes_from_a_period_or_a_pack_rule(api: Api):
    # 2026-01-30 (Fri) + 15 days = Sat 02-14, a make-up working day of Spring Festival 2026.
    r = await api.client.get(
        "/v1/deadlines/preview", params={"trigger_date": "2026-01-30", "offset": 15, "unit": "days"}
    )
    assert r.status_code == 200 and r.json()["due_date"] == "2026-02-14"
    # Wenzhou investigation: 30 working days after Sun 2026-02-01 across Spring Festival:
    # Feb 2-13 (10), Sat 14 make-up (11), holiday 15-23, Feb 24-27 (15), Sat 28 make-up (16),
    # Mar 2-13 (26), Mar 16-19 (30) → Thu 03-19.
    r = await api.client.get(
        "/v1/deadlines/preview",
        params={"trigger_date": "2026-02-01", "pack": "wenzhou", "rule": "investigation"},
    )
    assert r.json()["rule"]["source"].startswith("000")
    assert r.json()["due_date"] == "2026-03-19"


async def test_preview_into_a_year_without_schedule_is_a_clear_error_or_provisional(api: Api):
    params = {"trigger_date": "2026-12-25", "offset": 15, "unit": "days"}
    refused = await api.client.get("/v1/deadlines/preview", params=params)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "calendar-year-not-loaded" and refused.json()["year"] == 2027
    provisional = await api.client.get(
        "/v1/deadlines/preview", params={**params, "provisional": True}
    )
    assert provisional.json()["provisional"] is True
    assert "2027" in provisional.json()["provisional_reason"]


SCHEDULE_2027 = {
    # A made-up schedule for the test: New Year's block Fri 01-01 .. Mon 01-04.
    "holidays": ["2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"],
    "makeup_workdays": ["2027-01-09"],
    "source": "测试用通知",
    "reason": "2027 schedule published",
}


async def test_loading_a_schedule_firms_provisional_deadlines_and_lists_the_changes(api: Api):
    await api.register_guangzhou()
    api.set_today("2026-12-21")
    # Served Sun 2026-12-20: +15 = Mon 2027-01-04, 2027 not loaded → provisional (weekends only).
    case = await served_case(api, "2026-12-20")
    before = await deadlines_of(api, case)
    assert before["answer"]["due_date"] == "2027-01-04" and before["answer"]["provisional"]
    assert not before["report_notice"]["provisional"]
    loaded = await api.client.put("/v1/calendar/2027", json=SCHEDULE_2027, headers=api.admin)
    assert loaded.status_code == 201, loaded.text
    after = await deadlines_of(api, {**case, "position": loaded.json()["position"]})
    # Mon 01-04 is now a holiday → first working day Tue 01-05.
    assert after["answer"]["due_date"] == "2027-01-05" and not after["answer"]["provisional"]
    changes = (
        await api.client.get("/v1/calendar/changes/list", params={"year": 2027}, headers=api.bureau)
    ).json()
    assert [
        (c["case_id"], c["rule_id"], c["old_due_date"], c["new_due_date"]) for c in changes
    ] == [(case["case_id"], "answer", "2027-01-04", "2027-01-05")]
    schedule = (await api.client.get("/v1/calendar/2027", headers=api.agency)).json()
    assert schedule["loaded"] == "administrator" and schedule["makeup_workdays"] == ["2027-01-09"]
    preview = await api.client.get(
        "/v1/deadlines/preview", params={"trigger_date": "2026-12-20", "offset": 15, "unit": "days"}
    )
    assert preview.json()["due_date"] == "2027-01-05"


async def test_invalid_schedule_and_non_admin_loads_change_nothing(api: Api):
    bad = {**SCHEDULE_2027, "makeup_workdays": ["2027-01-06"]}  # a Wednesday
    r = await api.client.put("/v1/calendar/2027", json=bad, headers=api.admin)
    assert r.status_code == 422 and r.json()["code"] == "schedule-invalid"
    r = await api.client.put("/v1/calendar/2027", json=SCHEDULE_2027, headers=api.bureau)
    assert r.status_code == 403
    assert api.runtime.store.max_position() == 0


async def test_appearance_without_the_required_head_misses_the_hearing(api: Api):
    await api.register_guangzhou()
    case = await served_case(api, "2025-09-22")
    summons = {"kind": "summons", "served_date": "2025-09-23", "hearing_date": "2025-10-20"}
    served = await api.command(case["case_id"], "documents", summons, api.court)
    duty = (
        await api.client.get(
            f"/v1/cases/{case['case_id']}/deadlines",
            params={"min_position": served["position"]},
            headers=api.agency,
        )
    ).json()
    assert duty["appearance_duty"]["required"] == "head"  # the agency's first hearing of 2025
    appeared = {"hearing_date": "2025-10-20", "appearances": [{"name": "律师甲", "role": "lawyer"}]}
    written = await api.command(case["case_id"], "appearances", appeared, api.agency)
    deadlines = await deadlines_of(api, {**case, "position": written["position"]})
    assert deadlines["hearing"]["status"] == "missed"
    assert deadlines["hearing"]["status_reason"]


async def test_agency_calendar_feed_lists_open_deadlines_with_alarms(api: Api):
    await api.register_guangzhou()
    case = await served_case(api, "2025-09-26")
    await api.summary(case["case_id"], case["position"])
    token = api.agency["Authorization"].removeprefix("Bearer ")
    r = await api.client.get("/v1/agencies/gz-hrss/deadlines.ics", params={"token": token})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    from icalendar import Calendar

    events = [c for c in Calendar.from_ical(r.content).walk("VEVENT")]
    # Both deadlines are past by the test clock (2026-12-01): listed as overdue, with one
    # event today that counts them.
    dates = {str(e["dtstart"].dt) for e in events}
    assert dates == {"2025-09-28", "2025-10-11", "2026-12-01"}
    assert any(len(e.subcomponents) == 2 for e in events)  # 7 and 1 days before
    other = await api.client.get("/v1/agencies/th-gov/deadlines.ics", params={"token": token})
    assert other.status_code == 404


async def test_a_postponed_hearing_withdraws_the_old_date_and_owes_the_new_one(api: Api):
    await api.register_guangzhou()
    api.set_today("2025-10-01")
    case = await served_case(api, "2025-09-22")
    summons = {"kind": "summons", "served_date": "2025-09-23", "hearing_date": "2025-10-20"}
    await api.command(case["case_id"], "documents", summons, api.court)
    moved = {"hearing_date": "2025-11-05", "location": "第三法庭", "replaces": "2025-10-20"}
    written = await api.command(case["case_id"], "hearings", moved, api.court)
    r = await api.client.get(
        f"/v1/cases/{case['case_id']}/deadlines",
        params={"min_position": written["position"]},
        headers=api.agency,
    )
    hearings = {d["due_date"]: d["status"] for d in r.json()["deadlines"] if d["kind"] == "hearing"}
    assert hearings == {"2025-10-20": "waived", "2025-11-05": "open"}
    # Nobody can appear at, or move again, the hearing that no longer takes place.
    held_on_old = {
        "hearing_date": "2025-10-20",
        "appearances": [{"name": "张局长", "role": "principal_head"}],
    }
    refused = await api.command(case["case_id"], "appearances", held_on_old, api.agency, 409)
    assert refused["code"] == "appearance-requires-hearing"
    again = {"hearing_date": "2025-11-20", "replaces": "2025-10-20"}
    refused = await api.command(case["case_id"], "hearings", again, api.court, 409)
    assert refused["code"] == "hearing-to-replace-not-pending"
    assert api.runtime.store.max_position() == written["position"]
