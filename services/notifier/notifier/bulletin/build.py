"""Building a period's bulletin (statistics → HTML, XLSX and PDF, stored) and handing it to the sender.

The build is itself a delivery row (kind ``bulletin_build``, recipient case-api): the sender
leases it, fetches the statistics and renders outside any transaction, then ``complete``
stores the bulletin, schedules its sending to the configured recipients and marks the build
done — one transaction, so a crash repeats the build rather than losing it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, update

from notifier.bulletin.figures import read_figures
from notifier.bulletin.heading import make_heading
from notifier.bulletin.links import file_stem, stored_key
from notifier.bulletin.message import MONTHLY_TITLE, bulletin_message
from notifier.bulletin.render_html import DEFAULT_SECTIONS, render_html
from notifier.bulletin.render_pdf import render_pdf
from notifier.bulletin.render_xlsx import render_xlsx
from notifier.bulletin.report_xlsx import render_report_xlsx
from notifier.feed.caseapi import CaseApiClient
from notifier.platform.db import to_db
from notifier.platform.sqlutil import insert_new, upsert
from notifier.platform.tables import agencies, bulletins, deliveries, jurisdictions
from notifier.sending.answer import Answer
from notifier.sending.deliveries import Lease
from shared.reporting_periods import period_bounds
from shared.rulepacks.library import SHANGHAI


class BulletinBuilder:
    def __init__(
        self,
        engine: Engine,
        client: CaseApiClient,
        public_url: str | None = None,
        link_secret: str = "",
        link_lifetime: timedelta = timedelta(days=30),
    ) -> None:
        self.engine, self.client, self.public_url = engine, client, public_url
        self.link_secret, self.link_lifetime = link_secret, link_lifetime
        self._built: dict[int, dict[str, Any]] = {}

    def build(self, lease: Lease) -> Answer:
        period, code = lease.payload["period"], lease.payload["jurisdiction"]
        start, end = period_bounds(period)
        stats = self.client.statistics(code, start.isoformat(), end.isoformat())
        figures = read_figures(stats, self._names())
        figures.jurisdiction_name = figures.jurisdiction_name or lease.payload["name"]
        title_zh = lease.payload.get("title_zh", MONTHLY_TITLE)
        issued = lease.due_at.astimezone(SHANGHAI).date()
        heading = make_heading(figures.jurisdiction_name, title_zh, period, issued)
        sections = tuple(lease.payload.get("sections") or ())
        html = render_html(heading, figures, sections or DEFAULT_SECTIONS)
        xlsx = (
            render_report_xlsx(heading, figures, sections)
            if sections
            else render_xlsx(heading, figures)
        )
        self._built[lease.id] = {
            "stats": stats,
            "figures": figures,
            "html": html,
            "xlsx": xlsx,
            "pdf": render_pdf(html),
        }
        return Answer(True, f"statistics {code} {start}..{end} rendered")

    def _names(self) -> dict[str, str]:
        """Agency and jurisdiction names as followed on the feed, for answers that carry
        codes only."""
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
            for table in (jurisdictions, agencies):
                found.update((row.code, row.name) for row in conn.execute(select(table)))
        return found

    def complete(self, lease: Lease, now: datetime, detail: str) -> None:
        built = self._built.pop(lease.id)
        payload = lease.payload
        code, period, report = payload["jurisdiction"], payload["period"], payload.get("report")
        key, moment = stored_key(code, period, report), to_db(now)
        stored = {"key": key, "jurisdiction": code, "period": period, "created_at": moment}
        stored |= {key: built[key] for key in ("html", "xlsx", "pdf")} | {
            "statistics": built["stats"]
        }
        link = (self.link_secret, self.link_lifetime)
        message = bulletin_message(payload, built, now, self.public_url, link)
        sends = [
            {
                "key": f"bulletin:{code}:{period}:{report + ':' if report else ''}{recipient}",
                "kind": "bulletin",
                "recipient": recipient,
                "jurisdiction": code,
                "payload": {**message, "body": message["body"] + addressed, "bulletin": key},
                "due_at": moment,
                "next_attempt_at": moment,
                "updated_at": moment,
                "state": "scheduled",
                "attempts": 0,
            }
            for recipient, addressed in recipients_of(payload)
        ]
        done = {"state": "sent", "sent_at": moment, "last_answer": detail, "lease_token": None}
        with self.engine.begin() as conn:
            upsert(conn, bulletins, ["key"], stored)
            for send in sends:
                insert_new(conn, deliveries, ["key"], send)
            conn.execute(
                update(deliveries)
                .where(deliveries.c.id == lease.id)
                .values(**done, updated_at=moment)
            )

    @contextmanager
    def attachments(self, lease: Lease) -> Iterator[list[str]]:
        """The stored HTML, XLSX and PDF as files, for channels that take attachments (e-mail,
        JSON webhooks); group bots take none and carry the message's links instead."""
        if lease.kind != "bulletin":
            yield []
            return
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(bulletins).where(bulletins.c.key == lease.payload["bulletin"]))
                .mappings()
                .one()
            )
        with tempfile.TemporaryDirectory() as directory:
            name = file_stem(row["key"])
            html = Path(directory, f"{name}.html")
            html.write_text(row["html"], encoding="utf-8")
            files = [html]
            for fmt in ("xlsx", "pdf"):
                if row[fmt] is not None:  # bulletins stored before PDFs have none
                    files.append(Path(directory, f"{name}.{fmt}"))
                    files[-1].write_bytes(row[fmt])
            yield [str(f) for f in files]


def recipients_of(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(recipient, line its message ends with): the bureau's bulletin channel always, its
    message as it always was; then each recipient the pack entry names
    (``report:<jurisdiction>:<recipient id>`` in the channel file's ``reports``), its message
    saying whom it is addressed to and by which clause."""
    code = payload["jurisdiction"]
    named = [
        (f"report:{code}:{r['id']}", f"\n报送：{r['title_zh']}（依据：{r['source']}）")
        for r in payload.get("recipients") or []
    ]
    return [(f"bulletin:{code}", ""), *named]
