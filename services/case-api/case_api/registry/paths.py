""" "This jurisdiction and below" as an index range on the materialised path.

A jurisdiction's path runs from the root (``/gd/gz/th/``) and never changes: its parent is
fixed at registration and a code registers once. Every path below ``/gd/gz/`` starts with it,
so the subtree is the range ``[/gd/gz/, /gd/gz0)`` ('0' follows '/' in ASCII). A plain btree
serves it on PostgreSQL (the path columns use the "C" collation, so the comparison is by
byte even where the database's locale sorts punctuation differently) and on SQLite.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, select

from case_api.registry.tables import jurisdictions


def subtree(column: Any, path: str) -> ColumnElement[bool]:
    """Rows whose ``column`` (a materialised path) is ``path`` or lies below it."""
    return and_(column >= path, column < path[:-1] + "0")


class JurisdictionPaths:
    """Paths by code, read once: a registered path never changes.

    An unregistered code gets ``/code/``, the path a case of it would carry; it is not
    remembered, since the code may be registered later.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._known: dict[str, str] = {}
        self._lock = threading.Lock()

    def of(self, code: str) -> str:
        found = self._known.get(code)
        if found is not None:
            return found
        with self.engine.connect() as conn:
            path = conn.execute(
                select(jurisdictions.c.path).where(jurisdictions.c.code == code)
            ).scalar_one_or_none()
        if path is None:
            return f"/{code}/"
        with self._lock:
            self._known[code] = path
        return path

    def below(self, column: Any, code: str) -> ColumnElement[bool]:
        """``column`` in jurisdiction ``code`` or any jurisdiction under it."""
        return subtree(column, self.of(code))
