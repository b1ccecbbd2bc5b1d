"""OpenID Connect sign-in: off to the identity provider, and back with a session."""

from __future__ import annotations

from typing import Annotated, Any

import jwt
from fastapi import APIRouter, Cookie, Query, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from case_api.accounts.oidc import OidcLogin, Pending, refused
from case_api.accounts.routes import request_meta
from case_api.platform.domain_errors import NotFound
from case_api.platform.http.deps import RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.session_cookie import set_session_cookie

router = APIRouter(prefix="/v1/session/oidc", tags=["sign-in"])
PENDING_COOKIE = "yingsu_oidc"
PENDING_SECONDS = 600
FOUND = {302: {"description": "To the identity provider's sign-in page"}}


def _login(runtime: Any) -> OidcLogin:
    if runtime.oidc is None:
        raise NotFound(
            "oidc-not-configured",
            "Sign-in through an identity provider is not configured here.",
            "本系统未配置统一身份认证登录。",
        )
    return runtime.oidc


@router.get(
    "/login",
    status_code=302,
    summary="Start an OpenID Connect sign-in (authorization code with PKCE)",
    responses={**FOUND, **errors(404)},
)
async def oidc_login(runtime: RuntimeDep) -> RedirectResponse:
    url, pending = await run_in_threadpool(_login(runtime).start)
    response = RedirectResponse(url, status_code=302)
    sealed = jwt.encode(
        {**vars(pending), "exp": int(runtime.clock.now().timestamp()) + PENDING_SECONDS},
        runtime.keyring.signing_key,
        algorithm="HS256",
    )
    # Lax, not Strict: the provider sends the browser back with a top-level GET from its site.
    response.set_cookie(
        PENDING_COOKIE,
        sealed,
        max_age=PENDING_SECONDS,
        path="/v1/session/oidc",
        httponly=True,
        secure=runtime.settings.session_cookie_secure,
        samesite="lax",
    )
    return response


@router.get(
    "/callback",
    status_code=303,
    summary="Where the identity provider sends the browser back; opens the session",
    responses={303: {"description": "To the console, signed in"}, **errors(401, 404, 422)},
)
async def oidc_callback(
    request: Request,
    runtime: RuntimeDep,
    code: Annotated[str, Query(max_length=2048)],
    state: Annotated[str, Query(max_length=256)],
    yingsu_oidc: Annotated[str | None, Cookie()] = None,
) -> RedirectResponse:
    login = _login(runtime)
    pending = _pending(runtime, yingsu_oidc)
    principal = await run_in_threadpool(login.finish, code, state, pending)
    meta = request_meta(request, principal, principal.subject)
    opened = await run_in_threadpool(runtime.accounts.open_session, principal, "oidc", meta)
    response = RedirectResponse("/console/", status_code=303)
    settings = runtime.settings
    set_session_cookie(
        response, opened.token, settings.session_ttl_seconds, settings.session_cookie_secure
    )
    response.delete_cookie(PENDING_COOKIE, path="/v1/session/oidc")
    return response


def _pending(runtime: Any, sealed: str | None) -> Pending:
    try:
        claims = jwt.decode(
            sealed or "",
            runtime.keyring.signing_key,
            algorithms=["HS256"],
            options={"verify_exp": False},  # checked against the injected clock below
        )
        if runtime.clock.now().timestamp() >= claims["exp"]:
            raise KeyError("exp")
        return Pending(claims["state"], claims["nonce"], claims["verifier"])
    except (jwt.PyJWTError, KeyError, TypeError):
        raise refused("the sign-in was not started here, or took too long") from None
