"""Steps shared by the report tests: jurisdictions on the feed, a case-api answering each
period from answers fetched beforehand, a notifier planning and building at a given time,
and reading a rendered report's section back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape
from pathlib import Path
from typing import Any

from sqlalchemy import select

from notifier.bulletin.schedule import plan_bulletins
from notifier.feed.follower import Follower
from notifier.platform.db import from_db, make_engine
from notifier.platform.tables import bulletins, deliveries
from notifier.reminders.calendars import CalendarSource
from notifier.sending.sender import Sender
from shared.clock import FixedClock
from shared.rulepacks import shipped_library
from shared.rulepacks.library import SHANGHAI
from tests.notifier.cases import feed_event
from tests.notifier.fakes import FakeCaseApi, ScriptedDispatcher
from tests.notifier.test_sender import make_sender


def jurisdiction(position: int, code: str, name: str, level: str, pack: str) -> dict[str, Any]:
    data = {"code": code, "name": name, "level": level, "parent": None, "pack": pack}
    return feed_event(position, "JurisdictionRegistered", data, f"j-{code}", "jurisdiction")


@dataclass
class PeriodCaseApi(FakeCaseApi):
    """Answers ``statistics`` from ``answers`` keyed (jurisdiction, from, to); other periods
    with ``statistics_body``."""

    answers: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def statistics(self, jurisdiction: str, start: str, end: str) -> dict[str, Any]:
        self.statistics_asked.append((jurisdiction, start, end))
        return self.answers.get((jurisdiction, start, end), self.statistics_body)


def seen(url: str, events: list[dict[str, Any]], at: str) -> None:
    """The notifier follows the feed on ``at``: the jurisdictions' first period."""
    clock = FixedClock(datetime.fromisoformat(at))
    engine = make_engine(url)
    Follower(engine, FakeCaseApi(events), shipped_library(), clock, wait_seconds=0).step()  # type: ignore[arg-type]
    engine.dispose()


def notifier_at(url: str, at: str, api: FakeCaseApi | None = None) -> tuple[Sender, FixedClock]:
    clock = FixedClock(datetime.fromisoformat(at))
    return make_sender(url, ScriptedDispatcher(), clock, api), clock


def plan(sender: Sender, clock: FixedClock) -> None:
    with sender.engine.begin() as conn:
        plan_bulletins(conn, shipped_library(), CalendarSource().current(conn), clock.now(), 9)


def planned(sender: Sender) -> dict[str, str]:
    """Build rows: key → due time in Shanghai."""
    query = select(deliveries.c.key, deliveries.c.due_at).where(
        deliveries.c.kind == "bulletin_build"
    )
    with sender.engine.connect() as conn:
        rows = conn.execute(query).all()
    return {key: _shanghai(due) for key, due in rows}


def stored(sender: Sender, key: str) -> dict[str, Any]:
    with sender.engine.connect() as conn:
        row = conn.execute(select(bulletins).where(bulletins.c.key == key)).mappings().one()
    return dict(row)


def sends(sender: Sender, build_key: str) -> list[str]:
    """The recipients of the messages a build scheduled."""
    prefix = build_key.removesuffix("build")
    query = select(deliveries.c.recipient).where(
        deliveries.c.kind == "bulletin", deliveries.c.key.startswith(prefix)
    )
    with sender.engine.connect() as conn:
        return sorted(r for (r,) in conn.execute(query))


def section(html: str, title: str) -> dict[str, str]:
    """The (label → first value) rows of the tables under the section titled ``title``."""
    found = re.search(rf"<h2>[一二三四五六七八九十]、{re.escape(title)}</h2>(.*?)</section>", html)
    assert found, title
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>", found.group(1))
    return {unescape(label): unescape(value) for label, value in rows}


def percent(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator * 100:.1f}%"


def _shanghai(due: datetime) -> str:
    return from_db(due).astimezone(SHANGHAI).isoformat()  # type: ignore[union-attr]


def sent_payload(sender: Sender, key: str) -> dict[str, Any]:
    with sender.engine.connect() as conn:
        payload = conn.execute(select(deliveries.c.payload).where(deliveries.c.key == key))
        return dict(payload.scalar_one())


def first_page(pdf: bytes, png: Path) -> str:
    """The PDF's first page drawn to ``png`` (A4 at 100 dpi) and its text, spaces removed."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=100 / 72).to_pil()
    image.save(png)
    assert image.size == (827, 1170)
    return re.sub(r"\s+", "", document[0].get_textpage().get_text_range())
