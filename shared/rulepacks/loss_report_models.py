"""What a pack requires of a loss analysis report (败诉分析报告) before it reaches the bureau:
the sections it must contain and the agency's own steps (审核, 集体讨论, 批准).

A pack without this section requires neither: a report is any text, submitted at once.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, model_validator

from shared.rulepacks.rule_models import STRICT, Ident, Text

StepId = Literal["legal_office_review", "collective_discussion", "principal_approval"]
"""法制机构审核 / 领导集体讨论 / 主要负责人审批: steps inside the losing agency."""


class ReportSection(BaseModel):
    """A part of the report's content the pack's clause names. ``with_performance_duty``:
    required only when the effective judgment imposes a duty to perform (有履行内容的)."""

    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text
    source: Text
    with_performance_duty: bool = False


class ReportStep(BaseModel):
    """A step the report goes through inside the agency, in the order listed.
    ``major_cases_only``: only for a major case (重大案件)."""

    model_config = STRICT
    id: StepId
    title: Text
    title_zh: Text
    source: Text
    major_cases_only: bool = False


class LossReportRequirements(BaseModel):
    """``major_flags``: the filing flags that make a case major for ``major_cases_only`` steps
    (the agency may also declare a case major when it drafts the report)."""

    model_config = STRICT
    sections: tuple[ReportSection, ...] = ()
    steps: tuple[ReportStep, ...] = ()
    major_flags: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _once(self) -> LossReportRequirements:
        for kind, ids in (("section", self.sections), ("step", self.steps)):
            repeated = [i for i, n in Counter(x.id for x in ids).items() if n > 1]
            if repeated:
                raise ValueError(f"loss report {kind}s repeat: {', '.join(repeated)}")
        return self
