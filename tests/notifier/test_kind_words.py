"""Every kind of deadline a rule pack can create has its own words in the messages: an
escalation names what was missed, never the generic 办理."""

from __future__ import annotations

from notifier.reminders.messages import words
from shared.rulepacks.rule_models import RuleKind


def test_every_deadline_kind_says_what_is_due_and_what_was_missed() -> None:
    kinds = words("kinds")
    missing = [kind.value for kind in RuleKind if kind.value not in kinds]
    assert missing == []
    generic = kinds["other"]
    for kind in RuleKind:
        entry = kinds[kind.value]
        assert entry["done"] != generic["done"] and entry["due"] != generic["due"], kind
