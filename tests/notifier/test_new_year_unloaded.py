"""Across the 2026/2027 New Year with 2027's schedule not yet published: case-api and the
notifier read the year the same way (the statutory holidays and weekends are rest days), no
reminder or bulletin falls on New Year's Day, every message about a 2027 date says it is
provisional, and loading 2027's schedule re-plans both services.

Two real processes share a fake clock; the notifier delivers to a webhook sink here.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from notifier.reminders.messages import PROVISIONAL_NOTE
from shared.rulepacks.library import SHANGHAI
from tests.notifier.processes import OPERATOR, wait_until
from tests.notifier.sink import start_sink
from tests.notifier.walk import Stack, open_stack

pytestmark = pytest.mark.integration

HEARING = "2027-01-08"  # a Friday: the 7-day reminder would land on New Year's Day
# Guangzhou's monthly bulletin, half-year loss bulletin, half-year head-appearance report and
# annual report: all for periods ending on Dec 31.
BULLETINS = ("2026-12", "2026-H2", "2026-H2:head_appearance_half_year_report", "2026")


def instant(text: str) -> str:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").isoformat() + "+08:00"


def test_new_year_2027_unloaded_then_loaded(tmp_path: Path) -> None:
    sink = start_sink()
    stack = open_stack(tmp_path, sink, instant("2026-12-01 08:00"))
    try:
        _walk(stack)
    finally:
        stack.close()


def _walk(stack: Stack) -> None:
    notifier = stack.start_notifier()
    stack.register_guangzhou()
    case = stack.file_case("（2026）粤0106行初9号", "2026-12-01")
    summons = {"kind": "summons", "served_date": "2026-12-01", "hearing_date": HEARING}
    stack.post(f"/v1/cases/{case}/documents", summons)
    stack.set_clock(instant("2026-12-02 10:00"))
    stack.post(f"/v1/cases/{case}/reports", {"subject": "summons", "reported_date": "2026-12-02"})
    # Served Thu Dec 17: the answer's 15 days end on New Year's Day, so on Mon Jan 4.
    stack.set_clock(instant("2026-12-17 10:00"))
    notice = {"kind": "notice_to_respond", "served_date": "2026-12-17"}
    stack.post(f"/v1/cases/{case}/documents", notice)
    stack.post(
        f"/v1/cases/{case}/reports", {"subject": "notice_to_respond", "reported_date": "2026-12-17"}
    )
    stack.caught_up(notifier)

    before = wait_until(lambda: _with_bulletins(notifier.url), 30)
    assert not [d for d in before if _day(d["due_at"]) == date(2027, 1, 1)], before
    hearing = _reminders_of(before, "hearing")
    # 7 days before Fri Jan 8 is New Year's Day: moved to Thu Dec 31; 1 day before: Thu Jan 7.
    assert {k: _day(d["due_at"]) for k, d in hearing.items()} == {
        "7": date(2026, 12, 31),
        "1": date(2027, 1, 7),
    }
    assert all(PROVISIONAL_NOTE in d["payload"]["body"] for d in hearing.values())
    assert _bulletin_days(before) == dict.fromkeys(BULLETINS, date(2027, 1, 4))
    answer = _deadline(stack, case, "answer")
    assert (answer["due_date"], answer["provisional"]) == ("2027-01-04", True)
    answer_reminders = _reminders_of(before, "answer")
    assert {k: _day(d["due_at"]) for k, d in answer_reminders.items()} == {
        "7": date(2026, 12, 28),
        "1": date(2026, 12, 31),  # Sun Jan 3 → before New Year's Day → Thu Dec 31
    }
    assert all(PROVISIONAL_NOTE in d["payload"]["body"] for d in answer_reminders.values())

    # The State Council's notice arrives (a test schedule): Sat Jan 2 is worked.
    schedule = {
        "holidays": ["2027-01-01"],
        "makeup_workdays": ["2027-01-02"],
        "source": "国办发明电〔2026〕X号",
        "reason": "2027年节假日安排公布",
    }
    stack.set_clock(instant("2026-12-20 10:00"))
    response = httpx.put(f"{stack.case_api.url}/v1/calendar/2027", json=schedule, headers=_admin())
    assert response.status_code == 201, response.text
    stack.caught_up(notifier)

    def replanned() -> list[dict[str, Any]]:
        rows = _planned(notifier.url)
        return rows if _bulletin_days(rows).get("2026-12") == date(2027, 1, 2) else []

    after = wait_until(replanned, 30)
    assert _bulletin_days(after) == dict.fromkeys(BULLETINS, date(2027, 1, 2))
    hearing = _reminders_of(after, "hearing")
    assert _day(hearing["7"]["due_at"]) == date(2026, 12, 31)  # Jan 1 is still a holiday
    assert not [d for d in after if PROVISIONAL_NOTE in str(d["payload"])]
    answer = _deadline(stack, case, "answer")
    assert (answer["due_date"], answer["provisional"]) == ("2027-01-02", False)
    answer_reminders = _reminders_of(after, "answer")
    assert {k: _day(d["due_at"]) for k, d in answer_reminders.items()} == {
        "7": date(2026, 12, 25),  # Sat Dec 26 → Fri Dec 25
        "1": date(2026, 12, 31),
    }
    assert {d["payload"]["due_date"] for d in answer_reminders.values()} == {"2027-01-02"}

    # Walk through New Year: what arrives on Dec 31 and Jan 2, nothing on Jan 1.
    for moment in ("2026-12-31 09:00", "2027-01-01 09:00", "2027-01-01 23:59", "2027-01-02 09:00"):
        stack.set_clock(instant(moment))
        wait_until(lambda at=moment: not _due_unsent(notifier.url, at), 180)
    sent = [r for r in stack.sink.received if r.key]
    days = {_day(d["sent_at"]) for d in _listed(notifier.url) if d["sent_at"]}
    assert date(2027, 1, 1) not in days
    assert {date(2026, 12, 31), date(2027, 1, 2)} <= days
    assert sent, "the walk delivered something"


def _admin() -> dict[str, str]:
    from tests.notifier.walk import ADMIN

    return ADMIN


def _listed(url: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    after = 0
    while True:
        page = httpx.get(
            f"{url}/v1/deliveries", params={"after_id": after, "limit": 1000}, headers=OPERATOR
        ).json()
        if not page:
            return rows
        rows += page
        after = page[-1]["id"]


def _planned(url: str) -> list[dict[str, Any]]:
    return [d for d in _listed(url) if d["state"] == "scheduled"]


def _due_unsent(url: str, moment: str) -> list[dict[str, Any]]:
    """Due by ``moment`` and not settled: a row being sent (a bulletin being built, say) is
    not done yet, and the sends a build schedules appear only when it completes."""
    now = datetime.fromisoformat(instant(moment))
    return [
        d
        for d in _listed(url)
        if d["state"] in ("scheduled", "sending")
        and datetime.fromisoformat(d["due_at"]).astimezone(SHANGHAI) <= now
    ]


def _day(value: str) -> date:
    return datetime.fromisoformat(value).astimezone(SHANGHAI).date()


def _with_bulletins(url: str) -> list[dict[str, Any]]:
    rows = _planned(url)
    return rows if len(_bulletin_days(rows)) == len(BULLETINS) else []


def _reminders_of(rows: list[dict[str, Any]], rule: str) -> dict[str, dict[str, Any]]:
    """By days before: keys are ``case:<rule>@N:reminder:<days>:contact:<agency>``."""
    found = {}
    for row in rows:
        _, deadline, kind, days, *_ = row["key"].split(":")
        if deadline.startswith(f"{rule}@") and kind == "reminder":
            found[days] = row
    return found


def _deadline(stack: Stack, case: str, rule: str) -> dict[str, Any]:
    deadlines = stack.get(f"/v1/cases/{case}/deadlines")["deadlines"]
    return next(d for d in deadlines if d["rule_id"] == rule)


def _bulletin_days(rows: list[dict[str, Any]]) -> dict[str, date]:
    """By period, and the entry of a report keyed by it (``2026-H2:<entry>``)."""
    return {
        ":".join(d["key"].split(":")[2:-1]): _day(d["due_at"])
        for d in rows
        if d["kind"] == "bulletin_build"
    }
