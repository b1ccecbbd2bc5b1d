"""The read side at scale: case-api at 10k and then 100k cases, each figure with its growth
from 10k to 100k and a baseline measured in the same run.

Usage: .venv/bin/python bench/scale_bench.py [--sizes 10000,100000] [--seconds 4] [--keep]
(``make bench-scale``). Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust); uses the
database ``BENCH_DATABASE`` (default yingsu_bench, created if missing), one schema, dropped
afterwards unless ``--keep``.

For each size: bulk-import synthetic history (``caseapi_bench.synthetic``: 10,000 cases a
year, so 100k is ten years at the same density) through ``case-api import``'s code, rebuild
the read models as ``case-api rebuild`` does, serve case-api (uvicorn, one worker, projector
in a process of its own), then run every operation with 4 closed-loop clients, beside three
baselines: a single case GET, a plain indexed ``SELECT count(*)`` of the city's cases, and
the raw read of the event log. Last, the notifier follows the feed from the start for up to
a minute. About 30 minutes for both sizes on 2 cores; the load average is printed with the
figures, since other processes on the machine skew them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from caseapi_bench import scale_data, scale_notifier, scale_ops
from caseapi_bench.load import LoadResult
from caseapi_bench.scale_report import Figures, print_table
from caseapi_bench.servers import serve
from caseapi_bench.storage import bench_schema, ensure_database, migrated_settings, server_env
from caseapi_bench.synthetic import registry

from shared.clock import SHANGHAI, FixedClock

RESULTS = Path(__file__).with_name("results")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="case counts, ascending")
    parser.add_argument("--seconds", type=float, default=4.0, help="measured seconds per figure")
    parser.add_argument("--keep", action="store_true", help="keep the schema for EXPLAIN")
    parser.add_argument("--notifier-seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    RESULTS.mkdir(exist_ok=True)
    ensure_database()
    now = datetime.now(SHANGHAI).replace(microsecond=0)
    clock = FixedClock(now)
    clock_file = Path(tempfile.mkdtemp()) / "now.txt"
    clock_file.write_text(now.isoformat())
    reg = registry()
    figures: dict[int, Figures] = {}
    with bench_schema("scale", keep=args.keep) as schema:
        log(f"schema {schema}; today {clock.today()}; load average {scale_ops.loadavg()}")
        settings = migrated_settings(schema, clock_file=clock_file)
        runtime = scale_data.open_runtime(settings)
        try:
            scale_data.register(runtime, reg)
            done = 0
            for size in sizes:
                figures[size] = Figures(size, load_before=scale_ops.loadavg())
                measure_size(runtime, reg, clock, done, size, figures[size])
                done = size
                with serve("case", _env(schema, clock_file)) as server:
                    measure_api(server, schema, reg, clock, args, figures[size])
                figures[size].load_after = scale_ops.loadavg()
                log(f"{size:,} cases measured; load average {figures[size].load_after}")
        finally:
            runtime.close()
    print_table(figures)
    out = RESULTS / "scale.json"
    out.write_text(json.dumps({n: f.as_dict() for n, f in figures.items()}, indent=1))
    log(f"written {out}")
    return 0


def measure_size(runtime, reg, clock, start: int, stop: int, f: Figures) -> None:  # type: ignore[no-untyped-def]
    with bench_schema("scale_floor") as scratch:
        f.save_floor = scale_data.batched_save_rate(migrated_settings(scratch))
    log(f"the library's batched save alone: {f.save_floor:,.0f} events/s")
    log(f"importing cases {start:,} to {stop:,}")
    report = scale_data.import_cases(runtime, reg, clock.today(), start, stop)
    f.imported = report
    log(
        f"imported {report.imported:,} cases, {report.events:,} events, refused "
        f"{len(report.refused)}: {report.rate:,.0f} events/s; time inside save "
        f"{report.save_rate:,.0f} events/s (overlapped with validation)"
    )
    f.rebuild = scale_data.rebuild(runtime)
    runtime.projector.analyse()
    r = f.rebuild
    log(
        f"rebuild of {r.events:,} events: {r.rate:,.0f}/s (first tenth "
        f"{r.rate_between(0.0, 0.1):,.0f}/s, last tenth {r.rate_between(0.9, 1.0):,.0f}/s); "
        f"log read raw {r.raw_read_rate:,.0f}/s, decoded {r.decoded_read_rate:,.0f}/s"
    )


def measure_api(server, schema: str, reg, clock, args, f: Figures) -> None:  # type: ignore[no-untyped-def]
    seconds, warmup = args.seconds, 1.0
    sizes = scale_ops.agency_sizes(schema)
    largest, sparse = sizes[0][0], sizes[len(sizes) * 9 // 10][0]
    ids = scale_ops.case_sample(schema)
    f.baselines["single case GET"] = _note(
        "single case GET", scale_ops.single_get(server.url, ids, seconds, warmup, server.pid)
    )
    city = next(j for j in reg.jurisdictions if j["code"] == "gz")
    path = f"/{city['parent']}/gz/"
    f.baselines["indexed count of the city's cases"] = _note(
        "indexed count", scale_ops.indexed_count(schema, path, seconds, warmup)
    )
    for op in scale_ops.operations(clock.today(), largest, sparse):
        if op.name == "statistics, country, month":
            with scale_ops.RssSampler(server.pid) as rss:
                result = scale_ops.measure(server.url, op, seconds, warmup, server.pid)
            f.memory_mb = rss.growth_mb
        else:
            result = scale_ops.measure(server.url, op, seconds, warmup, server.pid)
        f.operations[op.name] = _note(op.name, result)
        f.groups[op.name] = op.group
    with bench_schema("scale_notifier") as notifier_schema:
        f.notifier = scale_notifier.catch_up(
            server.url, notifier_schema, clock, args.notifier_seconds
        )
    log(
        f"notifier catch-up {f.notifier.rate:,.0f} events/s over {f.notifier.events:,}; "
        f"feed pages {f.notifier.page_rate:,.0f} events/s"
    )


def _note(name: str, r: LoadResult) -> LoadResult:
    errors = f" ERRORS {len(r.errors)}: {r.errors[:1]}" if r.errors else ""
    log(f"{name}: p50 {r.percentile(50) * 1e3:.1f} ms, {r.rate:,.1f}/s{errors}")
    return r


def _env(schema: str, clock_file: Path) -> dict[str, str]:
    return {
        **server_env(schema),
        "CASE_API_RUN_PROJECTOR": "false",
        "CASE_API_CLOCK_FILE": str(clock_file),
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
