"""Typical cases as everyone reads them: the list, and the quota a pack sets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from case_api.casebook.queries import Listing, jurisdiction_row, typical_case_list, year_quota
from case_api.casebook.schemas import TypicalCaseList, TypicalCaseQuota
from case_api.platform.domain_errors import InvalidValue
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.paging import page_limit
from case_api.platform.http.query_types import QueryDate

router = APIRouter(prefix="/v1/typical-cases", tags=["typical cases"])


@router.get(
    "",
    response_model=TypicalCaseList,
    summary="Typical cases published in a jurisdiction and below, newest first",
    description="Each names its case, so a client sees those of the cases it may see (a"
    " bureau its jurisdiction and below). Paged: while `next_cursor` is not null, pass it as"
    " `cursor` for the next page.",
    dependencies=[Consistent],
    responses=errors(401, 422, 503),
)
def list_typical_cases(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    jurisdiction: Annotated[str | None, Query(max_length=64)] = None,
    start: Annotated[QueryDate | None, Query(alias="from")] = None,
    end: Annotated[QueryDate | None, Query(alias="to")] = None,
    include_withdrawn: bool = False,
    cursor: Annotated[
        str | None, Query(max_length=512, description="next_cursor of the previous page")
    ] = None,
    limit: Annotated[int, page_limit(200)] = 50,
) -> dict:
    asked = Listing(jurisdiction, start, end, include_withdrawn, limit, cursor)
    items, next_cursor = typical_case_list(runtime.engine, runtime.queries.paths, principal, asked)
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/quota",
    response_model=TypicalCaseQuota,
    summary="How often the jurisdiction must publish typical cases, and each period of a year",
    description="Xiangshan publishes a batch every quarter [003 二(五)1]: each quarter is met,"
    " missed, open or upcoming. A pack without a period answers `every: null` and no periods.",
    dependencies=[Consistent],
    responses=errors(401, 422, 503),
)
def typical_case_quota(
    runtime: RuntimeDep,
    _: PrincipalDep,
    jurisdiction: Annotated[str, Query(max_length=64)],
    year: Annotated[int, Query(ge=2000, le=2100)],
) -> dict:
    found = jurisdiction_row(runtime.engine, jurisdiction)
    if found is None:
        raise InvalidValue(
            "unknown-jurisdiction",
            f"No jurisdiction {jurisdiction!r} is registered.",
            f"辖区 {jurisdiction} 未登记。",
            jurisdiction=jurisdiction,
        )
    today = runtime.clock.today()
    return year_quota(runtime.engine, runtime.queries.paths, runtime.library, found, year, today)
