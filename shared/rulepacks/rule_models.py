"""One deadline rule of a pack: trigger or anchor, period, actor, what satisfies it (DOMAIN.md §4).

Every event and field a rule names is checked against ``shared.eventtypes`` when the pack
loads, so a typo fails at start-up instead of silently never firing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from shared.eventtypes import EVENT_TYPES, Scalar
from shared.periods import Direction, Unit

STRICT = ConfigDict(frozen=True, extra="forbid")
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class RuleKind(StrEnum):
    ANSWER = "answer"
    HEARING = "hearing"
    PERFORMANCE = "performance"
    REPORT = "report"  # 报备 / 报告 of a document or a fact
    FEEDBACK = "feedback"  # 反馈 the day after acting [004 5-①]
    FILING = "filing"  # 备案 of papers with the bureau
    FORWARDING = "forwarding"  # the bureau passing a filing on (转报)
    PLAN = "plan"  # 应诉方案
    RISK_REPORT = "risk_report"
    LOSS_REPORT = "loss_report"  # 败诉分析报告 / 责任分析报告 / 分析整改报告
    INVESTIGATION = "investigation"
    REVIEW = "review"
    HANDLING = "handling"  # 处理 of the accountability outcome
    MEETING = "meeting"
    SUGGESTION_REPLY = "suggestion_reply"  # 司法建议 / 检察建议的书面回复 [001 四(四)]


class Actor(StrEnum):
    AGENCY = "agency"  # 被诉行政机关 / 涉案单位
    BUREAU = "bureau"  # 司法局 / 政府法制机构
    ORGAN = "organ"  # discipline and personnel organs
    COURT = "court"
    DECIDING_ORGAN = "deciding_organ"  # 问责机关


class Lapse(StrEnum):
    """Which end of the case makes the duty moot (DOMAIN.md §3-4).

    ``conclusion``: the suit ends — withdrawn, mediated, an effective judgment, or closed —
    (the answer, the hearing, the reports of served papers). ``closure``: only the bureau
    closing the case ends it (what an effective judgment itself calls for: reporting it,
    performing it). ``never``: the accountability procedure after a loss, which goes on after
    the suit is closed. A duty that lapses before its due date is waived; one already overdue
    stays missed, and nobody is chased about either any more.
    """

    CONCLUSION = "conclusion"
    CLOSURE = "closure"
    NEVER = "never"


LAPSE_EVENTS: dict[Lapse, tuple[str, ...]] = {
    Lapse.CONCLUSION: (
        "CaseConcluded",
        "JudgmentEffective",
        "ReconsiderationDecided",
        "CaseClosed",
    ),
    Lapse.CLOSURE: ("CaseClosed",),
    Lapse.NEVER: (),
}
"""The events that end the case for each ``Lapse``."""


class Escalation(StrEnum):
    """Who is told when the deadline is missed."""

    AGENCY_HEAD = "agency_head"
    BUREAU = "bureau"


class EventMatch(BaseModel):
    """An event of type ``event`` whose fields take one of the listed values.

    ``when`` paths may be nested (``judgment.outcome``); a list-valued field (``flags``) matches
    when any element is listed. ``same`` (satisfied_by only) pairs a field of this event with
    a field of the trigger event, e.g. the appearance at *that* hearing.
    """

    model_config = STRICT
    event: str
    when: dict[str, tuple[Scalar, ...]] = Field(default_factory=dict)
    date_field: str | None = None
    same: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, data: Any) -> Any:
        return {"event": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _known(self) -> EventMatch:
        spec = EVENT_TYPES.get(self.event)
        if spec is None:
            raise ValueError(f"unknown event type {self.event!r}")
        for path, values in self.when.items():
            if path not in spec.fields:
                raise ValueError(f"{self.event} has no filterable field {path!r}")
            vocabulary = spec.fields[path]
            wrong = [v for v in values if vocabulary is not None and v not in vocabulary]
            if wrong or not values:
                raise ValueError(f"{self.event}.{path}: {wrong or 'no values'} not in {vocabulary}")
        if self.date_field is not None and self.date_field not in spec.date_fields:
            raise ValueError(f"{self.event} has no date field {self.date_field!r}")
        unknown = [path for path in self.same if not spec.knows(path)]
        if unknown:
            raise ValueError(f"{self.event} has no field {unknown[0]!r} to correlate on")
        return self


class Anchor(BaseModel):
    """Count from another rule's deadline of the same trigger instead of from an event.

    ``use: satisfied_or_due`` counts from the day the anchor was met when it was, else from
    its due date ("3 working days after that", [002 第七条]).
    """

    model_config = STRICT
    rule: Ident
    use: Literal["due", "satisfied_or_due"] = "due"


class Rule(BaseModel):
    """A deadline rule (DOMAIN.md §4), counted as "Computing periods" there says.

    Local periods are calendar days unless ``unit`` says working days. ``fixed_date`` marks a
    date the court sets (a hearing): due that very day, no rest-day rule. Each trigger
    occurrence yields one deadline unless ``once``.
    """

    model_config = STRICT
    id: Ident
    kind: RuleKind
    title: Text
    title_zh: Text
    source: Text
    trigger: tuple[EventMatch, ...] = ()
    anchor: Anchor | None = None
    once: bool = False  # only the first matching trigger of a case creates a deadline
    offset: int = Field(ge=0)
    unit: Unit
    direction: Direction = Direction.AFTER
    fixed_date: bool = False
    actor: Actor
    satisfied_by: tuple[EventMatch, ...] = Field(min_length=1)
    cancelled_by: tuple[EventMatch, ...] = ()
    lapses_on: Lapse
    reminders: tuple[Annotated[int, Field(gt=0)], ...] = ()  # days before the due date
    escalation: tuple[Escalation, ...] = ()

    @field_validator("trigger", "satisfied_by", "cancelled_by", mode="before")
    @classmethod
    def _as_list(cls, value: Any) -> Any:
        """A single match may be written without a list."""
        return [value] if isinstance(value, dict | str) else value

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if bool(self.trigger) == (self.anchor is not None):
            raise ValueError("a rule needs exactly one of trigger or anchor")
        if any(m.date_field is None for m in self.trigger + self.satisfied_by):
            raise ValueError("trigger and satisfied_by need a date_field")
        if self.fixed_date and (self.offset or self.anchor):
            raise ValueError("fixed_date needs offset 0 and a trigger")
        if self.anchor is not None and (self.once or self._correlations()):
            raise ValueError("an anchored rule cannot use once or same")
        for theirs in self._correlations():
            if not all(EVENT_TYPES[m.event].knows(theirs) for m in self.trigger):
                raise ValueError(f"same: trigger events lack field {theirs!r}")
        if len(set(self.reminders)) != len(self.reminders):
            raise ValueError("reminders repeat a day")
        self._meetable()
        ending = set(LAPSE_EVENTS[self.lapses_on]) & {m.event for m in self.trigger}
        if ending:
            raise ValueError(f"lapses_on {self.lapses_on}: the trigger {ending.pop()} ends it")
        return self

    def _meetable(self) -> None:
        """Every rule can be met: by an event the API records, for the rule's actor."""
        for match in self.satisfied_by:
            if EVENT_TYPES[match.event].planned:
                raise ValueError(f"satisfied_by: {match.event} is planned: nothing records it")
        if not any(self.actor in EVENT_TYPES[m.event].recorded_by for m in self.satisfied_by):
            events = ", ".join(m.event for m in self.satisfied_by)
            raise ValueError(f"actor {self.actor}: cannot record any of {events}")

    def _correlations(self) -> set[str]:
        return {theirs for m in self.satisfied_by for theirs in m.same.values()}

    def events(self) -> frozenset[str]:
        """Every event type the rule reads."""
        matches = self.trigger + self.satisfied_by + self.cancelled_by
        return frozenset(m.event for m in matches)
