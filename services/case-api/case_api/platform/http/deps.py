"""Dependencies shared by the routes, as ``Annotated`` aliases."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from case_api.platform.access import Principal
from case_api.platform.commands import Request as CommandRequest
from case_api.platform.errors import Unauthenticated
from case_api.platform.http.auth import principal_from_token
from case_api.platform.http.session_cookie import SESSION_COOKIE, principal_from_session
from case_api.runtime import Runtime

IF_MATCH_PATTERN = r'^(\*|(W/)?"[0-9]{1,18}"|[0-9]{1,18})$'
"""``*``, or a case version as an entity tag (quoted, weak or bare): what ETag answers carry."""

bearer = HTTPBearer(
    auto_error=False,
    description="Bearer token (JWT): from `case-api token`, or `POST /v1/oauth/token` for clients",
)
session_cookie = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    description="The console's session (POST /v1/session); a request that changes anything"
    " also sends the session's CSRF token as X-CSRF-Token",
)


# Dependencies that only compute are ``async def``: FastAPI runs each plain ``def`` one in
# the thread pool, and a dozen hops per request cost more than the request's own work.


async def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_principal(
    request: Request,
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    session: Annotated[str | None, Depends(session_cookie)] = None,
) -> Principal:
    """Who the token names, or else the session cookie; routes take ``PrincipalDep``, which
    also checks machine clients. A bearer token wins: an app that sends one means it."""
    if credentials is None and session:
        return await run_in_threadpool(principal_from_session, runtime, request, session)
    if credentials is None:
        raise Unauthenticated("A bearer token is required.", "需要提供访问令牌。")
    return principal_from_token(
        credentials.credentials,
        runtime.keyring,
        runtime.settings.token_issuer,
        runtime.clock.now().timestamp(),
    )


async def get_authorized_principal(
    request: Request, runtime: RuntimeDep, principal: Annotated[Principal, Depends(get_principal)]
) -> Principal:
    await _check_client(runtime, principal, request)
    return principal


async def _check_client(runtime: Runtime, principal: Principal, request: Request) -> None:
    if principal.client_id is not None:  # reads the client's record: off the event loop
        await run_in_threadpool(runtime.check_client_request, principal, request)


PrincipalDep = Annotated[Principal, Depends(get_authorized_principal)]


async def get_subscriber(
    request: Request,
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    session: Annotated[str | None, Depends(session_cookie)] = None,
) -> Principal:
    """Calendar apps cannot send headers: a subscription URL may carry ``?token=``."""
    token = request.query_params.get("token")
    if credentials is None and token:
        credentials = HTTPAuthorizationCredentials(scheme="Bearer", credentials=token)
    return await get_principal(request, runtime, credentials, session)


async def get_authorized_subscriber(
    request: Request, runtime: RuntimeDep, principal: Annotated[Principal, Depends(get_subscriber)]
) -> Principal:
    await _check_client(runtime, principal, request)
    return principal


SubscriberDep = Annotated[Principal, Depends(get_authorized_subscriber)]


@dataclass(frozen=True)
class WriteContext:
    """A write's Idempotency-Key, If-Match version and body fingerprint."""

    principal: Principal
    key: str | None
    request_hash: str
    if_match: int | None

    def command_request(self) -> CommandRequest:
        return CommandRequest(self.principal, self.key, self.request_hash, self.if_match)


async def get_write_context(
    request: Request,
    principal: PrincipalDep,
    idempotency_key: Annotated[
        str | None,
        Header(
            max_length=128,
            description="Client-chosen key; a resend with the same key and body is not re-run",
        ),
    ] = None,
    if_match: Annotated[
        str | None,
        Header(
            description='The case version the client saw, as its ETag ("3"); * for any',
            pattern=IF_MATCH_PATTERN,
            examples=['"3"'],
        ),
    ] = None,
) -> WriteContext:
    body = await request.body()
    try:
        canonical = json.dumps(json.loads(body or b"null"), sort_keys=True, ensure_ascii=False)
    except ValueError:
        canonical = body.decode("latin-1")
    digest = hashlib.sha256(f"{request.method} {request.url.path}\n{canonical}".encode())
    return WriteContext(principal, idempotency_key, digest.hexdigest(), _version(if_match))


def _version(if_match: str | None) -> int | None:
    if if_match is None or if_match == "*":
        return None
    return int(if_match.removeprefix("W/").strip('"'))


WriteDep = Annotated[WriteContext, Depends(get_write_context)]
