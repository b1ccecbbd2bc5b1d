"""What answering faults well costs on the request path, each beside a baseline measured in the
same run.

Usage: .venv/bin/python bench/bench_faults.py [--quick]

1. The text guard on a write body (the filing a court sends, Chinese text, ~330 bytes): once
   as sent (UTF-8), once ASCII-escaped with an emoji in it (a surrogate pair escaped: the
   guard then parses the body to look at it, its worst case), beside ``json.loads`` of the
   same body, which FastAPI does anyway.
2. The rate limit's check whether an anonymous request's operation counts its caller itself
   (court deliveries, the token endpoint), beside one ``hit`` of the in-memory counter.
3. Pinging a pooled PostgreSQL connection before use (``POSTGRES_PRE_PING``, so a connection
   a restart dropped is replaced, not handed to a request): one-event saves per second with
   and without it, on the database ``CASE_TEST_POSTGRES_URL`` names (skipped, saying so,
   without it).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import psycopg

from case_api.cases.aggregate import Case, case_id_of
from case_api.main import create_app
from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.http.ratelimit import RateLimiter, _identifies_its_caller
from case_api.platform.settings import Settings
from shared.text_guard import valid_body

JSON = "application/json"
POSTGRES_URL = os.environ.get("CASE_TEST_POSTGRES_URL")
FILING = {
    "court": "gz-tianhe-court",
    "case_number": "（2025）粤0106行初123号",
    "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
    "subject_matter": "工伤认定，原告不服被告作出的不予认定工伤决定，请求撤销",
    "plaintiff_count": 1,
    "filed_date": "2025-09-20",
}


def per_second(work: Callable[[], Any], seconds: float) -> float:
    """Best of three timed passes of ``work`` (called in a loop for ``seconds`` each)."""
    best = 0.0
    for _ in range(3):
        count, began = 0, time.perf_counter()
        while time.perf_counter() - began < seconds:
            work()
            count += 1
        best = max(best, count / (time.perf_counter() - began))
    return best


def text_guard(seconds: float) -> None:
    plain = json.dumps(FILING, ensure_ascii=False).encode()
    escaped = json.dumps({**FILING, "subject_matter": FILING["subject_matter"] + "😀"}).encode()
    for name, body in (("as sent (UTF-8)", plain), ("ASCII-escaped, an emoji in it", escaped)):
        guard = per_second(lambda b=body: valid_body(b, JSON), seconds)
        parse = per_second(lambda b=body: json.loads(b), seconds)
        print(f"text guard, body {name}: {parse / guard:.2f}x the time of json.loads")


def caller_check(seconds: float) -> None:
    settings = Settings()
    app = create_app(settings)
    scope = {"type": "http", "method": "POST", "path": "/v1/courts/gz/deliveries", "app": app}
    limiter = RateLimiter(settings)
    loop = asyncio.new_event_loop()
    check = per_second(lambda: _identifies_its_caller(scope), seconds)
    hit = per_second(lambda: loop.run_until_complete(limiter.hit("write", "x")), seconds)
    print(f"identifying-operation check: {hit / check:.2f}x the time of one counter hit")


def pre_ping(seconds: float) -> None:
    if not POSTGRES_URL:
        print("pre-ping: skipped, CASE_TEST_POSTGRES_URL is not set")
        return
    rates = {}
    settings = Settings(event_store_url=POSTGRES_URL)
    for ping in ("n", "y"):
        schema = f"bench_faults_{ping}_{os.getpid()}"
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        try:
            env = {**store_env(settings), "POSTGRES_SCHEMA": schema, "POSTGRES_PRE_PING": ping}
            store = CaseStore(env=env)
            n = iter(range(10**9))
            rates[ping] = per_second(lambda s=store, n=n: s.save(Case(**_case(next(n)))), seconds)
            store.close()
        finally:
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
    print(
        f"pre-ping: {rates['y']:.0f} saves/s with it, {rates['n']:.0f} without:"
        f" {rates['y'] / rates['n']:.2f}x"
    )


def _case(n: int) -> dict[str, Any]:
    facts = {**FILING, "case_number": f"B{n}", "filed_date": date(2025, 9, 20)}
    return {
        **facts,
        "id": case_id_of(facts["court"], facts["case_number"]),
        "jurisdiction": "gz",
        "pack": "guangzhou",
        "flags": [],
        "meta": {"principal_id": "bench", "request_id": None},
    }


def main(argv: list[str]) -> int:
    seconds = 0.3 if "--quick" in argv else 1.0
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    text_guard(seconds)
    caller_check(seconds)
    pre_ping(seconds)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
