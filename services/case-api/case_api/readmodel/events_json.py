"""Plain-JSON views of domain events, as the timeline, the feed and the notifier see them."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

_LIBRARY_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic", "meta"}
_CHAIN_FIELDS = {"prev_hash", "hash"}
"""Tamper evidence, not facts: a case's head hash is in its summary and its verify answer."""
_NOT_FACTS = _LIBRARY_FIELDS | _CHAIN_FIELDS


def to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def event_data(event: Any) -> dict[str, Any]:
    """The event's own fields (the facts), without the library's bookkeeping."""
    return {k: to_json(v) for k, v in vars(event).items() if k not in _NOT_FACTS}


def event_type(event: Any) -> str:
    return type(event).__name__
