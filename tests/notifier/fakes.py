"""Fakes for in-process tests: case-api's feed and commands, a scripted channel."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from notifier.channels.book import ChannelBook
from notifier.feed.caseapi import FeedPage
from notifier.sending.answer import Answer


@dataclass
class FakeCaseApi:
    events: list[dict[str, Any]] = field(default_factory=list)
    remediations: list[tuple[str, str, str]] = field(default_factory=list)
    statistics_body: dict[str, Any] = field(default_factory=dict)
    statistics_asked: list[tuple[str, str, str]] = field(default_factory=list)

    def feed(self, after: int, limit: int, wait: float) -> FeedPage:
        page = [e for e in self.events if e["position"] > after][:limit]
        head = max((e["position"] for e in self.events), default=0)
        last = page[-1]["position"] if page else after
        return FeedPage(page, last if len(page) == limit else max(last, head), head)

    def require_remediation(self, case_id: str, deadline: str, reason: str, key: str) -> Answer:
        self.remediations.append((case_id, deadline, key))
        return Answer(True, "201")

    def statistics(self, jurisdiction: str, start: str, end: str) -> dict[str, Any]:
        self.statistics_asked.append((jurisdiction, start, end))
        return self.statistics_body

    def close(self) -> None:
        pass


@dataclass
class ScriptedDispatcher:
    """Answers from ``script`` in order (then success); records each send's key."""

    script: list[Answer] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def send(
        self, urls: list[str], title: str, body: str, key: str, attachments: Any = ()
    ) -> Answer:
        with self._lock:
            self.sent.append(key)
            if not urls:
                return Answer(False, "no channel configured", final=True)
            return self.script.pop(0) if self.script else Answer(True, "200 ok")

    def close(self) -> None:
        pass


class FixedBook:
    def __init__(self, data: dict[str, Any]) -> None:
        self._book = ChannelBook(data)

    def book(self) -> ChannelBook:
        return self._book


BOOK = {
    "agencies": {"gz-hrss": {"contact": ["json://c"], "head": ["json://h"]}},
    "bureaus": {"gz": ["json://b"]},
    "bulletins": {"gz": ["json://n"], "xs": ["json://x"]},
}
