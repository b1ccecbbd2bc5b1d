"""Builds the aggregate's ``AccountabilityPolicy`` from the case's pack (DOMAIN.md §6)."""

from __future__ import annotations

import inspect
from functools import cache

from case_api.accountability.domain import (
    AccountabilityPolicy,
    Decision,
    JointReviewPolicy,
    MeetingPolicy,
)
from case_api.cases.aggregate import Case
from shared.rulepacks import PackLibrary, shipped_library
from shared.rulepacks.accountability_models import Accountability, JointMeeting, JointReview


def policy_of(section: Accountability | None, pack_id: str) -> AccountabilityPolicy | None:
    if section is None:
        return None
    lists = (
        section.grounds,
        section.no_accountability,
        section.exemptions,
        section.fault_tolerance,
        section.mitigation,
        section.aggravation,
        section.sanctions,
        section.joint_review.grounds if section.joint_review else (),
    )
    cadres = section.city_managed_cadres
    return AccountabilityPolicy(
        pack=pack_id,
        steps=frozenset(s.id for s in section.steps),
        grounds={
            Decision.SANCTION: frozenset(i.id for i in section.grounds),
            Decision.NO_ACCOUNTABILITY: frozenset(i.id for i in section.no_accountability),
            Decision.EXEMPTION: frozenset(i.id for i in section.exemptions),
            Decision.FAULT_TOLERANCE: frozenset(i.id for i in section.fault_tolerance),
        },
        mitigation=frozenset(i.id for i in section.mitigation),
        aggravation=frozenset(i.id for i in section.aggravation),
        sanctions={s.id: frozenset(s.parties) for s in section.sanctions},
        sources={i.id: i.source for items in lists for i in items},
        unit_companions={s.id: frozenset(s.units_only_with) for s in section.sanctions},
        scope_from=section.scope_from,
        transfer_threshold_yuan=section.transfer_threshold_yuan,
        joint_review=_joint_review(section.joint_review),
        referral_organ=section.referral.organ_zh if section.referral else None,
        transfer_cites_ground=bool(section.referral and section.referral.cites_ground),
        registration_grounds=frozenset(
            i.id for i in section.fault_tolerance if i.requires_risk_registration
        ),
        joint_meeting=_joint_meeting(section.joint_meeting),
        corrective_opinion_source=(
            section.corrective_opinions.source if section.corrective_opinions else None
        ),
        city_managed_organs={o.id: o.title_zh for o in cadres.organs} if cadres else {},
        city_managed_source=cadres.source if cadres else None,
        unit_decider_source=section.unit_decider.source if section.unit_decider else None,
    )


def _joint_meeting(section: JointMeeting | None) -> MeetingPolicy | None:
    if section is None:
        return None
    return MeetingPolicy(
        members=frozenset(m.id for m in section.members),
        decides=section.decides,
        source=section.source,
    )


def _joint_review(section: JointReview | None) -> JointReviewPolicy | None:
    if section is None:
        return None
    return JointReviewPolicy(
        grounds=frozenset(g.id for g in section.grounds),
        kinds=frozenset(u.kind for u in section.units),
        required=frozenset(u.kind for u in section.units if u.required),
    )


class PackPolicies:
    """The policy of a pack's version in effect today."""

    def __init__(self, library: PackLibrary | None = None) -> None:
        self.library = library or shipped_library()

    def __call__(self, pack_id: str) -> AccountabilityPolicy | None:
        return policy_of(self.library.pack(pack_id).accountability, pack_id)


@cache
def takes_policy(command: str) -> bool:
    """Whether ``Case.<command>`` needs the pack policy passed in."""
    method = getattr(Case, command, None)
    return method is not None and "policy" in inspect.signature(method).parameters
