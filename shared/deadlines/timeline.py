"""A case's events in order, indexed by type, and the matching of rule clauses against them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from shared.deadlines.model import CaseEvent
from shared.eventtypes import EVENT_TYPES
from shared.rulepacks import EventMatch


def read_field(data: Mapping[str, Any] | None, path: str) -> Any:
    """The value at a dotted ``path`` ("judgment.outcome"); None when any step is missing."""
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def read_date(data: Mapping[str, Any] | None, path: str) -> date | None:
    value = read_field(data, path)
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value))


def _same(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def matches(match: EventMatch, data: Mapping[str, Any], trigger: Mapping[str, Any] | None) -> bool:
    """Whether ``data`` passes ``match.when`` and its ``same`` pairs with the trigger data."""
    for path, allowed in match.when.items():
        value = read_field(data, path)
        values = value if isinstance(value, list | tuple) else (value,)
        if not any(v in allowed for v in values if v is not None):
            return False
    for own, theirs in match.same.items():
        mine = _same(read_field(data, own))
        if mine is None or mine != _same(read_field(trigger, theirs)):
            return False
    return True


@dataclass(frozen=True)
class Timeline:
    """The events sorted by position, with context fields filled in (see EventType.context)."""

    events: tuple[CaseEvent, ...]
    by_type: Mapping[str, tuple[CaseEvent, ...]]

    @classmethod
    def of(cls, events: Iterable[CaseEvent]) -> Timeline:
        ordered = sorted(events, key=lambda e: (e.position, e.type))
        enriched = tuple(_with_context(ordered))
        by_type: dict[str, list[CaseEvent]] = {}
        for event in enriched:
            by_type.setdefault(event.type, []).append(event)
        return cls(enriched, {name: tuple(found) for name, found in by_type.items()})

    def first_after(
        self,
        position: int,
        clauses: Sequence[EventMatch],
        trigger: Mapping[str, Any] | None,
    ) -> tuple[CaseEvent, EventMatch] | None:
        """The earliest event after ``position`` matching any clause, with that clause."""
        best: tuple[CaseEvent, EventMatch] | None = None
        for clause in clauses:
            for event in self.by_type.get(clause.event, ()):
                if best is not None and event.position >= best[0].position:
                    break
                if event.position > position and matches(clause, event.data, trigger):
                    best = (event, clause)
                    break
        return best


def _with_context(events: Sequence[CaseEvent]) -> Iterable[CaseEvent]:
    latest: dict[str, CaseEvent] = {}
    for event in events:
        spec = EVENT_TYPES.get(event.type)
        if spec is not None and spec.context:
            added = {
                name: read_field(latest[source].data, name)
                for name, source in spec.context.items()
                if source in latest and name not in event.data
            }
            if added:
                event = replace(event, data={**event.data, **added})
        latest[event.type] = event
        yield event
