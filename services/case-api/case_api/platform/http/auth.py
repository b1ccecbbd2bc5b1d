"""Bearer tokens (JWT, HS256 via PyJWT) naming the principal, its role and its scope.

People get long-lived tokens from ``case-api token``; machine clients get short-lived ones
from ``POST /v1/oauth/token``, which also carry ``client_id`` and the granted actions in
``scope`` (RFC 9068 names). Both are checked by ``principal_from_token`` alone.
"""

from __future__ import annotations

import math
import time
from typing import Any

import jwt

from case_api.platform.access import Principal, Role
from case_api.platform.errors import Unauthenticated
from case_api.platform.http.keyring import Keyring

ALGORITHM = "HS256"
SCOPE_CLAIMS = ("agency", "jurisdiction", "court")


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
    kid: str | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    issued = int(now if now is not None else time.time())
    claims: dict[str, Any] = {
        "iss": issuer,
        "sub": subject,
        "role": role.value,
        "iat": issued,
        "exp": issued + ttl_seconds,
        **(extra or {}),
    }
    for name, value in zip(SCOPE_CLAIMS, (agency, jurisdiction, court), strict=True):
        if value:
            claims[name] = value
    headers = {"kid": kid} if kid else None
    return jwt.encode(claims, secret, algorithm=ALGORITHM, headers=headers)


def principal_from_token(
    token: str, keyring: Keyring, issuer: str, now: float | None = None
) -> Principal:
    """The principal a token names; raises ``Unauthenticated`` and nothing else, for any input.

    ``now`` (seconds since the epoch) is the injected clock; expiry is checked against it.
    """
    try:
        claims = _verified_claims(token, keyring, issuer)
        _check_expiry(claims, time.time() if now is None else now)
        principal = _principal(claims)
    except (jwt.PyJWTError, KeyError, ValueError, TypeError) as error:
        raise _invalid(str(error)) from None
    _check_scope(principal)
    return principal


def _verified_claims(token: str, keyring: Keyring, issuer: str) -> dict[str, Any]:
    if not isinstance(token, str):
        raise TypeError("the token is not a string")
    key = keyring.verification_key(jwt.get_unverified_header(token).get("kid"))
    if key is None:
        raise ValueError("the token names an unknown signing key")
    return jwt.decode(
        token,
        key,
        algorithms=[ALGORITHM],
        issuer=issuer,
        # Expiry is checked against the injected clock below, not PyJWT's wall clock.
        options={
            "require": ["exp", "iat", "sub", "iss"],
            "verify_exp": False,
            "verify_iat": False,
            "verify_nbf": False,
        },
    )


def _check_expiry(claims: dict[str, Any], now: float) -> None:
    expires = claims["exp"]
    if isinstance(expires, bool) or not isinstance(expires, int | float):
        raise TypeError("exp is not a number")
    if not math.isfinite(expires):  # NaN compares false with everything: it would never expire
        raise ValueError("exp is not a finite number")
    if now >= expires:
        raise ValueError("the token has expired")


def _principal(claims: dict[str, Any]) -> Principal:
    scope = {name: _text(claims.get(name)) for name in SCOPE_CLAIMS}
    client_id = _text(claims.get("client_id"))
    actions = None
    if client_id is not None:
        granted = claims.get("scope")
        if not isinstance(granted, str):
            raise TypeError("a client token must carry its scope")
        actions = frozenset(granted.split())
    return Principal(
        subject=_text(claims["sub"]) or "",
        role=Role(claims["role"]),
        client_id=client_id,
        actions=actions,
        **scope,
    )


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError("a claim that names something must be a string")


def _invalid(reason: str) -> Unauthenticated:
    return Unauthenticated(f"The bearer token is not valid: {reason}", "访问令牌无效或已过期。")


def _check_scope(principal: Principal) -> None:
    needs = {
        Role.AGENCY_USER: principal.agency,
        Role.MOBILE_READER: principal.agency,
        Role.COURT_SYSTEM: principal.court,
        Role.BUREAU_OFFICER: principal.jurisdiction,
        # Without a jurisdiction a discipline officer would see every case in the country.
        Role.DISCIPLINE_OFFICER: principal.jurisdiction,
    }
    if not principal.subject:
        raise _invalid("the token names no subject")
    if principal.role in needs and not needs[principal.role]:
        raise Unauthenticated(
            f"A {principal.role.value} token must name its scope (agency, court or jurisdiction).",
            "令牌缺少其适用范围（单位、法院或辖区）。",
        )
