"""Baselines without case-api: the library's naive save, pgbench inserts, reading the log."""

from __future__ import annotations

import itertools
import re
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

import psycopg

from case_api.cases.aggregate import Case
from case_api.platform.access import Principal, Role
from case_api.platform.eventstore import CaseStore
from caseapi_bench.storage import CONNINFO, DBNAME, HOST, PORT, USER

META = Principal("bench-admin", Role.ADMIN).meta(None, "0" * 64)
DOCUMENT = {
    "kind": "complaint_copy",
    "served_date": date(2025, 9, 22),
    "hearing_date": None,
    "document_number": "（2025）粤0106行初123号",
}
REPORT = {"subject": "complaint_copy", "reported_date": date(2025, 9, 23)}
RISK = {
    "level": "medium",
    "description": "原告人数众多，需关注舆情",
    "found_date": date(2025, 9, 25),
}
CYCLE: list[Callable[[Case], None]] = [
    lambda c: c.serve_document(**DOCUMENT, meta=META),
    lambda c: c.report_to_bureau(**REPORT, meta=META),
    lambda c: c.flag_risk(**RISK, meta=META),
]


def new_case(label: str) -> Case:
    return Case(
        id=uuid4(),
        court="gz-tianhe-court",
        case_number=f"（2025）粤0106行初{label}号",
        agencies=[{"agency_id": "gz-hrss", "role": "implementing"}],
        jurisdiction="gz",
        pack="statutory",
        subject_matter="工伤认定",
        plaintiff_count=1,
        filed_date=date(2025, 9, 20),
        flags=[],
        meta=META,
    )


def grown_case(label: str, events: int) -> Case:
    """A case with ``events`` events, the commands cycling as the HTTP clients do."""
    case = new_case(label)
    commands = itertools.cycle(CYCLE)
    for _ in range(events - 1):
        next(commands)(case)
    return case


def naive_step(store: CaseStore, case_events: int = 30):  # type: ignore[no-untyped-def]
    """A ``make_step``: one ``store.save`` per command, the aggregate kept in memory.

    Like the HTTP clients, a new case (one save) once the case holds ``case_events`` events.
    """

    def make(index: int):  # type: ignore[no-untyped-def]
        state: dict[str, Any] = {}

        def start_case() -> None:
            state["case"] = case = new_case(f"naive-{index}-{uuid4().hex[:6]}")
            state["commands"] = itertools.cycle(CYCLE)
            store.save(case)

        start_case()

        def step() -> None:
            case = state["case"]
            if case.version >= case_events:
                start_case()
                return
            next(state["commands"])(case)
            store.save(case)

        return step

    return make


# -- pgbench -------------------------------------------------------------------------------

PAYLOAD = (
    '{"kind":"complaint_copy","served_date":"2025-09-22","hearing_date":null,'
    '"document_number":"（2025）粤0106行初123号","meta":{"principal_id":"bench-admin",'
    '"role":"admin","agency":null,"source":"admin","request_id":null,"request_hash":"'
    + "0" * 64
    + '"},"originator_topic":"case_api.cases.aggregate:Case"}'
)
INSERT = f"INSERT INTO bench_pgb.rows (payload) VALUES ('{PAYLOAD}');\n"
LOCKED = (
    "BEGIN;\nLOCK TABLE bench_pgb.rows IN EXCLUSIVE MODE;\n"
    + INSERT
    + "NOTIFY bench_pgb_rows;\nCOMMIT;\n"
)


def prepare_pgbench() -> None:
    with psycopg.connect(CONNINFO, autocommit=True) as c:
        c.execute("CREATE SCHEMA IF NOT EXISTS bench_pgb")
        c.execute("DROP TABLE IF EXISTS bench_pgb.rows")
        c.execute("CREATE TABLE bench_pgb.rows (id bigserial PRIMARY KEY, payload text NOT NULL)")


def drop_pgbench() -> None:
    with psycopg.connect(CONNINFO, autocommit=True) as c:
        c.execute("DROP SCHEMA IF EXISTS bench_pgb CASCADE")


def pgbench(clients: int, seconds: int, locked: bool = False) -> float:
    """Transactions per second (without connection time) of one-row inserts."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "insert.sql"
        script.write_text(LOCKED if locked else INSERT)
        out = subprocess.run(
            [
                "pgbench",
                "-n",
                "-h",
                HOST,
                "-p",
                str(PORT),
                "-U",
                USER,
                "-f",
                str(script),
                "-c",
                str(clients),
                "-j",
                str(min(clients, 2)),
                "-T",
                str(seconds),
                DBNAME,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
    match = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out.stdout)
    if not match:
        raise RuntimeError(
            f"pgbench output not understood: {out.stdout[-500:]} {out.stderr[-500:]}"
        )
    return float(match.group(1))


# -- reading the log -----------------------------------------------------------------------


def read_log(store: CaseStore, decode: bool, page: int = 500) -> tuple[int, float]:
    """(events, seconds) to read the whole log in pages, optionally decoding each event."""
    began = time.perf_counter()
    count, start = 0, 1
    to_event: Any = store.mapper.to_domain_event
    while True:
        notifications = store.recorder.select_notifications(start=start, limit=page)
        if not notifications:
            break
        if decode:
            for n in notifications:
                to_event(n)
        count += len(notifications)
        start = notifications[-1].id + 1
    return count, time.perf_counter() - began
