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

from notifier.bulletin.figures import Figures, read_figures
from notifier.bulletin.heading import make_heading
from notifier.bulletin.links import download_links
from notifier.bulletin.render_html import render_html
from notifier.bulletin.render_pdf import render_pdf
from notifier.bulletin.render_xlsx import render_xlsx
from notifier.bulletin.tables import percent
from notifier.feed.caseapi import CaseApiClient
from notifier.platform.db import to_db
from notifier.platform.sqlutil import insert_new, upsert
from notifier.platform.tables import agencies, bulletins, deliveries, jurisdictions
from notifier.reminders import messages
from notifier.sending.answer import Answer
from notifier.sending.deliveries import Lease
from shared.reporting_periods import period_bounds, period_label
from shared.rulepacks.library import SHANGHAI

# Build rows planned before bulletins came from the pack's entries carry no title of their own.
MONTHLY_TITLE = "行政应诉工作月度通报"


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
        html = render_html(heading, figures)
        self._built[lease.id] = {
            "stats": stats,
            "figures": figures,
            "html": html,
            "xlsx": render_xlsx(heading, figures),
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
        code, period = lease.payload["jurisdiction"], lease.payload["period"]
        key, moment = f"{code}:{period}", to_db(now)
        stored = {"key": key, "jurisdiction": code, "period": period, "created_at": moment}
        stored |= {key: built[key] for key in ("html", "xlsx", "pdf")} | {
            "statistics": built["stats"]
        }
        send = {
            "key": f"bulletin:{code}:{period}:bulletin:{code}",
            "kind": "bulletin",
            "recipient": f"bulletin:{code}",
            "jurisdiction": code,
            "payload": {**self._message(lease.payload, built, now), "bulletin": key},
        }
        send |= {"due_at": moment, "next_attempt_at": moment, "updated_at": moment}
        done = {"state": "sent", "sent_at": moment, "last_answer": detail, "lease_token": None}
        with self.engine.begin() as conn:
            upsert(conn, bulletins, ["key"], stored)
            insert_new(conn, deliveries, ["key"], {**send, "state": "scheduled", "attempts": 0})
            conn.execute(
                update(deliveries)
                .where(deliveries.c.id == lease.id)
                .values(**done, updated_at=moment)
            )

    def _message(
        self, payload: dict[str, Any], built: dict[str, Any], now: datetime
    ) -> dict[str, str]:
        figures: Figures = built["figures"]
        stats = built["stats"]
        code, period = payload["jurisdiction"], payload["period"]
        links = download_links(
            self.public_url, self.link_secret, self.link_lifetime, code, period, now
        )
        source = payload.get("source")
        values = {
            "jurisdiction_name": figures.jurisdiction_name,
            "bulletin_title": payload.get("title_zh", MONTHLY_TITLE),
            "period_label": period_label(period),
            "basis": f"（依据：{source}）" if source else "",
            "links": links,
            "unmet": _unmet(figures),
            **{k: stats.get("counts", {}).get(k, 0) for k in ("received", "concluded", "losses")},
            **{
                k: percent(rate.cell) if (rate := figures.rate(k)) else "—"
                for k in ("loss_rate", "head_appearance_rate", "mediation_withdrawal_rate")
            },
            **{
                k: stats.get("four_failures", {}).get(k, 0)
                for k in ("no_answer", "no_evidence", "no_appearance", "no_performance")
            },
        }
        return {
            "title": messages.render("bulletin", "title", values),
            "body": messages.render("bulletin", "body", values),
        }

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
            name = f"bulletin-{row['jurisdiction']}-{row['period']}"
            html = Path(directory, f"{name}.html")
            html.write_text(row["html"], encoding="utf-8")
            files = [html]
            for fmt in ("xlsx", "pdf"):
                if row[fmt] is not None:  # bulletins stored before PDFs have none
                    files.append(Path(directory, f"{name}.{fmt}"))
                    files[-1].write_bytes(row[fmt])
            yield [str(f) for f in files]


def _unmet(figures: Figures) -> str:
    """Which agencies missed which target, named in the message itself."""
    parts = []
    for i, target in enumerate(figures.targets):
        names = [a.name for a in figures.agencies if i < len(a.flags) and a.flags[i] is False]
        if names:
            parts.append(f"未达到“{target.name}”的单位：{'、'.join(names)}。")
    return "".join(parts)
