"""Oversight figures per agency or jurisdiction and period (DOMAIN.md §7).

No national standard fixes the denominators, so every rate comes with its raw counts and
the formula it uses. Cases count in the period they were filed (received) or concluded
(concluded, losses, mediation and withdrawal); hearings and deadlines by their dates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, select

from case_api.cases.queries import corrected_event_data
from case_api.cases.tables import case_agencies, case_summaries
from case_api.cases.visibility import visible_cases
from case_api.deadlines.queries import with_status
from case_api.deadlines.tables import deadlines
from case_api.platform.access import Principal

HEAD_ROLES = {"principal_head", "deputy_head"}
FORMULAS = {
    "loss_rate": ("losses", "concluded", "losing effective judgments ÷ cases concluded"),
    "head_appearance_rate": (
        "hearings_with_head",
        "hearings_held",
        "hearings with the agency head present ÷ hearings held",
    ),
    "mediation_withdrawal_rate": (
        "mediated_or_withdrawn",
        "concluded",
        "(cases mediated + cases withdrawn) ÷ cases concluded",
    ),
}


@dataclass(frozen=True)
class Scope:
    start: date
    end: date
    jurisdiction: str | None = None
    agency: str | None = None


def figures(engine: Engine, principal: Principal, scope: Scope, today: date) -> dict[str, Any]:
    with engine.connect() as conn:
        cases = [dict(r) for r in conn.execute(_cases_query(principal, scope)).mappings()]
        ids = [c["case_id"] for c in cases]
        appearances = _events(conn, ids, "AppearanceRecorded")
        answers = _events(conn, ids, "AnswerSubmitted")
        rows = conn.execute(select(deadlines).where(deadlines.c.case_id.in_(ids))).mappings()
        dues = [with_status(dict(r), today) for r in rows]
    within = lambda d: d is not None and scope.start <= d <= scope.end  # noqa: E731
    concluded = [c for c in cases if within(c["concluded_date"])]
    heard = [a for a in appearances if within(date.fromisoformat(a["hearing_date"]))]
    counts = {
        "received": sum(within(c["filed_date"]) for c in cases),
        "concluded": len(concluded),
        "losses": sum(c["outcome"] == "lost" for c in concluded if c["effective_date"]),
        "hearings_held": len(heard),
        "hearings_with_head": sum(_roles(a) & HEAD_ROLES != set() for a in heard),
        "principal_head_appearances": sum("principal_head" in _roles(a) for a in heard),
        "mediated": sum(c["conclusion"] == "mediated" for c in concluded),
        "withdrawn": sum(c["conclusion"] == "withdrawn" for c in concluded),
    }
    counts["mediated_or_withdrawn"] = counts["mediated"] + counts["withdrawn"]
    due_in = [d for d in dues if within(d["due_date"])]
    return {
        "scope": {
            "jurisdiction": scope.jurisdiction,
            "agency": scope.agency,
            "from": scope.start,
            "to": scope.end,
        },
        "counts": counts,
        "rates": [_rate(name, counts) for name in FORMULAS],
        "deadlines": _deadline_table(due_in),
        "four_failures": _four_failures(due_in, answers, within),
        "repeated_losses": _repeated_losses(cases, scope.end),
        "by_agency": _by_agency(cases, within),
    }


def _cases_query(principal: Principal, scope: Scope) -> Any:
    s = case_summaries.c
    query = select(case_summaries).where(visible_cases(principal))
    if scope.jurisdiction:
        query = query.where(s.jurisdiction_path.contains(f"/{scope.jurisdiction}/"))
    if scope.agency:
        own = select(case_agencies.c.case_id).where(case_agencies.c.agency == scope.agency)
        query = query.where(s.case_id.in_(own))
    return query.where(s.filed_date <= scope.end)


def _events(conn: Any, ids: list[str], event_type: str) -> list[dict[str, Any]]:
    """As corrected: a retracted appearance or a corrected hearing date counts as it is now."""
    return corrected_event_data(conn, ids, event_type)


def _roles(appearance: dict[str, Any]) -> set[str]:
    return {p.get("role") for p in appearance.get("appearances") or []}


def _rate(name: str, counts: dict[str, int]) -> dict[str, Any]:
    numerator, denominator, formula = FORMULAS[name]
    n, d = counts[numerator], counts[denominator]
    return {
        "name": name,
        "value": round(n / d, 4) if d else None,
        "numerator": n,
        "denominator": d,
        "formula": formula,
    }


def _deadline_table(dues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    table: dict[str, Counter[str]] = {}
    for d in dues:
        table.setdefault(d["kind"], Counter())[d["status"]] += 1
    return [
        {"kind": kind, **{s: c[s] for s in ("met", "met_late", "missed", "open", "waived")}}
        for kind, c in sorted(table.items())
    ]


def _four_failures(dues: list[dict[str, Any]], answers: list[dict[str, Any]], within) -> dict:  # type: ignore[no-untyped-def]
    """不答辩、不举证、不出庭、不履行 (Guangzhou): missed answer, answer without evidence,
    hearing with nobody recorded as appearing, missed performance."""
    missed = Counter(
        d["kind"] for d in dues if d["status"] == "missed" and d["satisfied_position"] is None
    )
    no_evidence = sum(
        not a.get("evidence_submitted", True)
        for a in answers
        if within(date.fromisoformat(a["submitted_date"]))
    )
    return {
        "no_answer": missed["answer"],
        "no_evidence": no_evidence + missed["answer"],
        "no_appearance": missed["hearing"],
        "no_performance": missed["performance"],
    }


def _repeated_losses(cases: list[dict[str, Any]], end: date) -> list[dict[str, Any]]:
    """一败再败: one agency losing two or more times on the same subject within a year."""
    since = end - min(timedelta(days=365), end - date.min)  # a period may start in year 1
    losses = Counter(
        (c["agency"], c["subject_matter"])
        for c in cases
        if c["outcome"] == "lost" and c["effective_date"] and since < c["effective_date"] <= end
    )
    return [
        {"agency": agency, "subject_matter": subject, "losses": n}
        for (agency, subject), n in sorted(losses.items())
        if n >= 2
    ]


def _by_agency(cases: list[dict[str, Any]], within) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    table: dict[str, Counter[str]] = {}
    for c in cases:
        row = table.setdefault(c["agency"], Counter())
        row["received"] += within(c["filed_date"])
        if within(c["concluded_date"]):
            row["concluded"] += 1
            row["losses"] += c["outcome"] == "lost" and bool(c["effective_date"])
    return [
        {"agency": a, "received": r["received"], "concluded": r["concluded"], "losses": r["losses"]}
        for a, r in sorted(table.items())
    ]
