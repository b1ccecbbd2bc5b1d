"""Reading typical cases: a jurisdiction's list (paged) and its quota for a year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, or_, select

from case_api.casebook.quota import Period, quota
from case_api.casebook.tables import typical_cases
from case_api.cases.visibility import visible_rows
from case_api.platform.access import Principal
from case_api.platform.cursors import decode_cursor, encode_cursor
from case_api.registry.paths import JurisdictionPaths
from case_api.registry.tables import agencies, jurisdictions
from shared.rulepacks import PackLibrary
from shared.rulepacks.errors import PackNotInEffect

t = typical_cases.c


@dataclass(frozen=True)
class Listing:
    jurisdiction: str | None
    start: date | None
    end: date | None
    include_withdrawn: bool
    limit: int
    cursor: str | None


def typical_case_list(
    engine: Engine, paths: JurisdictionPaths, principal: Principal, asked: Listing
) -> tuple[list[dict[str, Any]], str | None]:
    """Newest first; a page of ``limit`` and the cursor of the next, or None at the end.
    Each row names its case, so the list shows the cases the principal may see."""
    query = (
        select(typical_cases, agencies.c.name.label("agency_name"))
        .select_from(typical_cases.outerjoin(agencies, agencies.c.code == t.agency))
        .where(visible_rows(principal, typical_cases, paths))
        .order_by(t.published_date.desc(), t.case_id.desc())
        .limit(asked.limit + 1)
    )
    if asked.jurisdiction:
        query = query.where(paths.below(t.jurisdiction_path, asked.jurisdiction))
    if asked.start:
        query = query.where(t.published_date >= asked.start)
    if asked.end:
        query = query.where(t.published_date <= asked.end)
    if not asked.include_withdrawn:
        query = query.where(t.withdrawn_date.is_(None))
    if asked.cursor:
        day, case_id = decode_cursor(asked.cursor, published_date=date, case_id=str)
        query = query.where(
            or_(t.published_date < day, and_(t.published_date == day, t.case_id < case_id))
        )
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    if len(rows) <= asked.limit:
        return rows, None
    last = rows[asked.limit - 1]
    cursor = encode_cursor(published_date=last["published_date"], case_id=last["case_id"])
    return rows[: asked.limit], cursor


def jurisdiction_row(engine: Engine, code: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        found = conn.execute(select(jurisdictions).where(jurisdictions.c.code == code)).first()
    return dict(found._mapping) if found else None


def year_quota(
    engine: Engine,
    paths: JurisdictionPaths,
    library: PackLibrary,
    jurisdiction: dict[str, Any],
    year: int,
    today: date,
) -> dict[str, Any]:
    """The pack in force at the year's end (or today, within the year) says how often; a
    year before the pack took effect had no quota."""
    try:
        pack = library.pack(jurisdiction["pack"], min(date(year, 12, 31), today))
    except PackNotInEffect:
        pack = None
    entry = pack.typical_cases if pack else None
    periods: list[Period] = []
    if entry is not None and entry.every is not None:
        query = select(t.published_date, t.withdrawn_date).where(
            t.published_date >= date(year, 1, 1),
            t.published_date <= date(year, 12, 31),
            paths.below(t.jurisdiction_path, jurisdiction["code"]),
        )
        with engine.connect() as conn:
            found = [(r.published_date, r.withdrawn_date is not None) for r in conn.execute(query)]
        periods = quota(year, entry.every, found, today)
    return {
        "jurisdiction": jurisdiction["code"],
        "jurisdiction_name": jurisdiction["name"],
        "pack": jurisdiction["pack"],
        "every": entry.every if entry else None,
        "title_zh": entry.title_zh if entry else None,
        "source": entry.source if entry else None,
        "periods": [
            {
                "period": p.period,
                "label": p.label,
                "from": p.start,
                "to": p.end,
                "published": p.published,
                "withdrawn": p.withdrawn,
                "status": p.status,
            }
            for p in periods
        ],
    }
