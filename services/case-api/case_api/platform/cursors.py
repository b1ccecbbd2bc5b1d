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


def encode_cursor(*key: Any) -> str:
    values = [v.isoformat() if isinstance(v, date) else v for v in key]
    raw = json.dumps(values, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *types: type) -> tuple[Any, ...]:
    """The key ``encode_cursor`` wrapped, each value converted to its ``types`` entry."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded))
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError("wrong number of values")
        return tuple(
            date.fromisoformat(v) if t is date else t(v) for v, t in zip(values, types, strict=True)
        )
    except (ValueError, TypeError) as error:
        raise InvalidValue(
            "invalid-cursor", "The cursor is not one this API issued.", "分页游标无效。"
        ) from error
