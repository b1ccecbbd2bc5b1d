""" "This jurisdiction and below" as an index range on the materialised path: exactly the
paths that start with the jurisdiction's own, under PostgreSQL's and SQLite's comparisons."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from case_api.cases.tables import case_summaries
from case_api.platform.db import make_engine
from case_api.registry.paths import subtree
from tests.case_api import readmodel_rows as rows

CODES = ["gz", "gz-th", "gz0", "gzx", "gz.a", "g", "gz_1", "GZ", "广州", "gz/"[:-1] + "-"]


def paths() -> list[str]:
    out = [f"/{a}/" for a in CODES]
    out += [f"/{a}/{b}/" for a, b in itertools.product(CODES, repeat=2)]
    return out + [f"/{a}/{b}/th/" for a, b in itertools.product(CODES[:4], repeat=2)]


def test_a_subtree_is_the_paths_that_start_with_its_own(case_settings):
    engine = make_engine(case_settings.readmodel_url)
    try:
        all_paths = paths()
        summaries = [
            rows.summary(f"p{i}", "gz-hrss", path, rows.AT.date())
            for i, path in enumerate(all_paths)
        ]
        rows.write(engine, summaries, {})
        with engine.connect() as conn:
            for root in all_paths:
                found = conn.execute(
                    select(case_summaries.c.jurisdiction_path).where(
                        subtree(case_summaries.c.jurisdiction_path, root)
                    )
                ).scalars()
                assert sorted(found) == sorted(p for p in all_paths if p.startswith(root)), root
    finally:
        engine.dispose()


def test_paths_compare_by_byte_under_any_database_locale(case_settings):
    """PostgreSQL sorts text by the database's locale, which may skip punctuation ('/' and
    '-') when comparing: the path columns are "C"-collated so the range means a prefix."""
    engine = make_engine(case_settings.readmodel_url)
    try:
        if engine.dialect.name != "postgresql":
            pytest.skip("SQLite compares text by byte (BINARY collation): nothing to check")
        with engine.connect() as conn:
            collations = conn.exec_driver_sql(
                "SELECT table_name, column_name, collation_name FROM information_schema.columns"
                " WHERE table_schema = current_schema()"
                " AND column_name IN ('jurisdiction_path', 'path')"
            ).all()
        assert len(collations) >= 9
        assert {c.collation_name for c in collations} == {"C"}, collations
    finally:
        engine.dispose()
