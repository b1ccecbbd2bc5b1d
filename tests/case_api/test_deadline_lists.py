"""Deadline lists at volume: paged to the end they hold exactly the unpaged rows, and an
agency's calendar feed never lets years of overdue deadlines crowd out what is coming."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar
from sqlalchemy import select

from case_api.deadlines.icsfeed import OVERDUE_COUNTED, OVERDUE_LISTED
from tests.api_client import Api
from tests.case_api import readmodel_rows as rows

TODAY = date(2025, 11, 3)


async def agency_with_deadlines(api: Api, overdue: int, upcoming: int) -> None:
    await api.register_guangzhou()
    cases, dues = [], []
    for i in range(overdue + upcoming):
        row = rows.summary(f"d{i:05d}", "gz-hrss", "/gz/", date(2024, 1, 1))
        cases.append(row)
        due = TODAY - timedelta(days=1 + i % 600) if i < overdue else TODAY + timedelta(days=i % 40)
        dues.append(rows.deadline(row, "answer", due))
    rows.write(api.runtime.engine, cases, {rows.deadlines: dues})
    api.settings.clock_file.write_text(f"{TODAY.isoformat()}T09:00:00+08:00")


async def test_the_calendar_feed_holds_every_upcoming_deadline_behind_1500_overdue(api: Api):
    await agency_with_deadlines(api, overdue=1500, upcoming=50)
    token = api.agency["Authorization"].removeprefix("Bearer ")
    r = await api.client.get("/v1/agencies/gz-hrss/deadlines.ics", params={"token": token})
    assert r.status_code == 200, r.text
    events = list(Calendar.from_ical(r.content).walk("VEVENT"))
    upcoming = [e for e in events if e["dtstart"].dt >= TODAY and "@yingsu" in str(e["uid"])]
    deadline_events = [e for e in upcoming if not str(e["uid"]).startswith("overdue-")]
    assert len(deadline_events) == 50
    overdue = [e for e in events if e["dtstart"].dt < TODAY]
    assert len(overdue) == OVERDUE_LISTED
    assert min(e["dtstart"].dt for e in overdue) >= TODAY - timedelta(days=OVERDUE_LISTED // 3 + 1)
    [summary] = [e for e in events if str(e["uid"]).startswith("overdue-")]
    assert str(summary["summary"]) == f"已逾期未完成的期限 {OVERDUE_COUNTED} 项以上"
    assert r.headers["X-Upcoming-Deadlines"] == "50"
    assert r.headers["X-Overdue-Deadlines"] == f"{OVERDUE_COUNTED}+"
    assert r.headers["X-Overdue-Deadlines-Listed"] == str(OVERDUE_LISTED)


async def test_the_calendar_feed_counts_the_overdue_deadlines_it_does_not_list(api: Api):
    await agency_with_deadlines(api, overdue=700, upcoming=5)
    r = await api.client.get("/v1/agencies/gz-hrss/deadlines.ics", headers=api.agency)
    [summary] = [
        e
        for e in Calendar.from_ical(r.content).walk("VEVENT")
        if str(e["uid"]).startswith("overdue-")
    ]
    assert str(summary["summary"]) == "已逾期未完成的期限 700 项"
    assert r.headers["X-Overdue-Deadlines"] == "700"


async def test_a_feed_with_few_overdue_lists_them_all(api: Api):
    await agency_with_deadlines(api, overdue=3, upcoming=2)
    r = await api.client.get("/v1/agencies/gz-hrss/deadlines.ics", headers=api.agency)
    events = list(Calendar.from_ical(r.content).walk("VEVENT"))
    assert len(events) == 3 + 2 + 1
    assert r.headers["X-Overdue-Deadlines"] == r.headers["X-Overdue-Deadlines-Listed"] == "3"


async def test_deadlines_paged_to_the_end_equal_the_unpaged_set(api: Api):
    await agency_with_deadlines(api, overdue=1500, upcoming=50)
    for params in ({}, {"status": "missed", "jurisdiction": "gz"}, {"agency": "gz-hrss"}):
        paged, cursor = [], None
        while True:
            query = {**params, "limit": 97, **({"cursor": cursor} if cursor else {})}
            r = await api.client.get("/v1/deadlines", params=query, headers=api.bureau)
            assert r.status_code == 200, r.text
            paged += [(d["due_date"], d["case_id"], d["key"]) for d in r.json()["items"]]
            if not (cursor := r.json()["next_cursor"]):
                break
        assert paged == sorted(set(paged)), "pages overlap or come out of order"
        expected = 1500 if params.get("status") == "missed" else 1550
        assert len(paged) == expected
    with api.runtime.engine.connect() as conn:
        stored = conn.execute(select(rows.deadlines.c.case_id)).scalars().all()
    assert {case_id for _, case_id, _ in paged} == set(stored)


async def test_a_cursor_this_api_did_not_issue_is_refused(api: Api):
    r = await api.client.get("/v1/deadlines", params={"cursor": "bm90IG1pbmU"}, headers=api.admin)
    assert r.status_code == 422 and r.json()["code"] == "invalid-cursor"
