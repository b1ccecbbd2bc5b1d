"""Administering machine clients: register, list, rotate a secret, revoke (admins only)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from case_api.clients.schemas import (
    ApiClientChange,
    ApiClientView,
    ClientChangeResult,
    IssuedSecret,
    RegisterClient,
    RevokeClient,
    RotateSecret,
)
from case_api.clients.tables import api_client_changes, api_clients
from case_api.platform.access import Principal, Role
from case_api.platform.errors import Forbidden
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors

router = APIRouter(prefix="/v1/clients", tags=["machine clients"])


def _admin_only(principal: Principal) -> None:
    if principal.role != Role.ADMIN:
        raise Forbidden("Only administrators manage machine clients.", "仅管理员可管理客户端。")


@router.post(
    "",
    status_code=201,
    response_model=IssuedSecret,
    summary="Register a machine client (the secret is shown once)",
    responses=errors(401, 403, 422),
)
def register_client(
    body: RegisterClient, runtime: RuntimeDep, principal: PrincipalDep
) -> IssuedSecret:
    _admin_only(principal)
    issued = runtime.clients.register(meta=principal.meta(), **body.model_dump())
    return IssuedSecret(**vars(issued))


@router.post(
    "/{client_id}/secret-rotations",
    status_code=201,
    response_model=IssuedSecret,
    summary="Issue a new secret; the previous one works for a grace period",
    responses=errors(401, 403, 404, 409, 422),
)
def rotate_secret(
    client_id: str, body: RotateSecret, runtime: RuntimeDep, principal: PrincipalDep
) -> IssuedSecret:
    _admin_only(principal)
    issued = runtime.clients.rotate_secret(client_id, principal.meta(), body.grace_seconds)
    return IssuedSecret(**vars(issued))


@router.post(
    "/{client_id}/revocation",
    status_code=201,
    response_model=ClientChangeResult,
    summary="Revoke a machine client at once (its tokens stop working too)",
    responses=errors(401, 403, 404, 409, 422),
)
def revoke_client(
    client_id: str, body: RevokeClient, runtime: RuntimeDep, principal: PrincipalDep
) -> ClientChangeResult:
    _admin_only(principal)
    position = runtime.clients.revoke(client_id, body.reason, principal.meta())
    return ClientChangeResult(client_id=client_id, position=position)


@router.get(
    "",
    response_model=list[ApiClientView],
    summary="All machine clients",
    dependencies=[Consistent],
    responses=errors(401, 403, 422, 503),
)
def list_clients(runtime: RuntimeDep, principal: PrincipalDep) -> list[dict]:
    _admin_only(principal)
    with runtime.engine.connect() as conn:
        rows = conn.execute(select(api_clients).order_by(api_clients.c.registered_at))
        return [dict(r) for r in rows.mappings()]


@router.get(
    "/{client_id}/changes",
    response_model=list[ApiClientChange],
    summary="Who registered, rotated or revoked the client, and when",
    dependencies=[Consistent],
    responses=errors(401, 403, 422, 503),
)
def client_changes(client_id: str, runtime: RuntimeDep, principal: PrincipalDep) -> list[dict]:
    _admin_only(principal)
    c = api_client_changes.c
    with runtime.engine.connect() as conn:
        rows = conn.execute(
            select(api_client_changes).where(c.client_id == client_id).order_by(c.position)
        )
        return [dict(r) for r in rows.mappings()]
