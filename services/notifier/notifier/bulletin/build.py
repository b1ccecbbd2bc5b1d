"""Building a period's bulletin (statistics → HTML + XLSX, stored) and handing it to the sender.

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

from notifier.bulletin.links import download_links
from notifier.bulletin.render_html import render_html
from notifier.bulletin.render_xlsx import render_xlsx
from notifier.feed.caseapi import CaseApiClient
from notifier.platform.db import to_db
from notifier.platform.sqlutil import insert_new, upsert
from notifier.platform.tables import bulletins, deliveries
from notifier.reminders import messages
from notifier.sending.answer import Answer
from notifier.sending.deliveries import Lease
from shared.reporting_periods import period_bounds, period_label

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
        title_zh = lease.payload.get("title_zh", MONTHLY_TITLE)
        title = f"{lease.payload['name']}{title_zh}（{period_label(period)}）"
        self._built[lease.id] = {
            "stats": stats,
            "title": title,
            "html": render_html(title, stats),
            "xlsx": render_xlsx(title, stats),
        }
        return Answer(True, f"statistics {code} {start}..{end} rendered")

    def complete(self, lease: Lease, now: datetime, detail: str) -> None:
        built = self._built.pop(lease.id)
        code, period = lease.payload["jurisdiction"], lease.payload["period"]
        key, moment = f"{code}:{period}", to_db(now)
        stored = {"key": key, "jurisdiction": code, "period": period, "created_at": moment}
        stored |= {"statistics": built["stats"], "html": built["html"], "xlsx": built["xlsx"]}
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
        stats = built["stats"]
        rates = {r["name"]: messages.percent(r.get("value")) for r in stats.get("rates", [])}
        code, period = payload["jurisdiction"], payload["period"]
        links = download_links(
            self.public_url, self.link_secret, self.link_lifetime, code, period, now
        )
        source = payload.get("source")
        values = {
            "jurisdiction_name": payload["name"],
            "bulletin_title": payload.get("title_zh", MONTHLY_TITLE),
            "period_label": period_label(period),
            "basis": f"（依据：{source}）" if source else "",
            "links": links,
            **{k: stats.get("counts", {}).get(k, 0) for k in ("received", "concluded", "losses")},
            **{
                k: rates.get(k, "—")
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
        """The stored HTML and XLSX as files, for channels that take attachments."""
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
            html, xlsx = Path(directory, f"{name}.html"), Path(directory, f"{name}.xlsx")
            html.write_text(row["html"], encoding="utf-8")
            xlsx.write_bytes(row["xlsx"])
            yield [str(html), str(xlsx)]
