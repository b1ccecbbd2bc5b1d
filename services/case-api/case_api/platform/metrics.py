"""Prometheus metrics of case-api, and a plain ASGI middleware that counts requests.

A pure ASGI middleware (not ``BaseHTTPMiddleware``) keeps the per-request cost small.
"""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import Counter, Gauge, Histogram

REQUESTS = Counter("case_api_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "case_api_request_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10),
)
PROJECTION_POSITION = Gauge("case_api_projection_position", "Last projected event position")
PROJECTION_LAG = Gauge("case_api_projection_lag_events", "Events not yet in the read models")
DOCUMENTS_MISSING = Counter(
    "case_api_documents_missing",
    "Downloads of a document a case cites that the blob store does not hold",
)


class MetricsMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def send_wrapper(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", "unmatched")
            method = scope["method"]
            REQUESTS.labels(method, path, str(status["code"])).inc()
            LATENCY.labels(method, path).observe(time.perf_counter() - started)
