"""Dependency aliases: the runtime lives on ``app.state``, built by ``create_app``."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from notifier.api.problems import Problem
from notifier.runtime import Runtime

bearer = HTTPBearer(auto_error=False, description="NOTIFIER_OPERATOR_TOKEN")


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]


def require_operator(
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Delivery records name people, agencies and their channels: operators only."""
    expected = runtime.settings.operator_token.get_secret_value()
    given = credentials.credentials if credentials else ""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Problem(
            401,
            "operator-token-required",
            "Operator token required",
            "需要运维令牌（NOTIFIER_OPERATOR_TOKEN）。",
        )


OperatorDep = Depends(require_operator)
OPERATOR_RESPONSES: dict[int | str, dict] = {
    401: {
        "description": "No or wrong operator token",
        "content": {"application/problem+json": {}},
    }
}
