"""Deliveries: list per case / agency / state, inspect one, retry a dead one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from notifier.api.deps import OPERATOR_RESPONSES, OperatorDep, RuntimeDep
from notifier.api.problems import Problem
from notifier.api.schemas import Delivery
from notifier.platform.db import from_db
from notifier.sending import queries as repo

router = APIRouter(
    prefix="/v1/deliveries",
    tags=["deliveries"],
    dependencies=[OperatorDep],
    responses=OPERATOR_RESPONSES,
)
State = Query(pattern="^(scheduled|sending|sent|failed|dead|withdrawn)$")


@router.get("", response_model=list[Delivery], summary="Deliveries, oldest first")
async def list_deliveries(
    runtime: RuntimeDep,
    case_id: str | None = None,
    agency: str | None = None,
    state: Annotated[str | None, State] = None,
    kind: str | None = None,
    after_id: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    rows = await run_in_threadpool(
        repo.list_deliveries,
        runtime.engine,
        case_id=case_id,
        agency=agency,
        state=state,
        kind=kind,
        limit=limit,
        after_id=after_id,
    )
    return [aware(r) for r in rows]


@router.get("/{delivery_id}", response_model=Delivery, summary="One delivery")
async def get_delivery(delivery_id: int, runtime: RuntimeDep) -> dict[str, Any]:
    row = await run_in_threadpool(repo.get_delivery, runtime.engine, delivery_id)
    if row is None:
        raise Problem(404, "delivery-not-found", "Not found", f"no delivery {delivery_id}")
    return aware(row)


@router.post("/{delivery_id}/retry", response_model=Delivery, summary="Retry a dead delivery")
async def retry(delivery_id: int, runtime: RuntimeDep) -> dict[str, Any]:
    done = await run_in_threadpool(
        repo.retry_dead, runtime.engine, delivery_id, runtime.clock.now()
    )
    row = await run_in_threadpool(repo.get_delivery, runtime.engine, delivery_id)
    if row is None:
        raise Problem(404, "delivery-not-found", "Not found", f"no delivery {delivery_id}")
    if not done:
        raise Problem(
            409,
            "delivery-not-retryable",
            "Conflict",
            f"delivery {delivery_id} is {row['state']}; only dead or failed ones retry",
        )
    return aware(row)


def aware(row: dict[str, Any]) -> dict[str, Any]:
    for name in ("due_at", "next_attempt_at", "sent_at", "updated_at"):
        row[name] = from_db(row.get(name))
    return row
