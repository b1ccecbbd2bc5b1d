"""case-api on PostgreSQL, each figure beside a baseline measured in the same run.

Usage: .venv/bin/python bench/bench_case_api.py [--quick] [--profile]

Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and ``pgbench`` on the PATH; uses
the database ``yingsu_bench`` (created if missing), one schema per part, dropped afterwards.

1. Commands/s through the HTTP API (uvicorn, 1 worker, ``create_app``, PostgreSQL event store
   and read models) at 1/4/16 closed-loop httpx clients, each on its own case (POST
   /documents, /reports, /risks in turn), beside (a) the library's naive rate, one
   ``CaseStore.save`` per command in-process, (b) pgbench one-row inserts, (c) a bare FastAPI
   POST with the same body schemas doing nothing. Targets at 16: >= 4x naive, >= 0.5x bare.
2. p50/p99 of GET /v1/cases/{id} at 16 clients beside a bare GET of the same JSON (<= 2x).
3. p99 delay from a write's response to its visibility in the read model (GET with
   min_position) and in the feed (long-poll GET /v1/events): <= 50 ms.
4. Read-model rebuild rate (reset + catch_up, as ``case-api rebuild``) beside reading the log
   in pages of 500, decoded: >= 0.5x.
Extras, for information: pgbench with the library's LOCK + NOTIFY per transaction, commands
with an Idempotency-Key, and the cost of loading a case by its length (no snapshots).

The server runs as production does: the API process (uvicorn, one worker) and ``case-api
project`` in a process of its own. Diagnostics (full run only): the 16-client runs again on
a server changed in one way each (the projector back in the API process; GIL switch
interval 0.5 ms; read-model pool 32; no aggregate cache), to show where time goes.

Full run about 4-5 minutes, ``--quick`` about 70 s. ``--profile`` adds a py-spy record of
the server under 16 command clients (results/profile-commands16.txt, collapsed stacks).
Prints the table, then the same as one JSON line; also writes bench/results/latest.json
(bench/results/ is git-ignored by its own .gitignore). CPU use per load run, in cores, is
printed too: on 2 cores the client, the server and PostgreSQL share the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from caseapi_bench import baselines, rebuild_part, visibility
from caseapi_bench.http_client import client, command_step, file_case, get_step, register_registry
from caseapi_bench.load import LoadResult, cpu_note, run_threads
from caseapi_bench.report import Row, save_json, table
from caseapi_bench.serve import DEFAULT_DOC
from caseapi_bench.servers import Server, projector, serve
from caseapi_bench.storage import bench_schema, ensure_database, migrated_settings, server_env

from case_api.platform.eventstore import CaseStore, store_env

RESULTS = Path(__file__).with_name("results")
CLIENTS = (1, 4, 16)
FULL = {"seconds": 5.0, "warmup": 1.0, "pgbench": 5, "events": 150_000, "samples": 300}
QUICK = {"seconds": 2.0, "warmup": 0.5, "pgbench": 2, "events": 20_000, "samples": 60}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def describe(name: str, r: LoadResult) -> str:
    errors = f" errors {len(r.errors)}: {r.errors[:2]}" if r.errors else ""
    return (
        f"{name}: {r.rate:,.0f}/s p50 {r.percentile(50) * 1e3:.1f} ms "
        f"p99 {r.percentile(99) * 1e3:.1f} ms | cpu {cpu_note(r)}{errors}"
    )


def pgbench_part(cfg: dict, d: dict) -> None:
    baselines.prepare_pgbench()
    try:
        for n in CLIENTS:
            d["pgbench"][n] = baselines.pgbench(n, cfg["pgbench"])
            log(f"pgbench insert, {n} clients: {d['pgbench'][n]:,.0f} tps")
        d["pgbench_locked16"] = baselines.pgbench(16, cfg["pgbench"], locked=True)
        log(f"pgbench LOCK+INSERT+NOTIFY, 16 clients: {d['pgbench_locked16']:,.0f} tps")
    finally:
        baselines.drop_pgbench()


def naive_part(cfg: dict, d: dict) -> None:
    with bench_schema("naive") as schema:
        settings = migrated_settings(schema, event_store_pool_size=20)
        store = CaseStore(env=store_env(settings))
        try:
            for n in CLIENTS:
                r = run_threads(n, baselines.naive_step(store), cfg["seconds"], cfg["warmup"])
                d["naive"][n] = r
                log(describe(f"naive save, {n} threads", r))
        finally:
            store.close()


def case_api_part(cfg: dict, d: dict, profile: bool) -> dict:
    with bench_schema("api") as schema:
        migrated_settings(schema)
        with served(schema) as server:
            register_registry(server.url)
            for n in CLIENTS:
                r = run_threads(
                    n, command_step(server.url, f"c{n}"), cfg["seconds"], cfg["warmup"], server.pid
                )
                d["http"][n] = r
                log(describe(f"case-api commands, {n} clients", r))
            r = run_threads(
                16,
                command_step(server.url, "grow", case_events=None),
                cfg["seconds"],
                cfg["warmup"],
                server.pid,
            )
            d["http_grow16"] = r
            log(describe("case-api commands, 16 clients, one growing case each", r))
            r = run_threads(
                16,
                command_step(server.url, "idem", idempotency=True),
                cfg["seconds"],
                cfg["warmup"],
                server.pid,
            )
            d["http_idem16"] = r
            log(describe("case-api commands with Idempotency-Key, 16 clients", r))
            with client(server.url) as c:
                ids = [file_case(c, f"get-{i}")["case_id"] for i in range(16)]
                last = c.post(f"/v1/cases/{ids[-1]}/documents", json=_doc()).json()["position"]
                doc = c.get(f"/v1/cases/{ids[-1]}", params={"min_position": last}).json()
            r = run_threads(
                16, get_step(server.url, ids), cfg["seconds"], cfg["warmup"], server.pid
            )
            d["http_get16"] = r
            log(describe("case-api GET /v1/cases/{id}, 16 clients", r))
            v = visibility.measure(server.url, cfg["samples"])
            d["visibility"] = v
            log(
                f"visibility: read p99 {_pct(v.read_delays, 99):.1f} ms, feed p99 "
                f"{_pct(v.feed_delays, 99):.1f} ms, missing in feed {v.missing_in_feed}"
            )
            if profile:
                _profile(server, cfg)
    return doc


@contextmanager
def served(schema: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """case-api as production runs it: the API process, and ``case-api project`` in a process
    of its own (unless ``env`` puts the projector back into the API process)."""
    env = {"CASE_API_RUN_PROJECTOR": "false", **(env or {})}
    full = {**server_env(schema), **env}
    if env["CASE_API_RUN_PROJECTOR"] == "true":
        with serve("case", full) as server:
            yield server
        return
    with projector(full), serve("case", full) as server:
        yield server


DIAGNOSTICS = {
    "projector in the API process": {"CASE_API_RUN_PROJECTOR": "true"},
    "GIL switch 0.5 ms": {"BENCH_SWITCH_INTERVAL": "0.0005"},
    "read-model pool 32": {"BENCH_READMODEL_POOL": "32"},
    "no aggregate cache": {"CASE_API_AGGREGATE_CACHE_SIZE": "0"},
}
COMMANDS_ONLY = ("projector in the API process", "no aggregate cache")


def diagnostics_part(cfg: dict, d: dict) -> None:
    """The same 16-client runs on a server changed in one way each: where does time go?"""
    for name, env in DIAGNOSTICS.items():
        with bench_schema("diag") as schema:
            migrated_settings(schema)
            with served(schema, env) as server:
                register_registry(server.url)
                r = run_threads(
                    16, command_step(server.url, "d"), cfg["seconds"], cfg["warmup"], server.pid
                )
                d["diag"][f"commands, {name}"] = r
                log(describe(f"diagnostic: commands, 16 clients, {name}", r))
                if name in COMMANDS_ONLY:
                    continue
                with client(server.url) as c:
                    ids = [file_case(c, f"dg-{i}")["case_id"] for i in range(16)]
                    last = c.post(f"/v1/cases/{ids[-1]}/documents", json=_doc()).json()["position"]
                    c.get(f"/v1/cases/{ids[-1]}", params={"min_position": last}).raise_for_status()
                r = run_threads(
                    16, get_step(server.url, ids), cfg["seconds"], cfg["warmup"], server.pid
                )
                d["diag"][f"GET, {name}"] = r
                log(describe(f"diagnostic: GET, 16 clients, {name}", r))


def bare_part(cfg: dict, d: dict, doc: dict) -> None:
    with serve("bare", {"BENCH_BARE_DOC": json.dumps(doc, ensure_ascii=False)}) as server:
        for n in CLIENTS:
            r = run_threads(
                n, command_step(server.url, f"b{n}"), cfg["seconds"], cfg["warmup"], server.pid
            )
            d["bare"][n] = r
            log(describe(f"bare FastAPI POST, {n} clients", r))
        r = run_threads(
            16, get_step(server.url, [doc["case_id"]]), cfg["seconds"], cfg["warmup"], server.pid
        )
        d["bare_get16"] = r
        log(describe("bare FastAPI GET, 16 clients", r))


def rebuild_part_run(cfg: dict, d: dict) -> None:
    with bench_schema("rebuild") as schema:
        f = rebuild_part.measure(schema, cfg["events"])
    d["rebuild"] = f
    log(
        f"log of {f.events:,} events written at {f.write_rate:,.0f}/s; read {f.raw_read_rate:,.0f}/s, "
        f"decoded {f.decoded_read_rate:,.0f}/s; first projection {f.first_projection_rate:,.0f}/s, "
        f"rebuild {f.rebuild_rate:,.0f}/s; case load ms by length {f.replay_ms}"
    )


def _code_state() -> str:
    """The commit measured, and whether the working tree differed from it."""
    root = Path(__file__).resolve().parents[1]
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "services", "shared", "migrations"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    return head.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")


def _doc() -> dict:
    return {"kind": "complaint_copy", "served_date": "2025-09-22"}


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1e3
        if ordered
        else float("nan")
    )


def _profile(server, cfg: dict) -> None:  # type: ignore[no-untyped-def]
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        log("py-spy not installed: no profile")
        return
    out = RESULTS / "profile-commands16.txt"
    seconds = int(cfg["seconds"] + cfg["warmup"])
    spy_proc = subprocess.Popen(
        [
            spy,
            "record",
            "-p",
            str(server.pid),
            "-d",
            str(seconds),
            "-r",
            "200",
            "-f",
            "raw",
            "-o",
            str(out),
            "--threads",
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        run_threads(16, command_step(server.url, "prof"), cfg["seconds"], cfg["warmup"], server.pid)
        spy_proc.wait(timeout=seconds + 30)
    finally:
        if spy_proc.poll() is None:
            spy_proc.kill()
    log(f"profile written to {out}")


def rows_of(d: dict) -> list[Row]:
    """Every section whose data is complete (a failed part leaves its rows out)."""
    rows: list[Row] = []
    for section in (_throughput_rows, _latency_rows, _rebuild_rows):
        try:
            rows += section(d)
        except (KeyError, ValueError, ZeroDivisionError) as error:
            log(f"rows of {section.__name__} left out: missing {error!r}")
    return rows


def _throughput_rows(d: dict) -> list[Row]:
    rows: list[Row] = []
    for n in CLIENTS:
        http = d["http"][n].rate
        t16 = n == 16
        rows.append(
            Row(
                f"commands/s, {n} clients vs naive save",
                http,
                "/s",
                d["naive"][n].rate,
                "library naive",
                ">= 4x" if t16 else "",
            )
        )
        rows.append(
            Row(
                f"commands/s, {n} clients vs bare POST",
                http,
                "/s",
                d["bare"][n].rate,
                "bare FastAPI",
                ">= 0.5x" if t16 else "",
            )
        )
        rows.append(
            Row(
                f"commands/s, {n} clients vs pgbench", http, "/s", d["pgbench"][n], "pgbench insert"
            )
        )
    rows.append(
        Row(
            "pgbench LOCK+INSERT+NOTIFY, 16 clients",
            d["pgbench_locked16"],
            "/s",
            d["pgbench"][16],
            "pgbench insert",
        )
    )
    rows.append(
        Row(
            "commands/s with Idempotency-Key, 16",
            d["http_idem16"].rate,
            "/s",
            d["http"][16].rate,
            "without key",
        )
    )
    grow = d["http_grow16"]
    length = grow.rate * (d["cfg"]["seconds"] + d["cfg"]["warmup"]) / 16
    rows.append(
        Row(
            f"commands/s, 16, one case each (~{length:.0f} events)",
            grow.rate,
            "/s",
            d["http"][16].rate,
            "30-event cases",
        )
    )
    for name, r in d["diag"].items():
        kind, _, variant = name.partition(", ")
        base = d["http"][16] if kind == "commands" else d["http_get16"]
        rows.append(
            Row(f"diagnostic: {kind}/s at 16, {variant}", r.rate, "/s", base.rate, "as shipped")
        )
        if kind == "GET":
            rows.append(
                Row(
                    f"diagnostic: GET p50 at 16, {variant}",
                    r.percentile(50) * 1e3,
                    "ms",
                    d["bare_get16"].percentile(50) * 1e3,
                    "bare GET",
                )
            )
    return rows


def _latency_rows(d: dict) -> list[Row]:
    rows: list[Row] = []
    get, bare = d["http_get16"], d["bare_get16"]
    for p in (50, 99):
        rows.append(
            Row(
                f"GET /v1/cases/{{id}} p{p}, 16 clients",
                get.percentile(p) * 1e3,
                "ms",
                bare.percentile(p) * 1e3,
                "bare GET",
                "<= 2x",
            )
        )
    rows.append(Row("GET /v1/cases/{id}/s, 16 clients", get.rate, "/s", bare.rate, "bare GET"))
    v = d["visibility"]
    rows.append(Row("write -> read model p50", _pct(v.read_delays, 50), "ms"))
    rows.append(Row("write -> read model p99", _pct(v.read_delays, 99), "ms", target="<= 50 ms"))
    rows.append(Row("write -> feed p50", _pct(v.feed_delays, 50), "ms"))
    rows.append(Row("write -> feed p99", _pct(v.feed_delays, 99), "ms", target="<= 50 ms"))
    return rows


def _rebuild_rows(d: dict) -> list[Row]:
    rows: list[Row] = []
    f = d["rebuild"]
    rows.append(
        Row(
            f"rebuild events/s ({f.events:,} events)",
            f.rebuild_rate,
            "/s",
            f.decoded_read_rate,
            "read+decode",
            ">= 0.5x",
        )
    )
    rows.append(
        Row("rebuild events/s vs raw read", f.rebuild_rate, "/s", f.raw_read_rate, "raw read")
    )
    rows.append(
        Row(
            "first projection (empty tables) events/s",
            f.first_projection_rate,
            "/s",
            f.decoded_read_rate,
            "read+decode",
        )
    )
    short = min(f.replay_ms)
    for length, ms in f.replay_ms.items():
        if length != short:
            rows.append(
                Row(
                    f"load a case of {length} events",
                    ms,
                    "ms",
                    f.replay_ms[short],
                    f"{short} events",
                )
            )
            rows.append(
                Row(
                    f"project 1 event of a {length}-event case",
                    f.project_one_ms[length],
                    "ms",
                    f.project_one_ms[short],
                    f"{short} events",
                )
            )
    return rows


def details_of(d: dict) -> dict:
    def load(r: LoadResult) -> dict:
        return {
            "rate": r.rate,
            "p50_ms": r.percentile(50) * 1e3,
            "p99_ms": r.percentile(99) * 1e3,
            "cpu_cores": r.cpu,
            "errors": r.errors[:5],
        }

    out: dict = {k: {n: load(r) for n, r in d[k].items()} for k in ("naive", "http", "bare")}
    out["pgbench"] = d["pgbench"]
    out["diagnostics"] = {k: load(r) for k, r in d["diag"].items()}
    for k in ("http_idem16", "http_grow16", "http_get16", "bare_get16"):
        if k in d:
            out[k] = load(d[k])
    if "visibility" in d:
        v = d["visibility"]
        out["visibility"] = {"samples": len(v.read_delays), "missing_in_feed": v.missing_in_feed}
    if "rebuild" in d:
        out["rebuild"] = d["rebuild"].__dict__
    out["failed_parts"] = d["failed"]
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short windows, 20,000 events")
    parser.add_argument(
        "--no-diagnostics",
        action="store_true",
        help="skip the diagnostic servers (--quick always does)",
    )
    parser.add_argument("--profile", action="store_true", help="py-spy the server at 16 clients")
    args = parser.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    began = time.perf_counter()
    RESULTS.mkdir(exist_ok=True)
    log(
        f"load average before: {Path('/proc/loadavg').read_text().split()[:3]} (other processes skew figures)"
    )
    ensure_database()
    d: dict = {
        "pgbench": {},
        "naive": {},
        "http": {},
        "bare": {},
        "diag": {},
        "cfg": cfg,
        "failed": {},
    }
    parts = [
        ("pgbench", lambda: pgbench_part(cfg, d)),
        ("naive", lambda: naive_part(cfg, d)),
        ("case-api", lambda: d.update(doc=case_api_part(cfg, d, args.profile))),
        ("bare", lambda: bare_part(cfg, d, d.get("doc") or DEFAULT_DOC)),
    ]
    if not (args.quick or args.no_diagnostics):
        parts.append(("diagnostics", lambda: diagnostics_part(cfg, d)))
    parts.append(("rebuild", lambda: rebuild_part_run(cfg, d)))
    for name, part in parts:
        try:
            part()
        except Exception as error:  # noqa: BLE001 - one failed part must not cost the others
            d["failed"][name] = f"{type(error).__name__}: {str(error)[:300]}"
            log(f"part {name} FAILED: {d['failed'][name]}")
    rows = rows_of(d)
    print()
    print(table(rows))
    text = save_json(
        rows,
        {
            **details_of(d),
            "mode": "quick" if args.quick else "full",
            "code": _code_state(),
            "loadavg_at_end": Path("/proc/loadavg").read_text().split()[:3],
            "seconds": time.perf_counter() - began,
        },
        RESULTS / "latest.json",
    )
    log(f"done in {time.perf_counter() - began:.0f} s; results/latest.json written")
    print(text)
    return 1 if d["failed"] else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except httpx.HTTPError as error:
        print(f"HTTP error: {error!r}", file=sys.stderr)
        sys.exit(1)
