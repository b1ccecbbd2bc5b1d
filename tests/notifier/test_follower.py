"""The follower in-process, on each storage backend: one transaction per page, replicas."""

from __future__ import annotations

import threading
from datetime import datetime

from sqlalchemy import func, select

from notifier.feed.follower import Follower
from notifier.platform.db import from_db, make_engine
from notifier.platform.tables import case_events, deliveries
from shared.calendar import WorkCalendar
from shared.clock import FixedClock
from shared.rulepacks import shipped_library
from tests.notifier.cases import CASE, feed_event, filed, registry, served
from tests.notifier.fakes import FakeCaseApi

NOW = datetime.fromisoformat("2025-09-19T10:00:00+08:00")


def follower(url: str, api: FakeCaseApi, page_size: int = 200) -> Follower:
    return Follower(
        make_engine(url),
        api,
        shipped_library(),
        FixedClock(NOW),  # type: ignore[arg-type]
        page_size=page_size,
        wait_seconds=0,
    )


def case_feed() -> list[dict]:
    events = registry()
    return events + [filed(3), served(4, "notice_to_respond", "2025-09-19")]


def rows(f: Follower) -> dict[str, dict]:
    with f.engine.connect() as conn:
        return {r["key"]: dict(r) for r in conn.execute(select(deliveries)).mappings()}


def test_a_page_stores_events_plans_deliveries_and_moves_the_position(notifier_url: str) -> None:
    f = follower(notifier_url, FakeCaseApi(case_feed()))
    assert f.step() == 4
    assert f.position() == (4, 4)
    planned = rows(f)
    assert f"{CASE}:answer@4:reminder:7:contact:gz-hrss" in planned
    assert {r["state"] for r in planned.values()} == {"scheduled"}
    assert f.step() == 0  # nothing new


def test_a_page_another_replica_applied_is_dropped(notifier_url: str) -> None:
    api = FakeCaseApi(case_feed())
    one, two = follower(notifier_url, api), follower(notifier_url, api)
    page = api.feed(0, 200, 0)
    assert one.apply(0, page) == 4
    assert two.apply(0, page) == 0  # fetched before one committed: dropped, not re-applied
    with one.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(case_events)).scalar_one() == 2


def test_report_withdraws_its_reminder_before_it_fires(notifier_url: str) -> None:
    api = FakeCaseApi(case_feed())
    f = follower(notifier_url, api)
    f.step()
    api.events.append(
        feed_event(
            5, "ReportedToBureau", {"subject": "notice_to_respond", "reported_date": "2025-09-20"}
        )
    )
    f.step()
    planned = rows(f)
    assert planned[f"{CASE}:report_notice@4:report:0:contact:gz-hrss"]["state"] == "withdrawn"
    assert planned[f"{CASE}:report_notice@4:escalation:head:gz-hrss"]["state"] == "withdrawn"
    assert planned[f"{CASE}:answer@4:reminder:7:contact:gz-hrss"]["state"] == "scheduled"


def test_holiday_schedule_loaded_on_the_feed_moves_pending_reminders(notifier_url: str) -> None:
    api = FakeCaseApi(case_feed())
    f = follower(notifier_url, api)
    f.step()
    official = WorkCalendar.official().schedule(2025)
    correction = {
        "year": 2025,
        "source": "test notice",
        "reason": "Sep 30 declared a holiday",
        "holidays": sorted(d.isoformat() for d in official.holidays) + ["2025-09-30"],
        "makeup_workdays": sorted(d.isoformat() for d in official.makeup_workdays),
    }
    api.events.append(feed_event(5, "HolidayScheduleLoaded", correction, "cal-2025", "calendar"))
    f.step()
    reminder = rows(f)[f"{CASE}:answer@4:reminder:7:contact:gz-hrss"]
    assert from_db(reminder["due_at"]).isoformat() == "2025-09-29T01:00:00+00:00"


def test_two_replicas_following_at_once_apply_each_event_once(notifier_url: str) -> None:
    events = registry()
    for n in range(10):
        case = f"c{n:035d}"
        events.append({**filed(3 + 2 * n), "stream_id": case})
        events.append({**served(4 + 2 * n, "notice_to_respond", "2025-09-19"), "stream_id": case})
    api = FakeCaseApi(events)
    replicas = [follower(notifier_url, api, page_size=3) for _ in range(2)]
    applied: list[int] = []

    def run(f: Follower) -> None:
        while f.position()[0] < 22:
            applied.append(f.step())

    threads = [threading.Thread(target=run, args=(f,)) for f in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(applied) == 22
    with replicas[0].engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(case_events)).scalar_one() == 20


def test_full_pages_are_followed_by_the_next_fetched_ahead(notifier_url: str) -> None:
    api = FakeCaseApi(case_feed())
    f = follower(notifier_url, api, page_size=2)
    assert [f.step(), f.step(), f.step()] == [2, 2, 0]
    assert f.position() == (4, 4)
    with f.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(case_events)).scalar_one() == 2
    assert rows(f), "the case is planned as if its events had come on one page"
    f.close()


def test_a_page_fetched_ahead_is_dropped_when_another_replica_moved_on(notifier_url: str) -> None:
    api = FakeCaseApi(case_feed())
    one, two = follower(notifier_url, api, page_size=2), follower(notifier_url, api, page_size=2)
    assert one.step() == 2  # fetched positions 3-4 ahead
    assert two.step() == 2  # applies 3-4 itself
    assert one.step() == 0  # its page ahead starts at 2, the position is 4: not applied again
    assert one.position() == (4, 4)
    one.close()
    two.close()
