"""Dependency aliases: the runtime lives on ``app.state``, built by ``create_app``.

Two ways in: the operator token (every operator endpoint), and for downloads also a signed,
expiring link (``signed_links``) such as a bulletin message carries.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from notifier.api.problems import Problem
from notifier.platform.signed_links import LinkCheck, check_link
from notifier.runtime import Runtime
from shared.metrics_access import may_read_metrics

bearer = HTTPBearer(auto_error=False, description="NOTIFIER_OPERATOR_TOKEN")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]


def _is_operator(runtime: Runtime, credentials: HTTPAuthorizationCredentials | None) -> bool:
    expected = runtime.settings.operator_token.get_secret_value()
    given = credentials.credentials if credentials else ""
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def _operator_token_required(title: str, detail: str) -> Problem:
    return Problem(401, "operator-token-required", title, detail)


def require_operator(runtime: RuntimeDep, credentials: Credentials) -> None:
    """Delivery records name people, agencies and their channels: operators only."""
    if not _is_operator(runtime, credentials):
        raise _operator_token_required(
            "Operator token required", "需要运维令牌（NOTIFIER_OPERATOR_TOKEN）。"
        )


LINK_FAILURES = {
    LinkCheck.EXPIRED: ("link-expired", "Link expired", "下载链接已过期，请向运维人员索取。"),
    LinkCheck.BAD_SIGNATURE: (
        "link-signature-invalid",
        "Link signature invalid",
        "下载链接签名无效。",
    ),
}


def require_operator_or_signed_link(
    request: Request,
    runtime: RuntimeDep,
    credentials: Credentials,
    expires: Annotated[
        int | None, Query(description="Signed link: Unix time the link stops working")
    ] = None,
    sig: Annotated[
        str | None,
        Query(description="Signed link: HMAC-SHA256 hex of 'GET\\npath\\nexpires'"),
    ] = None,
) -> None:
    if _is_operator(runtime, credentials):
        return
    if expires is None and sig is None:
        raise _operator_token_required(
            "Operator token or signed link required",
            "需要运维令牌（NOTIFIER_OPERATOR_TOKEN）或签名下载链接。",
        )
    secret = runtime.settings.link_secret.get_secret_value()
    found = check_link(
        secret, request.method, _app_path(request), expires, sig, runtime.clock.now()
    )
    if found is not LinkCheck.VALID:
        code, title, detail = LINK_FAILURES[found]
        raise Problem(403, code, title, detail)


def _app_path(request: Request) -> str:
    """The path the route saw: behind a proxy that mounts the API under a prefix, links are
    signed without it (``root_path``), whatever the public URL adds."""
    path, root = request.url.path, request.scope.get("root_path", "").rstrip("/")
    return path[len(root) :] if root and path.startswith(f"{root}/") else path


def require_metrics_token(request: Request, runtime: RuntimeDep) -> None:
    """Open unless NOTIFIER_METRICS_TOKEN is set: it is Prometheus's key, not the operator's
    (an operator token opens delivery records; a scraper needs only the counters)."""
    token = runtime.settings.metrics_token
    expected = token.get_secret_value() if token else None
    if not may_read_metrics(request.headers.get("authorization"), expected):
        raise Problem(
            401,
            "metrics-token-required",
            "Metrics token required",
            "访问 /metrics 需要 NOTIFIER_METRICS_TOKEN 中设置的访问令牌。",
        )


OperatorDep = Depends(require_operator)
OperatorOrLinkDep = Depends(require_operator_or_signed_link)
MetricsDep = Depends(require_metrics_token)
STORAGE_UNAVAILABLE: dict = {
    "description": "The notifier's database does not answer (storage-unavailable)",
    "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
    "content": {
        "application/problem+json": {
            "example": {
                "type": "tag:yingsu,2026:notifier/problem/storage-unavailable",
                "title": "Service unavailable",
                "status": 503,
                "detail": "数据库暂时无法访问，请 5 秒后重试 (the database does not answer).",
                "code": "storage-unavailable",
                "retry_after": 5,
            }
        }
    },
}
OPERATOR_RESPONSES: dict[int | str, dict] = {
    401: {
        "description": "No or wrong operator token",
        "content": {"application/problem+json": {}},
    },
    503: STORAGE_UNAVAILABLE,
}
DOWNLOAD_RESPONSES: dict[int | str, dict] = {
    503: STORAGE_UNAVAILABLE,
    401: {
        "description": "Neither an operator token nor a signed link",
        "content": {"application/problem+json": {}},
    },
    403: {
        "description": "Signed link expired (link-expired) or forged (link-signature-invalid)",
        "content": {"application/problem+json": {}},
    },
}
METRICS_RESPONSES: dict[int | str, dict] = {
    401: {
        "description": "Only when NOTIFIER_METRICS_TOKEN is set: no or another bearer token"
        " (metrics-token-required)",
        "content": {"application/problem+json": {}},
    }
}
