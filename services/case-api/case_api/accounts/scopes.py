"""Which scope each role a person may hold takes (machines have clients instead)."""

from __future__ import annotations

from typing import Any

from case_api.accounts.errors import scope_mismatch
from case_api.platform.access import Role
from case_api.platform.domain_errors import InvalidValue
from case_api.registry.service import RegistryService

PERSON_SCOPES = {
    Role.AGENCY_USER: "agency",
    Role.MOBILE_READER: "agency",
    Role.BUREAU_OFFICER: "jurisdiction",
    Role.DISCIPLINE_OFFICER: "jurisdiction",
    Role.ADMIN: None,
}


def checked_scope(
    registry: RegistryService, role: str, given: dict[str, Any]
) -> dict[str, str | None]:
    """The account's scope: the one its role takes, naming a registered agency or jurisdiction."""
    if role not in {r.value for r in PERSON_SCOPES}:
        raise InvalidValue(
            "invalid-account-role",
            f"A person's account cannot hold the role {role}; machines get clients.",
            f"个人账户不能使用角色 {role}（系统对接请登记客户端）。",
            field="role",
        )
    wanted = PERSON_SCOPES[Role(role)]
    scope = {name: given.get(name) or None for name in ("agency", "jurisdiction", "court")}
    if any(v for k, v in scope.items() if k != wanted) or (wanted and not scope[wanted]):
        raise scope_mismatch(role, wanted)
    if scope["agency"]:
        registry.agency(scope["agency"])
    if scope["jurisdiction"]:
        registry.jurisdiction(scope["jurisdiction"])
    return scope
