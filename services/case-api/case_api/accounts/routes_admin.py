"""Administering people's accounts: create, list, reset a password, unlock, disable, audit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from case_api.accounts.routes import request_meta
from case_api.accounts.schemas import (
    AccountEvent,
    AccountResult,
    AccountView,
    CreateAccount,
    DisableAccount,
    ResetPassword,
)
from case_api.accounts.tables import account_events, accounts
from case_api.platform.access import Principal, Role
from case_api.platform.errors import Forbidden
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.paging import POSITION_MAX, page_limit

router = APIRouter(prefix="/v1/accounts", tags=["accounts"])


def _admin_only(principal: Principal) -> None:
    if principal.role != Role.ADMIN:
        raise Forbidden("Only administrators manage accounts.", "仅管理员可管理账户。")


@router.post(
    "",
    status_code=201,
    response_model=AccountResult,
    summary="Create a person's account with an initial password",
    responses=errors(401, 403, 409, 422),
)
def create_account(
    body: CreateAccount, request: Request, runtime: RuntimeDep, principal: PrincipalDep
) -> AccountResult:
    _admin_only(principal)
    meta = request_meta(request, principal, principal.subject)
    position = runtime.accounts.create(meta=meta, **body.model_dump())
    return AccountResult(username=body.username, position=position)


@router.post(
    "/{username}/password-reset",
    status_code=201,
    response_model=AccountResult,
    summary="Set a new password for a person (their sessions end)",
    responses=errors(401, 403, 404, 409, 422),
)
def reset_password(
    username: str,
    body: ResetPassword,
    request: Request,
    runtime: RuntimeDep,
    principal: PrincipalDep,
) -> AccountResult:
    _admin_only(principal)
    meta = request_meta(request, principal, principal.subject)
    position = runtime.accounts.reset_password(username, body.new_password, meta)
    return AccountResult(username=username, position=position)


@router.post(
    "/{username}/unlock",
    status_code=201,
    response_model=AccountResult,
    summary="Lift a lock-out after repeated failed sign-ins",
    responses=errors(401, 403, 404, 422),
)
def unlock(
    username: str, request: Request, runtime: RuntimeDep, principal: PrincipalDep
) -> AccountResult:
    _admin_only(principal)
    meta = request_meta(request, principal, principal.subject)
    return AccountResult(username=username, position=runtime.accounts.unlock(username, meta))


@router.post(
    "/{username}/disable",
    status_code=201,
    response_model=AccountResult,
    summary="Disable an account at once (its sessions end)",
    responses=errors(401, 403, 404, 409, 422),
)
def disable(
    username: str,
    body: DisableAccount,
    request: Request,
    runtime: RuntimeDep,
    principal: PrincipalDep,
) -> AccountResult:
    _admin_only(principal)
    meta = request_meta(request, principal, principal.subject)
    position = runtime.accounts.disable(username, body.reason, meta)
    return AccountResult(username=username, position=position)


@router.get(
    "",
    response_model=list[AccountView],
    summary="All accounts",
    dependencies=[Consistent],
    responses=errors(401, 403, 422, 503),
)
def list_accounts(runtime: RuntimeDep, principal: PrincipalDep) -> list[dict]:
    _admin_only(principal)
    with runtime.engine.connect() as conn:
        rows = conn.execute(select(accounts).order_by(accounts.c.username))
        return [dict(r) for r in rows.mappings()]


@router.get(
    "/{username}/events",
    response_model=list[AccountEvent],
    summary="The account's audit trail, oldest first: sign-ins, refusals, lock-outs, password changes",
    dependencies=[Consistent],
    responses=errors(401, 403, 422, 503),
)
def account_audit(
    username: str,
    runtime: RuntimeDep,
    principal: PrincipalDep,
    after: Annotated[int, Query(ge=0, le=POSITION_MAX, description="Last position seen")] = 0,
    limit: Annotated[int, page_limit(1000)] = 200,
) -> list[dict]:
    _admin_only(principal)
    e = account_events.c
    query = select(account_events).where(e.username == username, e.position > after)
    with runtime.engine.connect() as conn:
        rows = conn.execute(query.order_by(e.position).limit(limit))
        return [dict(r) for r in rows.mappings()]
