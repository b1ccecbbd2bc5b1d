"""Grounds the recorded facts point to, proposed on a lost case for the organ to weigh.

Which ground each fact points to is pack data (``proposed_when`` on a ground, e.g. the
Xiangshan list [003 二(四)3]); the facts are the case's deadlines and hearings as read:
a filing with the bureau missed, a refusal to attend or leaving the court, a hearing whose
appearance duty went unmet, a performance missed. A proposal decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from case_api.cases.tables import case_hearings
from case_api.deadlines.tables import deadlines
from shared.rulepacks.accountability_models import Accountability

Facts = dict[str, list[dict[str, Any]]]


def _missed(row: dict[str, Any], today: date) -> bool:
    overdue = row["status"] == "open" and row["due_date"] < today
    return bool(row["status"] == "missed" or overdue)


def _conduct(hearing: dict[str, Any]) -> str | None:
    if hearing["refused_to_attend"]:
        return "拒不到庭"
    if hearing["left_without_permission"]:
        return "未经法庭许可中途退庭"
    return None


def _unfiled_loss(facts: Facts, today: date) -> list[str]:
    return [
        f"{d['title_zh']}（应于{d['due_date']}前完成）未履行"
        for d in facts["deadlines"]
        if d["kind"] == "filing" and d["satisfied_position"] is None and _missed(d, today)
    ]


def _court_conduct(facts: Facts, today: date) -> list[str]:
    return [
        f"{h['hearing_date']}庭审：{_conduct(h)}"
        for h in facts["hearings"]
        if _conduct(h) is not None
    ]


def _head_absent(facts: Facts, today: date) -> list[str]:
    conduct = {h["hearing_date"] for h in facts["hearings"] if _conduct(h) is not None}
    return [
        f"{d['due_date']}庭审：{d['status_reason'] or '未出庭应诉'}"
        for d in facts["deadlines"]
        if d["kind"] == "hearing" and _missed(d, today) and d["due_date"] not in conduct
    ]


def _judgment_unperformed(facts: Facts, today: date) -> list[str]:
    return [
        f"{d['title_zh']}（履行期限{d['due_date']}）未履行"
        for d in facts["deadlines"]
        if d["kind"] == "performance" and d["satisfied_position"] is None and _missed(d, today)
    ]


DETECTORS: dict[str, Callable[[Facts, date], list[str]]] = {
    "unfiled_loss": _unfiled_loss,
    "court_conduct": _court_conduct,
    "head_absent": _head_absent,
    "judgment_unperformed": _judgment_unperformed,
}


def proposed_grounds(
    conn: Connection,
    case_id: str,
    summary: dict[str, Any],
    section: Accountability | None,
    today: date,
) -> list[dict[str, Any]]:
    """``[{ground, title_zh, source, facts}]`` for an effective loss; empty otherwise."""
    detected = [g for g in (section.grounds if section else ()) if g.proposed_when]
    lost = summary.get("outcome") == "lost" and summary.get("effective_date") is not None
    if not detected or not lost:
        return []
    facts = {
        "deadlines": _rows(conn, deadlines, case_id),
        "hearings": _rows(conn, case_hearings, case_id),
    }
    proposals = []
    for ground in detected:
        found = DETECTORS[str(ground.proposed_when)](facts, today)
        if found:
            proposals.append(
                {
                    "ground": ground.id,
                    "title_zh": ground.title_zh,
                    "source": ground.source,
                    "facts": found,
                }
            )
    return proposals


def _rows(conn: Connection, table: Any, case_id: str) -> list[dict[str, Any]]:
    query = select(table).where(table.c.case_id == case_id)
    return [dict(r) for r in conn.execute(query).mappings()]
