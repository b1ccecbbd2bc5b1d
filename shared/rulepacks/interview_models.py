"""约谈: the bureau interviews the heads of agencies whose figures stay bad, as pack data.

Wenzhou's joint meeting may interview the heads of agencies whose number of lost cases or
loss rate stays high [000 五(二)]; Guangzhou interviews the leaders of a unit with any of the
"four failures" (四不问题) [004 5-⑤三]. Each trigger names a figure of ``shared.metrics``
and says who fixed its number: the clause (``regulation``) or, where the clause names the
figure but no number, the bureau (``bureau``, with ``note_zh`` saying what it set).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from shared.metrics import catalogue
from shared.rulepacks.rule_models import STRICT, Actor, Ident, Text


class InterviewTrigger(BaseModel):
    """An agency whose ``metric`` ``op`` ``threshold`` over a period is proposed for an
    interview. ``min_denominator``: a rate counts only over at least this many cases, so one
    lost case of one is not a loss rate "staying high"."""

    model_config = STRICT
    metric: Ident
    op: Literal["gt", "ge"]
    threshold: float = Field(ge=0)
    min_denominator: int | None = Field(default=None, gt=0)
    name_zh: Text
    source: Text
    configured_by: Literal["regulation", "bureau"]
    note_zh: Text | None = None

    @model_validator(mode="after")
    def _known(self) -> InterviewTrigger:
        figures = catalogue()
        if self.metric not in figures.figure_keys():
            raise ValueError(f"no figure named {self.metric} (shared/metrics/definitions.yaml)")
        if self.min_denominator is not None and self.metric not in {r.key for r in figures.rates}:
            raise ValueError("min_denominator applies to rates only")
        if self.configured_by == "bureau" and self.note_zh is None:
            raise ValueError("a threshold the bureau configured says so in note_zh")
        return self


class Interviews(BaseModel):
    """Who interviews whom (``interviewees_zh``), and the figures that propose an agency."""

    model_config = STRICT
    title: Text
    title_zh: Text
    source: Text
    actor: Actor
    interviewees_zh: Text
    triggers: tuple[InterviewTrigger, ...] = Field(min_length=1)
