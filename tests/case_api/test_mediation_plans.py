"""The mediation figures read only the period's rows: each statement reaches the attempts
through the index on the date it counts by, never by scanning the table's history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from case_api.mediation.figures import Period, statements
from case_api.platform.access import Principal, Role
from case_api.registry.paths import JurisdictionPaths
from case_api.schema import metadata

PRINCIPALS = [
    Principal("admin", Role.ADMIN),
    Principal("bureau", Role.BUREAU_OFFICER, jurisdiction="gzc"),
]


@pytest.mark.parametrize("principal", PRINCIPALS, ids=lambda p: p.role.value)
def test_each_figure_reads_the_period_through_its_date_index(
    principal: Principal, tmp_path: Path
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path}/plans.db")
    metadata.create_all(engine)
    period = Period(date(2026, 1, 1), date(2026, 3, 31), jurisdiction="gzc")
    made, ended = statements(principal, JurisdictionPaths(engine), period)
    with engine.connect() as conn:
        plans = [
            " ".join(
                row[-1]
                for row in conn.execute(
                    text(
                        "EXPLAIN QUERY PLAN "
                        + str(q.compile(engine, compile_kwargs={"literal_binds": True}))
                    )
                )
            )
            for q in (made, ended)
        ]
    assert "USING INDEX ix_mediation_attempts_attempted" in plans[0], plans[0]
    assert "USING INDEX ix_mediation_attempts_outcome" in plans[1], plans[1]
