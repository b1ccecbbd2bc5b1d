"""Request and response bodies of the machine-client administration."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from case_api.clients.actions import ACTIONS, OPTIONAL_SCOPE, SCOPE_FIELD
from case_api.platform.http.bodies import RequestBody
from case_api.platform.http.schema_rules import both, empty, required_text, rules, when
from case_api.platform.http.schemas import Instant

ACTION_LIST = ", ".join(f"`{name}` ({meaning})" for name, meaning in ACTIONS.items())


def _scope_rules() -> dict:
    """Each role's one scope field, and none of the others (``SCOPE_FIELD``)."""
    fields = ("court", "agency", "jurisdiction")
    conditions = []
    for role, wanted in SCOPE_FIELD.items():
        others = empty(*(f for f in fields if f != wanted))
        then = (
            others
            if wanted is None or role in OPTIONAL_SCOPE
            else both(required_text(wanted), others)
        )
        conditions.append(when("role", role.value, then))
    return rules(*conditions)


class RegisterClient(RequestBody):
    model_config = ConfigDict(json_schema_extra=_scope_rules())
    name: str = Field(min_length=1, max_length=128, examples=["天河区法院电子送达平台"])
    role: Literal["court_system", "agency_user", "bureau_officer", "discipline_officer", "notifier"]
    actions: list[str] = Field(
        min_length=1,
        max_length=len(ACTIONS),
        description=f"Any of: {ACTION_LIST}",
        json_schema_extra={"items": {"type": "string", "enum": list(ACTIONS)}},
    )
    court: str | None = Field(None, max_length=128, description="For court_system")
    agency: str | None = Field(None, max_length=64, description="For agency_user")
    jurisdiction: str | None = Field(
        None, max_length=64, description="For bureau_officer (optional for discipline_officer)"
    )


class RotateSecret(RequestBody):
    grace_seconds: int | None = Field(
        None,
        ge=0,
        le=30 * 86400,
        description="How long the previous secret keeps working (default: the setting)",
    )


class RevokeClient(RequestBody):
    reason: str = Field(min_length=1, max_length=500, examples=["平台下线"])


class IssuedSecret(BaseModel):
    """The secret is shown here once; only its hash is kept."""

    client_id: str
    secret_id: str
    client_secret: str
    position: int


class ClientChangeResult(BaseModel):
    client_id: str
    position: int


class SecretInfo(BaseModel):
    secret_id: str
    expires_at: str | None = Field(description="None while it is the current secret")


class ApiClientView(BaseModel):
    client_id: str
    name: str
    role: str
    agency: str | None
    jurisdiction: str | None
    court: str | None
    actions: list[str]
    status: Literal["active", "revoked"]
    secrets: list[SecretInfo]
    registered_at: Instant
    revoked_at: Instant | None
    version: int


class ApiClientChange(BaseModel):
    position: int
    type: str
    recorded_at: Instant
    principal_id: str | None
    details: dict
