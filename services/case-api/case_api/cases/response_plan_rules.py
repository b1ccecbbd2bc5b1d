"""Who leads a case's response, and the response plan it draws up (应诉方案).

Which post must lead is the pack's ``response_lead`` section (Xiuyan [002 第九条]): the plan
states the case's circumstances from the pack's list, the first of them in the pack's order
names the posts that may lead, and a lead of another post is refused. Packs without the
section record no plans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from case_api.platform.domain_errors import RuleViolation
from shared.rulepacks import shipped_library
from shared.rulepacks.response_models import ResponseLead

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case

DEFAULT_BASIS = "ordinary"
"""The basis recorded when the plan states no circumstance of the pack's list."""


@dataclass(frozen=True)
class LeadPolicy:
    """``posts``: post id → its Chinese title; ``circumstances``: (id, posts, clause) in the
    pack's order of precedence."""

    pack: str
    posts: Mapping[str, str]
    default_posts: frozenset[str]
    default_source: str
    circumstances: tuple[tuple[str, frozenset[str], str], ...]


def lead_policy_of(section: ResponseLead | None, pack_id: str) -> LeadPolicy | None:
    if section is None:
        return None
    return LeadPolicy(
        pack=pack_id,
        posts={p.id: p.title_zh for p in section.posts},
        default_posts=frozenset(section.default_posts),
        default_source=section.default_source,
        circumstances=tuple((c.id, frozenset(c.posts), c.source) for c in section.circumstances),
    )


def shipped_lead_policy(pack_id: str) -> LeadPolicy | None:
    """The section of the shipped pack's version in effect today."""
    return lead_policy_of(shipped_library().pack(pack_id).response_lead, pack_id)


def as_recorded(fact: Any) -> LeadPolicy:
    """The policy a recorded plan was accepted under, reduced to that plan: a correction's
    replay checks the plan's other facts again, not the pack's lead list of today."""
    post = fact.lead["post"]
    return LeadPolicy(
        pack="recorded",
        posts={post: post},
        default_posts=frozenset({post}),
        default_source=fact.basis_source,
        circumstances=tuple((c, frozenset({post}), fact.basis_source) for c in fact.circumstances),
    )


def check_plan(
    case: Case,
    policy: LeadPolicy | None,
    lead: Mapping[str, Any],
    circumstances: Sequence[str],
) -> tuple[str, str]:
    """The basis of the lead (a circumstance id, or ``ordinary``) and its clause."""
    if policy is None:
        raise RuleViolation(
            "no-response-lead-rules",
            f"Pack {case.pack} does not say who leads a case's response.",
            "本辖区规则包未规定应诉牵头责任。",
        )
    known = {c[0]: c for c in policy.circumstances}
    for stated in circumstances:
        if stated not in known:
            raise _not_in_pack(policy.pack, "circumstance", stated)
    if lead["post"] not in policy.posts:
        raise _not_in_pack(policy.pack, "post", lead["post"])
    basis, posts, source = next(
        (c for c in policy.circumstances if c[0] in circumstances),
        (DEFAULT_BASIS, policy.default_posts, policy.default_source),
    )
    if lead["post"] not in posts:
        required = sorted(posts)
        titles = "、".join(policy.posts[p] for p in required)
        raise RuleViolation(
            "lead-does-not-fit-case",
            f"A {basis} case is led by: {', '.join(required)} ({source}).",
            f"该案件应由{titles}牵头（{source}）。",
            basis=basis,
            required_posts=", ".join(required),
            source=source,
        )
    return basis, source


def _not_in_pack(pack: str, field: str, value: str) -> RuleViolation:
    return RuleViolation(
        f"{field}-not-in-pack",
        f"{field} {value!r} is not in the {pack} pack's response-lead list.",
        "所填事项不在本辖区规则包的应诉牵头清单内。",
        value=value,
    )
