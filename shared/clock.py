"""Time, injected: the logic asks a ``Clock`` and never reads the wall itself.

Tests and multi-process scenarios use a ``FileClock``: every process reads "now" from the same
small file, so a test moves time for case-api and the notifier at once.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(SHANGHAI)

    def today(self) -> date:
        return self.now().date()


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self._now = now if now.tzinfo else now.replace(tzinfo=SHANGHAI)

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.astimezone(SHANGHAI).date()

    def set(self, now: datetime) -> None:
        self._now = now if now.tzinfo else now.replace(tzinfo=SHANGHAI)


class FileClock:
    """Reads an ISO datetime (Asia/Shanghai when naive) from ``path`` on every call."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def now(self) -> datetime:
        value = datetime.fromisoformat(self.path.read_text().strip())
        return value if value.tzinfo else value.replace(tzinfo=SHANGHAI)

    def today(self) -> date:
        return self.now().astimezone(SHANGHAI).date()


def clock_from_file(path: Path | None) -> Clock:
    return FileClock(path) if path else SystemClock()
