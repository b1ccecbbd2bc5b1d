"""Who may read ``/metrics``: anyone, or with ``metrics_token`` set, whoever presents it.

Open by default for a scraper on an internal network; the token is for deployments where the
API's port is reachable from outside (behind the compose proxy, for one).
"""

from __future__ import annotations

from fastapi import Request

from case_api.platform.errors import Unauthenticated
from case_api.platform.http.deps import RuntimeDep
from case_api.platform.http.openapi_docs import PROBLEM_SCHEMA
from shared.metrics_access import may_read_metrics


class MetricsTokenRequired(Unauthenticated):
    code = "metrics-token-required"


async def require_metrics_token(request: Request, runtime: RuntimeDep) -> None:
    """Outside the API's bearer scheme, which means a JWT (the OpenAPI document lists no
    security on /metrics)."""
    token = runtime.settings.metrics_token
    expected = token.get_secret_value() if token else None
    if not may_read_metrics(request.headers.get("authorization"), expected):
        raise MetricsTokenRequired(
            "/metrics requires the bearer token set in CASE_API_METRICS_TOKEN.",
            "访问 /metrics 需要 CASE_API_METRICS_TOKEN 中设置的访问令牌。",
        )


METRICS_UNAUTHENTICATED = {
    "description": "Only when CASE_API_METRICS_TOKEN is set: no or another bearer token"
    " (problem+json `metrics-token-required`)",
    "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
}
