"""Who may read ``/metrics``: anyone, or with ``metrics_token`` set, whoever presents it.

Open by default for a scraper on an internal network; the token is for deployments where the
API's port is reachable from outside (behind the compose proxy, for one).
"""

from __future__ import annotations

import hmac

from fastapi import Request

from case_api.api.deps import RuntimeDep
from case_api.api.openapi_docs import PROBLEM_SCHEMA
from case_api.errors import Unauthenticated


class MetricsTokenRequired(Unauthenticated):
    code = "metrics-token-required"


async def require_metrics_token(request: Request, runtime: RuntimeDep) -> None:
    """Read from the header itself rather than through the API's bearer scheme: that scheme
    means a JWT, and /metrics stays outside it (the OpenAPI document lists no security)."""
    token = runtime.settings.metrics_token
    expected = token.get_secret_value().encode() if token else b""
    if not expected:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
        raise MetricsTokenRequired(
            "/metrics requires the bearer token set in CASE_API_METRICS_TOKEN.",
            "访问 /metrics 需要 CASE_API_METRICS_TOKEN 中设置的访问令牌。",
        )


METRICS_UNAUTHENTICATED = {
    "description": "Only when CASE_API_METRICS_TOKEN is set: no or another bearer token"
    " (problem+json `metrics-token-required`)",
    "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
}
