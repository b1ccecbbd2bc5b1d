"""How the end of a case settles the duties it made moot (DOMAIN.md §3-4).

Each rule says which end makes it moot (``lapses_on``). A duty still unmet when the case
ends is *waived* if it was not yet due on the day the case ended, and stays *missed* if it
already was: ending the case neither erases a failure nor leaves anyone chased about it.
The day is the fact's own date (the court's withdrawal ruling, the effective date, the
closing), not the day it was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.deadlines.model import CaseEvent, DeadlineStatus
from shared.deadlines.timeline import Timeline, read_date
from shared.rulepacks.rule_models import LAPSE_EVENTS, Lapse

_DATE_OF = {
    "CaseConcluded": "concluded_date",
    "JudgmentEffective": "effective_date",
    "ReconsiderationDecided": "served_date",  # effective once served
    "CaseClosed": "closed_date",
}
_WHAT = {
    "withdrawn": ("撤诉", "was withdrawn"),
    "mediated": ("调解结案", "ended in mediation"),
    "JudgmentEffective": ("裁判生效", "was decided by an effective judgment"),
    "ReconsiderationDecided": ("行政复议决定生效", "was decided by a reconsideration decision"),
    "CaseClosed": ("结案", "was closed"),
}
_CANCELLED = {
    "HearingScheduled": "法院已改期开庭 (the court moved the hearing)",
    "LossReportSubmitted": "报告已重新提交 (the report was submitted again)",
}


@dataclass(frozen=True)
class Settled:
    """A deadline settled by an event other than the one that meets it."""

    status: str
    position: int
    event: str
    reason: str  # zh-CN, then English


def lapse(timeline: Timeline, lapses_on: Lapse, due: date) -> Settled | None:
    """The earliest end of the case of the rule's kind, and what it makes of the deadline."""
    found = [timeline.by_type.get(t, ())[:1] for t in LAPSE_EVENTS[lapses_on]]
    endings = sorted((e for first in found for e in first), key=lambda e: e.position)
    if not endings:
        return None
    end = endings[0]
    day = read_date(end.data, _DATE_OF[end.type]) or due
    zh, en = _WHAT.get(str(end.data.get("conclusion")), _WHAT.get(end.type, ("结案", "ended")))
    if due < day:
        reason = f"逾期未完成；案件已于{day}{zh}，不再督办 (overdue when the case {en} on {day})"
        return Settled(DeadlineStatus.MISSED.value, end.position, end.type, reason)
    reason = f"案件已于{day}{zh}，该期限不再适用 (the case {en} on {day})"
    return Settled(DeadlineStatus.WAIVED.value, end.position, end.type, reason)


def cancelled(event: CaseEvent) -> Settled:
    reason = _CANCELLED.get(event.type, f"{event.type} 使该期限不再适用")
    return Settled(DeadlineStatus.WAIVED.value, event.position, event.type, reason)
