"""Invariants of the joint review of a major case (会同联合审核, [000 二(五)2]).

The legal office designates the case while the report awaits its review, naming the units
that review it together; each unit's position is recorded for one review of the report (its
round: 1 for the first, 2 after a returned report was resubmitted, and so on), so a
resubmitted report is reviewed jointly again. Which step waits: see ``check_review_waits``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from case_api.accountability.domain import AccountabilityPolicy, JointReviewPolicy, UnitPosition
from case_api.accountability.rules import not_in_pack
from case_api.cases.values import check
from case_api.platform.domain_errors import InvalidValue, RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case


def review_round(case: Case) -> int:
    """The review the submitted report awaits: one more than the reviews done."""
    return int(case.accountability["reviews"]) + 1


def require_joint_review(case: Case, policy: AccountabilityPolicy | None) -> JointReviewPolicy:
    if policy is None or policy.joint_review is None:
        raise RuleViolation(
            "no-joint-review-rules",
            f"Pack {case.pack} has no joint review of reports.",
            "本辖区规则包未规定会同联合审核。",
        )
    return policy.joint_review


def check_designation(
    case: Case,
    policy: AccountabilityPolicy | None,
    grounds: Sequence[str],
    units: Sequence[dict[str, Any]],
) -> None:
    found = require_joint_review(case, policy)
    if case.accountability["joint_review"] is not None:
        raise RuleViolation(
            "joint-review-already-designated",
            "The case is already designated for joint review.",
            "该案件已确定会同联合审核。",
        )
    _require_report_under_review(case)
    _listed_once("ground", grounds)
    _listed_once("unit", [u["unit_id"] for u in units])
    for ground in grounds:
        if ground not in found.grounds:
            raise not_in_pack(case.pack, "joint_review_ground", ground)
    for unit in units:
        if unit["kind"] not in found.kinds:
            raise not_in_pack(case.pack, "unit_kind", unit["kind"])
    missing = sorted(found.required - {u["kind"] for u in units})
    if missing:
        raise RuleViolation(
            "joint-review-needs-required-units",
            f"A joint review needs a unit of every required kind; missing: {', '.join(missing)}.",
            "联合审核须列明每一类必须参加的单位（法院、组织部门等）。",
            missing=", ".join(missing),
        )


def check_position(
    case: Case, policy: AccountabilityPolicy | None, unit_id: str, position: str
) -> None:
    require_joint_review(case, policy)
    state = case.accountability["joint_review"]
    if state is None:
        raise RuleViolation(
            "joint-review-not-designated",
            "The case is not designated for joint review.",
            "该案件未确定会同联合审核。",
        )
    if unit_id not in state["units"]:
        raise RuleViolation(
            "unit-not-in-joint-review",
            f"Unit {unit_id} does not take part in this joint review.",
            "该单位未列为联合审核单位。",
            unit_id=unit_id,
        )
    _require_report_under_review(case)
    if state["positions"].get(unit_id) == review_round(case):
        raise RuleViolation(
            "position-already-recorded",
            f"Unit {unit_id} has already stated its position on this review.",
            "该单位已就本次审核提出意见。",
            unit_id=unit_id,
        )
    check(UnitPosition, position, "position")


def check_review_waits(case: Case, policy: AccountabilityPolicy | None) -> None:
    """The review itself waits, not only the opinion: the seed makes the legal office's
    review of a major case a joint one (会同……联合审核) and the opinion is that review's
    result sent back; an approval recorded before the units spoke would also open the way to
    decisions, which need an approved report.

    Units of a required kind must each have stated a position on this review; others (等单位)
    may. Should the pack no longer declare the joint review, every named unit is waited for.
    """
    state = case.accountability["joint_review"]
    if state is None:
        return
    found = policy.joint_review if policy is not None else None
    due = [u for u, kind in state["units"].items() if found is None or kind in found.required]
    missing = [u for u in due if state["positions"].get(u) != review_round(case)]
    if missing:
        raise RuleViolation(
            "joint-review-positions-missing",
            f"The joint review waits for the position of: {', '.join(missing)}.",
            "尚有必须参加联合审核的单位未提出意见，不能完成审核。",
            missing=", ".join(missing),
        )


def _require_report_under_review(case: Case) -> None:
    """After the report is submitted and before the office reviews it (so before its
    opinion): a designation or position after the review would be of a review already done."""
    if case.report_state != "submitted":
        raise RuleViolation(
            "joint-review-requires-report-under-review",
            "A joint review concerns a submitted report the legal office has not yet reviewed.",
            "会同联合审核须在责任分析报告报送后、审核完成前进行。",
        )


def _listed_once(what: str, values: Sequence[str]) -> None:
    if not values:
        raise InvalidValue(
            f"joint-review-needs-{what}", f"Name at least one {what}.", "请至少列明一项。"
        )
    repeated = sorted(v for v, n in Counter(values).items() if n > 1)
    if repeated:
        raise InvalidValue(
            f"{what}-listed-twice",
            f"Listed more than once: {', '.join(repeated)}.",
            "同一事项不能重复列明。",
            repeated=", ".join(repeated),
        )
