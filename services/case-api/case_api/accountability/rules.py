"""Invariants of the accountability procedure after a lost suit (DOMAIN.md §6).

Grounds, factors and sanctions come only from the case's pack (``AccountabilityPolicy``);
every violation names its rule as a stable code.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from case_api.accountability.domain import (
    AccountabilityPolicy,
    AppealKind,
    AppealOutcome,
    Decision,
    PartyKind,
    PersonRole,
    UnitRole,
)
from case_api.cases.values import check
from case_api.platform.domain_errors import InvalidValue, RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case


def require_policy(case: Case, policy: AccountabilityPolicy | None) -> AccountabilityPolicy:
    if policy is None:
        raise RuleViolation(
            "no-accountability-rules",
            f"Pack {case.pack} has no accountability procedure.",
            "本辖区规则包未规定败诉责任追究程序。",
        )
    return policy


def require_effective_loss(case: Case, policy: AccountabilityPolicy | None) -> AccountabilityPolicy:
    """Not ``require_open``: accountability goes on after the suit itself is closed."""
    found = require_policy(case, policy)
    if not (case.effective and case.lost):
        raise RuleViolation(
            "accountability-requires-effective-loss",
            "Accountability starts only after a losing judgment became effective.",
            "败诉裁判生效后才能启动责任追究。",
        )
    return found


def require_step(policy: AccountabilityPolicy, step: str) -> None:
    if step not in policy.steps:
        raise RuleViolation(
            "step-not-in-pack",
            f"The {policy.pack} procedure has no {step} step.",
            "本辖区的追责程序没有该环节。",
            step=step,
        )


def check_investigation(case: Case, policy: AccountabilityPolicy | None, loss: int) -> None:
    require_step(require_effective_loss(case, policy), "investigation")
    if case.accountability["investigated"]:
        raise RuleViolation(
            "investigation-already-completed",
            "The investigation was already completed.",
            "责任调查已完成。",
        )
    if loss < 0:
        raise InvalidValue("negative-amount", "An amount cannot be negative.", "金额不能为负。")


def check_review_opinion(case: Case, policy: AccountabilityPolicy | None) -> None:
    require_step(require_effective_loss(case, policy), "review_opinion")
    state = case.accountability
    if state["opinions"] >= state["reviews"]:
        raise RuleViolation(
            "opinion-requires-review",
            "A review opinion follows a review of the report not yet answered.",
            "尚无待反馈审核意见的审核。",
        )


def check_city_filing(case: Case, policy: AccountabilityPolicy | None) -> None:
    require_step(require_effective_loss(case, policy), "city_filing")
    state = case.accountability
    if state["filings"] >= state["reviews"]:
        raise RuleViolation(
            "filing-requires-review",
            "Only a review not yet filed with the city can be filed.",
            "尚无待报市备案的审核意见。",
        )
    if state["review_level"] not in (None, "county"):
        raise RuleViolation(
            "city-filing-requires-county-review",
            "Only a county legal office files its review opinion with the city; this report "
            f"was reviewed at {state['review_level']} level.",
            "只有县级政府法制机构的审核意见须报市政府法制机构备案。",
            reviewing_level=state["review_level"],
        )


def require_meeting_step(case: Case, policy: AccountabilityPolicy | None) -> AccountabilityPolicy:
    """Every act of the joint meeting (联席会议): scheduling, papers, opinion, countersigning,
    archiving (``meeting_rules``)."""
    found = require_effective_loss(case, policy)
    require_step(found, "joint_meeting")
    return found


def check_meeting(case: Case, policy: AccountabilityPolicy | None, meeting_date: date) -> None:
    require_meeting_step(case, policy)
    if meeting_date in case.accountability["meetings"]:
        raise RuleViolation(
            "meeting-already-scheduled",
            f"A joint meeting on {meeting_date} is already scheduled.",
            "该日联席会议已安排。",
        )


def check_papers(case: Case, policy: AccountabilityPolicy | None) -> None:
    require_meeting_step(case, policy)
    state = case.accountability
    if len(state["papers_sent"]) >= len(state["meetings"]):
        raise RuleViolation(
            "papers-require-meeting",
            "Meeting papers go out for a scheduled meeting whose papers are not yet sent.",
            "没有待送达会议资料的联席会议。",
        )


def check_party(case: Case, policy: AccountabilityPolicy | None, party: dict[str, Any]) -> None:
    found = require_effective_loss(case, policy)
    if party["party_id"] in case.accountability["parties"]:
        raise RuleViolation(
            "party-already-named",
            f"Party {party['party_id']} is already named on this case.",
            "该责任对象已列明。",
        )
    kind = check(PartyKind, party["kind"], "kind")
    if kind == PartyKind.PERSON:
        check(PersonRole, party["role"], "role")
        if not party.get("person_id"):
            raise InvalidValue(
                "person-needs-id", "A person needs a stable person_id.", "责任人员须有唯一标识。"
            )
    else:
        check(UnitRole, party["role"], "role")
    if party["fault_kind"] not in found.grounds[Decision.SANCTION]:
        raise not_in_pack(found.pack, "fault_kind", party["fault_kind"])


def check_decision(
    case: Case,
    policy: AccountabilityPolicy | None,
    party_id: str,
    decision: str,
    ground: str,
    sanctions: Sequence[str],
    factors: Sequence[str],
) -> AccountabilityPolicy:
    found = require_effective_loss(case, policy)
    if case.report_state != "approved":
        raise RuleViolation(
            "decision-requires-approved-report",
            "A decision needs the loss analysis report reviewed and approved.",
            "败诉分析报告审核通过后才能作出处理决定。",
        )
    state = case.accountability
    _check_scope_and_transfer(found, state)
    kind = named_party(case, party_id)
    earlier = state["decisions"].get(party_id)
    if earlier is not None and earlier.get("correction") != "pending":
        raise RuleViolation(
            "party-already-decided",
            f"Party {party_id} already has a decision; an appeal or a corrective opinion"
            " can reopen it.",
            "该责任对象已有处理决定。",
        )
    check(Decision, decision, "decision")
    if ground not in found.grounds.get(decision, frozenset()):
        raise not_in_pack(found.pack, "ground", ground, decision=decision)
    if decision == Decision.FAULT_TOLERANCE and kind == PartyKind.UNIT:
        raise RuleViolation(
            "fault-tolerance-for-persons",
            "Fault tolerance is granted to officials, not to units.",
            "容错免责适用于干部个人，不适用于单位。",
        )
    if decision == Decision.SANCTION:
        check_sanctions(found, kind, sanctions)
    elif sanctions:
        raise InvalidValue(
            "sanctions-only-with-sanction",
            "Only a sanction decision names sanctions.",
            "只有追责决定才能列明问责方式。",
        )
    for factor in factors:
        if factor not in found.mitigation | found.aggravation:
            raise not_in_pack(found.pack, "factor", factor)
    return found


def _check_scope_and_transfer(policy: AccountabilityPolicy, state: dict[str, Any]) -> None:
    act_date = state["act_date"]
    if policy.scope_from and act_date is not None and act_date < policy.scope_from:
        raise RuleViolation(
            "outside-accountability-scope",
            f"Acts before {policy.scope_from} are outside the {policy.pack} scope.",
            f"{policy.scope_from} 之前作出的行政行为不在追责范围内。",
        )
    threshold = policy.transfer_threshold_yuan
    over = threshold is not None and state["dereliction"] and state["direct_loss_yuan"] > threshold
    if over and not state["transferred"]:
        raise RuleViolation(
            "transfer-to-discipline-first",
            f"Dereliction with a direct loss over {threshold} yuan goes to the discipline organ.",
            f"失职渎职致直接经济损失超过{threshold}元的，应先移交纪委监委。",
        )


def check_sanctions(policy: AccountabilityPolicy, kind: str, sanctions: Sequence[str]) -> None:
    if not sanctions:
        raise InvalidValue(
            "sanction-needs-sanctions", "Name at least one sanction.", "请至少列明一种问责方式。"
        )
    for sanction in sanctions:
        parties = policy.sanctions.get(sanction)
        if parties is None:
            raise not_in_pack(policy.pack, "sanction", sanction)
        if kind not in parties:
            raise RuleViolation(
                f"sanction-not-for-{kind}s",
                f"Sanction {sanction} does not apply to a {kind}.",
                "该问责方式不适用于此类责任对象。",
                sanction=sanction,
            )
        missing = policy.unit_companions.get(sanction, frozenset()) - set(sanctions)
        if kind == PartyKind.UNIT and missing:
            raise RuleViolation(
                "sanction-needs-companion",
                f"A unit receives {sanction} only together with: {', '.join(sorted(missing))}.",
                "对单位适用该问责方式须同时适用其他方式。",
                sanction=sanction,
            )


def check_committee_report(case: Case, policy: AccountabilityPolicy | None) -> None:
    require_step(require_effective_loss(case, policy), "committee_report")
    if not case.accountability["decisions"]:
        raise RuleViolation(
            "report-requires-decision",
            "There is no decision to report.",
            "尚无处理决定可报告。",
        )


def check_appeal(case: Case, party_id: str, kind: str) -> None:
    check(AppealKind, kind, "kind")
    decision = case.accountability["decisions"].get(party_id)
    if decision is None or not decision["sanctioned"]:
        raise RuleViolation(
            "appeal-requires-sanction",
            "Only a sanction in force can be appealed.",
            "只能对已作出的问责决定申请复核或申诉。",
        )
    if decision["appeal"] == "pending":
        raise RuleViolation(
            "appeal-pending", "An appeal is already pending.", "已有复核或申诉正在处理。"
        )
    if decision.get("correction") == "pending":
        raise RuleViolation(
            "correction-pending",
            "A corrective opinion reopened this decision; the new decision can be appealed.",
            "该处理决定已被要求重新作出，可对新的处理决定申请复核或申诉。",
        )


def check_appeal_decision(
    case: Case,
    policy: AccountabilityPolicy | None,
    party_id: str,
    outcome: str,
    sanctions: list[str],
) -> None:
    found = require_policy(case, policy)
    decision = case.accountability["decisions"].get(party_id)
    if decision is None or decision["appeal"] != "pending":
        raise RuleViolation(
            "no-pending-appeal", "No appeal is pending for this party.", "没有待处理的复核或申诉。"
        )
    check(AppealOutcome, outcome, "outcome")
    if outcome == AppealOutcome.CHANGED:
        check_sanctions(found, case.accountability["parties"][party_id], sanctions)
    elif sanctions:
        raise InvalidValue(
            "sanctions-only-when-changed",
            "Only a changed decision names new sanctions.",
            "只有变更决定才列明新的问责方式。",
        )


def check_recovery(
    case: Case, policy: AccountabilityPolicy | None, party_id: str, amount: int
) -> None:
    require_step(require_effective_loss(case, policy), "compensation_recovery")
    if named_party(case, party_id) != PartyKind.PERSON:
        raise RuleViolation(
            "recovery-from-persons",
            "Compensation is recovered from responsible persons.",
            "国家赔偿费用向责任人员追偿。",
        )
    if amount <= 0:
        raise InvalidValue("amount-not-positive", "The amount must be positive.", "金额须大于零。")


def check_transfer(
    case: Case, policy: AccountabilityPolicy | None, organ: str | None, ground: str | None
) -> tuple[str, str | None]:
    """The organ the case goes to and the clause of the ground the transfer cites."""
    found = require_effective_loss(case, policy)
    require_step(found, "transfer_to_discipline")
    if case.accountability["transferred"]:
        raise RuleViolation(
            "already-transferred",
            "The case was already transferred to the discipline organ.",
            "案件已移交纪检监察机关。",
        )
    if ground is None and found.transfer_cites_ground:
        raise RuleViolation(
            "transfer-needs-ground",
            f"A {found.pack} transfer cites one of the pack's grounds.",
            "移送须列明本辖区规则包规定的移送情形。",
        )
    if ground is not None and ground not in found.grounds[Decision.SANCTION]:
        raise not_in_pack(found.pack, "ground", ground)
    to = organ or found.referral_organ
    if not to:
        raise RuleViolation(
            "organ-required",
            f"The {found.pack} pack names no receiving organ: name one.",
            "本辖区规则包未规定接收移送的机关，请填写。",
        )
    return to, found.sources.get(ground) if ground else None


def named_party(case: Case, party_id: str) -> str:
    kind = case.accountability["parties"].get(party_id)
    if kind is None:
        raise RuleViolation(
            "party-not-named",
            f"Party {party_id} is not named on this case.",
            "该责任对象未列明。",
        )
    return str(kind)


def not_in_pack(pack: str, field: str, value: str, **more: str) -> RuleViolation:
    return RuleViolation(
        f"{field.replace('_', '-')}-not-in-pack",
        f"{field} {value!r} is not in the {pack} pack's list.",
        "所填事项不在本辖区规则包的清单内。",
        value=value,
        **more,
    )
