"""Request and response bodies of typical cases."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from case_api.cases.schemas_commands import Body


class PublishTypicalCase(Body):
    """典型案例: the bureau publishes a concluded case for every agency to learn from."""

    title: str = Field(min_length=2, max_length=200)
    summary: str = Field(min_length=2, max_length=8000, description="基本案情与裁判要旨")
    lessons: str = Field(min_length=2, max_length=4000, description="警示与整改要点")
    published_date: date


class WithdrawTypicalCase(Body):
    """Withdraws a published case from the list; what was published stays on record."""

    withdrawn_date: date
    reason: str = Field(min_length=2, max_length=2000)


EXAMPLES: dict[type[Body], dict] = {
    PublishTypicalCase: {
        "title": "未依法履行告知义务被判撤销工伤认定",
        "summary": "被告作出工伤认定前未告知第三人陈述申辩权利，法院判决撤销。",
        "lessons": "作出对当事人不利的决定前，应当告知并听取陈述、申辩。",
        "published_date": "2026-10-15",
    },
    WithdrawTypicalCase: {"withdrawn_date": "2026-11-02", "reason": "二审改判，案例不再典型"},
}


def example_of(schema: type[Body]) -> dict:
    return {"default": {"summary": schema.__name__, "value": EXAMPLES[schema]}}


class TypicalCase(BaseModel):
    case_id: str
    case_number: str
    agency: str
    agency_name: str | None
    jurisdiction: str
    subject_matter: str
    title: str
    summary: str
    lessons: str
    published_date: date
    withdrawn_date: date | None
    withdrawal_reason: str | None


class TypicalCaseList(BaseModel):
    items: list[TypicalCase]
    next_cursor: str | None


class QuotaPeriod(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    period: str = Field(description="2026-Q3 (quarter), 2026-H2 (half-year), 2026-09, 2026")
    label: str = Field(description="The period as a Chinese title says it: 2026年第3季度")
    from_: date = Field(alias="from")
    to: date
    published: int = Field(description="Typical cases published in the period")
    withdrawn: int = Field(description="Of those, withdrawn since (the publication still counts)")
    status: Literal["met", "missed", "open", "upcoming"] = Field(
        description="met: at least one published; missed: the period ended with none; open:"
        " the period is running with none yet; upcoming: it has not begun"
    )


class TypicalCaseQuota(BaseModel):
    """How often the jurisdiction's pack asks for typical cases, and each period of a year."""

    jurisdiction: str
    jurisdiction_name: str
    pack: str
    every: Literal["month", "quarter", "half_year", "year"] | None = Field(
        description="None: the pack asks for typical cases without a period, or not at all"
    )
    title_zh: str | None
    source: str | None
    periods: list[QuotaPeriod]
