"""The joint meetings (联席会议 [001 八-十]) a principal may see: per meeting its members
(from the pack, listed once), the cases it considered, and per case the written opinion with
its countersignatures; and the figures of the meetings held in a period.

A meeting is the cases of one jurisdiction's pack scheduled for one date. ``awaiting``
lists the members whose countersignature the opinion still needs before it is archived.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, select

from case_api.accountability.tables import accountability_meetings
from case_api.cases.queries import CaseQueries
from case_api.cases.tables import case_summaries
from case_api.cases.visibility import visible_cases
from case_api.platform.access import Principal
from shared.rulepacks import PackLibrary

m = accountability_meetings.c


def case_meetings(conn: Connection, library: PackLibrary, case_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(accountability_meetings).where(m.case_id == case_id).order_by(m.seq)
    ).mappings()
    return [_case_entry(dict(r), _members(library, r["pack"])) for r in rows]


def meetings(
    engine: Any,
    library: PackLibrary,
    cases: CaseQueries,
    principal: Principal,
    jurisdiction: str | None,
    from_date: date | None,
    to_date: date | None,
) -> dict[str, Any]:
    visible = select(case_summaries.c.case_id).where(visible_cases(principal, cases.paths))
    query = select(accountability_meetings).where(m.case_id.in_(visible))
    if jurisdiction:
        query = query.where(cases.paths.below(m.jurisdiction_path, jurisdiction))
    if from_date:
        query = query.where(m.meeting_date >= from_date)
    if to_date:
        query = query.where(m.meeting_date <= to_date)
    with engine.connect() as conn:
        order = query.order_by(m.meeting_date, m.pack, m.case_id)
        rows = [dict(r) for r in conn.execute(order).mappings()]
    found = []
    for (meeting_date, pack), group in groupby(rows, key=lambda r: (r["meeting_date"], r["pack"])):
        members = _members(library, pack)
        found.append(
            {
                "meeting_date": meeting_date,
                "pack": pack,
                **_office(library, pack),
                "members": members,
                "cases": [_case_entry(r, members) for r in group],
            }
        )
    return {
        "scope": {"jurisdiction": jurisdiction, "from_date": from_date, "to_date": to_date},
        "figures": _figures(found),
        "meetings": found,
    }


def _figures(found: list[dict[str, Any]]) -> dict[str, int]:
    """Counts over the meetings held in the period: cases considered, and of their opinions
    how many were recorded, established responsibility, fully countersigned, archived."""
    entries = [c for meeting in found for c in meeting["cases"]]
    opinions = [c["opinion"] for c in entries if c["opinion"] is not None]
    return {
        "meetings": len(found),
        "cases_considered": len(entries),
        "papers_sent": sum(1 for c in entries if c["papers_sent_date"] is not None),
        "opinions_recorded": len(opinions),
        "responsibility_established": sum(1 for o in opinions if o["established"]),
        "opinions_countersigned": sum(1 for o in opinions if not o["awaiting"]),
        "opinions_archived": sum(1 for o in opinions if o["archived_date"] is not None),
    }


def _case_entry(row: dict[str, Any], members: list[dict[str, str]]) -> dict[str, Any]:
    opinion = None
    if row["opinion_recorded_date"] is not None:
        signatures = row["signatures"] or {}
        opinion = {
            "recorded_date": row["opinion_recorded_date"],
            "established": row["established"],
            "party_ids": row["party_ids"],
            "reasons": row["reasons"],
            "signatures": [
                {"member": x["id"], "signed_date": signatures[x["id"]]}
                for x in members
                if x["id"] in signatures
            ],
            "awaiting": [x["id"] for x in members if x["id"] not in signatures],
            "archived_date": row["archived_date"],
        }
    return {
        "case_id": row["case_id"],
        "meeting_date": row["meeting_date"],
        "agency": row["agency"],
        "agenda": row["agenda"],
        "papers_sent_date": row["papers_sent_date"],
        "opinion": opinion,
    }


def _section(library: PackLibrary, pack: str) -> Any:
    section = library.pack(pack).accountability
    return section.joint_meeting if section else None


def _members(library: PackLibrary, pack: str) -> list[dict[str, str]]:
    meeting = _section(library, pack)
    if meeting is None:
        return []
    return [{"id": x.id, "title_zh": x.title_zh, "source": x.source} for x in meeting.members]


def _office(library: PackLibrary, pack: str) -> dict[str, Any]:
    meeting = _section(library, pack)
    return {
        "office_zh": meeting.office_zh if meeting else None,
        "decides": bool(meeting and meeting.decides),
        "source": meeting.source if meeting else None,
    }
