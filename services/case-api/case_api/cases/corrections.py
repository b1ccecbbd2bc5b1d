"""What may be corrected or retracted, by whom and until when (DOMAIN.md §3; docs/agencies.md).

A correction names an earlier fact of the case by its version and gives new values for some
of its fields; a retraction withdraws a fact recorded on the wrong case. Both are events of
their own: the original stays in the record, and everything derived follows the corrected
value. The rules:

- **Scope.** Only the fields in ``correctable.CORRECTABLE`` (dates, and their details). A
  case's court, number and agencies make it another case: file that one. An outcome is
  corrected by the court's next judgment, an accountability step by its own procedure (a
  returned report, a sanction appeal). Corrections and retractions themselves are never
  corrected: correct the original again (the later value wins).
- **Who.** The role that recorded the fact (for an agency's fact, the same agency), the
  bureau overseeing the case, or an administrator. A court's served date is corrected only by
  the court or the bureau.
- **When.** Whoever recorded the fact, within ``WINDOW_DAYS`` of recording it and while the
  case is open; after that only the bureau (or an administrator).
- **Consistency.** The corrected history must pass every rule the facts passed when they were
  recorded (``history.replay_checked``), the date rules of ``facts`` included.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from case_api.cases.correctable import RETRACTABLE
from case_api.cases.history import NOT_FACTS, corrected_facts
from case_api.cases.values import Status
from case_api.platform.domain_errors import InvalidValue, RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case

SHANGHAI = ZoneInfo("Asia/Shanghai")

WINDOW_DAYS = 30
"""How long the recorder may correct its own fact: typing mistakes show within weeks, and a
later change of a record others rely on is the overseeing bureau's call."""

OVERSEERS = frozenset({"bureau_officer", "admin"})


REFUSALS: list[tuple[int, str, str, str]] = [
    (
        422,
        "no-such-fact",
        "The case has no fact at version 9 that can be corrected or retracted.",
        "案件没有可更正或撤回的第 9 号事项。",
    ),
    (
        422,
        "field-not-correctable",
        "Correctable fields of DocumentServed: served_date, hearing_date, document_number.",
        "该事项可更正的字段为：served_date, hearing_date, document_number。",
    ),
    (
        422,
        "fact-not-correctable",
        "CaseFiled facts are not corrected this way.",
        "该类事项不能通过更正修改。",
    ),
    (
        422,
        "correction-changes-nothing",
        "Every corrected field already has that value.",
        "更正值与现有记录相同。",
    ),
    (
        409,
        "correction-by-recorder-or-bureau",
        "A fact is corrected by whoever recorded it, or by the bureau.",
        "事项只能由原记录方或司法局更正。",
    ),
    (
        409,
        "correction-window-closed",
        "Its recorder may correct a fact within 30 days and while the case is open; ask the "
        "bureau.",
        "原记录方只能在记录后30日内且案件未结案时更正，请联系司法局。",
    ),
    (409, "fact-retracted", "The fact at version 5 was retracted.", "第 5 号事项已撤回。"),
]
"""Examples of the correction rules' refusals (status, code, English, Chinese)."""


def check_corrector(
    status: str, recorded: Mapping[str, Any], meta: Mapping[str, Any], today: date | None
) -> None:
    """Who may correct or retract a fact recorded with ``recorded`` = {meta, on}, and when."""
    role = meta.get("role")
    if role in OVERSEERS:
        return
    original = recorded["meta"]
    same_agency = role != "agency_user" or meta.get("agency") == original.get("agency")
    if role != original.get("role") or not same_agency:
        raise RuleViolation(
            "correction-by-recorder-or-bureau",
            "A fact is corrected by whoever recorded it, or by the bureau.",
            "事项只能由原记录方或司法局更正。",
            recorded_by=original.get("role"),
        )
    late = today is not None and today > recorded["on"] + timedelta(days=WINDOW_DAYS)
    if late or status == Status.CLOSED:
        raise RuleViolation(
            "correction-window-closed",
            f"Its recorder may correct a fact within {WINDOW_DAYS} days and while the case is "
            "open; ask the bureau.",
            f"原记录方只能在记录后{WINDOW_DAYS}日内且案件未结案时更正，请联系司法局。",
            window_days=WINDOW_DAYS,
        )


def fact_at(case: Case, version: int) -> Any:
    """The fact recorded at ``version``: not the filing, not a correction, not retracted."""
    found = next((e for e in case.history if e.originator_version == version), None)
    if found is None or type(found).__name__ in NOT_FACTS:
        raise InvalidValue(
            "no-such-fact",
            f"The case has no fact at version {version} that can be corrected or retracted.",
            f"案件没有可更正或撤回的第 {version} 号事项。",
            event_version=version,
        )
    if all(e.originator_version != version for e in corrected_facts(case.history)):
        raise RuleViolation(
            "fact-retracted",
            f"The fact at version {version} was retracted.",
            f"第 {version} 号事项已撤回。",
            event_version=version,
        )
    return found


def check_changes(case: Case, version: int, values: Mapping[str, Any]) -> None:
    """A correction must change a value the fact has now (after earlier corrections)."""
    current = next(e for e in corrected_facts(case.history) if e.originator_version == version)
    if all(_value(current, path) == value for path, value in values.items()):
        raise InvalidValue(
            "correction-changes-nothing",
            "Every corrected field already has that value.",
            "更正值与现有记录相同。",
        )


def check_retractable(original: Any) -> None:
    kind = type(original).__name__
    if kind not in RETRACTABLE:
        raise InvalidValue(
            "fact-not-retractable",
            f"{kind} facts are not retracted this way.",
            "该类事项不能撤回。",
            event_type=kind,
        )


def day_of(moment: datetime) -> date:
    """The Asia/Shanghai day of a recording time."""
    return moment.astimezone(SHANGHAI).date()


def _value(event: Any, path: str) -> Any:
    head, _, rest = path.partition(".")
    value = vars(event).get(head)
    return (value or {}).get(rest) if rest else value
