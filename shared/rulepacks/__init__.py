"""Rule packs: each jurisdiction's deadlines and duties as versioned, validated data.

The packs live in ``packs/<id>/v<version>.yaml``; every local pack includes ``statutory``.
Load them once at start-up with ``PackLibrary.load()``; an invalid pack raises ``PackError``.
"""

from shared.rulepacks.errors import PackError, PackNotFound, PackNotInEffect
from shared.rulepacks.library import PackLibrary, shanghai_date, shipped_library
from shared.rulepacks.models import EventMatch, Pack, Policy, Rule
from shared.rulepacks.resolve import ResolvedRule, RuleSet

__all__ = [
    "EventMatch",
    "Pack",
    "PackError",
    "PackLibrary",
    "PackNotFound",
    "PackNotInEffect",
    "Policy",
    "ResolvedRule",
    "Rule",
    "RuleSet",
    "shanghai_date",
    "shipped_library",
]
