"""Rows of a per-case table kept by handlers of the case's events (suggestions, mediation
attempts): projected as events arrive, and made again from the case's facts after a
correction or retraction changed one of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table

from case_api.readmodel.batch import Batch
from shared.deadlines import CaseEvent

Handler = Callable[[str, dict[str, Any], Batch], None]
"""(case id, the event's data, the batch): writes the rows the event changes."""


@dataclass(frozen=True)
class CaseRows:
    table: Table
    handlers: Mapping[str, Handler]

    def project(self, event: Any, batch: Batch) -> None:
        handler = self.handlers.get(type(event).__name__)
        if handler is not None:
            handler(str(event.originator_id), vars(event), batch)

    def refold(self, case_id: str, facts: Iterable[CaseEvent], batch: Batch) -> None:
        """The case's rows dropped, then each fact applied at its own feed position."""
        batch.drop_case_rows(self.table, case_id)
        now = batch.position
        for fact in facts:
            handler = self.handlers.get(fact.type)
            if handler is not None:
                batch.position = fact.position
                handler(case_id, dict(fact.data), batch)
        batch.position = now


def as_day(value: Any) -> date | None:
    """A date from an event (a date) or from a stored fact (ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
