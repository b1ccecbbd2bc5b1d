"""Read-model rows written straight into the tables, for volumes no test could file through
the API (statistics over more cases than one statement can bind, years of deadlines)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine

from case_api.cases.tables import case_agencies, case_hearings, case_summaries
from case_api.deadlines.tables import deadlines

AT = datetime(2025, 11, 1, tzinfo=UTC)


def summary(case_id: str, agency: str, path: str, filed: date, **values: Any) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "case_number": f"（2025）号{case_id}",
        "court": "gz-tianhe-court",
        "status": "filed",
        "agency": agency,
        "agencies": [{"agency_id": agency, "role": "implementing"}],
        "jurisdiction": path.strip("/").split("/")[-1],
        "jurisdiction_path": path,
        "pack": "statutory",
        "subject_matter": "工伤认定",
        "plaintiff_count": 1,
        "flags": [],
        "filed_date": filed,
        "instance": "first",
        "outcome": None,
        "loss_type": None,
        "effective_date": None,
        "closed_date": None,
        "conclusion": None,
        "concluded_date": None,
        "hearing_date": None,
        "next_deadline_date": None,
        "next_deadline_rule": None,
        "remediation_required": [],
        "report_state": "none",
        "version": 1,
        "last_position": 1,
        "chain_head": None,
        "updated_at": AT,
        **values,
    }


def deadline(row: dict[str, Any], kind: str, due: date, status: str = "open") -> dict[str, Any]:
    return {
        "key": f"{kind}@1",
        "case_id": row["case_id"],
        "rule_id": kind,
        "kind": kind,
        "title": kind,
        "title_zh": "答辩期限" if kind == "answer" else kind,
        "source": "行政诉讼法第六十七条",
        "pack": "statutory",
        "pack_version": 1,
        "actor": "agency",
        "agency": row["agency"],
        "jurisdiction_path": row["jurisdiction_path"],
        "trigger_position": 1,
        "trigger_date": due,
        "due_date": due,
        "provisional": False,
        "provisional_reason": None,
        "status": status,
        "status_reason": None,
        "satisfied_position": None,
        "satisfied_date": None,
        "explanation": {
            "start": due.isoformat(),
            "raw_end": due.isoformat(),
            "due_date": due.isoformat(),
            "offset": 15,
            "unit": "days",
            "direction": "after",
            "skipped_rest_days": [],
            "provisional": False,
            "provisional_reason": None,
            "steps": [],
        },
        "reminders": [7, 1],
        "escalation": [],
    }


def hearing(row: dict[str, Any], day: date, roles: list[str]) -> dict[str, Any]:
    """A hearing of ``row``'s case; with ``roles``, the appearance recorded."""
    return {
        "case_id": row["case_id"],
        "hearing_date": day,
        "agency": row["agency"],
        "jurisdiction_path": row["jurisdiction_path"],
        "instance": "first",
        "scheduled_position": 1,
        "postponed_position": None,
        "called_off_position": None,
        "appeared_position": 2 if roles else None,
        "appearance_roles": roles,
        "head_present": bool({"principal_head", "deputy_head"} & set(roles)),
        "principal_head_present": "principal_head" in roles,
    }


def write(engine: Engine, summaries: list[dict], more: dict[Any, list[dict]]) -> None:
    """``summaries`` with their ``case_agencies`` rows, then the other tables' rows; then
    analysed, as the projector does after loading this much (a planner that believes the
    tables empty joins them row by row)."""
    with engine.begin() as conn:
        for start in range(0, len(summaries), 5000):
            chunk = summaries[start : start + 5000]
            conn.execute(case_summaries.insert(), chunk)
            conn.execute(
                case_agencies.insert(),
                [
                    {
                        "case_id": r["case_id"],
                        "agency": r["agency"],
                        "role": "implementing",
                        "filed_date": r["filed_date"],
                        "is_primary": True,
                    }
                    for r in chunk
                ],
            )
        for table, rows in more.items():
            for start in range(0, len(rows), 5000):
                conn.execute(table.insert(), rows[start : start + 5000])
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


__all__ = ["case_hearings", "deadline", "deadlines", "hearing", "summary", "write"]
