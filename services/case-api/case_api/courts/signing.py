"""Who is calling the court channel: a court proving itself with its signing key.

``SignedRoute`` checks the signature on the raw body before FastAPI parses it, so a forged or
unsigned request learns nothing about the schema and costs no JSON parsing. A verified
message spends its court's budget; one that fails spends its sender's ``unverified`` budget,
so no amount of junk from anyone can make a court's correctly signed deliveries answer 429.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials

from case_api.courts.keys import CourtKeys
from case_api.courts.signatures import verify_delivery
from case_api.platform.access import Role
from case_api.platform.errors import CourtUnknown, Forbidden, Unauthenticated
from case_api.platform.http.deps import RuntimeDep, bearer, get_principal, session_cookie
from case_api.platform.http.ratelimit import spend, spend_unverified
from case_api.platform.http.ratelimit_clients import SUBJECT
from case_api.runtime import Runtime


def verify_court_message(
    runtime: Runtime, court: str, headers: Mapping[str, str], body: bytes
) -> str:
    """The message id of a message signed with one of the court's active keys."""
    secrets = CourtKeys(runtime.engine).active(court)
    if not secrets:
        raise CourtUnknown(
            f"No signing key is registered for court {court}.", "该法院未登记签名密钥。"
        )
    now = runtime.clock.now().timestamp()
    return verify_delivery(headers, body, secrets, now, runtime.settings.delivery_tolerance_seconds)


async def verify_and_count(request: Request, runtime: Runtime, court: str, kind: str) -> None:
    """Verify the court's signature on the raw body, then spend the court's ``kind`` budget."""
    body = await request.body()
    try:
        await run_in_threadpool(verify_court_message, runtime, court, request.headers, body)
    except Unauthenticated:
        await spend_unverified(request)
        raise
    await spend(request, kind, f"court:{court}")


class SignedRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        parse_and_run = super().get_route_handler()

        async def verified(request: Request) -> Response:
            court = request.path_params["court"]
            await verify_and_count(request, request.app.state.runtime, court, "write")
            return await parse_and_run(request)

        return verified


async def court_or_admin(
    request: Request,
    court: str,
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    session: Annotated[str | None, Depends(session_cookie)] = None,
) -> None:
    """The court, signing its GET like a delivery (empty body), or an administrator's token
    or console session.

    A signed GET's id is not remembered: replaying it within the window reads the same
    receipt again, nothing more.
    """
    if credentials is None and session is None:
        await verify_and_count(request, runtime, court, "read")
        return
    try:
        principal = await get_principal(request, runtime, credentials, session)
    except Unauthenticated:
        await spend_unverified(request)
        raise
    if credentials is None:  # a console session: the middleware counted no one
        await spend(request, "read", SUBJECT + principal.subject)
    if principal.role != Role.ADMIN:
        raise Forbidden(
            "Only the court or an administrator may read receipts.",
            "仅法院或管理员可查看送达回证。",
        )


CourtOrAdmin = Depends(court_or_admin)
