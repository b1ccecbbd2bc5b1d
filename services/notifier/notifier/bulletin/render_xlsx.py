"""The bulletin as a spreadsheet, with a native (editable) Excel bar chart."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from notifier.bulletin.labels import (
    COUNT_LABELS,
    DEADLINE_LABELS,
    FAILURE_LABELS,
    RATE_LABELS,
    SUGGESTION_LABELS,
)


def render_xlsx(title: str, stats: dict[str, Any]) -> bytes:
    book = Workbook()
    _summary(book, title, stats)
    _deadlines(book, stats.get("deadlines", []))
    failures = stats.get("four_failures", {}).items()
    _sheet(book, "四不问题", ["问题", "件数"], [[FAILURE_LABELS.get(k, k), v] for k, v in failures])
    repeated = stats.get("repeated_losses", [])
    rows = [[r["agency"], r["subject_matter"], r["losses"]] for r in repeated]
    _sheet(book, "一败再败", ["单位", "案由", "败诉件数"], rows)
    suggestions = stats.get("suggestions", {}).items()
    rows = [[SUGGESTION_LABELS.get(k, k), v] for k, v in suggestions]
    _sheet(book, "司法建议检察建议", ["项目", "件数"], rows)
    by_agency = stats.get("by_agency", [])
    rows = [
        [r["agency"], r.get("received", 0), r.get("concluded", 0), r.get("losses", 0)]
        for r in by_agency
    ]
    _sheet(book, "分单位", ["单位", "收案", "结案", "败诉"], rows)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _summary(book: Workbook, title: str, stats: dict[str, Any]) -> None:
    summary = book.active
    summary.title = "概况"
    summary.append([title])
    summary.append(["项目", "数量"])
    for key, value in stats.get("counts", {}).items():
        summary.append([COUNT_LABELS.get(key, key), value])
    summary.append([])
    summary.append(["指标", "数值", "分子", "分母", "公式"])
    for rate in stats.get("rates", []):
        name = RATE_LABELS.get(rate["name"], rate["name"])
        numbers = [rate.get(k) for k in ("value", "numerator", "denominator", "formula")]
        summary.append([name, *numbers])


def _deadlines(book: Workbook, rows: list[dict[str, Any]]) -> None:
    sheet = _sheet(
        book,
        "期限",
        ["期限", "按期", "逾期完成", "未完成（逾期）", "进行中"],
        [
            [
                DEADLINE_LABELS.get(r["kind"], r["kind"]),
                r.get("met", 0),
                r.get("met_late", 0),
                r.get("missed", 0),
                r.get("open", 0),
            ]
            for r in rows
        ],
    )
    if not rows:
        return
    chart = BarChart()
    chart.title = "期限执行情况"
    chart.y_axis.title = "件数"
    data = Reference(sheet, min_col=2, max_col=4, min_row=1, max_row=len(rows) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(rows) + 1))
    sheet.add_chart(chart, "G2")


def _sheet(book: Workbook, name: str, head: list[str], rows: list[list[Any]]) -> Any:
    sheet = book.create_sheet(name)
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    return sheet
