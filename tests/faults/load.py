"""Writers that behave as integrators are told to: every write carries its own
Idempotency-Key and is resent, with the same key and body, until it is answered — after a
dropped connection (the server killed), a 503 or 429 (waiting as Retry-After says) or a 409
in flight (the same). What each answer said is kept, to be checked against the store."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from case_api.platform.access import Role
from case_api.platform.http.auth import issue_token
from tests.notifier.processes import SECRET

AGENCY = "gz-hrss"
PRINCIPAL = "fault-bureau"
BUREAU = {
    "Authorization": "Bearer "
    + issue_token(
        SECRET,
        "case-api",
        subject=PRINCIPAL,
        role=Role.BUREAU_OFFICER,
        ttl_seconds=7200,
        jurisdiction="gz",
    )
}


@dataclass
class Write:
    key: str
    path: str
    body: dict[str, Any]
    answers: list[dict[str, Any]] = field(default_factory=list)
    """Each 2xx answer: its body, plus the ETag header as ``etag``."""
    refused: str | None = None


@dataclass
class Tally:
    """What the writers saw, besides the answers themselves."""

    counts: Counter[str] = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, what: str, detail: str | None = None) -> None:
        with self.lock:
            self.counts[what] += 1
            if detail is not None and len(self.unexpected) < 20:
                self.unexpected.append(detail)


class Writers:
    """``threads`` writers filing cases and flagging risks on them, until ``stop``."""

    def __init__(self, base_url: str, threads: int = 4, seed: int = 16) -> None:
        self.base_url = base_url
        self.writes: list[Write] = []
        self.cases: list[str] = []
        self.tally = Tally()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self._threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)
        ]

    def start(self) -> Writers:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        """Let each writer finish the write it is sending (answered, however long it takes)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=300)
            assert not thread.is_alive(), "a writer never got its write answered"

    def acknowledged(self) -> int:
        return sum(1 for w in self.writes if w.answers)

    def _run(self, n: int) -> None:
        with httpx.Client(base_url=self.base_url, headers=BUREAU, timeout=60) as client:
            count = 0
            while not self._stop.is_set():
                count += 1
                write = self._next(n, count)
                send_until_answered(client, write, self.tally)
                if write.answers and write.path == "/v1/cases":
                    with self._lock:
                        self.cases.append(write.answers[0]["case_id"])

    def _next(self, n: int, count: int) -> Write:
        with self._lock:
            case = self._rng.choice(self.cases) if self.cases and count % 2 else None
        if case is None:
            body = {
                "court": "gz-tianhe-court",
                "case_number": f"（2025）粤0106行初{n}-{count}号",
                "agencies": [{"agency_id": AGENCY, "role": "implementing"}],
                "subject_matter": "工伤认定",
                "filed_date": "2025-09-20",
            }
            write = Write(f"w{n}-{count}", "/v1/cases", body)
        else:
            body = {"level": "high", "description": f"风险 {n}-{count}", "found_date": "2025-10-01"}
            write = Write(f"w{n}-{count}", f"/v1/cases/{case}/risks", body)
        with self._lock:
            self.writes.append(write)
        return write


def send_until_answered(client: httpx.Client, write: Write, tally: Tally) -> None:
    headers = {"Idempotency-Key": write.key}
    while True:
        try:
            r = client.post(write.path, json=write.body, headers=headers)
        except httpx.TransportError:
            tally.add("connection failed")  # the server is down: resend once it is back
            time.sleep(0.2)
            continue
        if r.is_success:
            write.answers.append({**r.json(), "etag": r.headers.get("ETag")})
            return
        code = _code(r)
        wait = r.headers.get("Retry-After")
        if r.status_code == 503 and code == "storage-unavailable" and wait:
            tally.add("503 storage-unavailable")
        elif r.status_code == 409 and code == "idempotency-request-in-flight" and wait:
            tally.add("409 in flight")
        elif r.status_code == 429 and wait:
            tally.add("429")
        elif r.status_code >= 500:
            tally.add("5xx", f"{r.status_code} {r.text[:300]}")
        else:
            write.refused = code or str(r.status_code)
            tally.add("refused", f"{write.key} {r.status_code} {r.text[:300]}")
            return
        time.sleep(float(wait) if wait else 0.5)


def replay_all(base_url: str, writes: list[Write], tally: Tally) -> None:
    """Resend every answered write once more: each must answer what it answered first."""
    with httpx.Client(base_url=base_url, headers=BUREAU, timeout=60) as client:
        for write in writes:
            if write.answers:
                send_until_answered(client, write, tally)


def _code(response: httpx.Response) -> str | None:
    try:
        return response.json().get("code")
    except ValueError:
        return None
