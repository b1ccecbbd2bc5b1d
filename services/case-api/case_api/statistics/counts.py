"""How each count of ``shared.metrics`` is counted: which read model, by which date, and
the clause a row must meet. The names, formulas and clauses of the figures are in
``shared/metrics/definitions.yaml``; a count's rows are redefined here.

Each source is a read model with a date: a row counts in the period its date falls in, and
only when its case is in scope. Every source carries its case's jurisdiction path, so the
scope applies to its own rows without a join. Clauses may depend on today, since an open
deadline whose date has passed is missed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, not_

from case_api.cases.tables import case_answers, case_hearings, case_suggestions, case_summaries
from case_api.deadlines.tables import deadlines
from shared.metrics import catalogue

Clause = Callable[[date], ColumnElement[bool]]

s, h, a, d = case_summaries.c, case_hearings.c, case_answers.c, deadlines.c
sg = case_suggestions.c


@dataclass(frozen=True)
class Source:
    """A read model whose rows count in the period their ``dated`` column falls in, and what
    its counts are broken down by (``by_agency``, the deadline table), given today."""

    name: str
    table: Any
    dated: Any
    breakdown: Callable[[date], tuple[Any, ...]] = lambda _: ()


def deadline_status(today: date) -> Any:
    """``missed`` is a matter of today's date: an open deadline past its due date is missed."""
    return case((and_(d.status == "open", d.due_date < today), "missed"), else_=d.status)


def _by_agency(table: Any) -> Callable[[date], tuple[Any, ...]]:
    return lambda _: (table.c.agency,)


def _by_agency_kind_and_status(today: date) -> tuple[Any, ...]:
    return (d.agency, d.kind, deadline_status(today).label("status"))


# Every source is broken down by the row's (implementing) agency, so the per-agency table
# comes from the same statements as the totals.
CASES_FILED = Source(
    "cases by filing date", case_summaries, s.filed_date, _by_agency(case_summaries)
)
CASES_CONCLUDED = Source(
    "cases by conclusion date", case_summaries, s.concluded_date, _by_agency(case_summaries)
)
LOSSES_IN_EFFECT = Source("cases by effective date", case_summaries, s.effective_date)
HEARINGS = Source(
    "hearings by hearing date", case_hearings, h.hearing_date, _by_agency(case_hearings)
)
ANSWERS = Source(
    "answers by submission date", case_answers, a.submitted_date, _by_agency(case_answers)
)
DEADLINES = Source("deadlines by due date", deadlines, d.due_date, _by_agency_kind_and_status)
SUGGESTIONS = Source("suggestions by service date", case_suggestions, sg.served_date)


@dataclass(frozen=True)
class Count:
    """The rows of ``source`` in the period that meet ``clause`` (all of them without one)."""

    name: str
    source: Source
    clause: Clause | None = None

    def where(self, today: date) -> ColumnElement[bool] | None:
        return self.clause(today) if self.clause else None


def _missed(kind: str) -> Clause:
    """不答辩、不出庭、不履行: a deadline of ``kind`` missed with nothing done at all."""
    return lambda today: and_(
        d.kind == kind, deadline_status(today) == "missed", d.satisfied_position.is_(None)
    )


def _lost(_: date) -> ColumnElement[bool]:
    return and_(s.outcome == "lost", s.effective_date.is_not(None))


def _revoked_or_changed(today: date) -> ColumnElement[bool]:
    """撤改: a loss whose judgment revoked (wholly or partly) or changed the act."""
    return and_(_lost(today), s.loss_type.in_(("revoked", "partly_revoked", "changed")))


def _held(today: date) -> ColumnElement[bool]:
    """A hearing was held when it was scheduled, not postponed, and its day has come:
    whoever appeared, or nobody. Counting only attended hearings would hide the hearings
    nobody went to from the appearance rate's denominator. A hearing the case's withdrawal
    or mediation called off was not held either."""
    return and_(
        h.postponed_position.is_(None),
        h.called_off_position.is_(None),
        h.hearing_date <= today,
    )


COUNTS = [
    Count("received", CASES_FILED),
    Count("concluded", CASES_CONCLUDED),
    Count("losses", CASES_CONCLUDED, _lost),
    Count("revoked_or_changed", CASES_CONCLUDED, _revoked_or_changed),
    Count("hearings_held", HEARINGS, _held),
    Count("hearings_with_head", HEARINGS, lambda t: and_(_held(t), h.head_present.is_(True))),
    Count(
        "principal_head_appearances",
        HEARINGS,
        lambda t: and_(_held(t), h.principal_head_present.is_(True)),
    ),
    # 拒不到庭 or 未经法庭许可中途退庭 [003 二(二)2]: recorded, yet not an appearance (APL §58
    # treats the two alike), so both are 不出庭 too.
    Count("hearings_refused", HEARINGS, lambda t: and_(_held(t), h.refused_to_attend.is_(True))),
    Count(
        "hearings_left",
        HEARINGS,
        lambda t: and_(_held(t), h.left_without_permission.is_(True)),
    ),
    Count("mediated", CASES_CONCLUDED, lambda _: s.conclusion == "mediated"),
    Count("withdrawn", CASES_CONCLUDED, lambda _: s.conclusion == "withdrawn"),
    Count(
        "mediated_or_withdrawn",
        CASES_CONCLUDED,
        lambda _: s.conclusion.in_(("mediated", "withdrawn")),
    ),
]
"""The ``counts`` of the answer (``shared.metrics`` names each), in its order."""

FAILURE_COUNTS = [
    Count("deadlines", DEADLINES),
    Count("missed_answers", DEADLINES, _missed("answer")),
    Count("missed_hearings", DEADLINES, _missed("hearing")),
    Count("missed_performance", DEADLINES, _missed("performance")),
    Count("answers_without_evidence", ANSWERS, lambda _: a.evidence_submitted.is_(False)),
]


def _replied_late(_: date) -> ColumnElement[bool]:
    """Answered after its reply deadline: the deadline row the suggestion triggered (same
    case, same event) was met late. A case's deadlines are found by its index."""
    return exists().where(
        d.case_id == sg.case_id,
        d.trigger_position == sg.position,
        d.kind == "suggestion_reply",
        d.status == "met_late",
    )


SUGGESTION_COUNTS = [
    Count("received", SUGGESTIONS),
    # Answered and not late: where the pack sets no reply deadline, any reply is in time.
    Count(
        "answered_on_time",
        SUGGESTIONS,
        lambda today: and_(sg.reply_position.is_not(None), not_(_replied_late(today))),
    ),
    Count("answered_late", SUGGESTIONS, _replied_late),
    Count("unanswered", SUGGESTIONS, lambda _: sg.reply_position.is_(None)),
]
"""司法建议 / 检察建议 served in the period [003 二(五)2] [004 7-③]: how many, and how each
was answered by now. ``received`` is the sum of the other three."""

REPEATED_LOSS_MINIMUM = catalogue().repeated_losses.minimum
"""一败再败: an agency losing this often on one subject within a year."""
