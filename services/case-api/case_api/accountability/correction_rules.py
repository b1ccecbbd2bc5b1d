"""纠正意见 [000 五(二)]: the joint meeting convened by the legal office finds a unit's decision
on a lost case improper and requires the unit to decide again. The opinion reopens that
decision; until the new one is made the old stays on record as the current decision (it is
the one the statistics count), but it can no longer be appealed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from case_api.accountability.domain import AccountabilityPolicy
from case_api.accountability.rules import require_effective_loss
from case_api.platform.domain_errors import InvalidValue, RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case


def check_corrective_opinion(
    case: Case,
    policy: AccountabilityPolicy | None,
    party_id: str,
    meeting_date: date,
    issued_date: date,
) -> str:
    """The clause the opinion rests on."""
    found = require_effective_loss(case, policy)
    if found.corrective_opinion_source is None:
        raise RuleViolation(
            "corrective-opinion-not-in-pack",
            f"The {found.pack} pack gives no joint meeting the power to reopen a decision.",
            "本辖区规则包未规定联席会议纠正意见。",
        )
    decision = case.accountability["decisions"].get(party_id)
    if decision is None:
        raise RuleViolation(
            "corrective-opinion-requires-decision",
            f"Party {party_id} has no decision to correct.",
            "该责任对象尚无处理决定，无可纠正。",
        )
    if decision.get("correction") == "pending":
        raise RuleViolation(
            "correction-pending",
            "A corrective opinion on this decision awaits the unit's new decision.",
            "已有纠正意见待责任单位重新作出处理。",
        )
    if decision["appeal"] == "pending":
        raise RuleViolation(
            "appeal-pending",
            "The party's appeal is pending; the decision is corrected after it is decided.",
            "复核或申诉正在处理，待其处理完毕后再提出纠正意见。",
        )
    if issued_date < meeting_date:
        raise InvalidValue(
            "opinion-before-meeting",
            "The opinion cannot be issued before the meeting that adopted it.",
            "纠正意见的提出日期不能早于联席会议日期。",
            field="issued_date",
        )
    return found.corrective_opinion_source


def reopened(case: Case, party_id: str) -> bool:
    """Whether a corrective opinion requires a new decision for the party."""
    decision = case.accountability["decisions"].get(party_id)
    return bool(decision and decision.get("correction") == "pending")
