"""Vocabularies and pack policy of the accountability procedure (DOMAIN.md §6).

The policy is the case's pack's accountability section reduced to what the aggregate checks;
commands pass it in, so the domain never loads packs itself. Events store plain strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class PartyKind(StrEnum):
    PERSON = "person"
    UNIT = "unit"


class PersonRole(StrEnum):
    """Responsibility follows role: [001 十四] and [002 第八条]."""

    HANDLER = "handler"  # 承办人 / 具体承办人员 (direct responsibility)
    REVIEWER = "reviewer"  # 审核人
    APPROVER = "approver"  # 批准人
    PRINCIPAL_HEAD = "principal_head"  # 主要负责人 (first responsibility)
    DEPUTY_HEAD = "deputy_head"  # 分管负责人 (leadership responsibility)


class UnitRole(StrEnum):
    IMPLEMENTING = "implementing"  # 实施主体
    NOMINAL = "nominal"  # 名义主体


class Decision(StrEnum):
    SANCTION = "sanction"  # 追究责任
    NO_ACCOUNTABILITY = "no_accountability"  # 不予追究
    EXEMPTION = "exemption"  # 免予问责 / 调解责任豁免
    FAULT_TOLERANCE = "fault_tolerance"  # 容错免责


class AppealKind(StrEnum):
    REVIEW = "review"  # 复核
    APPEAL = "appeal"  # 申诉


class AppealOutcome(StrEnum):
    UPHELD = "upheld"
    CHANGED = "changed"
    REVOKED = "revoked"


class UnitPosition(StrEnum):
    """A participating unit's position in a joint review (会同联合审核)."""

    CONCUR = "concur"  # 同意
    DISSENT = "dissent"  # 不同意, with its opinion


@dataclass(frozen=True)
class JointReviewPolicy:
    """``grounds``: why a case is reviewed jointly; ``kinds``: the kinds of unit that may take
    part; ``required``: those whose every named unit must state a position [000 二(五)2]."""

    grounds: frozenset[str]
    kinds: frozenset[str]
    required: frozenset[str]


@dataclass(frozen=True)
class MeetingPolicy:
    """The joint meeting's ``members``, each of whom countersigns its written opinion;
    ``decides``: a decision needs the opinion countersigned and archived [001 八、十]."""

    members: frozenset[str]
    decides: bool
    source: str = ""


@dataclass(frozen=True)
class AccountabilityPolicy:
    """``grounds`` maps each decision to the ids of its pack list; ``sanctions`` maps a
    sanction id to the party kinds it may apply to; ``sources`` every id to its clause.
    ``referral_organ``: the organ a transfer goes to when the body names none;
    ``transfer_cites_ground``: a transfer must cite a sanction ground (Xiangshan);
    ``registration_grounds``: fault-tolerance grounds resting on a 容错风险报备;
    ``corrective_opinion_source``: the clause letting a joint meeting reopen a decision
    (纠正意见), None where the pack has none.
    ``city_managed_organs``: organ id → name, where a city-managed cadre is handed (Xiuyan);
    ``unit_decider_source``: set when a unit is decided by its superior organ (Wenzhou)."""

    pack: str
    steps: frozenset[str]
    grounds: Mapping[str, frozenset[str]]
    mitigation: frozenset[str]
    aggravation: frozenset[str]
    sanctions: Mapping[str, frozenset[str]]
    sources: Mapping[str, str] = field(default_factory=dict)
    unit_companions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    scope_from: date | None = None
    transfer_threshold_yuan: int | None = None
    joint_review: JointReviewPolicy | None = None
    referral_organ: str | None = None
    transfer_cites_ground: bool = False
    registration_grounds: frozenset[str] = frozenset()
    joint_meeting: MeetingPolicy | None = None
    corrective_opinion_source: str | None = None
    city_managed_organs: Mapping[str, str] = field(default_factory=dict)
    city_managed_source: str | None = None
    unit_decider_source: str | None = None


def new_state() -> dict[str, Any]:
    """The aggregate's accountability state: plain values only."""
    return {
        "investigated": False,
        "act_date": None,
        "direct_loss_yuan": 0,
        "dereliction": False,
        "reviews": 0,
        "review_level": None,  # the level of the office of the latest review, when recorded
        "opinions": 0,  # the review count each answered: one opinion per review at most
        "filings": 0,
        "meetings": [],
        "papers_sent": [],
        # The joint meeting's written opinion (认定意见) on the case, the latest recorded:
        # {"meeting_date", "established", "party_ids", "recorded_date", "signatures":
        # {member → signed date}, "archived": bool}
        "opinion": None,
        "parties": {},  # party id → party kind
        "faults": {},  # party id → {"agency", "fault_date"}: what a risk registration must fit
        "decisions": {},  # party id → {"decision", "sanctioned", "appeal", "correction"}
        "committee_reports": 0,
        "transferred": False,
        "joint_review": None,  # {"units": {unit id → kind}, "positions": {unit id → round}}
        "city_managed": [],  # party ids of city-managed cadres (市管干部)
        "handed_over": {},  # party id → the city organ it was handed to
    }
