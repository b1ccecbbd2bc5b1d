"""case-api's Retry-After (a 429 or 503) is honoured by the follower's feed reads and by the
sender's remediation and statistics calls, against a fake case-api (httpx.MockTransport).

Time is injected: the client's operational clock and the follower's wait are recorded fakes,
the sender's due times follow the FixedClock; nothing here sleeps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifier.feed.caseapi import CaseApiBusy, CaseApiClient
from notifier.feed.follower import FAILURE_PAUSE, Follower, FollowerThread
from notifier.platform.db import from_db, make_engine
from notifier.sending.retry_after import retry_after_seconds
from shared.clock import FixedClock
from shared.rulepacks import shipped_library
from tests.notifier.fakes import ScriptedDispatcher
from tests.notifier.test_bulletin_and_caseapi import OLD_STATS as STATS
from tests.notifier.test_sender import DUE, add, make_sender, row

WALL = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
EMPTY_PAGE = {"events": [], "last_position": 0, "head": 0}


@dataclass
class Monotonic:
    """The client's operational clock, moved by hand."""

    now: float = 100.0

    def __call__(self) -> float:
        return self.now


@dataclass
class FakeCaseApi:
    """Answers each request with the next scripted response (then ``then``) and records
    (method, path, operational time) of every request that reached it."""

    clock: Monotonic
    script: list[httpx.Response] = field(default_factory=list)
    then: Callable[[httpx.Request], httpx.Response] = lambda r: httpx.Response(200, json={})
    seen: list[tuple[str, str, float]] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.method, request.url.path, self.clock.now))
        return self.script.pop(0) if self.script else self.then(request)

    def client(self, **options: object) -> CaseApiClient:
        return CaseApiClient(
            "http://case-api",
            "token",
            transport=httpx.MockTransport(self.handle),
            monotonic=self.clock,
            wall=lambda: WALL,
            **options,  # type: ignore[arg-type]
        )


def refusal(status: int, retry_after: str | None = None, date: str | None = None) -> httpx.Response:
    headers = {k: v for k, v in (("Retry-After", retry_after), ("Date", date)) if v is not None}
    return httpx.Response(status, headers=headers, json={"code": "rate-limited"})


# -- the header ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date", "expected"),
    [
        ("120", None, 120.0),
        ("0", None, 0.0),
        ("86400", None, 300.0),  # capped
        ("Mon, 05 Jan 2026 01:00:45 GMT", None, 45.0),  # against our clock (WALL)
        ("Mon, 05 Jan 2026 01:00:45 GMT", "Mon, 05 Jan 2026 01:00:40 GMT", 5.0),  # its Date
        ("Mon, 05 Jan 2026 00:59:00 GMT", None, 0.0),  # already past
        ("Tue, 06 Jan 2026 01:00:00 GMT", None, 300.0),
        (None, None, None),
        ("soon", None, None),
        ("-5", None, None),
        ("1.5", None, None),
    ],
)
def test_retry_after_in_seconds_or_as_a_date(value, date, expected) -> None:  # type: ignore[no-untyped-def]
    assert retry_after_seconds(value, date, WALL, 300.0) == expected


@given(st.text(), st.floats(0, 3600))
def test_any_header_is_a_bounded_wait_or_none(value: str, cap: float) -> None:
    found = retry_after_seconds(value, None, WALL, cap)
    assert found is None or 0.0 <= found <= cap


@given(st.integers(0, 10**9))
def test_delay_seconds_are_taken_as_given_up_to_the_cap(seconds: int) -> None:
    assert retry_after_seconds(str(seconds), None, WALL, 300.0) == min(seconds, 300)


# -- the follower -------------------------------------------------------------------------


def follow(url: str, api: FakeCaseApi, **options: object) -> tuple[FollowerThread, list[float]]:
    """A follower thread run in this thread: its waits are recorded and move the clock."""
    client = api.client(**options)
    follower = Follower(
        make_engine(url),
        client,
        shipped_library(),
        FixedClock(DUE),
        wait_seconds=0,
    )
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        api.clock.now += seconds

    thread = FollowerThread(follower, wait=wait)

    def answer_then_stop(request: httpx.Request) -> httpx.Response:
        thread.stop()
        return httpx.Response(200, json=EMPTY_PAGE)

    api.then = answer_then_stop
    return thread, waits


@pytest.mark.parametrize(
    ("answer", "waited"),
    [
        (refusal(429, "7"), 7.0),
        (refusal(503, "Mon, 05 Jan 2026 01:00:30 GMT", "Mon, 05 Jan 2026 01:00:00 GMT"), 30.0),
        (refusal(503), FAILURE_PAUSE),  # no Retry-After: the pause after any failure
        (refusal(429, "3600"), 300.0),  # capped
        # "now", or a date already past: still the failure pause, never a tight loop
        (refusal(429, "0"), FAILURE_PAUSE),
        (
            refusal(503, "Mon, 05 Jan 2026 00:59:00 GMT", "Mon, 05 Jan 2026 01:00:00 GMT"),
            FAILURE_PAUSE,
        ),
    ],
)
def test_the_follower_reads_the_feed_again_only_after_retry_after(
    notifier_url: str, answer: httpx.Response, waited: float
) -> None:
    api = FakeCaseApi(Monotonic(), [answer])
    thread, waits = follow(notifier_url, api)
    thread.run()
    assert waits == [waited]
    assert [(path, at) for _, path, at in api.seen] == [
        ("/v1/events", 100.0),
        ("/v1/events", 100.0 + waited),
    ]


