"""The message a built bulletin or report is sent with: its title, figures in a sentence,
the agencies that missed a target, and its download links."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from notifier.bulletin.figures import Figures
from notifier.bulletin.links import download_links
from notifier.bulletin.tables import percent
from notifier.reminders import messages
from shared.reporting_periods import period_label

# Build rows planned before bulletins came from the pack's entries carry no title of their own.
MONTHLY_TITLE = "行政应诉工作月度通报"


def bulletin_message(
    payload: dict[str, Any],
    built: dict[str, Any],
    now: datetime,
    public_url: str | None,
    link: tuple[str, timedelta],
) -> dict[str, str]:
    figures: Figures = built["figures"]
    stats = built["stats"]
    code, period = payload["jurisdiction"], payload["period"]
    links = download_links(public_url, link[0], link[1], code, period, now, payload.get("report"))
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


def _unmet(figures: Figures) -> str:
    """Which agencies missed which target, named in the message itself."""
    parts = []
    for i, target in enumerate(figures.targets):
        names = [a.name for a in figures.agencies if i < len(a.flags) and a.flags[i] is False]
        if names:
            parts.append(f"未达到“{target.name}”的单位：{'、'.join(names)}。")
    return "".join(parts)
