"""Incremental projection and a rebuild from scratch give the same read models."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from case_api.platform.domain_errors import DomainError
from case_api.platform.migrate import upgrade
from case_api.platform.settings import Settings
from case_api.readmodel.rebuild import rebuild
from case_api.runtime import PROJECTED_TABLES, build_runtime
from tests.api_client import ADMIN, GZ_CASE, register_guangzhou
from tests.backends import storage
from tests.case_api.commands_strategy import command


def dump(engine: Any, tables: list[Any] = PROJECTED_TABLES) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as conn:
        return {
            t.name: sorted(
                (dict(r) for r in conn.execute(select(t)).mappings()),
                key=lambda r: tuple(str(r[c.name]) for c in t.primary_key.columns),
            )
            for t in tables
        }


def run_scenario(backend: str, cases: int, steps: list[tuple[int, str, dict, int]]) -> None:
    from case_api.platform.commands import Request

    with tempfile.TemporaryDirectory() as tmp, storage(backend, Path(tmp)) as fields:
        s = Settings(**fields, run_projector=False)
        upgrade(s.readmodel_url)
        runtime = build_runtime(s, pack_ids=frozenset({"statutory"}))
        try:
            register_guangzhou(runtime.registry)
            for acts in (100, 120):  # the later record replaces the earlier
                runtime.registry.record_administrative_acts(
                    "gz-hrss",
                    period="2025-Q1",
                    start=date(2025, 1, 1),
                    end=date(2025, 3, 31),
                    acts=acts,
                    meta=ADMIN.meta(),
                )
            ids = []
            for n in range(cases):
                facts = {
                    **GZ_CASE,
                    "case_number": f"C{n}",
                    "filed_date": date(2025, 1, 1),
                    "flags": [],
                }
                ids.append(runtime.commands.file_case(Request(ADMIN), **facts).case_id)
            for case_index, name, args, project_now in steps:
                with contextlib.suppress(DomainError):
                    runtime.commands.execute(Request(ADMIN), ids[case_index % cases], name, **args)
                if project_now:
                    runtime.projector.run_batch(limit=project_now)
            runtime.projector.catch_up()
            incremental = dump(runtime.engine)
            total = runtime.store.max_position()
        finally:
            runtime.close()
        assert rebuild(s, show_progress=False) == total
        runtime = build_runtime(s, pack_ids=frozenset({"statutory"}))
        try:
            rebuilt = dump(runtime.engine)
        finally:
            runtime.close()
    assert rebuilt == incremental
    assert len(incremental["case_timeline"]) == total
    assert [r["acts"] for r in incremental["administrative_acts"]] == [120]


step = st.tuples(st.integers(0, 3), command, st.sampled_from([0, 0, 1, 3])).map(
    lambda t: (t[0], t[1][0], t[1][1], t[2])
)


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(cases=st.integers(1, 3), steps=st.lists(step, max_size=30))
def test_incremental_projection_equals_rebuild_on_sqlite(cases, steps):
    run_scenario("sqlite", cases, steps)


def test_incremental_projection_equals_rebuild_on_postgres(request):
    from tests.backends import POSTGRES_URL

    if not POSTGRES_URL:
        import pytest

        pytest.skip("CASE_TEST_POSTGRES_URL is not set: PostgreSQL variant not run")

    @settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    @given(cases=st.integers(1, 3), steps=st.lists(step, max_size=30))
    def check(cases, steps):
        run_scenario("postgres", cases, steps)

    check()
