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


def insert_new_rows(conn: Connection, table: Table, keys: list[str], rows: list[dict]) -> None:
    """``insert_new`` for many rows in one statement (executemany)."""
    if rows:
        conn.execute(insert(conn, table).on_conflict_do_nothing(index_elements=keys), rows)


def upsert_rows(conn: Connection, table: Table, keys: list[str], rows: list[dict]) -> None:
    """``upsert`` for many rows with the same columns in one statement (executemany)."""
    if not rows:
        return
    statement = insert(conn, table)
    changed = {k: statement.excluded[k] for k in rows[0] if k not in keys}
    conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=changed), rows)
