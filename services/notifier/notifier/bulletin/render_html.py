"""The bulletin as one self-contained HTML page laid out like an official notice; the same
page prints to PDF (``render_pdf``). Charts are inline SVG, styles inline: nothing fetched."""

from __future__ import annotations

from html import escape
from importlib.resources import files
from typing import Any

from notifier.bulletin.charts import deadline_chart, loss_rate_chart
from notifier.bulletin.figures import Figures
from notifier.bulletin.heading import Heading
from notifier.bulletin.labels import DEADLINE_LABELS, DEADLINE_STATUSES
from notifier.bulletin.tables import agency_rows, rate_rows

STYLE = files("notifier.bulletin").joinpath("bulletin.css")
NUMERALS = "一二三四五六七八九十"
MARKS = {"达标": "met", "未达标": "unmet"}


def render_html(heading: Heading, figures: Figures) -> str:
    sections = [
        ("收结案情况", _table(["项目", "数量（件）"], figures.counts, {1: "num"}, kind="narrow")),
        ("主要指标", _rates(figures)),
        ("各单位情况排名", _agencies(figures)),
        ("期限执行情况", _deadlines(figures)),
        ("“四不”问题", _table(["问题", "件数"], figures.failures, {1: "num"}, kind="narrow")),
        ("一败再败情况", _repeated(figures)),
        (
            "司法建议、检察建议办理情况",
            _table(["项目", "件数"], figures.suggestions, {1: "num"}, kind="narrow"),
        ),
    ]
    body = "".join(
        f"<section><h2>{NUMERALS[i]}、{escape(name)}</h2>{content}</section>"
        for i, (name, content) in enumerate(sections)
    )
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{escape(heading.title)}</title><style>{STYLE.read_text(encoding='utf-8')}"
        f"</style></head><body><main class='notice'>{_masthead(heading)}"
        f"<p class='lead'>现将{escape(heading.period_label)}{escape(figures.jurisdiction_name)}"
        f"行政应诉工作情况通报如下：</p>{body}{_signature(heading)}</main></body></html>"
    )


def _masthead(heading: Heading) -> str:
    return (
        f"<header><p class='issuer'>{escape(heading.issuer)}</p>"
        f"<p class='number'>{escape(heading.number)}</p><hr class='red'>"
        f"<h1>{escape(heading.title)}</h1></header>"
    )


def _signature(heading: Heading) -> str:
    return (
        f"<footer class='signature'><p>{escape(heading.issuer)}</p>"
        f"<p>{escape(heading.issued_zh)}</p></footer>"
    )


def _rates(figures: Figures) -> str:
    head = ["指标", "数值", "计算", "计算公式", "说明"]
    return _table(head, rate_rows(figures), {0: "key", 1: "num", 2: "num"})


def _agencies(figures: Figures) -> str:
    head, rows = agency_rows(figures)
    columns = {0: "rank", 1: "name"} | dict.fromkeys(range(2, 7), "num")
    table = _table(head, rows, columns, kind="ranking", wrap_from=7)
    loss = next((t for t in figures.targets if t.metric == "loss_rate"), None)
    chart = loss_rate_chart(
        figures.agencies, loss.threshold if loss else None, loss.name if loss else ""
    )
    note = (
        "<p class='note'>排名按败诉率由低到高；败诉率相同的，按负责人出庭率由高到低。"
        "“—”表示分母为0、无法计算，不参与排名。"
        + "".join(
            f"目标“{escape(t.name)}”（依据：{escape(t.source)}）。"
            for t in figures.targets
            if t.source
        )
        + "</p>"
    )
    return table + note + (f"<figure>{chart}</figure>" if chart else "")


def _deadlines(figures: Figures) -> str:
    rows = [
        [DEADLINE_LABELS[r["kind"]], *(r.get(k, 0) for k in DEADLINE_STATUSES)]
        for r in figures.deadlines
    ]
    chart = deadline_chart(figures.deadlines)
    table = _table(["期限", *DEADLINE_STATUSES.values()], rows, dict.fromkeys(range(1, 5), "num"))
    return (f"<figure>{chart}</figure>" if chart else "") + table


def _repeated(figures: Figures) -> str:
    if not figures.repeated:
        return "<p>本期无。</p>"
    return _table(["单位", "案由", "败诉件数"], figures.repeated, {2: "num"})


def _table(
    head: list[str],
    rows: list[Any],
    columns: dict[int, str] | None = None,
    kind: str = "",
    wrap_from: int | None = None,
) -> str:
    """``columns``: a CSS class per column index; headers from ``wrap_from`` on may wrap
    (long target names), the others stay on one line."""
    if not rows:
        return "<p>本期无。</p>"
    columns = columns or {}
    cells = "".join(
        f"<th scope='col'{_class(['wrap'] if wrap_from is not None and i >= wrap_from else [])}>"
        f"{escape(h)}</th>"
        for i, h in enumerate(head)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{_class([columns.get(i, ''), MARKS.get(str(c), '')])}>{escape(str(c))}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table{_class([kind])}><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _class(names: list[str]) -> str:
    names = [n for n in names if n]
    return f" class='{' '.join(names)}'" if names else ""
