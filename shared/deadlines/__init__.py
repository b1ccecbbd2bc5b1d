"""A case's deadlines, derived from its events under its rule pack, and the appearance duty."""

from shared.deadlines.appearance import AppearanceDuty, appearance_duty, check_appearance
from shared.deadlines.corrections import effective_events
from shared.deadlines.effect import JudgmentEffect, PartyAppeal, judgment_effects
from shared.deadlines.engine import derive_deadlines, next_open
from shared.deadlines.model import CaseEvent, Deadline, DeadlineStatus
from shared.deadlines.reminders import reminder_dates

__all__ = [
    "AppearanceDuty",
    "CaseEvent",
    "Deadline",
    "DeadlineStatus",
    "JudgmentEffect",
    "PartyAppeal",
    "appearance_duty",
    "check_appearance",
    "derive_deadlines",
    "effective_events",
    "judgment_effects",
    "next_open",
    "reminder_dates",
]
