"""Dialect-specific statements the notifier needs on both SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert(conn: Connection, table: Table) -> Any:
    """An INSERT that supports ``on_conflict_do_nothing`` / ``on_conflict_do_update``."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def upsert(conn: Connection, table: Table, keys: list[str], values: dict[str, Any]) -> None:
    statement = insert(conn, table).values(**values)
    changed = {k: v for k, v in values.items() if k not in keys}
    conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=changed))


def insert_new(conn: Connection, table: Table, keys: list[str], values: dict[str, Any]) -> None:
    conn.execute(insert(conn, table).values(**values).on_conflict_do_nothing(index_elements=keys))
