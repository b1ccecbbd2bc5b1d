"""The bulletin as a spreadsheet: the same Chinese tables, rates as numbers formatted as
percentages, and a native (editable) Excel chart with its legend and values."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from notifier.bulletin.figures import Figures
from notifier.bulletin.heading import Heading, chinese_date
from notifier.bulletin.labels import DEADLINE_LABELS, DEADLINE_STATUSES
from notifier.bulletin.tables import agency_rows, fraction

BOLD, HEAD_FILL = Font(bold=True), PatternFill("solid", fgColor="F2F2F2")
UNMET = Font(bold=True, color="B71C1C")


def render_xlsx(heading: Heading, figures: Figures) -> bytes:
    book = Workbook()
    _summary(book.active, heading, figures)
    _agencies(book.create_sheet("单位排名"), figures)
    _deadlines(book.create_sheet("期限执行"), figures)
    _table(book.create_sheet("四不问题"), ["问题", "件数"], figures.failures)
    _table(book.create_sheet("一败再败"), ["单位", "案由", "败诉件数"], figures.repeated)
    _table(book.create_sheet("司法建议检察建议"), ["项目", "件数"], figures.suggestions)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _summary(sheet: Worksheet, heading: Heading, figures: Figures) -> None:
    sheet.title = "概况"
    for line in (heading.issuer, heading.number, heading.title):
        sheet.append([line])
    sheet["A3"].font = Font(bold=True, size=14)
    sheet.append([f"统计期间：{_day(figures.start)}至{_day(figures.end)}"])
    sheet.append([])
    _table(sheet, ["项目", "数量（件）"], figures.counts)
    sheet.append([])
    rows = [
        [
            r.name,
            r.cell.value if r.cell.value is not None else "—",
            fraction(r.cell),
            r.formula,
            r.note,
        ]
        for r in figures.rates
    ]
    _table(sheet, ["指标", "数值", "计算", "计算公式", "说明"], rows, percent_columns=(2,))
    sheet.append([])
    sheet.append([f"发文机关：{heading.issuer}", "", f"日期：{heading.issued_zh}"])
    _widths(sheet, [22, 12, 14, 40, 22])


def _agencies(sheet: Worksheet, figures: Figures) -> None:
    head, rows = agency_rows(figures)
    for row, agency in zip(rows, figures.agencies, strict=True):
        row[5], row[6] = (
            agency.value(k) if agency.value(k) is not None else "—"
            for k in ("loss_rate", "head_appearance_rate")
        )
    _table(sheet, head, rows, percent_columns=(6, 7))
    for line in sheet.iter_rows(min_row=2):
        for cell in line[7:]:
            if cell.value == "未达标":
                cell.font = UNMET
    sheet.append([])
    sheet.append(
        ["排名按败诉率由低到高；败诉率相同的，按负责人出庭率由高到低。“—”表示分母为0、无法计算。"]
    )
    _widths(sheet, [6, 24, 8, 8, 8, 10, 14] + [16] * len(figures.targets))


def _deadlines(sheet: Worksheet, figures: Figures) -> None:
    rows = [
        [DEADLINE_LABELS[r["kind"]], *(r.get(k, 0) for k in DEADLINE_STATUSES)]
        for r in figures.deadlines
    ]
    _table(sheet, ["期限", *DEADLINE_STATUSES.values()], rows)
    _widths(sheet, [14, 12, 12, 12, 12])
    if not rows:
        return
    chart = BarChart()
    chart.title, chart.y_axis.title = "期限执行情况", "件数"
    data = Reference(sheet, min_col=2, max_col=5, min_row=1, max_row=len(rows) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(rows) + 1))
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.legend.position = "b"
    chart.width, chart.height = 18, 9
    sheet.add_chart(chart, "G2")


def _table(
    sheet: Worksheet, head: list[str], rows: list[Any], percent_columns: tuple[int, ...] = ()
) -> None:
    sheet.append(head)
    top = sheet.max_row
    for cell in sheet[top]:
        cell.font, cell.fill = BOLD, HEAD_FILL
        cell.alignment = Alignment(horizontal="center")
    for row in rows or [["本期无"]]:
        sheet.append(list(row))
        for column in percent_columns:
            cell = sheet.cell(sheet.max_row, column)
            # A rate of exactly 0 or 1 arrives as an int: formatted all the same (0.0%, 100.0%).
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = "0.0%"
            else:
                cell.alignment = Alignment(horizontal="right")


def _day(value: str) -> str:
    try:
        return chinese_date(date.fromisoformat(value))
    except ValueError:
        return value


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for i, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
