"""A case's joint review (会同联合审核, [000 二(五)2]) as the accountability view shows it.

Besides what was recorded, it says which review of the report is pending and which units of
a required kind have not yet stated a position on it: the same test the aggregate applies
before the review can be recorded.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from case_api.cases.tables import case_timeline
from shared.rulepacks.accountability_models import Accountability


def joint_review_view(
    conn: Connection,
    case_id: str,
    stored: dict[str, Any],
    report_state: str,
    section: Accountability | None,
) -> dict[str, Any]:
    rules = section.joint_review if section else None
    grounds = {g.id: g for g in rules.grounds} if rules else {}
    # Should the pack no longer declare it, every named unit counts, as in the aggregate.
    required = {u.kind for u in rules.units if u.required} if rules else None
    units = [{**u, "required": required is None or u["kind"] in required} for u in stored["units"]]
    pending = _pending_round(conn, case_id) if report_state == "submitted" else None
    stated = {p["unit_id"] for p in stored["positions"] if p["review_round"] == pending}
    return {
        **stored,
        "grounds": [_ground(g, grounds.get(g)) for g in stored["grounds"]],
        "units": units,
        "review_round": pending,
        "awaiting": [
            u["unit_id"]
            for u in units
            if pending is not None and u["required"] and u["unit_id"] not in stated
        ],
    }


def _pending_round(conn: Connection, case_id: str) -> int:
    """One more than the reviews recorded, as ``joint_review_rules.review_round``."""
    t = case_timeline.c
    reviews = conn.execute(
        select(func.count()).where(t.stream_id == case_id, t.type == "ReportReviewed")
    ).scalar_one()
    return int(reviews) + 1


def _ground(ground_id: str, item: Any) -> dict[str, Any]:
    if item is None:
        return {"id": ground_id, "title_zh": None, "source": None}
    return {"id": ground_id, "title_zh": item.title_zh, "source": item.source}
