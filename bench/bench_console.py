"""The clerk's to-do page at 100,000 cases: server time p99 of the calls it makes, and its
weight. Rows are generated straight into the read model (cases, their agencies, three
deadlines each) behind the demo world `make run` loads; the clerk's agency holds its share.

Usage: .venv/bin/python bench/bench_console.py [--quick] [--cases N]

Baseline in the same run: a single case GET with the same session cookie. Figures print as
ratios to it, with the machine load.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import NAMESPACE_URL, uuid5

import httpx
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from case_api.cases.tables import case_agencies, case_summaries  # noqa: E402
from case_api.deadlines.tables import deadlines  # noqa: E402
from scripts.run_local import launch  # noqa: E402
from shared.sqlstore import make_engine  # noqa: E402
from tests.browser.conftest import _free_port  # noqa: E402

AGENCIES = 300
TODO_MODULES = ["app.js", "api.js", "i18n.js", "words.js", "ui.js", "pages/todo.js"]


def generate(url: str, count: int, today: date) -> None:
    engine = make_engine(url)
    rng = random.Random(14)
    now = datetime.now(UTC)
    for start in range(0, count, 5000):
        cases, links, dues = [], [], []
        for n in range(start, min(start + 5000, count)):
            agency = "gz-hrss" if n % AGENCIES == 0 else f"bench-{n % AGENCIES:03d}"
            case_id = str(uuid5(NAMESPACE_URL, f"bench-case:{n}"))
            filed = today - timedelta(days=rng.randrange(1, 1500))
            cases.append(_summary(case_id, n, agency, filed, now))
            links.append({"case_id": case_id, "agency": agency, "role": "implementing"})
            for k, kind in enumerate(("report", "answer", "hearing")):
                due = filed + timedelta(days=2 + 15 * k)
                status = "open" if rng.random() < 0.3 else "met"
                dues.append(_deadline(case_id, agency, kind, filed, due, status, n, k))
        with engine.begin() as conn:
            conn.execute(insert(case_summaries), cases)
            conn.execute(insert(case_agencies), links)
            conn.execute(insert(deadlines), dues)
    engine.dispose()


def _summary(case_id: str, n: int, agency: str, filed: date, now: datetime) -> dict:
    return {
        "case_id": case_id, "case_number": f"（2025）粤01行初{n}号", "court": "bench-court",
        "status": "responding", "agency": agency, "agencies": [{"agency_id": agency, "role": "implementing"}],
        "jurisdiction": "gz", "jurisdiction_path": "/gz/", "pack": "guangzhou", "subject_matter": "工伤认定",
        "plaintiff_count": 1, "flags": [], "filed_date": filed, "instance": "first",
        "remediation_required": [], "report_state": "none", "version": 1, "last_position": 0,
        "updated_at": now,
    }  # fmt: skip


def _deadline(case_id, agency, kind, filed, due, status, n, k) -> dict:  # type: ignore[no-untyped-def]
    return {
        "key": f"{kind}@{n}", "case_id": case_id, "rule_id": kind, "kind": kind,
        "title": f"{kind} deadline", "title_zh": "收到应诉通知书后两日内向同级司法局报备",
        "source": "004 5-①", "pack": "guangzhou", "pack_version": 1, "actor": "agency",
        "agency": agency, "jurisdiction_path": "/gz/", "trigger_position": n * 3 + k,
        "trigger_date": filed, "due_date": due, "provisional": False, "status": status,
        "explanation": {"start": filed.isoformat(), "raw_end": due.isoformat(),
                        "due_date": due.isoformat(), "offset": 2, "unit": "days",
                        "direction": "after", "skipped_rest_days": [], "provisional": False,
                        "provisional_reason": None, "steps": ["bench"]},
        "reminders": [7, 1], "escalation": [],
    }  # fmt: skip


def _agency_index(url: str) -> None:
    """Without it SQLite answers `agency = ? AND status = 'open'` from ix_deadlines_due
    (status, due_date), walking every open deadline in the country in due order."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE INDEX ix_bench_deadlines_agency_status ON deadlines (agency, status, due_date)"
        )
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    print("with an index on deadlines (agency, status, due_date)")


def timings(client: httpx.Client, path: str, params: dict, rounds: int) -> tuple[float, float]:
    spent = []
    for _ in range(rounds):
        began = time.perf_counter()
        r = client.get(path, params=params)
        spent.append((time.perf_counter() - began) * 1000)
        assert r.status_code == 200, r.text
    spent.sort()
    return statistics.median(spent), spent[min(len(spent) - 1, int(len(spent) * 0.99))]


def weight(client: httpx.Client, todo: httpx.Response) -> tuple[int, int]:
    bodies = [
        client.get("/console/todo").content,
        client.get("/console/assets/console.css").content,
    ]
    bodies += [client.get(f"/console/assets/{m}").content for m in TODO_MODULES]
    bodies += [client.get("/v1/session").content, todo.content]
    return sum(map(len, bodies)), sum(len(gzip.compress(b)) for b in bodies)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument(
        "--agency-index",
        action="store_true",
        help="also index deadlines by (agency, status, due_date), to show what it would change",
    )
    args = parser.parse_args()
    count = 10_000 if args.quick else args.cases
    rounds = 60 if args.quick else 300
    with tempfile.TemporaryDirectory() as folder:
        var = Path(folder)
        processes, info = launch(var, _free_port(), _free_port())
        try:
            began = time.perf_counter()
            url = f"sqlite:///{var}/case-api/readmodel.db"
            generate(url, count, date.today())
            if args.agency_index:
                _agency_index(url)
            print(f"generated {count:,} cases in {time.perf_counter() - began:.1f} s")
            return measure(info["case_api"], count, rounds)
        finally:
            for p in processes:
                p.terminate()
            for p in processes:
                p.wait(timeout=20)


def measure(base: str, count: int, rounds: int) -> int:
    with httpx.Client(base_url=base, timeout=60) as client:
        signed = client.post(
            "/v1/session", json={"username": "clerk", "password": "demo-clerk-pass"}
        )
        # The cookie is Secure; the console's own requests send it, here it is sent by hand.
        client.headers["Cookie"] = f"yingsu_session={signed.cookies['yingsu_session']}"
        case_id = client.get("/v1/deadlines", params={"agency": "gz-hrss", "limit": 1}).json()[
            "items"
        ][0]["case_id"]
        todo_params = {"agency": "gz-hrss", "status": "pending", "limit": 200}
        todo = client.get("/v1/deadlines", params=todo_params)
        base_p50, base_p99 = timings(client, f"/v1/cases/{case_id}", {}, rounds)
        todo_p50, todo_p99 = timings(client, "/v1/deadlines", todo_params, rounds)
        sess_p50, sess_p99 = timings(client, "/v1/session", {}, rounds)
        raw, packed = weight(client, todo)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"to-do page at {count:,} cases ({len(todo.json()['items'])} rows shown); load {load}")
    print(f"{'figure':<44}{'p50 ms':>9}{'p99 ms':>9}{'p99 / case GET p99':>20}")
    for name, p50, p99 in (
        ("baseline: GET /v1/cases/{id} (cookie)", base_p50, base_p99),
        ("to-do: GET /v1/deadlines?agency&pending", todo_p50, todo_p99),
        ("to-do: GET /v1/session", sess_p50, sess_p99),
    ):
        print(f"{name:<44}{p50:>9.1f}{p99:>9.1f}{p99 / base_p99:>19.2f}x")
    print(f"page weight (shell, CSS, 6 modules, 2 API answers): {raw / 1024:.0f} KiB, "
          f"{packed / 1024:.0f} KiB gzip-compressed")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
