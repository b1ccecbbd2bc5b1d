"""A report as a spreadsheet: its sections in order on the first sheet (each under its
Chinese title), the agency ranking and the deadline table on sheets of their own, as the
monthly bulletin has them."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from notifier.bulletin import labels
from notifier.bulletin.figures import Figures, Rate
from notifier.bulletin.heading import Heading
from notifier.bulletin.render_html import SECTIONS
from notifier.bulletin.render_xlsx import _agencies, _day, _deadlines, _table, _widths
from notifier.bulletin.tables import fraction

NUMERALS = "一二三四五六七八九十"
RATE_HEAD = ["指标", "数值", "计算", "计算公式", "说明"]


def render_report_xlsx(heading: Heading, figures: Figures, sections: tuple[str, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "概况"
    for line in (heading.issuer, heading.number, heading.title):
        sheet.append([line])
    sheet["A3"].font = Font(bold=True, size=14)
    sheet.append([f"统计期间：{_day(figures.start)}至{_day(figures.end)}"])
    for i, key in enumerate(sections):
        sheet.append([])
        sheet.append([f"{NUMERALS[i]}、{SECTIONS[key][0]}"])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        SHEETS[key](book, sheet, figures)
    sheet.append([])
    sheet.append([f"发文机关：{heading.issuer}", "", f"日期：{heading.issued_zh}"])
    _widths(sheet, [26, 12, 14, 40, 22])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _rates(sheet: Worksheet, rates: list[Rate]) -> None:
    rows = [
        [r.name, r.cell.value if r.cell.value is not None else "—", fraction(r.cell), r.formula]
        + [r.note]
        for r in rates
    ]
    _table(sheet, RATE_HEAD, rows, percent_columns=(2,))


def _counts_and_rates(counts: tuple[str, ...], rates: tuple[str, ...], unit: str) -> Any:
    def draw(_book: Workbook, sheet: Worksheet, figures: Figures) -> None:
        _table(sheet, ["项目", unit], figures.counts_of(counts))
        sheet.append([])
        _rates(sheet, figures.rates_of(rates))

    return draw


def _own_sheet(title: str, draw: Callable[[Worksheet, Figures], None]) -> Any:
    def drawn(book: Workbook, sheet: Worksheet, figures: Figures) -> None:
        sheet.append([f"见“{title}”工作表"])
        draw(book.create_sheet(title), figures)

    return drawn


SHEETS: dict[str, Callable[[Workbook, Worksheet, Figures], None]] = {
    "counts": lambda _b, s, f: _table(s, ["项目", "数量（件）"], f.counts),
    "rates": lambda _b, s, f: _rates(s, f.rates),
    "ranking": _own_sheet("单位排名", _agencies),
    "deadlines": _own_sheet("期限执行", _deadlines),
    "four_failures": lambda _b, s, f: _table(s, ["问题", "件数"], f.failures),
    "repeated_losses": lambda _b, s, f: _table(s, ["单位", "案由", "败诉件数"], f.repeated),
    "suggestions": lambda _b, s, f: _table(s, ["项目", "件数"], f.suggestions),
    "appearance": _counts_and_rates(labels.APPEARANCE_COUNTS, labels.APPEARANCE_RATES, "庭次"),
    "losses": _counts_and_rates(labels.LOSS_COUNTS, labels.LOSS_RATES, "件数"),
    "risks": lambda _b, s, f: _table(s, ["项目", "件数"], f.risks),
    "accountability": lambda _b, s, f: _table(s, ["项目", "人次、单位次"], f.accountability),
}
