"""The sender in-process, on each storage backend: leasing, marking, backoff, dead, crashes."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from sqlalchemy import select

from notifier.bulletin.build import BulletinBuilder
from notifier.platform.config import Settings
from notifier.platform.db import from_db, make_engine, to_db
from notifier.platform.metrics import Metrics
from notifier.platform.tables import deliveries
from notifier.sending.answer import Answer
from notifier.sending.deliveries import lease_due
from notifier.sending.queries import retry_dead
from notifier.sending.sender import Sender
from shared.clock import FixedClock
from tests.notifier.fakes import BOOK, FakeCaseApi, FixedBook, ScriptedDispatcher

DUE = datetime.fromisoformat("2025-09-30T09:00:00+08:00")


def make_sender(
    url: str, dispatcher: ScriptedDispatcher, clock: FixedClock, api: FakeCaseApi | None = None
) -> Sender:
    engine = make_engine(url)
    settings = Settings(
        database_url=url, send_workers=2, max_attempts=3, backoff_base_seconds=60, lease_seconds=30
    )
    api = api or FakeCaseApi()
    return Sender(
        engine,
        settings,
        clock,
        dispatcher,
        api,
        FixedBook(BOOK),  # type: ignore[arg-type]
        BulletinBuilder(engine, api),
        observe=Metrics().observe,
    )  # type: ignore[arg-type]


def add(
    sender: Sender,
    key: str,
    recipient: str = "contact:gz-hrss",
    kind: str = "reminder",
    payload: dict | None = None,
) -> None:
    with sender.engine.begin() as conn:
        conn.execute(
            deliveries.insert().values(
                key=key,
                kind=kind,
                recipient=recipient,
                due_at=to_db(DUE),
                state="scheduled",
                attempts=0,
                next_attempt_at=to_db(DUE),
                updated_at=to_db(DUE),
                payload=payload or {"title": "t", "body": "b"},
            )
        )


def row(sender: Sender, key: str) -> dict:
    with sender.engine.connect() as conn:
        return dict(
            conn.execute(select(deliveries).where(deliveries.c.key == key)).mappings().one()
        )


def test_nothing_goes_out_before_it_is_due(notifier_url: str) -> None:
    clock = FixedClock(DUE - timedelta(seconds=1))
    sender = make_sender(notifier_url, ScriptedDispatcher(), clock)
    add(sender, "k1")
    assert sender.run_once() == 0
    clock.set(DUE)
    assert sender.run_once() == 1
    assert row(sender, "k1")["state"] == "sent"


def test_a_failure_backs_off_then_dies_after_the_last_attempt(notifier_url: str) -> None:
    clock = FixedClock(DUE)
    failures = [Answer(False, "500")] * 3
    dispatcher = ScriptedDispatcher(list(failures))
    sender = make_sender(notifier_url, dispatcher, clock)
    add(sender, "k1")
    sender.run_once()
    failed = row(sender, "k1")
    assert (failed["state"], failed["attempts"]) == ("failed", 1)
    assert from_db(failed["next_attempt_at"]) == DUE + timedelta(seconds=60)
    assert sender.run_once() == 0  # not before the backoff ends
    clock.set(DUE + timedelta(seconds=60))
    sender.run_once()
    clock.set(DUE + timedelta(seconds=60 + 120))
    sender.run_once()
    assert row(sender, "k1")["state"] == "dead"
    assert dispatcher.sent == ["k1"] * 3


def test_an_operator_retry_brings_a_dead_delivery_back(notifier_url: str) -> None:
    clock = FixedClock(DUE)
    sender = make_sender(notifier_url, ScriptedDispatcher(), clock)
    add(sender, "k1", recipient="contact:unknown-agency")
    sender.run_once()
    dead = row(sender, "k1")
    assert dead["state"] == "dead" and "no channel" in dead["last_answer"]
    assert not retry_dead(sender.engine, 999999, clock.now())
    assert retry_dead(sender.engine, dead["id"], clock.now())
    assert row(sender, "k1")["state"] == "scheduled"


def test_a_sender_that_died_after_leasing_is_replaced_with_the_same_key(notifier_url: str) -> None:
    clock = FixedClock(DUE)
    dispatcher = ScriptedDispatcher()
    sender = make_sender(notifier_url, dispatcher, clock)
    add(sender, "k1")
    assert len(lease_due(sender.engine, clock.now(), 10, 30)) == 1  # leased, then "killed"
    assert sender.run_once() == 0  # the lease still holds
    clock.set(DUE + timedelta(seconds=31))
    assert sender.run_once() == 1
    sent = row(sender, "k1")
    assert (sent["state"], sent["attempts"]) == ("sent", 2)
    assert dispatcher.sent == ["k1"]


def test_timeout_is_retried_with_the_same_key(notifier_url: str) -> None:
    clock = FixedClock(DUE)
    dispatcher = ScriptedDispatcher([Answer(False, "TIMEOUT", unknown=True)])
    sender = make_sender(notifier_url, dispatcher, clock)
    add(sender, "k1")
    sender.run_once()
    clock.set(DUE + timedelta(minutes=5))
    sender.run_once()
    assert dispatcher.sent == ["k1", "k1"]
    assert row(sender, "k1")["state"] == "sent"


def test_remediation_is_recorded_in_case_api_with_the_delivery_key(notifier_url: str) -> None:
    api = FakeCaseApi()
    sender = make_sender(notifier_url, ScriptedDispatcher(), FixedClock(DUE), api)
    payload = {"case_id": "c1", "deadline": "answer@2", "reason": "逾期"}
    add(sender, "c1:answer@2:remediation:case-api", "case-api", "remediation", payload)
    sender.run_once()
    assert api.remediations == [("c1", "answer@2", "c1:answer@2:remediation:case-api")]


def test_concurrent_leasers_never_take_the_same_row(notifier_url: str) -> None:
    sender = make_sender(notifier_url, ScriptedDispatcher(), FixedClock(DUE))
    for n in range(60):
        add(sender, f"k{n}")
    taken: list[list[int]] = [[], []]

    def lease(slot: int) -> None:
        while batch := lease_due(sender.engine, DUE, 5, 600):
            taken[slot] += [lease.id for lease in batch]

    threads = [threading.Thread(target=lease, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not set(taken[0]) & set(taken[1])
    assert len(taken[0]) + len(taken[1]) == 60
