"""Bodies of sign-in, session, password and account administration requests."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

from case_api.accounts.scopes import PERSON_SCOPES
from case_api.platform.http.schema_rules import both, empty, required_text, rules, when
from case_api.platform.http.schemas import Instant

Username = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._@-]*$")
PersonRole = Literal[
    "agency_user", "mobile_reader", "bureau_officer", "discipline_officer", "admin"
]


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(max_length=64, examples=["clerk"])
    password: str = Field(max_length=256, examples=["demo-clerk-pass"])


class SessionView(BaseModel):
    """Who is signed in. ``csrf_token`` is only present for a cookie session: send it as
    ``X-CSRF-Token`` on every request that changes something."""

    username: str
    role: str
    agency: str | None
    jurisdiction: str | None
    court: str | None
    csrf_token: str | None = None
    expires_at: Instant | None = None


class ChangePassword(BaseModel):
    model_config = ConfigDict(extra="forbid")
    current_password: str = Field(max_length=256)
    new_password: str = Field(max_length=256, examples=["a-long-new-passphrase"])


def _scope_rules() -> dict[str, Any]:
    """Each role's one scope field, and not the other (``scopes.PERSON_SCOPES``)."""
    conditions = []
    for role, wanted in PERSON_SCOPES.items():
        others = empty(*(f for f in ("agency", "jurisdiction") if f != wanted))
        then = others if wanted is None else both(required_text(wanted), others)
        conditions.append(when("role", role.value, then))
    return rules(*conditions)


class CreateAccount(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_scope_rules())
    username: str = Username
    display_name: str = Field(min_length=1, max_length=128, examples=["人社局法制科 王五"])
    role: PersonRole
    agency: str | None = Field(None, max_length=64, description="For agency_user, mobile_reader")
    jurisdiction: str | None = Field(
        None, max_length=64, description="For bureau_officer and discipline_officer"
    )
    password: str = Field(max_length=256, description="Initial password; the person changes it")


class ResetPassword(BaseModel):
    model_config = ConfigDict(extra="forbid")
    new_password: str = Field(max_length=256)


class DisableAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=500, examples=["调离岗位"])


class AccountResult(BaseModel):
    username: str
    position: int


class AccountView(BaseModel):
    username: str
    display_name: str
    role: str
    agency: str | None
    jurisdiction: str | None
    court: str | None
    status: Literal["active", "disabled"]
    locked_until: Instant | None
    created_at: Instant
    version: int


class AccountEvent(BaseModel):
    position: int
    type: str = Field(description="AccountCreated, SignedIn, SignInRefused, LockedOut, …")
    recorded_at: Instant
    principal_id: str | None
    details: dict


NEW_PASSWORDS = {"CreateAccount": "password", "ChangePassword": "new_password"}
NEW_PASSWORDS |= {"ResetPassword": "new_password"}


def document_password_length(app: FastAPI, min_length: int) -> None:
    """State the deployment's shortest password (``CASE_API_PASSWORD_MIN_LENGTH``) on each
    new password in the OpenAPI document, so a password it calls valid is long enough."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = build()
        for model, field in NEW_PASSWORDS.items():
            document["components"]["schemas"][model]["properties"][field]["minLength"] = min_length
        return document

    app.openapi = openapi  # type: ignore[method-assign]
