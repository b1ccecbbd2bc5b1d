"""Notifier catch-up over case-api's feed, beside the rate of reading the same feed's pages.

The follower runs in this process against the running case-api, with its own schema in the
benchmark database; it starts from position 0 and runs until it has caught up or its time
is up, so at 100k cases the rate is that of the first part of a long catch-up.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from case_api.platform.access import Role
from caseapi_bench.scale_ops import headers
from caseapi_bench.storage import DB_URL
from notifier.platform.config import Settings as NotifierSettings
from notifier.platform.migrate import upgrade
from notifier.runtime import build_runtime
from shared.clock import FixedClock

PAGE = 1000


@dataclass
class CatchUp:
    events: int
    seconds: float
    page_rate: float  # events/s reading the feed's pages alone

    @property
    def rate(self) -> float:
        return self.events / self.seconds


def feed_page_rate(url: str, seconds: float) -> float:
    """Events/s of a bare client reading ``GET /v1/events`` page after page."""
    who = headers(Role.NOTIFIER)
    count, after, began = 0, 0, time.perf_counter()
    with httpx.Client(base_url=url, headers=who, timeout=60) as client:
        while time.perf_counter() - began < seconds:
            page = client.get("/v1/events", params={"after": after, "limit": PAGE}).json()
            if not page["events"]:
                break
            count += len(page["events"])
            after = page["last_position"]
    return count / (time.perf_counter() - began)


def catch_up(url: str, schema: str, clock: FixedClock, seconds: float) -> CatchUp:
    database = f"postgresql+psycopg://{DB_URL.removeprefix('postgresql://')}?options=-csearch_path%3D{schema}"
    upgrade(database)
    token = headers(Role.NOTIFIER)["Authorization"].removeprefix("Bearer ")
    settings = NotifierSettings(
        database_url=database, case_api_url=url, case_api_token=token, feed_page_size=PAGE
    )
    runtime = build_runtime(settings, clock)
    try:
        follower, done, began = runtime.follower, 0, time.perf_counter()
        while time.perf_counter() - began < seconds:
            applied = follower.step(wait=0)
            done += applied
            position, head = follower.position()
            if applied == 0 and position >= head:
                break
        spent = time.perf_counter() - began
    finally:
        runtime.close()
    return CatchUp(done, spent, feed_page_rate(url, min(spent, 15)))
