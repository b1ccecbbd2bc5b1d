"""Whether the agency head (负责人) or the principal head (主要负责人) must appear in court.

The grounds are pack data (the ``appearance`` section, DOMAIN.md §5): Guangzhou [004 5-②],
Xiangshan [003 二(二)1]. A required appearance that is missed is itself a ground for
accountability [001 四(六)] [003 二(四)3].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from shared.rulepacks import PackLibrary, shipped_library
from shared.rulepacks.library import Instant
from shared.rulepacks.models import AppearanceCap, AppearanceGround

LEVELS = ("none", "head", "principal_head")
HEAD_ROLES = frozenset({"principal_head", "deputy_head"})
_LABEL = {"head": "a head (负责人)", "principal_head": "the principal head (主要负责人)"}


@dataclass(frozen=True)
class AppearanceDuty:
    required: str  # one of LEVELS
    reasons: tuple[str, ...]  # each with its source clause


def appearance_duty(
    case_filed_data: Mapping[str, Any],
    pack_id: str,
    *,
    first_hearing_of_year: bool = False,
    library: PackLibrary | None = None,
    at: Instant = None,
) -> AppearanceDuty:
    """The duty for a case, from its ``CaseFiled`` data (flags, plaintiff_count).

    ``first_hearing_of_year``: this is the agency's first first-instance hearing of the
    year, which the caller knows from the agency's other cases. ``at`` picks the pack
    version (default: now); ``library`` defaults to the shipped packs.
    """
    section = (library or shipped_library()).ruleset(pack_id, at).appearance()
    flags = set(case_filed_data.get("flags") or ())
    plaintiffs = int(case_filed_data.get("plaintiff_count") or 0)
    required, reasons = "none", []
    for ground in section.grounds:
        if _applies(ground, flags, plaintiffs, first_hearing_of_year):
            required = max(required, ground.level, key=LEVELS.index)
            reasons.append(_reason(ground))
    for cap in section.caps:
        if flags & set(cap.flags):
            required = min(required, cap.level, key=LEVELS.index)
            reasons.append(_reason(cap))
    return AppearanceDuty(required, tuple(reasons))


def check_appearance(
    duty: AppearanceDuty, appearances: Iterable[Mapping[str, Any]]
) -> tuple[bool, str]:
    """Whether the people who appeared meet ``duty``; a head is a principal or deputy head."""
    people = [(str(a.get("name", "?")), str(a.get("role", "?"))) for a in appearances]
    if duty.required == "none":
        return True, "no head appearance required"
    wanted = {"principal_head"} if duty.required == "principal_head" else HEAD_ROLES
    present = [f"{name} ({role})" for name, role in people if role in wanted]
    if present:
        return True, f"{_LABEL[duty.required]} appeared: {', '.join(present)}"
    seen = ", ".join(f"{name} ({role})" for name, role in people) or "nobody"
    return False, f"{_LABEL[duty.required]} had to appear; appeared: {seen}"


def _applies(ground: AppearanceGround, flags: set[str], plaintiffs: int, first: bool) -> bool:
    if ground.always:
        return True
    if ground.min_plaintiffs is not None:
        return plaintiffs >= ground.min_plaintiffs
    if ground.first_hearing_of_year:
        return first
    return bool(flags & set(ground.flags))


def _reason(item: AppearanceGround | AppearanceCap) -> str:
    return f"{item.level}: {item.title_zh} ({item.title}) [{item.source}]"
