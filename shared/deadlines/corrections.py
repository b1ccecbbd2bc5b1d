"""Corrections and retractions of a case's facts, applied before any rule reads the case.

A ``FactCorrected`` event names an earlier event of its case by version and gives new values
for some of its fields (``{"served_date": "2025-10-09"}``; a nested field as
``judgment.performance_due_date``); a ``FactRetracted`` event names one recorded on the wrong
case. Stored events never change: a correction is a fact of its own, and whatever is derived
(deadlines, reminders, figures) reads the case as corrected. Of two corrections of one field
the later wins; the corrected event keeps its position, so its deadlines keep their keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from shared.deadlines.model import CaseEvent
from shared.eventtypes import CORRECTIONS


def effective_events(events: Sequence[CaseEvent]) -> list[CaseEvent]:
    """``events`` in position order as corrected, without the retracted ones and without the
    correction events themselves.

    Events carry their version in the case stream; where it is missing (a reader that keeps
    every event of the case, but not versions) it is the event's rank by position.
    """
    ordered = sorted(events, key=lambda e: e.position)
    versioned = [(e.version or rank, e) for rank, e in enumerate(ordered, 1)]
    changes: dict[int, dict[str, Any]] = {}
    retracted: set[int] = set()
    for _, event in versioned:
        if event.type == "FactCorrected":
            target = int(event.data["event_version"])
            changes.setdefault(target, {}).update(event.data.get("corrections") or {})
        elif event.type == "FactRetracted":
            retracted.add(int(event.data["event_version"]))
    found = []
    for version, event in versioned:
        if event.type in CORRECTIONS or version in retracted:
            continue
        if version in changes:
            event = replace(event, data=corrected(event.data, changes[version]))
        found.append(event)
    return found


def corrected(data: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` with each ``path`` (``a`` or ``a.b``) set to its new value; nothing else moves."""
    result = dict(data)
    for path, value in changes.items():
        head, _, rest = path.partition(".")
        if rest:
            inner = result.get(head)
            result[head] = corrected(inner if isinstance(inner, Mapping) else {}, {rest: value})
        else:
            result[head] = value
    return result
