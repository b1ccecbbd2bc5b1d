"""Bearer tokens (JWT, HS256 via PyJWT) naming the principal, its role and its scope."""

from __future__ import annotations

import time
from typing import Any

import jwt

from case_api.access import Principal, Role
from case_api.errors import Unauthenticated

ALGORITHM = "HS256"


def issue_token(
    secret: str,
    issuer: str,
    *,
    subject: str,
    role: Role,
    ttl_seconds: int,
    agency: str | None = None,
    jurisdiction: str | None = None,
    court: str | None = None,
    now: float | None = None,
) -> str:
    issued = int(now if now is not None else time.time())
    claims: dict[str, Any] = {
        "iss": issuer,
        "sub": subject,
        "role": role.value,
        "iat": issued,
        "exp": issued + ttl_seconds,
    }
    for name, value in (("agency", agency), ("jurisdiction", jurisdiction), ("court", court)):
        if value:
            claims[name] = value
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def principal_from_token(token: str, secret: str, issuer: str) -> Principal:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=issuer,
            options={"require": ["exp", "iat", "sub", "iss"]},
        )
        role = Role(claims["role"])
    except (jwt.PyJWTError, KeyError, ValueError) as error:
        raise Unauthenticated(
            f"The bearer token is not valid: {error}", "访问令牌无效或已过期。"
        ) from None
    principal = Principal(
        subject=str(claims["sub"]),
        role=role,
        agency=claims.get("agency"),
        jurisdiction=claims.get("jurisdiction"),
        court=claims.get("court"),
    )
    _check_scope(principal)
    return principal


def _check_scope(principal: Principal) -> None:
    needs = {
        Role.AGENCY_USER: principal.agency,
        Role.MOBILE_READER: principal.agency,
        Role.COURT_SYSTEM: principal.court,
        Role.BUREAU_OFFICER: principal.jurisdiction,
    }
    if principal.role in needs and not needs[principal.role]:
        raise Unauthenticated(
            f"A {principal.role.value} token must name its scope (agency, court or jurisdiction).",
            "令牌缺少其适用范围（单位、法院或辖区）。",
        )
