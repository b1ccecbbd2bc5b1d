"""Upgrading a filled read model: each defendant agency's row learns its case's filing date
and whether it is the implementing agency, from the case summaries already there."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import text

from case_api.platform.db import make_engine
from case_api.platform.migrate import alembic_config
from tests.case_api import readmodel_rows as rows

BEFORE = "a88f8874d731"


def test_upgrading_fills_filing_dates_and_the_implementing_agency(case_settings):
    config = alembic_config("case_api", case_settings.readmodel_url)
    command.downgrade(config, BEFORE)
    engine = make_engine(case_settings.readmodel_url)
    try:
        summary = rows.summary("c1", "gz-hrss", "/gz/", date(2024, 5, 6))
        summary = {k: v for k, v in summary.items() if k in _old_columns(engine)}
        with engine.begin() as conn:
            names = ", ".join(summary)
            values = ", ".join(f":{k}" for k in summary)
            params = {k: _plain(v) for k, v in summary.items()}
            conn.execute(text(f"INSERT INTO case_summaries ({names}) VALUES ({values})"), params)
            for agency, role in (("gz-hrss", "implementing"), ("gz-gov", "nominal")):
                conn.execute(
                    text("INSERT INTO case_agencies VALUES ('c1', :a, :r)"),
                    {"a": agency, "r": role},
                )
        command.upgrade(config, "head")
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT agency, filed_date, is_primary FROM case_agencies ORDER BY agency")
            ).all()
        assert [(a, str(d), bool(p)) for a, d, p in found] == [
            ("gz-gov", "2024-05-06", False),
            ("gz-hrss", "2024-05-06", True),
        ]
    finally:
        engine.dispose()


def _old_columns(engine) -> set[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect

    return {c["name"] for c in inspect(engine).get_columns("case_summaries")}


def _plain(value):  # type: ignore[no-untyped-def]
    import json

    return json.dumps(value) if isinstance(value, list | dict) else value
