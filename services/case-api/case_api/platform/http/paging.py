"""Page sizes and positions: every list takes ``limit`` up to a documented maximum.

A value over the maximum is answered with 422 ``invalid-request`` rather than clamped, so a
client never mistakes a short page for the end of the list.
"""

from __future__ import annotations

from typing import Any

from fastapi import Query


def page_limit(maximum: int) -> Any:
    return Query(
        ge=1,
        le=maximum,
        description=f"Items per page, 1 to {maximum}; a larger value is refused (422), not clamped",
    )


# Positions are PostgreSQL BIGINTs (SQLite INTEGERs): a larger one cannot be looked up.
POSITION_MAX = 2**63 - 1
