"""What the scale benchmark asks the API, with 4 closed-loop clients each, and its baselines
measured in the same minute: a single case GET, a plain indexed count for the scope, the
raw log read."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg

from case_api.platform.access import Role
from case_api.platform.http.auth import issue_token
from caseapi_bench.http_client import ISSUER, SECRET
from caseapi_bench.load import LoadResult, run_threads
from caseapi_bench.storage import CONNINFO

CLIENTS = 4


def headers(role: Role, **scope: str) -> dict[str, str]:
    token = issue_token(
        SECRET, ISSUER, subject=f"bench-{role}", role=role, ttl_seconds=7200, **scope
    )
    return {"Authorization": f"Bearer {token}"}


@dataclass(frozen=True)
class Operation:
    group: str  # statistics, case list, deadline list, calendar feed, baseline
    name: str
    path: str
    params: dict[str, Any]
    who: dict[str, str]


def operations(today: date, largest: str, sparse: str) -> list[Operation]:
    """``largest``: the agency sued most often; ``sparse``: one sued rarely."""
    admin, bureau = headers(Role.ADMIN), headers(Role.BUREAU_OFFICER, jurisdiction="gz")
    agency = headers(Role.AGENCY_USER, agency=largest)
    first = today.replace(day=1)
    month = {
        "from": (first - timedelta(days=1)).replace(day=1).isoformat(),
        "to": (first - timedelta(days=1)).isoformat(),
    }
    year = {
        "from": (today - timedelta(days=365)).isoformat(),
        "to": (today - timedelta(days=1)).isoformat(),
    }
    s, c, d = "statistics", "case list", "deadline list"
    return [
        Operation(s, "statistics, country, month", "/v1/statistics", month, admin),
        Operation(s, "statistics, country, year", "/v1/statistics", year, admin),
        Operation(
            s,
            "statistics, city (bureau), month",
            "/v1/statistics",
            {**month, "jurisdiction": "gz"},
            bureau,
        ),
        Operation(
            s,
            "statistics, city (bureau), year",
            "/v1/statistics",
            {**year, "jurisdiction": "gz"},
            bureau,
        ),
        Operation(
            s,
            "statistics, county, month",
            "/v1/statistics",
            {**month, "jurisdiction": "gz-1"},
            admin,
        ),
        Operation(
            s,
            "statistics, largest agency, month",
            "/v1/statistics",
            {**month, "agency": largest},
            admin,
        ),
        Operation(c, "cases, no filter", "/v1/cases", {}, admin),
        Operation(c, "cases, agency=largest", "/v1/cases", {"agency": largest}, admin),
        Operation(c, "cases, agency=sparse", "/v1/cases", {"agency": sparse}, admin),
        Operation(c, "cases, status=answered", "/v1/cases", {"status": "answered"}, admin),
        Operation(c, "cases, status=closed", "/v1/cases", {"status": "closed"}, admin),
        Operation(c, "cases, overdue=true", "/v1/cases", {"overdue": "true"}, admin),
        Operation(c, "cases, jurisdiction=gz-1", "/v1/cases", {"jurisdiction": "gz-1"}, admin),
        Operation(c, "cases, bureau gz, court", "/v1/cases", {"court": "gz-court"}, bureau),
        Operation(c, "cases, agency user", "/v1/cases", {}, agency),
        Operation(d, "deadlines, pending", "/v1/deadlines", {}, admin),
        Operation(
            d,
            "deadlines, missed in gz",
            "/v1/deadlines",
            {"status": "missed", "jurisdiction": "gz"},
            admin,
        ),
        Operation(d, "deadlines, missed, bureau", "/v1/deadlines", {"status": "missed"}, bureau),
        Operation(d, "deadlines, agency=largest", "/v1/deadlines", {"agency": largest}, admin),
        Operation(
            d,
            "deadlines, open next 30 days",
            "/v1/deadlines",
            {"status": "open", "due_to": (today + timedelta(days=30)).isoformat()},
            admin,
        ),
        Operation(d, "deadlines, agency user", "/v1/deadlines", {}, agency),
        Operation(
            "calendar feed",
            "iCalendar feed, largest agency",
            f"/v1/agencies/{largest}/deadlines.ics",
            {},
            agency,
        ),
    ]


def measure(url: str, op: Operation, seconds: float, warmup: float, pid: int) -> LoadResult:
    def make(_index: int) -> Callable[[], None]:
        client = httpx.Client(base_url=url, headers=op.who, timeout=120)

        def step() -> None:
            r = client.get(op.path, params=op.params)
            if r.status_code != 200:
                raise RuntimeError(f"{op.name}: {r.status_code} {r.text[:200]}")

        return step

    return run_threads(CLIENTS, make, seconds, warmup, pid)


def single_get(
    url: str, case_ids: list[str], seconds: float, warmup: float, pid: int
) -> LoadResult:
    admin = headers(Role.ADMIN)

    def make(index: int) -> Callable[[], None]:
        client = httpx.Client(base_url=url, headers=admin, timeout=60)
        rng = random.Random(index)

        def step() -> None:
            r = client.get(f"/v1/cases/{rng.choice(case_ids)}")
            if r.status_code != 200:
                raise RuntimeError(f"GET case: {r.status_code}")

        return step

    return run_threads(CLIENTS, make, seconds, warmup, pid)


def indexed_count(schema: str, path: str, seconds: float, warmup: float) -> LoadResult:
    """A plain indexed ``SELECT count(*)`` of the cases of one jurisdiction, straight to
    PostgreSQL: what touching every case of the scope costs, without the API."""
    sql = (
        f"SELECT count(*) FROM {schema}.case_summaries "
        "WHERE jurisdiction_path >= %s AND jurisdiction_path < %s"
    )
    bounds = (path, path[:-1] + "0")

    def make(_index: int) -> Callable[[], None]:
        conn = psycopg.connect(CONNINFO, autocommit=True)
        return lambda: conn.execute(sql, bounds).fetchone()

    return run_threads(CLIENTS, make, seconds, warmup)


def case_sample(schema: str, n: int = 400) -> list[str]:
    with psycopg.connect(CONNINFO) as conn:
        rows = conn.execute(
            f"SELECT case_id FROM {schema}.case_summaries ORDER BY md5(case_id) LIMIT %s", (n,)
        ).fetchall()
    return [r[0] for r in rows]


def agency_sizes(schema: str) -> list[tuple[str, int]]:
    with psycopg.connect(CONNINFO) as conn:
        return conn.execute(
            f"SELECT agency, count(*) FROM {schema}.case_summaries GROUP BY agency ORDER BY 2 DESC"
        ).fetchall()


class RssSampler:
    """The answering process's resident memory, sampled every 10 ms while a run lasts."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.before = pid, 0, rss_bytes(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes(self.pid))
            time.sleep(0.01)

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.before) / 2**20


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
