"""The notifier stops about a case once the case has ended what its deadlines were for, and
says so when a correction moves a due date (in-process follower, each storage backend)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from notifier.feed.follower import Follower, store_events
from notifier.platform.db import make_engine
from notifier.platform.tables import deliveries
from notifier.reminders.schedule import moved
from shared.clock import FixedClock
from shared.rulepacks import shipped_library
from tests.notifier.cases import CASE, feed_event, filed, registry, served
from tests.notifier.fakes import FakeCaseApi

NOW = datetime.fromisoformat("2025-09-26T10:00:00+08:00")


def _follower(url: str, api: FakeCaseApi) -> Follower:
    clock = FixedClock(NOW)
    return Follower(make_engine(url), api, shipped_library(), clock, wait_seconds=0)  # type: ignore[arg-type]


def _states(f: Follower) -> dict[str, str]:
    with f.engine.connect() as conn:
        return {r.key: r.state for r in conn.execute(select(deliveries.c.key, deliveries.c.state))}


def test_a_withdrawal_withdraws_every_pending_delivery_even_a_failed_escalation(
    notifier_url: str,
) -> None:
    api = FakeCaseApi([*registry(), filed(3), served(4, "notice_to_respond", "2025-09-19")])
    f = _follower(notifier_url, api)
    f.step()
    escalation = f"{CASE}:report_notice@4:escalation:head:gz-hrss"
    # The report was due Sep 21; its escalation failed and waits for a retry.
    with f.engine.begin() as conn:
        conn.execute(
            update(deliveries).where(deliveries.c.key == escalation).values(state="failed")
        )
    api.events.append(
        feed_event(5, "CaseConcluded", {"conclusion": "withdrawn", "concluded_date": "2025-09-25"})
    )
    f.step()
    states = _states(f)
    assert states[escalation] == "withdrawn"
    assert {s for k, s in states.items() if k.startswith(CASE)} == {"withdrawn"}


def test_a_moved_date_is_announced_until_it_moves_back() -> None:
    first = {"due_date": "2025-10-09", "body": "期满日为2025-10-09"}
    later = moved(first, {"due_date": "2025-10-14", "body": "期满日为2025-10-14"})
    assert later["moved_from"] == "2025-10-09"
    again = moved(later, {"due_date": "2025-10-16", "body": "期满日为2025-10-16"})
    assert again["moved_from"] == "2025-10-09"  # the date the recipient was told first
    assert moved(later, first) == first  # back where it was announced first: nothing to say


def test_replan_settles_what_an_older_plan_left_pending(notifier_url: str) -> None:
    api = FakeCaseApi([*registry(), filed(3), served(4, "notice_to_respond", "2025-09-19")])
    f = _follower(notifier_url, api)
    f.step()
    # A notifier from before a case's end settled its deadlines stored the withdrawal and
    # left the answer's reminders scheduled.
    withdrawn = {"conclusion": "withdrawn", "concluded_date": "2025-09-20"}
    with f.engine.begin() as conn:
        store_events(conn, [feed_event(5, "CaseConcluded", withdrawn)], NOW)
    reminder = f"{CASE}:answer@4:reminder:7:contact:gz-hrss"
    assert _states(f)[reminder] == "scheduled"
    position = f.position()
    assert f.replan() == 1
    assert _states(f)[reminder] == "withdrawn"
    assert f.position() == position
