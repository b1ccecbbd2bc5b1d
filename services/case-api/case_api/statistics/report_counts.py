"""The counts only reports carry: risks of losing and how they were resolved [003 二(五)2],
accountability decisions [001 九(四)]. Each source is dated like those of ``counts``, so a
row counts in the period its date falls in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists

from case_api.accountability.tables import accountability_decisions
from case_api.cases.tables import case_summaries
from case_api.deadlines.tables import deadlines
from case_api.statistics.counts import Clause, Count, Source

s, d, ad = case_summaries.c, deadlines.c, accountability_decisions.c

RISKS = Source("risks of losing by the day they were found", deadlines, d.trigger_date)
DECISIONS = Source(
    "accountability decisions by decision date", accountability_decisions, ad.decided_date
)


def _risk(_: date) -> ColumnElement[bool]:
    """A risk of losing found or notified [003 二(三)2]: the analysis-report deadline its
    flag starts (one row per flag)."""
    return d.kind == "risk_report"


def _risk_case(condition: Callable[[Any], ColumnElement[bool]]) -> Clause:
    """A risk whose case, by now, meets ``condition`` on its summary."""
    return lambda today: and_(_risk(today), exists().where(s.case_id == d.case_id, condition(s)))


RISK_COUNTS = [
    Count("flagged", RISKS, _risk),
    Count("reported_on_time", RISKS, lambda t: and_(_risk(t), d.status == "met")),
    Count("reported_late", RISKS, lambda t: and_(_risk(t), d.status == "met_late")),
    Count("resolved", RISKS, _risk_case(lambda c: c.conclusion.in_(("mediated", "withdrawn")))),
    Count(
        "lost",
        RISKS,
        _risk_case(lambda c: and_(c.outcome == "lost", c.effective_date.is_not(None))),
    ),
    Count("pending", RISKS, _risk_case(lambda c: c.concluded_date.is_(None))),
]
"""存在败诉风险案件的争议化解情况 [003 二(五)2]: risks found in the period and, by now, whether
the analysis report was filed and how the case ended: resolved (mediated or withdrawn), lost,
or still pending (a loss not yet effective among them). A case that ended otherwise (won,
dismissed) is in none of the last three."""

ACCOUNTABILITY_COUNTS = [
    Count("decided", DECISIONS),
    Count("sanctioned", DECISIONS, lambda _: ad.decision == "sanction"),
    Count(
        "sanctioned_units", DECISIONS, lambda _: and_(ad.decision == "sanction", ad.kind == "unit")
    ),
    Count("not_accountable", DECISIONS, lambda _: ad.decision == "no_accountability"),
    Count("exempted", DECISIONS, lambda _: ad.decision == "exemption"),
    Count("fault_tolerated", DECISIONS, lambda _: ad.decision == "fault_tolerance"),
]
"""责任追究情况 [001 九(四)]: decisions taken in the period on the parties of accountability
cases, by outcome (``sanctioned_units``: of the sanctioned, units rather than persons)."""
