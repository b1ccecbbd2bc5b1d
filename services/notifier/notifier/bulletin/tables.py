"""The rows of the bulletin's tables, shared by the HTML (and so the PDF) and the XLSX."""

from __future__ import annotations

from typing import Any

from notifier.bulletin.figures import Figures, Rate
from notifier.bulletin.ranking import RateCell


def percent(cell: RateCell) -> str:
    return "—" if cell.value is None else f"{cell.value * 100:.1f}%"


def fraction(cell: RateCell) -> str:
    if cell.numerator is None or cell.denominator is None:
        return "—"
    return f"{cell.numerator} ÷ {cell.denominator}"


def flag(met: bool | None) -> str:
    return "—" if met is None else ("达标" if met else "未达标")


def rate_rows(rates: list[Rate]) -> list[list[str]]:
    return [[r.name, percent(r.cell), fraction(r.cell), r.formula, r.note] for r in rates]


def agency_rows(figures: Figures) -> tuple[list[str], list[list[Any]]]:
    head = ["排名", "单位", "收案", "结案", "败诉", "败诉率", "负责人出庭率"]
    head += [t.name for t in figures.targets]
    rows = [
        [
            row.rank or "—",
            row.name,
            row.received,
            row.concluded,
            row.losses,
            percent(row.rates.get("loss_rate", RateCell())),
            percent(row.rates.get("head_appearance_rate", RateCell())),
            *(flag(met) for met in row.flags),
        ]
        for row in figures.agencies
    ]
    return head, rows
