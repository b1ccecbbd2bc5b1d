"""Opaque paging cursors: the sort key of a page's last row, so the next page starts after it.

Keyset paging stays as fast on the last page as on the first and never skips or repeats a
row when rows are added meanwhile (offsets do both).
"""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

from case_api.platform.domain_errors import InvalidValue


def encode_cursor(*key: Any, **named: Any) -> str:
    """The last row's key, as values in order (``key``) or by name (``named``): each list
    names its key fields, so one list's cursor is refused by another."""
    plain = [_plain(v) for v in key] if key else {k: _plain(v) for k, v in named.items()}
    raw = json.dumps(plain, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *types: type, **named: type) -> tuple[Any, ...]:
    """The key ``encode_cursor`` wrapped, each value converted to its type (by position in
    ``types``, or by name in ``named``, returned in that order)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded))
        if named:
            if not isinstance(values, dict) or set(values) != set(named):
                raise ValueError("not this list's key")
            return tuple(_typed(values[name], t) for name, t in named.items())
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError("wrong number of values")
        return tuple(_typed(v, t) for v, t in zip(values, types, strict=True))
    except (ValueError, TypeError) as error:
        raise InvalidValue(
            "invalid-cursor", "The cursor is not one this API issued.", "分页游标无效。"
        ) from error


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, str):
        raise TypeError("a key value is a string")
    return date.fromisoformat(value) if kind is date else kind(value)
