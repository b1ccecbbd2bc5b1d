"""Rebuild rate of the read models beside the rate of reading (and decoding) the log.

The log is written in-process, fast: cases of ``EVENTS_PER_CASE`` events (the HTTP clients'
command cycle), 40 cases per ``store.save``. The projector then runs exactly as
``case_api.readmodel.rebuild.rebuild`` runs it (batch 2,000, ``reset`` + ``catch_up``), twice: into
empty tables (a first projection) and over full ones (a rebuild, deletes included).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from case_api.platform.access import Principal, Role
from case_api.readmodel.rebuild import REBUILD_BATCH
from case_api.runtime import build_runtime
from caseapi_bench.baselines import CYCLE, grown_case, read_log
from caseapi_bench.storage import migrated_settings

EVENTS_PER_CASE = 25
CASES_PER_SAVE = 40
ADMIN = Principal("bench-admin", Role.ADMIN)


@dataclass
class RebuildFigures:
    events: int
    write_rate: float
    raw_read_rate: float
    decoded_read_rate: float
    first_projection_rate: float
    rebuild_rate: float
    replay_ms: dict[int, float]
    project_one_ms: dict[int, float]


def measure(
    schema: str, events: int, replay_lengths: tuple[int, ...] = (10, 100, 1000)
) -> RebuildFigures:
    settings = migrated_settings(schema, run_projector=False)
    runtime = build_runtime(settings, pack_ids=frozenset({"statutory"}))
    try:
        registry, store = runtime.registry, runtime.store
        registry.register_jurisdiction(
            meta=ADMIN.meta(), code="gz", name="广州市", level="city", parent=None, pack="statutory"
        )
        registry.register_agency(
            meta=ADMIN.meta(),
            code="gz-hrss",
            name="广州市人社局",
            jurisdiction="gz",
            level="department",
        )
        began = time.perf_counter()
        written = 0
        while written < events:
            cases = [grown_case(f"r{written}-{i}", EVENTS_PER_CASE) for i in range(CASES_PER_SAVE)]
            store.save(*cases)
            written += EVENTS_PER_CASE * CASES_PER_SAVE
        write_rate = written / (time.perf_counter() - began)
        replay, long_cases = _replay_ms(store, replay_lengths)
        read_log(store, decode=False)  # warm the cache; the rebuild reads the same pages
        n_raw, t_raw = read_log(store, decode=False)
        n_dec, t_dec = read_log(store, decode=True)
        projector = runtime.projector
        projector.batch_size = max(projector.batch_size, REBUILD_BATCH)
        first = _timed_rebuild(projector)
        again = _timed_rebuild(projector)
        total = store.max_position()
        project_one = _project_one_ms(runtime, long_cases)
    finally:
        runtime.close()
    return RebuildFigures(
        events=n_raw,
        write_rate=write_rate,
        raw_read_rate=n_raw / t_raw,
        decoded_read_rate=n_dec / t_dec,
        first_projection_rate=total / first,
        rebuild_rate=total / again,
        replay_ms=replay,
        project_one_ms=project_one,
    )


def _timed_rebuild(projector) -> float:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    projector.reset()
    projector.catch_up()
    return time.perf_counter() - began


def _replay_ms(store, lengths: tuple[int, ...], repeats: int = 5):  # type: ignore[no-untyped-def]
    """Milliseconds of ``repository.get`` (what every command does first) by case length."""
    out: dict[int, float] = {}
    ids = {}
    for length in lengths:
        case = grown_case(f"replay-{length}", length)
        store.save(case)
        store.repository.get(case.id)
        began = time.perf_counter()
        for _ in range(repeats):
            store.repository.get(case.id)
        out[length] = (time.perf_counter() - began) / repeats * 1000
        ids[length] = case.id
    return out, ids


def _project_one_ms(runtime, ids: dict, repeats: int = 3) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """Milliseconds of one projector batch holding one new event, by the case's length.

    This is what the live projector does after each commit at low load: the after-batch
    hooks (deadlines) run over the touched case too.
    """
    out: dict[int, float] = {}
    store, projector = runtime.store, runtime.projector
    for length, case_id in ids.items():
        spent = 0.0
        for _ in range(repeats):
            case = store.repository.get(case_id)
            CYCLE[2](case)  # a risk flag: legal on any open case
            store.save(case)
            began = time.perf_counter()
            projector.run_batch()
            spent += time.perf_counter() - began
        out[length] = spent / repeats * 1000
    return out
