"""Altering and removing stored events behind the application's back, as an intruder would."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from uuid import UUID

import psycopg

from case_api.platform.eventstore import CaseStore
from case_api.platform.settings import Settings
from tests.backends import POSTGRES_URL


def stored_state(store: CaseStore, stream: UUID, version: int) -> bytes:
    (record,) = store.recorder.select_events(stream, gt=version - 1, lte=version)
    return record.state


def rewrite_state(
    settings: Settings,
    store: CaseStore,
    stream: UUID,
    version: int,
    change: Callable[[bytes], bytes],
) -> None:
    state = change(stored_state(store, stream, version))
    _execute(
        settings,
        store,
        "UPDATE {table} SET state = %s WHERE originator_id = %s AND originator_version = %s",
        (state, stream, version),
    )


def delete_event(settings: Settings, store: CaseStore, stream: UUID, version: int) -> None:
    _execute(
        settings,
        store,
        "DELETE FROM {table} WHERE originator_id = %s AND originator_version = %s",
        (stream, version),
    )


def flip_byte(offset: int, value: int) -> Callable[[bytes], bytes]:
    def change(state: bytes) -> bytes:
        return state[:offset] + bytes([value]) + state[offset + 1 :]

    return change


def _execute(
    settings: Settings,
    store: CaseStore,
    sql: str,
    params: tuple[bytes, UUID, int] | tuple[UUID, int],
) -> None:
    table = store.recorder.events_table_name
    if settings.event_store_url.startswith("sqlite:///"):
        path = settings.event_store_url.removeprefix("sqlite:///")
        values = tuple(p.hex if isinstance(p, UUID) else p for p in params)
        with sqlite3.connect(path) as conn:
            changed = conn.execute(sql.format(table=table).replace("%s", "?"), values).rowcount
        assert changed == 1
        return
    assert POSTGRES_URL
    qualified = f"{settings.event_store_schema}.{table}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        changed = conn.execute(sql.format(table=qualified), params).rowcount
    assert changed == 1
