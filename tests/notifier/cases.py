"""Feed events as case-api's ``GET /v1/events`` gives them, for in-process tests."""

from __future__ import annotations

from typing import Any

from notifier.reminders.plan import CaseInfo, plan_case
from shared.calendar import WorkCalendar
from shared.deadlines import CaseEvent, derive_deadlines
from shared.rulepacks import shipped_library
from shared.rulepacks.citations import documents_of

CASE = "c0000000-0000-0000-0000-000000000001"
RECORDED = "2026-11-23T08:00:00+00:00"


def feed_event(
    position: int, kind: str, data: dict[str, Any], stream: str = CASE, stream_type: str = "case"
) -> dict[str, Any]:
    return {
        "position": position,
        "stream_id": stream,
        "stream_type": stream_type,
        "version": position,
        "type": kind,
        "recorded_at": RECORDED,
        "data": data,
        "meta": {},
    }


def filed(position: int = 1) -> dict[str, Any]:
    return feed_event(
        position,
        "CaseFiled",
        {
            "court": "gz-tianhe-court",
            "case_number": "（2025）粤0106行初1号",
            "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
            "jurisdiction": "gz",
            "pack": "guangzhou",
            "subject_matter": "工伤认定",
            "plaintiff_count": 1,
            "filed_date": "2025-09-15",
            "flags": [],
        },
    )


def served(position: int, kind: str, day: str, hearing: str | None = None) -> dict[str, Any]:
    return feed_event(
        position,
        "DocumentServed",
        {"kind": kind, "served_date": day, "hearing_date": hearing, "document_number": ""},
    )


def registry() -> list[dict[str, Any]]:
    return [
        feed_event(
            1,
            "JurisdictionRegistered",
            {"code": "gz", "name": "广州市", "level": "city", "parent": None, "pack": "guangzhou"},
            "j-gz",
            "jurisdiction",
        ),
        feed_event(
            2,
            "AgencyRegistered",
            {
                "code": "gz-hrss",
                "name": "广州市人社局",
                "jurisdiction": "gz",
                "level": "department",
            },
            "a-hrss",
            "agency",
        ),
    ]


def plan(
    events: list[dict[str, Any]],
    calendar: WorkCalendar | None = None,
    hour: int = 9,
    info: CaseInfo | None = None,
) -> dict[str, Any]:
    """Planned deliveries of CASE by key, straight from the pure planner (a Guangzhou case
    unless ``info`` says otherwise)."""
    library = shipped_library()
    info = info or CaseInfo(
        CASE, "（2025）粤0106行初1号", "guangzhou", ("gz-hrss",), ("gz",), "工伤认定"
    )
    calendar = calendar or WorkCalendar.official()
    from datetime import datetime

    case_events = [
        CaseEvent(e["position"], e["type"], e["data"], datetime.fromisoformat(e["recorded_at"]))
        for e in events
    ]
    deadlines = derive_deadlines(case_events, library, calendar, pack_id=info.pack)
    rules = library.ruleset(info.pack, case_events[0].recorded_at)
    policy = rules.policy.model_copy(update={"reminder_hour": hour})
    remediation = frozenset(rules.pack.remediation.after_missed if rules.pack.remediation else ())
    documents = documents_of((*rules.includes, rules.pack))
    planned = plan_case(info, deadlines, calendar, policy, remediation, documents)
    return {p.key: p for p in planned}


def case_feed_events() -> list[dict[str, Any]]:
    return registry() + [filed(3), served(4, "notice_to_respond", "2025-09-19")]
