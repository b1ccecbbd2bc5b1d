"""Per-client request budgets, counted by the ``limits`` package in a storage replicas share.

A client is the subject of a valid bearer token (people and machine clients alike), or the
peer address when the request carries no valid token. Reads (GET, HEAD, OPTIONS) and writes
(every other method) spend separate fixed-window budgets; a long-poll or an SSE stream costs
one request however long it stays open. Limited responses carry ``RateLimit-Limit``,
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

from case_api.platform.errors import RateLimited
from case_api.platform.http import bodylimit
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.problems import problem_body
from case_api.platform.http.ratelimit_clients import Clients
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
        try:
            verdict = await self.limiter.hit(kind, await self.clients.of(request))
        except StorageError:
            # An unreachable counter store must not take the case system down with it.
            log.warning("rate-limit storage unavailable; %s not counted", scope["path"])
            await self.app(scope, receive, send)
            return
        if not verdict.allowed:
            await _refusal(request, kind, verdict)(scope, receive, send)
            return

        async def send_with_budget(message: dict) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(verdict.headers())
            await send(message)

        await self.app(scope, receive, send_with_budget)


def _refusal(request: Request, kind: str, verdict: Verdict) -> Any:
    error = RateLimited(
        f"Too many {kind} requests; retry in {verdict.reset_seconds} s.",
        f"请求过于频繁，请 {verdict.reset_seconds} 秒后重试。",
        retry_after=verdict.reset_seconds,
    )
    response = problem_body(error, request)
    response.headers.update({**verdict.headers(), "Retry-After": str(verdict.reset_seconds)})
    return response


def install(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(RateLimitMiddleware, limiter=RateLimiter(settings))


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
