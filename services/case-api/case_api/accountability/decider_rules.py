"""Who may decide on a responsible party (DOMAIN.md §6).

A cadre the city manages (市管干部) is not decided by the county: the pack names the city
organs it is handed to [002 第六条]. A unit is decided by its superior administrative organ
(上一级行政机关) [000 二(五)1], checked against the registry, never against free text: the
command layer passes the registry's facts of the named deciding agency and of the unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from case_api.accountability.domain import AccountabilityPolicy, PartyKind
from case_api.accountability.rules import not_in_pack, require_effective_loss
from case_api.platform.domain_errors import InvalidValue, RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case


def check_city_managed_flag(party: dict[str, Any]) -> None:
    if party.get("city_managed") and party["kind"] != PartyKind.PERSON:
        raise InvalidValue(
            "city-managed-cadres-are-persons",
            "Only a person can be a city-managed cadre.",
            "只有干部个人才能是市管干部。",
        )


def check_decider(
    case: Case,
    policy: AccountabilityPolicy,
    party_id: str,
    deciding_agency: str | None,
    decider: dict[str, Any] | None,
) -> None:
    """``decider``: the registry's ``{level, jurisdiction, unit_superior}`` of the named
    deciding agency and the party's unit; None when no agency is named."""
    state = case.accountability
    if party_id in state["city_managed"] and policy.city_managed_organs:
        raise RuleViolation(
            "city-managed-cadre-goes-to-city",
            "A city-managed cadre is handed to the city discipline commission or organisation "
            f"department, not decided by the county ({policy.city_managed_source}).",
            "市管干部的追责问责由县委移交市纪委监委或市委组织部处理。",
            organs=", ".join(sorted(policy.city_managed_organs)),
            source=policy.city_managed_source or "",
        )
    if policy.unit_decider_source is None or state["parties"][party_id] != PartyKind.UNIT:
        return
    if not deciding_agency or decider is None:
        raise InvalidValue(
            "deciding-agency-required",
            "A decision on a unit names the deciding agency's registry code "
            f"({policy.unit_decider_source}).",
            "对单位的处理决定须填写作出决定机关的登记代码。",
        )
    superior = decider.get("unit_superior")
    if superior is None:
        raise RuleViolation(
            "unit-superior-unknown",
            "The unit is not placed under a superior organ in the registry.",
            "登记信息中没有该单位的上一级行政机关。",
        )
    if decider["level"] != "government" or decider["jurisdiction"] != superior:
        raise RuleViolation(
            "deciding-organ-not-superior",
            f"A unit's accountability is decided by its superior organ, the government of "
            f"{superior} ({policy.unit_decider_source}).",
            f"责任单位的过错责任由其上一级行政机关（{superior} 人民政府）作出决定。",
            superior_jurisdiction=superior,
            source=policy.unit_decider_source,
        )


def check_handover(
    case: Case, policy: AccountabilityPolicy | None, party_id: str, organ: str
) -> AccountabilityPolicy:
    found = require_effective_loss(case, policy)
    if not found.city_managed_organs:
        raise RuleViolation(
            "no-city-managed-handover",
            f"The {found.pack} pack does not hand city-managed cadres to the city.",
            "本辖区规则包未规定市管干部移交。",
        )
    state = case.accountability
    if party_id not in state["parties"]:
        raise RuleViolation(
            "party-not-named", f"Party {party_id} is not named on this case.", "该责任对象未列明。"
        )
    if party_id not in state["city_managed"]:
        raise RuleViolation(
            "party-not-city-managed",
            f"Party {party_id} is not a city-managed cadre.",
            "该责任对象不是市管干部。",
        )
    if party_id in state["handed_over"]:
        raise RuleViolation(
            "already-handed-over",
            f"Party {party_id} was already handed to {state['handed_over'][party_id]}.",
            "该市管干部已移交。",
        )
    if organ not in found.city_managed_organs:
        raise not_in_pack(found.pack, "organ", organ)
    if party_id in state["decisions"]:
        raise RuleViolation(
            "party-already-decided",
            f"Party {party_id} already has a decision.",
            "该责任对象已有处理决定。",
        )
    return found
