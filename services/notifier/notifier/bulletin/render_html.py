"""The bulletin as one self-contained HTML page laid out like an official notice; the same
page prints to PDF (``render_pdf``). Charts are inline SVG, styles inline: nothing fetched."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from importlib.resources import files

from notifier.bulletin.charts import deadline_chart, loss_rate_chart
from notifier.bulletin.figures import Figures
from notifier.bulletin.heading import Heading
from notifier.bulletin.html_tables import rates_table, table
from notifier.bulletin.labels import DEADLINE_LABELS, DEADLINE_STATUSES
from notifier.bulletin.report_sections import REPORT_SECTIONS
from notifier.bulletin.tables import agency_rows

STYLE = files("notifier.bulletin").joinpath("bulletin.css")
NUMERALS = "一二三四五六七八九十"
DEFAULT_SECTIONS = (
    "counts",
    "rates",
    "ranking",
    "deadlines",
    "four_failures",
    "repeated_losses",
    "suggestions",
)
"""The monthly bulletin's sections, and those of any entry that names none."""


def render_html(
    heading: Heading, figures: Figures, sections: tuple[str, ...] = DEFAULT_SECTIONS
) -> str:
    """``sections``: what the report carries, in order (a pack entry's ``sections``)."""
    body = "".join(
        f"<section><h2>{NUMERALS[i]}、{escape(SECTIONS[key][0])}</h2>"
        f"{SECTIONS[key][1](figures)}</section>"
        for i, key in enumerate(sections)
    )
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{escape(heading.title)}</title><style>{STYLE.read_text(encoding='utf-8')}"
        f"</style></head><body><main class='notice'>{_masthead(heading)}"
        f"<p class='lead'>现将{escape(heading.period_label)}{escape(figures.jurisdiction_name)}"
        f"行政应诉工作情况{_verb(heading)}如下：</p>{body}{_signature(heading)}</main></body></html>"
    )


def _counts(figures: Figures) -> str:
    return table(["项目", "数量（件）"], figures.counts, {1: "num"}, kind="narrow")


def _failures(figures: Figures) -> str:
    return table(["问题", "件数"], figures.failures, {1: "num"}, kind="narrow")


def _suggestions(figures: Figures) -> str:
    return table(["项目", "件数"], figures.suggestions, {1: "num"}, kind="narrow")


def _verb(heading: Heading) -> str:
    """A bulletin informs (通报); a report to the government reports (报告, 汇报)."""
    for verb in ("通报", "汇报", "报告"):
        if verb in heading.title:
            return verb
    return "通报"


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
    return rates_table(figures.rates)


def _agencies(figures: Figures) -> str:
    head, rows = agency_rows(figures)
    columns = {0: "rank", 1: "name"} | dict.fromkeys(range(2, 7), "num")
    ranked = table(head, rows, columns, kind="ranking", wrap_from=7)
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
    return ranked + note + (f"<figure>{chart}</figure>" if chart else "")


def _deadlines(figures: Figures) -> str:
    rows = [
        [DEADLINE_LABELS[r["kind"]], *(r.get(k, 0) for k in DEADLINE_STATUSES)]
        for r in figures.deadlines
    ]
    chart = deadline_chart(figures.deadlines)
    drawn = table(["期限", *DEADLINE_STATUSES.values()], rows, dict.fromkeys(range(1, 5), "num"))
    return (f"<figure>{chart}</figure>" if chart else "") + drawn


def _repeated(figures: Figures) -> str:
    if not figures.repeated:
        return "<p>本期无。</p>"
    return table(["单位", "案由", "败诉件数"], figures.repeated, {2: "num"})


SECTIONS: dict[str, tuple[str, Callable[[Figures], str]]] = {
    "counts": ("收结案情况", _counts),
    "rates": ("主要指标", _rates),
    "ranking": ("各单位情况排名", _agencies),
    "deadlines": ("期限执行情况", _deadlines),
    "four_failures": ("“四不”问题", _failures),
    "repeated_losses": ("一败再败情况", _repeated),
    "suggestions": ("司法建议、检察建议办理情况", _suggestions),
    **REPORT_SECTIONS,
}
"""Each section a report may carry (``ReportSection`` in the rule packs): its Chinese title
and how it is drawn."""
