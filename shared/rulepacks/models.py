"""Pydantic models of a rule pack file (``packs/<id>/v<version>.yaml``).

A pack is a jurisdiction's rules as versioned data. Checks that need other packs (includes,
anchors, amendments, cycles) are done by the library when it resolves a pack.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from shared.rulepacks.accountability_models import Accountability
from shared.rulepacks.interview_models import Interviews
from shared.rulepacks.loss_report_models import LossReportRequirements
from shared.rulepacks.mediation_models import Mediation
from shared.rulepacks.response_models import ResponseLead
from shared.rulepacks.rule_models import (
    STRICT,
    Actor,
    Anchor,
    Escalation,
    EventMatch,
    Ident,
    Rule,
    RuleKind,
    Text,
)
from shared.rulepacks.section_models import (
    AppealPeriod,
    Appearance,
    AppearanceCap,
    AppearanceGround,
    Bulletin,
    Proceedings,
    Remediation,
    Target,
    TypicalCases,
)

__all__ = [
    "Accountability",
    "AppealPeriod",
    "Actor",
    "Amendment",
    "Anchor",
    "Appearance",
    "AppearanceCap",
    "AppearanceGround",
    "Bulletin",
    "Document",
    "Escalation",
    "EventMatch",
    "Interviews",
    "Mediation",
    "LossReportRequirements",
    "Pack",
    "Policy",
    "Proceedings",
    "Remediation",
    "ResponseLead",
    "Rule",
    "RuleKind",
    "TypicalCases",
    "Target",
]


class Policy(BaseModel):
    """Named settings the regulations leave open (DOMAIN.md §4 "Computing periods").

    ``makeup_day_is_working_day``: a 调休 make-up working day ends a period like any working
    day (the earlier, safer reading). ``reminders_on_rest_days: earlier`` moves a reminder off
    a rest day to the previous working day, so nobody is reminded late.
    """

    model_config = STRICT
    makeup_day_is_working_day: bool
    reminder_hour: int = Field(ge=0, le=23)  # Asia/Shanghai local hour
    reminders_on_rest_days: Literal["earlier", "keep"]


class Document(BaseModel):
    """A regulation the pack's rules cite, as a message names it to a recipient.

    ``id`` is the first word of a rule's ``source`` ("003", "行政诉讼法"). ``numbering``
    says how its clauses read: ``articles`` (第七条, §67) or ``outline`` (二、(一) 1.).
    ``clauses`` words a clause whose number means nothing outside the document.
    """

    model_config = STRICT
    id: Text
    title_zh: Text
    numbering: Literal["articles", "outline"]
    clauses: dict[str, Text] = Field(default_factory=dict)


class Amendment(BaseModel):
    """Reminders and escalation a local pack adds to an included rule; the period stays."""

    model_config = STRICT
    rule: Ident
    source: Text
    reminders: tuple[Annotated[int, Field(gt=0)], ...] = ()
    escalation: tuple[Escalation, ...] = ()


class Pack(BaseModel):
    model_config = STRICT
    id: Ident
    version: int = Field(ge=1)
    effective_from: date  # Asia/Shanghai calendar date
    name: Text
    name_zh: Text
    note: str | None = None
    includes: tuple[Ident, ...] = ()
    policy: Policy
    rules: tuple[Rule, ...] = ()
    amend: tuple[Amendment, ...] = ()
    appearance: Appearance | None = None
    appeal: AppealPeriod | None = None
    remediation: Remediation | None = None
    bulletins: tuple[Bulletin, ...] = ()
    accountability: Accountability | None = None
    typical_cases: TypicalCases | None = None
    mediation: Mediation | None = None
    proceedings: Proceedings | None = None
    response_lead: ResponseLead | None = None
    loss_report: LossReportRequirements | None = None
    targets: tuple[Target, ...] = ()
    interviews: Interviews | None = None
    documents: tuple[Document, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> Pack:
        repeated = [i for i, n in Counter(r.id for r in self.rules).items() if n > 1]
        if repeated:
            raise ValueError(f"rule ids repeat: {', '.join(repeated)}")
        amended = [i for i, n in Counter(a.rule for a in self.amend).items() if n > 1]
        if amended:
            raise ValueError(f"rules amended twice: {', '.join(amended)}")
        if self.id in self.includes:
            raise ValueError("a pack cannot include itself")
        return self
