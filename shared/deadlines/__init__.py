"""A case's deadlines, derived from its events under its rule pack, and the appearance duty."""

from shared.deadlines.appearance import AppearanceDuty, appearance_duty, check_appearance
from shared.deadlines.engine import derive_deadlines, next_open
from shared.deadlines.model import CaseEvent, Deadline, DeadlineStatus
from shared.deadlines.reminders import reminder_dates

__all__ = [
    "AppearanceDuty",
    "CaseEvent",
    "Deadline",
    "DeadlineStatus",
    "appearance_duty",
    "check_appearance",
    "derive_deadlines",
    "next_open",
    "reminder_dates",
]
