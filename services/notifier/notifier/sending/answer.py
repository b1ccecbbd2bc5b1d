"""What a channel (or case-api) answered to one send."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    """``ok`` only when the platform's own answer says the message was taken.

    ``unknown``: a timeout — the platform may have it; retry with the same key. ``final``: a
    failure no retry can fix (no channel configured, a rejected URL): the delivery is dead.
    ``retry_after``: the receiver said not to try again for so many seconds (429/503).
    """

    ok: bool
    detail: str
    unknown: bool = False
    final: bool = False
    retry_after: float | None = None
