"""The bulletin's charts as inline SVG drawn here (no script, nothing fetched): every chart
has a legend and its values written on it, so it reads the same on paper."""

from __future__ import annotations

from html import escape
from typing import Any

from notifier.bulletin.labels import DEADLINE_LABELS, DEADLINE_STATUSES
from notifier.bulletin.ranking import AgencyRow

WIDTH = 600
FONT = "font-family='Noto Sans CJK SC, Source Han Sans SC, sans-serif'"
STATUS_COLOURS = {"met": "#2e7d32", "met_late": "#f9a825", "missed": "#c62828", "open": "#90a4ae"}
BAR, TARGET = "#1f5f99", "#c62828"
PER_CHART = 5


def deadline_chart(rows: list[dict[str, Any]]) -> str:
    """Grouped bars per kind of deadline: done on time, done late, missed, still running.
    At most ``PER_CHART`` kinds side by side (bars and labels keep their size, whatever the
    pack names); more continue in a second chart drawn to the same scale."""
    top = max([1] + [int(r.get(k, 0)) for r in rows for k in STATUS_COLOURS])
    chunks = [rows[i : i + PER_CHART] for i in range(0, len(rows), PER_CHART)]
    return "".join(_deadline_chart(chunk, top, legend=i == 0) for i, chunk in enumerate(chunks))


def _deadline_chart(rows: list[dict[str, Any]], top: int, legend: bool) -> str:
    group, bar, plot = (WIDTH - 60) / PER_CHART, 24, 170
    base = plot + (60 if legend else 30)
    parts = [_legend([(DEADLINE_STATUSES[k], c) for k, c in STATUS_COLOURS.items()], 60, 16)]
    parts = parts if legend else []
    for i, row in enumerate(rows):
        left = 60 + i * group + (group - bar * len(STATUS_COLOURS)) / 2
        for j, (status, colour) in enumerate(STATUS_COLOURS.items()):
            value = int(row.get(status, 0))
            h, x = plot * value / top, left + j * bar
            parts.append(_rect(x + 2, base - h, bar - 4, h, colour))
            parts.append(_text(x + bar / 2, base - h - 4, str(value), anchor="middle"))
        label = DEADLINE_LABELS[row["kind"]]
        parts.append(_text(left + bar * 2, base + 18, label, anchor="middle", size=13))
    right = 60 + len(rows) * group
    parts.append(f"<line x1='50' y1='{base}' x2='{right:.0f}' y2='{base}' stroke='#333'/>")
    parts.append(_text(50, base - plot - 4, "单位：件", anchor="end", size=11))
    return _svg(base + 30, "期限执行情况（件）", parts)


def loss_rate_chart(rows: list[AgencyRow], threshold: float | None, target: str) -> str:
    """One bar per agency, its loss rate written at the bar's end; the target as a dashed line."""
    if not rows:
        return ""
    names = min(16 + 13 * max(len(r.name) for r in rows), 280)  # room for the longest name
    bars, line = 26, 36
    scale = max([threshold or 0.0, 0.1] + [r.value("loss_rate") or 0.0 for r in rows]) * 1.15
    span = WIDTH - names - 70
    entries = [("败诉率", BAR)] + ([(f"目标：{target}", TARGET)] if threshold is not None else [])
    parts = [_legend(entries, names, 16)]
    for i, row in enumerate(rows):
        y, value = line + i * bars, row.value("loss_rate")
        parts.append(_text(names - 8, y + 17, row.name, anchor="end", size=13))
        if value is None:
            parts.append(_text(names + 4, y + 17, "—（本期无结案）", size=12))
            continue
        width = span * value / scale
        parts.append(_rect(names, y + 4, width, bars - 8, BAR))
        parts.append(_text(names + width + 4, y + 17, f"{value * 100:.1f}%", size=12))
    bottom = line + len(rows) * bars
    parts.append(f"<line x1='{names}' y1='{line}' x2='{names}' y2='{bottom}' stroke='#333'/>")
    if threshold is not None:
        x = names + span * threshold / scale
        parts.append(
            f"<line x1='{x:.1f}' y1='{line - 4}' x2='{x:.1f}' y2='{bottom + 4}' "
            f"stroke='{TARGET}' stroke-width='2' stroke-dasharray='6 4'/>"
        )
        parts.append(_text(x, bottom + 18, f"{threshold * 100:g}%", anchor="middle", size=11))
    return _svg(bottom + 26, "各单位败诉率", parts)


def _legend(entries: list[tuple[str, str]], x: float, y: float) -> str:
    out = []
    for name, colour in entries:
        out.append(_rect(x, y - 10, 12, 12, colour) + _text(x + 16, y, name, size=12))
        x += 28 + 13 * len(name)
    return "<g class='legend'>" + "".join(out) + "</g>"


def _rect(x: float, y: float, w: float, h: float, colour: str) -> str:
    return f"<rect x='{x:.1f}' y='{y:.1f}' width='{w:.1f}' height='{h:.1f}' fill='{colour}'/>"


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' text-anchor='{anchor}' "
        f"fill='#222' {FONT}>{escape(text)}</text>"
    )


def _svg(height: float, label: str, parts: list[str]) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {WIDTH} {height:.0f}' "
        f"width='{WIDTH}' height='{height:.0f}' role='img' aria-label='{escape(label)}'>"
        f"<title>{escape(label)}</title>{''.join(parts)}</svg>"
    )
