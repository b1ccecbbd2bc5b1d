"""The bulletin as a self-contained HTML page, with an inline SVG chart (no scripts)."""

from __future__ import annotations

from html import escape
from typing import Any

from notifier.bulletin.labels import (
    COUNT_LABELS,
    DEADLINE_LABELS,
    FAILURE_LABELS,
    RATE_LABELS,
    SUGGESTION_LABELS,
)
from notifier.reminders.messages import percent

BAR_COLOURS = (("met", "#2e7d32"), ("met_late", "#f9a825"), ("missed", "#c62828"))


def render_html(title: str, stats: dict[str, Any]) -> str:
    parts = [
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{escape(title)}"
        "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        "margin:1em 0}td,th{border:1px solid #999;padding:4px 8px}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        _table("收结案情况", ["项目", "数量"], _counts(stats)),
        _table("比率（公式）", ["指标", "数值", "分子/分母", "公式"], _rates(stats)),
        "<h2>期限执行情况</h2>",
        deadline_chart(stats.get("deadlines", [])),
        _table("", ["期限", "按期", "逾期完成", "未完成（逾期）", "进行中"], _deadlines(stats)),
        _table("“四不”问题", ["问题", "件数"], _failures(stats)),
        _table("一败再败", ["单位", "案由", "败诉件数"], _repeated(stats)),
        _table("司法建议、检察建议办理情况", ["项目", "件数"], _suggestions(stats)),
        _table("分单位情况", ["单位", "收案", "结案", "败诉"], _by_agency(stats)),
        "</body></html>",
    ]
    return "".join(parts)


def deadline_chart(rows: list[dict[str, Any]]) -> str:
    """Grouped bars per deadline kind: met, met late, missed."""
    width, height, group = 60 + 110 * max(len(rows), 1), 220, 110
    top = max([1] + [int(r.get(k, 0)) for r in rows for k, _ in BAR_COLOURS])
    bars = []
    for i, row in enumerate(rows):
        for j, (name, colour) in enumerate(BAR_COLOURS):
            value = int(row.get(name, 0))
            h = 160 * value / top
            x, y = 50 + i * group + j * 28, 180 - h
            bars.append(
                f"<rect x='{x}' y='{y:.1f}' width='24' height='{h:.1f}' fill='{colour}'>"
                f"<title>{escape(name)}: {value}</title></rect>"
            )
        label = escape(DEADLINE_LABELS.get(row["kind"], row["kind"]))
        bars.append(f"<text x='{50 + i * group}' y='200' font-size='12'>{label}</text>")
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"role='img' aria-label='期限执行情况'><line x1='45' y1='180' x2='{width}' y2='180' "
        f"stroke='#333'/>{''.join(bars)}</svg>"
    )


def _table(caption: str, head: list[str], rows: list[list[Any]]) -> str:
    title = f"<h2>{escape(caption)}</h2>" if caption else ""
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"{title}<table><tr>{cells}</tr>{body or '<tr><td>无</td></tr>'}</table>"


def _counts(stats: dict[str, Any]) -> list[list[Any]]:
    counts = stats.get("counts", {})
    return [[COUNT_LABELS.get(k, k), v] for k, v in counts.items()]


def _rates(stats: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            RATE_LABELS.get(r["name"], r["name"]),
            percent(r.get("value")),
            f"{r.get('numerator')}/{r.get('denominator')}",
            r.get("formula", ""),
        ]
        for r in stats.get("rates", [])
    ]


def _deadlines(stats: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            DEADLINE_LABELS.get(r["kind"], r["kind"]),
            r.get("met", 0),
            r.get("met_late", 0),
            r.get("missed", 0),
            r.get("open", 0),
        ]
        for r in stats.get("deadlines", [])
    ]


def _failures(stats: dict[str, Any]) -> list[list[Any]]:
    return [[FAILURE_LABELS.get(k, k), v] for k, v in stats.get("four_failures", {}).items()]


def _suggestions(stats: dict[str, Any]) -> list[list[Any]]:
    """Absent from statistics answered before suggestions were counted."""
    return [[SUGGESTION_LABELS.get(k, k), v] for k, v in stats.get("suggestions", {}).items()]


def _repeated(stats: dict[str, Any]) -> list[list[Any]]:
    rows = stats.get("repeated_losses", [])
    return [[r["agency"], r["subject_matter"], r["losses"]] for r in rows]


def _by_agency(stats: dict[str, Any]) -> list[list[Any]]:
    return [
        [r["agency"], r.get("received", 0), r.get("concluded", 0), r.get("losses", 0)]
        for r in stats.get("by_agency", [])
    ]
