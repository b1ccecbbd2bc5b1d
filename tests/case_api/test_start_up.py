"""Start-up through a database that drops the connection while the event store makes its
tables: the library does not try that transaction again, so case-api waits it out."""

from __future__ import annotations

import logging

import psycopg
import pytest
from eventsourcing.persistence import OperationalError, ProgrammingError

import case_api.runtime as runtime_module
from case_api.platform.settings import Settings
from case_api.runtime import build_runtime
from tests.api_client import open_api


def dropping_first(monkeypatch: pytest.MonkeyPatch, error: Exception) -> list[int]:
    """Make the first event store construction fail with ``error``; count the tries."""
    real = runtime_module.CaseStore
    tries: list[int] = []

    def store(**kwargs):
        tries.append(1)
        if len(tries) == 1:
            raise error
        return real(**kwargs)

    monkeypatch.setattr(runtime_module, "CaseStore", store)
    return tries


def dropped() -> OperationalError:
    cause = psycopg.OperationalError(
        "consuming input failed: server closed the connection unexpectedly"
    )
    try:
        raise OperationalError(str(cause)) from cause
    except OperationalError as wrapped:
        return wrapped


async def test_a_connection_dropped_while_the_store_is_made_is_waited_out(
    case_settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    tries = dropping_first(monkeypatch, dropped())
    with caplog.at_level(logging.WARNING, logger="case_api.runtime"):
        async with open_api(case_settings) as api:
            await api.register_guangzhou()
            filed = await api.file_case()
            assert (await api.summary(filed["case_id"], filed["position"]))["case_id"]
    assert len(tries) == 2
    assert "the event store does not answer" in caplog.text
    assert "the event store answers again" in caplog.text


def test_a_store_that_is_wrong_rather_than_away_fails_at_once(
    case_settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    tries = dropping_first(monkeypatch, ProgrammingError("relation has a bad name"))
    with pytest.raises(ProgrammingError):
        build_runtime(case_settings)
    assert len(tries) == 1
