"""Signing in and out, who is signed in, changing one's password."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from case_api.accounts.schemas import ChangePassword, SessionView, SignIn
from case_api.platform.access import Principal
from case_api.platform.domain_errors import InvalidValue
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.session_cookie import clear_session_cookie, set_session_cookie

router = APIRouter(prefix="/v1/session", tags=["sign-in"])


def request_meta(request: Request, principal: Principal | None, username: str) -> dict[str, Any]:
    """Who acted and from where, as every account and session event records it."""
    meta = principal.meta() if principal else {"principal_id": username, "source": "console"}
    meta["client_ip"] = request.client.host if request.client else None
    meta["user_agent"] = request.headers.get("user-agent", "")[:200]
    return meta


@router.post(
    "",
    status_code=201,
    response_model=SessionView,
    summary="Sign in with a username and password; sets the HttpOnly session cookie",
    responses=errors(401, 422),
)
async def sign_in(body: SignIn, request: Request, runtime: RuntimeDep) -> JSONResponse:
    meta = request_meta(request, None, body.username)
    opened = await run_in_threadpool(runtime.accounts.sign_in, body.username, body.password, meta)
    view = SessionView(
        **_scope(opened.principal), csrf_token=opened.csrf_token, expires_at=opened.expires_at
    )
    response = JSONResponse(view.model_dump(mode="json"), status_code=201)
    settings = runtime.settings
    set_session_cookie(
        response, opened.token, settings.session_ttl_seconds, settings.session_cookie_secure
    )
    return response


@router.get(
    "",
    response_model=SessionView,
    summary="Who is signed in (with the CSRF token of a cookie session)",
    responses=errors(401),
)
async def current_session(request: Request, principal: PrincipalDep) -> SessionView:
    session = getattr(request.state, "session", None)
    if session is None:
        return SessionView(**_scope(principal))
    return SessionView(
        **_scope(principal), csrf_token=session.csrf_token, expires_at=session.expires_at
    )


@router.delete(
    "",
    status_code=204,
    summary="Sign out: ends the cookie session (a bearer token simply expires)",
    responses=errors(401, 403),
)
async def sign_out(request: Request, runtime: RuntimeDep, principal: PrincipalDep) -> Response:
    session = getattr(request.state, "session", None)
    if session is not None:
        meta = request_meta(request, principal, principal.subject)
        await run_in_threadpool(
            runtime.accounts.sign_out, session, request.state.session_token, meta
        )
    response = Response(status_code=204)
    clear_session_cookie(response, runtime.settings.session_cookie_secure)
    return response


@router.post(
    "/password",
    status_code=204,
    summary="Change your password (your other sessions end)",
    responses=errors(401, 403, 422),
)
async def change_password(
    body: ChangePassword, request: Request, runtime: RuntimeDep, principal: PrincipalDep
) -> Response:
    session = getattr(request.state, "session", None)
    if session is None:
        raise InvalidValue(
            "password-change-needs-session",
            "Sign in with your password (a console session) to change it.",
            "请使用用户名和密码登录后再修改密码。",
        )
    meta = request_meta(request, principal, principal.subject)
    await run_in_threadpool(
        runtime.accounts.change_password,
        session,
        body.current_password,
        body.new_password,
        meta,
    )
    return Response(status_code=204)


def _scope(principal: Principal) -> dict[str, Any]:
    return {
        "username": principal.subject,
        "role": principal.role.value,
        "agency": principal.agency,
        "jurisdiction": principal.jurisdiction,
        "court": principal.court,
    }
