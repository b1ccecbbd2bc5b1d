"""The scale benchmark's data: the registry, bulk imports of synthetic history, rebuilds.

Everything runs in this process on the benchmark schema, through the same code as
``case-api import`` and ``case-api rebuild``.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date

from case_api.accountability.routes_commands import COMMANDS as ACCOUNTABILITY
from case_api.cases.import_report import ImportReport
from case_api.cases.importer import CaseImporter
from case_api.cases.routes_commands import COMMANDS as CASES
from case_api.platform.access import Principal, Role
from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.settings import Settings
from case_api.readmodel.rebuild import REBUILD_BATCH
from case_api.runtime import Runtime, build_runtime
from caseapi_bench.baselines import grown_case, read_log
from caseapi_bench.synthetic import Registry, records

ADMIN = Principal("bench-admin", Role.ADMIN)
SCHEMAS = {command: schema for _, schema, command, _ in [*CASES, *ACCOUNTABILITY]}


@dataclass
class RebuildFigures:
    events: int
    seconds: float
    raw_read_rate: float
    decoded_read_rate: float
    marks: list[tuple[float, int]] = field(default_factory=list)  # (seconds, position)

    @property
    def rate(self) -> float:
        return self.events / self.seconds

    def rate_between(self, low: float, high: float) -> float:
        """Events/s while the position went from ``low`` to ``high`` (fractions of the log)."""
        lo = next(m for m in self.marks if m[1] >= low * self.events)
        hi = next(m for m in self.marks if m[1] >= high * self.events)
        return (hi[1] - lo[1]) / max(hi[0] - lo[0], 1e-9)


def open_runtime(settings: Settings) -> Runtime:
    return build_runtime(settings.model_copy(update={"run_projector": False}))


def register(runtime: Runtime, reg: Registry) -> None:
    for jurisdiction in reg.jurisdictions:
        runtime.registry.register_jurisdiction(meta=ADMIN.meta(), **jurisdiction)
    for agency in reg.agencies:
        runtime.registry.register_agency(meta=ADMIN.meta(), **agency)


def import_cases(
    runtime: Runtime, reg: Registry, today: date, start: int, stop: int
) -> ImportReport:
    importer = CaseImporter(
        runtime.store,
        runtime.registry,
        SCHEMAS,
        runtime.commands.policies,
        ADMIN.meta(),
        runtime.documents.describe,
    )
    lines = (json.dumps(r, ensure_ascii=False) for r in records(reg, today, start, stop))
    return importer.run(lines)


def batched_save_rate(settings: Settings, events: int = 40_000, per_save: int = 2000) -> float:
    """Events/s of the library's ``save`` alone, cases of 9 events built beforehand and saved
    ``per_save`` events at a time: the floor a bulk import cannot beat (into ``settings``'
    own, scratch, store)."""
    store = CaseStore(env=store_env(settings))
    try:
        batches = [
            [grown_case(f"floor-{b}-{i}", 9) for i in range(per_save // 9)]
            for b in range(events // per_save)
        ]
        began, saved = time.perf_counter(), 0
        for cases in batches:
            saved += sum(len(c.pending_events) for c in cases)
            store.save(*cases)
        return saved / (time.perf_counter() - began)
    finally:
        store.close()


def rebuild(runtime: Runtime) -> RebuildFigures:
    """As ``case-api rebuild``: reset, then catch up in batches of ``REBUILD_BATCH``."""
    store, projector = runtime.store, runtime.projector
    read_log(store, decode=False)  # warm the cache as the rebuild's own first pass would
    n_raw, t_raw = read_log(store, decode=False)
    n_dec, t_dec = read_log(store, decode=True)
    projector.batch_size = max(projector.batch_size, REBUILD_BATCH)
    marks: list[tuple[float, int]] = [(0.0, 0)]
    began = time.perf_counter()
    projector.reset()
    total = projector.catch_up(progress=lambda p: marks.append((time.perf_counter() - began, p)))
    seconds = time.perf_counter() - began
    return RebuildFigures(total, seconds, n_raw / t_raw, n_dec / t_dec, marks)
