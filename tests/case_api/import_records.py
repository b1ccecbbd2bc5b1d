"""Records for ``case-api import``: cases with their dated facts, as another platform exports."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any


def record(number: int, filed: date, *, lost: bool = False, head: bool = True) -> dict[str, Any]:
    """A Guangzhou case heard 40 days after filing; its appearance with or without a head."""
    served, hearing = filed + timedelta(days=5), filed + timedelta(days=40 + number % 7)
    judged = hearing + timedelta(days=20)
    role = "principal_head" if head else "lawyer"
    outcome = (
        {"instance": "first", "outcome": "lost", "loss_type": "revoked"}
        if lost
        else {
            "instance": "first",
            "outcome": "won",
        }
    )
    return {
        "court": "gz-tianhe-court",
        "case_number": f"（2024）粤0106行初{number}号",
        "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
        "subject_matter": "工伤认定",
        "plaintiff_count": 1,
        "filed_date": filed.isoformat(),
        "facts": [
            {"command": "serve_document", "kind": "complaint_copy", "served_date": _d(served)},
            {
                "command": "report_to_bureau",
                "subject": "complaint_copy",
                "reported_date": _d(served),
            },
            {"command": "submit_answer", "submitted_date": _d(served + timedelta(days=9))},
            {
                "command": "serve_document",
                "kind": "summons",
                "served_date": _d(served + timedelta(days=12)),
                "hearing_date": _d(hearing),
            },
            {
                "command": "record_appearance",
                "hearing_date": _d(hearing),
                "appearances": [{"name": "甲", "role": role}],
            },
            {"command": "serve_judgment", "judgment": outcome, "served_date": _d(judged)},
            {"command": "make_effective", "effective_date": _d(judged + timedelta(days=16))},
        ],
    }


def lines(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _d(day: date) -> str:
    return day.isoformat()
