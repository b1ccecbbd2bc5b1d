"""Reading interviews (an agency its own, a bureau or discipline organ those below its
jurisdiction) and proposing whom to interview from the period's figures."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, select, tuple_

from case_api.cases.visibility import visible_agency_records
from case_api.interviews.proposals import propose
from case_api.interviews.tables import interviews
from case_api.platform.access import Principal
from case_api.platform.cursors import decode_cursor, encode_cursor
from case_api.registry.paths import JurisdictionPaths
from case_api.registry.tables import agencies, jurisdictions
from case_api.statistics.queries import Scope, figures
from shared.rulepacks import PackLibrary
from shared.rulepacks.errors import PackNotFound, PackNotInEffect
from shared.rulepacks.interview_models import Interviews

T = interviews.c


def _visible(principal: Principal, paths: JurisdictionPaths) -> ColumnElement[bool]:
    return visible_agency_records(principal, T.agency, T.jurisdiction_path, paths)


class InterviewQueries:
    def __init__(self, engine: Engine, paths: JurisdictionPaths, library: PackLibrary):
        self.engine = engine
        self.paths = paths
        self.library = library

    def list(
        self,
        principal: Principal,
        agency: str | None,
        held_from: date | None,
        held_to: date | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Newest first; the cursor is the last row's (interview_date, interview_id)."""
        query = select(interviews).where(_visible(principal, self.paths))
        if agency is not None:
            query = query.where(T.agency == agency)
        if held_from is not None:
            query = query.where(T.interview_date >= held_from)
        if held_to is not None:
            query = query.where(T.interview_date <= held_to)
        if cursor:
            held, key = decode_cursor(cursor, interview_date=date, interview_id=str)
            query = query.where(tuple_(T.interview_date, T.interview_id) < tuple_(held, key))
        query = query.order_by(T.interview_date.desc(), T.interview_id.desc()).limit(limit + 1)
        with self.engine.connect() as conn:
            rows = [_public(r) for r in conn.execute(query).mappings()]
        more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1] if more else None
        next_cursor = (
            encode_cursor(interview_date=last["interview_date"], interview_id=last["interview_id"])
            if last
            else None
        )
        return rows, next_cursor

    def proposals(self, principal: Principal, scope: Scope, today: date) -> list[dict[str, Any]]:
        """Agencies whose figures over the period meet a trigger of their pack."""
        found = figures(self.engine, self.paths, principal, scope, today, self.library)
        rows = found["by_agency"]
        codes = sorted(r["agency"] for r in rows)
        ag, j = agencies.c, jurisdictions.c
        with self.engine.connect() as conn:
            packs = dict(
                conn.execute(
                    select(ag.code, j.pack)
                    .select_from(agencies.join(jurisdictions, j.code == ag.jurisdiction))
                    .where(ag.code.in_(codes))
                ).all()
            )
            held = dict(
                conn.execute(
                    select(T.agency, func.count())
                    .where(
                        T.agency.in_(codes),
                        T.interview_date >= scope.start,
                        T.interview_date <= scope.end,
                        _visible(principal, self.paths),
                    )
                    .group_by(T.agency)
                ).all()
            )
        sections = {code: self._section(pack, scope.end) for code, pack in packs.items()}
        return propose(rows, sections, held)

    def _section(self, pack_id: str, at: date) -> Interviews | None:
        try:
            return self.library.pack(pack_id, at).interviews
        except (PackNotFound, PackNotInEffect):
            return None


def _public(row: Any) -> dict[str, Any]:
    found = dict(row)
    found.pop("jurisdiction_path")
    found["interviewee"] = {
        "name": found.pop("interviewee_name"),
        "post": found.pop("interviewee_post"),
    }
    return found
