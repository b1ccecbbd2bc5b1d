"""The changes one projection transaction makes, gathered in memory and written at once.

Rows touched several times in a batch (a case summary during a rebuild) are read once and
written once; timeline rows go in with one ``executemany``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects import postgresql, sqlite

from case_api.cases.tables import case_agencies, case_summaries, case_timeline
from case_api.registry.tables import agencies, jurisdictions


class Batch:
    def __init__(self, conn: Connection, paths: dict[str, str] | None = None) -> None:
        self.conn = conn
        self.paths = {} if paths is None else paths
        self.summaries: dict[str, dict[str, Any]] = {}
        self.changed: set[str] = set()
        self.timeline: list[dict[str, Any]] = []
        self.case_agencies: list[dict[str, Any]] = []
        self.jurisdictions: dict[str, dict[str, Any]] = {}
        self.agencies: dict[str, dict[str, Any]] = {}
        self.calendar_loads: list[dict[str, Any]] = []
        self.position = 0
        self._looked_up: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._rows: dict[Table, dict[tuple[Any, ...], dict[str, Any]]] = {}
        self._inserts: dict[Table, list[dict[str, Any]]] = {}
        self._filed: set[str] = set()

    def summary(self, case_id: str) -> dict[str, Any]:
        """The case's summary row as it stands in this batch (loaded once)."""
        if case_id not in self.summaries:
            row = (
                self.conn.execute(select(case_summaries).where(case_summaries.c.case_id == case_id))
                .mappings()
                .first()
            )
            if row is None:
                raise LookupError(f"no summary for case {case_id}")
            self.summaries[case_id] = dict(row)
        self.changed.add(case_id)
        return self.summaries[case_id]

    def new_summary(self, row: dict[str, Any]) -> None:
        self.summaries[row["case_id"]] = row
        self.changed.add(row["case_id"])
        self._filed.add(row["case_id"])

    def filed_here(self, case_id: str) -> bool:
        """The case was filed in this batch: no row of it is stored yet."""
        return case_id in self._filed

    def row(self, table: Table, *key: Any, stored: bool = True) -> dict[str, Any] | None:
        """The row of ``table`` at primary ``key`` as it stands in this batch (read once);
        change it in place and ``put`` it back to have it written. ``stored=False``: the
        caller knows none is stored (its case was filed in this batch)."""
        rows = self._rows.setdefault(table, {})
        if key not in rows and not stored:
            return None
        if key not in rows:
            columns = table.primary_key.columns
            found = (
                self.conn.execute(
                    select(table).where(*(c == k for c, k in zip(columns, key, strict=True)))
                )
                .mappings()
                .first()
            )
            if found is None:
                return None
            rows[key] = dict(found)
        return rows[key]

    def case_rows(self, table: Table, case_id: str, *, stored: bool = True) -> list[dict[str, Any]]:
        """The case's rows of ``table``, stored and pending (pending ones win); change one
        and ``put`` it back. ``stored=False``: the caller knows none is stored."""
        rows = self._rows.setdefault(table, {})
        if stored:
            found = self.conn.execute(select(table).where(table.c.case_id == case_id))
            for row in found.mappings():
                key = tuple(row[c.name] for c in table.primary_key.columns)
                rows.setdefault(key, dict(row))
        return [row for row in rows.values() if row["case_id"] == case_id]

    def put(self, table: Table, row: dict[str, Any]) -> None:
        """Write ``row`` (inserted or replaced) when the batch is flushed."""
        key = tuple(row[c.name] for c in table.primary_key.columns)
        self._rows.setdefault(table, {})[key] = row

    def insert(self, table: Table, row: dict[str, Any]) -> None:
        """Insert ``row`` when the batch is flushed (a fact that is never changed)."""
        self._inserts.setdefault(table, []).append(row)

    def drop_case_rows(self, table: Table, case_id: str) -> None:
        """Delete the case's rows of ``table``, stored and pending (to write them anew)."""
        self.conn.execute(table.delete().where(table.c.case_id == case_id))
        keyed = self._rows.get(table, {})
        for key in [k for k, row in keyed.items() if row["case_id"] == case_id]:
            del keyed[key]
        if table in self._inserts:
            self._inserts[table] = [r for r in self._inserts[table] if r["case_id"] != case_id]

    def jurisdiction(self, code: str) -> dict[str, Any] | None:
        if code in self.jurisdictions:
            return self.jurisdictions[code]
        return self._look_up(jurisdictions, code)

    def jurisdiction_path(self, code: str) -> str | None:
        """A registered jurisdiction's path: it never changes, so ``paths`` (the projector's)
        keeps it from batch to batch."""
        if code not in self.paths:
            row = self.jurisdiction(code)
            if row is None:
                return None
            self.paths[code] = row["path"]
        return self.paths[code]

    def agency(self, code: str) -> dict[str, Any] | None:
        if code in self.agencies:
            return self.agencies[code]
        return self._look_up(agencies, code)

    def _look_up(self, table: Table, code: str) -> dict[str, Any] | None:
        """A registry row as stored, read once per batch (every filed case asks for its own)."""
        key = (table.name, code)
        if key not in self._looked_up:
            row = self.conn.execute(select(table).where(table.c.code == code)).mappings().first()
            self._looked_up[key] = dict(row) if row else None
        found = self._looked_up[key]
        return dict(found) if found else None

    def flush(self) -> None:
        if self.timeline:
            self.conn.execute(case_timeline.insert(), self.timeline)
        if self.case_agencies:
            self.conn.execute(case_agencies.insert(), self.case_agencies)
        self._upsert(case_summaries, [self.summaries[c] for c in sorted(self.changed)])
        self._upsert(jurisdictions, list(self.jurisdictions.values()))
        self._upsert(agencies, list(self.agencies.values()))
        for table, rows in self._inserts.items():
            self.conn.execute(table.insert(), rows)
        for table, keyed in self._rows.items():
            self._upsert(table, list(keyed.values()))

    def _upsert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        dialect = postgresql if self.conn.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(table)
        keys = [c.name for c in table.primary_key.columns]
        stmt = stmt.on_conflict_do_update(
            index_elements=keys,
            set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys},
        )
        self.conn.execute(stmt, rows)
