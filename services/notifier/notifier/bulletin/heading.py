"""What makes a bulletin read as an official notice: who issues it (发文机关), its number
line (文号), its title and the date it is issued on (GB/T 9704 style, Arabic numerals)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.reporting_periods import parse_period, period_label


@dataclass(frozen=True)
class Heading:
    issuer: str
    number: str
    title: str
    period_label: str
    issued: date

    @property
    def issued_zh(self) -> str:
        return chinese_date(self.issued)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def make_heading(jurisdiction_name: str, title_zh: str, period: str, issued: date) -> Heading:
    """The bureau of the jurisdiction issues its bulletins; each kind is numbered by period
    within its year (September's monthly bulletin is 第9期, the second half-year's 第2期)."""
    year, index, _ = parse_period(period)
    return Heading(
        issuer=f"{jurisdiction_name}司法局",
        number=f"〔{year}〕第{index + 1}期",
        title=f"{jurisdiction_name}{title_zh}（{period_label(period)}）",
        period_label=period_label(period),
        issued=issued,
    )