def test_a_smaller_cap_shortens_the_wait(notifier_url: str) -> None:
    api = FakeCaseApi(Monotonic(), [refusal(429, "120")])
    thread, waits = follow(notifier_url, api, max_retry_after=20.0)
    thread.run()
    assert waits == [20.0]


# -- every call to the same case-api ------------------------------------------------------


def test_a_refusal_holds_back_every_call_to_that_case_api_until_retry_after() -> None:
    """The limit is the notifier principal's: after the feed's 429, a statistics or
    remediation call within the wait is answered from here, without a request."""
    api = FakeCaseApi(Monotonic(), [refusal(429, "30")], lambda r: httpx.Response(200, json=STATS))
    client = api.client()
    with pytest.raises(CaseApiBusy) as refused:
        client.feed(0, 10, 0)
    assert refused.value.wait == 30.0
    api.clock.now += 10
    with pytest.raises(CaseApiBusy) as held:
        client.statistics("gz", "2025-09-01", "2025-09-30")
    assert held.value.wait == 20.0
    with pytest.raises(CaseApiBusy):
        client.require_remediation("c1", "answer@2", "逾期", "k")
    assert len(api.seen) == 1
    api.clock.now += 20
    assert client.statistics("gz", "2025-09-01", "2025-09-30") == STATS
    assert [path for _, path, _ in api.seen] == ["/v1/events", "/v1/statistics"]


def test_a_refusal_from_the_statistics_host_does_not_hold_back_the_feed() -> None:
    api = FakeCaseApi(
        Monotonic(), [refusal(429, "30")], lambda r: httpx.Response(200, json=EMPTY_PAGE)
    )
    client = api.client(statistics_url="http://statistics")
    with pytest.raises(CaseApiBusy):
        client.statistics("gz", "2025-09-01", "2025-09-30")
    assert client.feed(0, 10, 0).events == []
    assert [(r[1], r[2]) for r in api.seen] == [("/v1/statistics", 100.0), ("/v1/events", 100.0)]


# -- the sender ---------------------------------------------------------------------------


def move(clock: FixedClock, api: FakeCaseApi, seconds: float) -> None:
    """Business time and operational time move together, as they do in production."""
    clock.set(DUE + timedelta(seconds=seconds))
    api.clock.now = 100.0 + seconds


def test_a_remediation_refused_with_retry_after_waits_for_it_and_the_batch_goes_on(
    notifier_url: str,
) -> None:
    api = FakeCaseApi(Monotonic(), [refusal(429, "240")], lambda r: httpx.Response(201, json={}))
    clock, dispatcher = FixedClock(DUE), ScriptedDispatcher()
    sender = make_sender(notifier_url, dispatcher, clock, api.client())  # type: ignore[arg-type]
    payload = {"case_id": "c1", "deadline": "answer@2", "reason": "逾期"}
    add(sender, "c1:answer@2:remediation:case-api", "case-api", "remediation", payload)
    add(sender, "k1")
    assert sender.run_once() == 2
    assert dispatcher.sent == ["k1"]  # the reminder went out meanwhile
    failed = row(sender, "c1:answer@2:remediation:case-api")
    assert failed["state"] == "failed" and "case-api busy: 429" in failed["last_answer"]
    assert from_db(failed["next_attempt_at"]) == DUE + timedelta(seconds=240)  # not the 60 s
    move(clock, api, 239)
    assert sender.run_once() == 0
    move(clock, api, 240)
    assert sender.run_once() == 1
    assert row(sender, "c1:answer@2:remediation:case-api")["state"] == "sent"
    assert [(path, at) for _, path, at in api.seen] == [
        ("/v1/cases/c1/remediation-requirements", 100.0),
        ("/v1/cases/c1/remediation-requirements", 340.0),
    ]


def test_a_short_retry_after_never_shortens_the_backoff(notifier_url: str) -> None:
    api = FakeCaseApi(Monotonic(), [refusal(503, "5")], lambda r: httpx.Response(200, json=STATS))
    clock = FixedClock(DUE)
    sender = make_sender(notifier_url, ScriptedDispatcher(), clock, api.client())  # type: ignore[arg-type]
    build = {"jurisdiction": "gz", "name": "广州市", "period": "2025-09"}
    add(sender, "bulletin:gz:2025-09:build", "case-api", "bulletin_build", build)
    sender.run_once()
    failed = row(sender, "bulletin:gz:2025-09:build")
    assert from_db(failed["next_attempt_at"]) == DUE + timedelta(seconds=60)
    move(clock, api, 60)
    sender.run_once()
    assert row(sender, "bulletin:gz:2025-09:build")["state"] == "sent"
    assert [at for _, _, at in api.seen] == [100.0, 160.0]
