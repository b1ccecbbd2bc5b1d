"""What a request made with a machine client's token may do, on top of the role rules."""

from __future__ import annotations

from fastapi import Request

from case_api.clients.actions import required_action
from case_api.clients.service import ClientService
from case_api.platform.access import Principal
from case_api.platform.errors import Forbidden, Unauthenticated


def check_client_request(clients: ClientService, principal: Principal, request: Request) -> None:
    """A revoked client is refused at once; a route needs its action among the granted."""
    if principal.client_id is None:
        return
    if clients.active(principal.client_id) is None:
        raise Unauthenticated(
            "The machine client behind this token is revoked.", "该令牌所属的客户端已被吊销。"
        )
    route = getattr(request.scope.get("route"), "path", "")
    action = required_action(request.method, route)
    if action is None or action not in (principal.actions or ()):
        needed = action or "an action no client is granted"
        raise Forbidden(
            f"This client's token does not grant {needed}.",
            f"该客户端令牌未授予 {needed} 权限。",
            action=needed,
        )
