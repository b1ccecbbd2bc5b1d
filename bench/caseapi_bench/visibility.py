"""Delay from a write's HTTP response to its visibility in the read model and in the feed.

One writer posts commands, ``gap`` seconds apart. After each response it asks
``GET /v1/cases/{id}?min_position=<position>`` (the server answers once the projector has
the position) and checks the version. A second client long-polls ``GET /v1/events`` and
notes when each position arrives. Delays are measured from the moment the write's response
was received, on one clock (this process's perf_counter).
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass

import httpx

from caseapi_bench.http_client import COMMANDS, client, file_case


@dataclass
class Visibility:
    read_delays: list[float]
    feed_delays: list[float]
    missing_in_feed: int


def measure(url: str, samples: int, gap: float = 0.02, case_events: int = 30) -> Visibility:
    """``samples`` writes; a new case (not measured) once a case holds ``case_events``."""
    writer = client(url)
    case_id = file_case(writer, "visibility")["case_id"]
    head = writer.get("/v1/events", params={"after": 0, "limit": 1}).json()["head"]
    arrivals: dict[int, float] = {}
    stop = threading.Event()
    feed_thread = threading.Thread(target=_follow, args=(url, head, arrivals, stop), daemon=True)
    feed_thread.start()
    time.sleep(0.2)  # the long poll is waiting before the first write
    written: dict[int, float] = {}
    read_delays: list[float] = []
    cycle = itertools.cycle(COMMANDS)
    try:
        for n in range(samples):
            if n and n % (case_events - 1) == 0:
                case_id = file_case(writer, f"visibility-{n}")["case_id"]
                cycle = itertools.cycle(COMMANDS)
            path, body = next(cycle)
            r = writer.post(f"/v1/cases/{case_id}/{path}", json=body)
            answered = time.perf_counter()
            r.raise_for_status()
            position, version = r.json()["position"], r.json()["version"]
            written[position] = answered
            q = writer.get(f"/v1/cases/{case_id}", params={"min_position": position})
            seen = time.perf_counter()
            q.raise_for_status()
            if q.json()["version"] < version:
                raise RuntimeError(f"read model at version {q.json()['version']} < {version}")
            read_delays.append(seen - answered)
            time.sleep(gap)
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline and not set(written) <= set(arrivals):
            time.sleep(0.01)
    finally:
        stop.set()
        feed_thread.join(timeout=10)
        writer.close()
    feed = [arrivals[p] - t for p, t in written.items() if p in arrivals]
    return Visibility(read_delays, feed, len(written) - len(feed))


def _follow(url: str, after: int, arrivals: dict[int, float], stop: threading.Event) -> None:
    with client(url) as c:
        while not stop.is_set():
            try:
                r = c.get("/v1/events", params={"after": after, "wait": 1, "limit": 1000})
            except httpx.HTTPError:
                continue
            now = time.perf_counter()
            page = r.json()
            for event in page["events"]:
                arrivals.setdefault(event["position"], now)
            after = page["last_position"]
