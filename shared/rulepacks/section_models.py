"""Pack sections that are not case deadlines: appearance duty, remediation, bulletins,
typical cases, targets."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from shared.metrics import catalogue
from shared.rulepacks.rule_models import STRICT, Actor, Ident, Text

HeadLevel = Literal["head", "principal_head"]


class AppearanceGround(BaseModel):
    """One case circumstance that requires a head (负责人) or the principal head to appear.

    Exactly one condition: ``always``, any of ``flags`` set on the filed case, at least
    ``min_plaintiffs`` plaintiffs, or the agency's first first-instance hearing of the year.
    """

    model_config = STRICT
    id: Ident
    level: HeadLevel
    title: Text
    title_zh: Text
    source: Text
    always: bool = False
    flags: tuple[Text, ...] = ()
    min_plaintiffs: int | None = Field(default=None, gt=0)
    first_hearing_of_year: bool = False

    @model_validator(mode="after")
    def _one_condition(self) -> AppearanceGround:
        conditions = [
            self.always,
            bool(self.flags),
            self.min_plaintiffs is not None,
            self.first_hearing_of_year,
        ]
        if sum(conditions) != 1:
            raise ValueError("an appearance ground needs exactly one condition")
        return self


class AppearanceCap(BaseModel):
    """A circumstance that names who appears instead, capping the level required.

    Xiangshan: where the county government is the defendant, a deputy county head appears
    (a head, not the principal head) [003 二(二)1].
    """

    model_config = STRICT
    id: Ident
    level: HeadLevel
    flags: tuple[Text, ...] = Field(min_length=1)
    title: Text
    title_zh: Text
    source: Text


class Appearance(BaseModel):
    model_config = STRICT
    grounds: tuple[AppearanceGround, ...] = ()
    caps: tuple[AppearanceCap, ...] = ()


class Remediation(BaseModel):
    """补救: after one of ``after_missed`` was missed the agency works out remedies.

    No period is set by the source, so it is a standing duty the notifier raises (a
    ``RemediationRequired`` event naming the deadline), not a case deadline.
    """

    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text
    source: Text
    after_missed: tuple[Ident, ...] = Field(min_length=1)
    actor: Actor


ReportSection = Literal[
    "counts",
    "rates",
    "ranking",
    "deadlines",
    "four_failures",
    "repeated_losses",
    "suggestions",
    "appearance",
    "losses",
    "risks",
    "accountability",
]
"""What a report may carry, each a section of figures from the statistics answer."""


class Recipient(BaseModel):
    """Who a report goes to besides the bureau's own bulletin channel, e.g. the county
    government [003 二(五)2]; ``id`` names the channel (``report:<jurisdiction>:<id>``)."""

    model_config = STRICT
    id: Ident
    title_zh: Text
    source: Text


class Bulletin(BaseModel):
    """通报 or 报告: a periodic oversight publication of the jurisdiction's figures (DOMAIN.md
    §7). ``sections``: what it carries, in order (none: every section of the monthly
    bulletin); ``recipients``: who receives it besides the bureau's bulletin channel."""

    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text
    source: Text
    every: Literal["month", "quarter", "half_year", "year"]
    scope: Literal["city", "county"]
    actor: Actor
    sections: tuple[ReportSection, ...] = ()
    recipients: tuple[Recipient, ...] = ()

    @model_validator(mode="after")
    def _distinct(self) -> Bulletin:
        if len(set(self.sections)) != len(self.sections):
            raise ValueError(f"{self.id}: a section named twice")
        if len({r.id for r in self.recipients}) != len(self.recipients):
            raise ValueError(f"{self.id}: a recipient named twice")
        return self


class Target(BaseModel):
    """A figure the jurisdiction sets itself, e.g. Xiangshan's loss rate below 8% [003 一]:
    ``metric`` (a key of ``shared.metrics``) ``op`` ``threshold`` is met."""

    model_config = STRICT
    metric: Ident
    op: Literal["lt", "le", "gt", "ge"]
    threshold: float = Field(ge=0)
    name_zh: Text
    source: Text

    @model_validator(mode="after")
    def _known_metric(self) -> Target:
        if self.metric not in catalogue().figure_keys():
            raise ValueError(f"no figure named {self.metric} (shared/metrics/definitions.yaml)")
        return self


class AppealPeriod(BaseModel):
    """上诉期限: a party may appeal a first-instance judgment or ruling within these days of
    its own service; nobody appealing, it takes effect the day after the last party's period
    ends (DOMAIN.md §4). Counted as calendar days with the rest-day rule.
    """

    model_config = STRICT
    title: Text
    title_zh: Text
    source: Text
    judgment_days: int = Field(gt=0)
    ruling_days: int = Field(gt=0)


class TypicalCases(BaseModel):
    """典型案例: the bureau publishes decided cases for agencies to learn from. ``every``: the
    period in which at least one must be published (Xiangshan: each quarter [003 二(五)1]);
    None where the text asks for timely publication without a period [000 五(一)]."""

    model_config = STRICT
    title: Text
    title_zh: Text
    source: Text
    every: Literal["month", "quarter", "half_year", "year"] | None = None
    actor: Actor


ReconsiderationOutcome = Literal[
    "upheld", "revoked", "changed", "confirmed_illegal", "ordered_to_act"
]


class ReconsiderationLoss(BaseModel):
    """A reconsideration decision's outcome the pack counts as a loss (败诉), with its clause."""

    model_config = STRICT
    outcome: ReconsiderationOutcome
    source: Text


class Proceedings(BaseModel):
    """What the pack says about kinds of proceeding other than the administrative suit.

    ``reconsideration_losses``: the reconsideration outcomes counted as losses in the loss
    figures and open to accountability (Jinzhai [001 三]); a pack without them counts none.
    """

    model_config = STRICT
    reconsideration_losses: tuple[ReconsiderationLoss, ...] = ()

    @model_validator(mode="after")
    def _once(self) -> Proceedings:
        outcomes = [loss.outcome for loss in self.reconsideration_losses]
        if len(outcomes) != len(set(outcomes)):
            raise ValueError("a reconsideration outcome is listed twice")
        if "upheld" in outcomes:
            raise ValueError("an upheld decision is not a loss")
        return self
