"""Resolving a pack version with the versions of the packs it includes into one rule set.

Checks that span packs happen here, at load: amendments and anchors must name a rule of the
pack or its includes, rule ids must not collide, and anchors must not form a cycle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from shared.rulepacks.errors import PackError
from shared.rulepacks.models import Amendment, AppealPeriod, Appearance, Pack, Policy, Rule


@dataclass(frozen=True)
class ResolvedRule:
    """A rule as it applies under a pack: amendments applied, origin pack recorded."""

    rule: Rule
    pack: str  # the pack whose file defines the rule ("statutory" for the answer)
    pack_version: int

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass(frozen=True, eq=False)
class RuleSet:
    """The rules in force for one pack version together with its included pack versions."""

    pack: Pack
    includes: tuple[Pack, ...]
    rules: tuple[ResolvedRule, ...]
    by_event: Mapping[str, tuple[ResolvedRule, ...]]  # trigger event type → rules
    anchored: Mapping[str, tuple[ResolvedRule, ...]]  # anchor rule id → rules counted from it

    @property
    def policy(self) -> Policy:
        return self.pack.policy

    def rule(self, rule_id: str) -> ResolvedRule:
        return next(r for r in self.rules if r.id == rule_id)

    def referenced_events(self) -> frozenset[str]:
        return frozenset().union(*(r.rule.events() for r in self.rules))

    def appearance(self) -> Appearance:
        """Appearance grounds and caps of the included packs and then of the pack itself."""
        sections = [p.appearance for p in (*self.includes, self.pack) if p.appearance]
        return Appearance(
            grounds=tuple(g for s in sections for g in s.grounds),
            caps=tuple(c for s in sections for c in s.caps),
        )

    def appeal(self) -> AppealPeriod | None:
        """The appeal periods: the pack's own, else those of the first include that has them."""
        found = [p.appeal for p in (self.pack, *self.includes) if p.appeal]
        return found[0] if found else None


def build_ruleset(pack: Pack, includes: Sequence[Pack], file: str) -> RuleSet:
    """Merge ``includes`` (in order) and ``pack``; PackError names ``file`` and the rule."""
    problems: list[str] = []
    amendments = {a.rule: a for a in pack.amend}
    rules = [
        ResolvedRule(_amended(rule, amendments.pop(rule.id, None)), inc.id, inc.version)
        for inc in includes
        for rule in inc.rules
    ]
    problems += [f"amendment of {name!r}: no included rule {name!r}" for name in amendments]
    taken = {r.id: r.pack for r in rules}
    for rule in pack.rules:
        if rule.id in taken:
            problems.append(f"rule {rule.id!r}: id already used by pack {taken[rule.id]!r}")
        rules.append(ResolvedRule(rule, pack.id, pack.version))
    problems += _anchor_problems([r.rule for r in rules])
    if pack.remediation is not None:
        known = {r.id for r in rules}
        unknown = [rid for rid in pack.remediation.after_missed if rid not in known]
        problems += [f"remediation: no rule {rid!r}" for rid in unknown]
    if problems:
        raise PackError(file, problems)
    return _index(pack, tuple(includes), tuple(rules))


def _amended(rule: Rule, amendment: Amendment | None) -> Rule:
    if amendment is None:
        return rule
    return rule.model_copy(
        update={
            "source": f"{rule.source}; {amendment.source}",
            "reminders": amendment.reminders or rule.reminders,
            "escalation": amendment.escalation or rule.escalation,
        }
    )


def _anchor_problems(rules: Sequence[Rule]) -> list[str]:
    anchors = {r.id: r.anchor.rule for r in rules if r.anchor is not None}
    known = {r.id for r in rules}
    problems = [
        f"rule {rid!r}: anchor: no rule {target!r} in this pack or its includes"
        for rid, target in anchors.items()
        if target not in known
    ]
    reported: set[str] = set()
    for start in anchors:
        chain = [start]
        while chain[-1] in anchors and anchors[chain[-1]] not in chain:
            chain.append(anchors[chain[-1]])
        if chain[-1] in anchors and not reported & set(chain):
            reported.update(chain)
            loop = " → ".join([*chain, anchors[chain[-1]]])
            problems.append(f"rule {start!r}: anchor cycle {loop}")
    return problems


def _index(pack: Pack, includes: tuple[Pack, ...], rules: tuple[ResolvedRule, ...]) -> RuleSet:
    by_event: dict[str, list[ResolvedRule]] = {}
    anchored: dict[str, list[ResolvedRule]] = {}
    for resolved in rules:
        rule = resolved.rule
        for event in dict.fromkeys(m.event for m in rule.trigger):
            by_event.setdefault(event, []).append(resolved)
        if rule.anchor is not None:
            anchored.setdefault(rule.anchor.rule, []).append(resolved)
    return RuleSet(
        pack=pack,
        includes=includes,
        rules=rules,
        by_event=MappingProxyType({k: tuple(v) for k, v in by_event.items()}),
        anchored=MappingProxyType({k: tuple(v) for k, v in anchored.items()}),
    )
