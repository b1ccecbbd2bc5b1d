"""Per-client request budgets, counted by the ``limits`` package in a storage replicas share.

A client is the subject of a valid bearer token (people and machine clients alike), or the
client address when the request carries no valid token (behind a proxy, the address uvicorn
takes from the trusted proxy's X-Forwarded-For). Routes whose callers prove who they are in
the route itself (a court's signature, a client's credentials: ``identified_by``) are not
counted by address: the route spends the caller's own budget once the proof holds
(``spend``), or, when it fails, the sender address's separate ``unverified`` budget, so junk
can never use up a court's or a client's budget. Reads (GET, HEAD, OPTIONS) and writes (every
other method) spend separate fixed-window budgets; a long-poll or an SSE stream costs one
request however long it stays open. Limited responses carry ``RateLimit-Limit``,
``RateLimit-Remaining`` and ``RateLimit-Reset`` (seconds until the window restarts); a 429
adds ``Retry-After`` with the same number. Health, readiness and metrics are never limited.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import storage_from_string
from starlette.datastructures import MutableHeaders
from starlette.routing import compile_path

from case_api.platform.errors import RateLimited
from case_api.platform.http import bodylimit
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.problems import problem_body
from case_api.platform.http.ratelimit_clients import ADDRESS, Clients, address_of
from case_api.platform.http.routes_ops import router as ops_router
from case_api.platform.settings import Settings

log = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
EXEMPT_PATHS = frozenset(route.path for route in ops_router.routes)  # type: ignore[attr-defined]
HEADERS_DOC = {
    "Retry-After": "Seconds until the client's window restarts",
    "RateLimit-Limit": "Requests allowed per window for this kind (read or write)",
    "RateLimit-Remaining": "Requests left in the current window",
    "RateLimit-Reset": "Seconds until the window restarts",
}


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_seconds),
        }


class RateLimiter:
    def __init__(self, settings: Settings) -> None:
        self.budgets: dict[str, RateLimitItem] = {
            "read": parse(settings.rate_limit_reads),
            "write": parse(settings.rate_limit_writes),
            "unverified": parse(settings.rate_limit_unverified),
        }
        self.storage = _storage(settings.rate_limit_storage)

    async def hit(self, kind: str, client: str) -> Verdict:
        """limits' fixed window: FixedWindowRateLimiter's hit and window stats, in two storage
        round trips instead of three (the count comes back from the increment)."""
        budget = self.budgets[kind]
        key = budget.key_for(kind, client)
        count = await self.storage.incr(key, budget.get_expiry())
        reset_at = await self.storage.get_expiry(key)
        # limits stamps windows with the wall clock, so the time left must be measured on it.
        seconds = max(1, math.ceil(reset_at - time.time()))
        return Verdict(
            count <= budget.amount, budget.amount, max(0, budget.amount - count), seconds
        )


def _storage(uri: str) -> Any:
    """``memory://`` or ``redis://…`` as given in settings, used through limits' async API."""
    options: dict[str, Any] = {"wrap_exceptions": True}
    if "redis" in uri.split("://", 1)[0]:
        options["implementation"] = "redispy"
    return storage_from_string(uri if uri.startswith("async+") else f"async+{uri}", **options)


IDENTITY = "x-rate-limit-identity"


def identified_by(who: str) -> dict[str, str]:
    """``openapi_extra`` of an operation that proves its caller itself and spends the caller's
    budget (``spend``); ``who`` says, in the OpenAPI document, what the budget is counted by."""
    return {IDENTITY: who}


class RateLimitMiddleware:
    """Plain ASGI, before routing: a refused request costs no route, body or database work."""

    def __init__(self, app: Any, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter
        self.clients = Clients()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        kind = "read" if scope["method"] in SAFE_METHODS else "write"
        client = await self.clients.of(request)
        verdict = None
        if not (client.startswith(ADDRESS) and _identifies_its_caller(scope)):
            try:
                verdict = await self.limiter.hit(kind, client)
            except StorageError:
                # An unreachable counter store must not take the case system down with it.
                log.warning("rate-limit storage unavailable; %s not counted", scope["path"])
            if verdict is not None and not verdict.allowed:
                await problem_body(_refused(kind, verdict), request)(scope, receive, send)
                return

        async def send_with_budget(message: dict) -> None:
            spent = verdict or scope.get("state", {}).get(SPENT)
            if message["type"] == "http.response.start" and spent is not None:
                MutableHeaders(scope=message).update(spent.headers())
            await send(message)

        await self.app(scope, receive, send_with_budget)


SPENT = "rate_limit_verdict"
"""Where ``spend`` leaves its verdict for the middleware to put in the response headers."""


async def spend(request: Request, kind: str, identity: str) -> None:
    """Count a request of ``identity`` (``subject:…``, ``court:…``) that an identifying route
    has just proved; raise 429 ``rate-limited`` when over the budget."""
    try:
        verdict = await request.app.state.rate_limiter.hit(kind, identity)
    except StorageError:
        log.warning("rate-limit storage unavailable; %s not counted", request.url.path)
        return
    request.scope.setdefault("state", {})[SPENT] = verdict
    if not verdict.allowed:
        raise _refused(kind, verdict)


async def spend_unverified(request: Request) -> None:
    """Count a failed proof against the sender's address, apart from every caller's budget."""
    await spend(request, "unverified", address_of(request))


def _identifies_its_caller(scope: dict) -> bool:
    """Whether the operation asked for is marked ``identified_by`` in the OpenAPI document
    (the document is where FastAPI's routes are listed flat; compiled once per app)."""
    app = scope["app"]
    marked = getattr(app.state, "identifying_operations", None)
    if marked is None:
        marked = app.state.identifying_operations = [
            (compile_path(path)[0], method.upper())
            for path, item in app.openapi()["paths"].items()
            for method, operation in item.items()
            if IDENTITY in operation
        ]
    return any(m == scope["method"] and regex.match(scope["path"]) for regex, m in marked)


def _refused(kind: str, verdict: Verdict) -> RateLimited:
    error = RateLimited(
        f"Too many {kind} requests; retry in {verdict.reset_seconds} s.",
        f"请求过于频繁，请 {verdict.reset_seconds} 秒后重试。",
        retry_after=verdict.reset_seconds,
    )
    error.headers = {**verdict.headers(), "Retry-After": str(verdict.reset_seconds)}
    return error


def install(app: FastAPI, settings: Settings) -> None:
    app.state.rate_limiter = RateLimiter(settings)
    app.add_middleware(RateLimitMiddleware, limiter=app.state.rate_limiter)


def responses_for(router: APIRouter) -> dict[int | str, dict[str, Any]]:
    """What the limits add to a router's documented responses (``include_router``)."""
    if router is ops_router:
        return {}
    refusal = {
        **errors(429)[429],
        "description": "Over the client's read or write budget (problem+json `rate-limited`)",
        "headers": {
            name: {"description": text, "schema": {"type": "integer"}}
            for name, text in HEADERS_DOC.items()
        },
    }
    return {**bodylimit.RESPONSES, 429: refusal}
