"""The console's session cookie as a second way to authenticate API requests.

The browser sends the cookie by itself, also on requests another site makes it send; so a
request that may change something (any method but GET, HEAD, OPTIONS) must carry the
session's CSRF token in ``X-CSRF-Token``, which only a page of this origin could read
(synchroniser token, OWASP CSRF Prevention Cheat Sheet). SameSite=Strict is a second wall.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response

from case_api.platform.access import Principal
from case_api.platform.errors import CsrfRefused, Unauthenticated

if TYPE_CHECKING:
    from case_api.runtime import Runtime

SESSION_COOKIE = "yingsu_session"
SIGNED_IN_HINT = "yingsu_signed_in"
"""Readable by the page, holds nothing secret: lets the console go straight to the sign-in
page instead of asking the API and logging a 401 in the browser console."""
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def principal_from_session(runtime: Runtime, request: Request, token: str) -> Principal:
    """The session's principal; raises ``Unauthenticated`` or ``CsrfRefused``."""
    session = runtime.accounts.session(token)
    if session is None:
        raise Unauthenticated(
            "The session has ended or expired: sign in again.", "登录已失效，请重新登录。"
        )
    if request.method not in SAFE_METHODS:
        check_csrf(request, session.csrf_token)
    request.state.session = session  # sign-out and password changes need the session itself
    request.state.session_token = token
    return session.principal


def check_csrf(request: Request, expected: str) -> None:
    given = request.headers.get(CSRF_HEADER, "")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise CsrfRefused(
            f"A change made with the session cookie needs the session's {CSRF_HEADER} header.",
            "请求缺少或带有错误的 CSRF 令牌，已拒绝。请刷新页面后重试。",
        )


def set_session_cookie(response: Response, token: str, max_age: int, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        secure=secure,
        samesite="strict",
    )
    response.set_cookie(
        SIGNED_IN_HINT, "1", max_age=max_age, path="/", secure=secure, samesite="strict"
    )


def clear_session_cookie(response: Response, secure: bool) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, secure=secure, samesite="strict"
    )
    response.delete_cookie(SIGNED_IN_HINT, path="/", secure=secure, samesite="strict")
