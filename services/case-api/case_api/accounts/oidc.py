"""Sign-in through the government's identity provider: OpenID Connect, authorization code
flow with PKCE (RFC 7636, S256), the ID token checked against the provider's keys.

Claims map to a principal as docs/operations.md describes: ``oidc_role_claim`` names the
role (through ``oidc_role_map`` when the provider has its own names), ``oidc_scope_claims``
the agency or jurisdiction. A person the claims do not place is refused, never guessed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from case_api.accounts.errors import scope_mismatch
from case_api.accounts.scopes import PERSON_SCOPES
from case_api.platform.access import Principal, Role
from case_api.platform.errors import Unauthenticated


@dataclass(frozen=True)
class OidcConfig:
    metadata_url: str
    client_id: str
    client_secret: str
    redirect_url: str
    role_claim: str
    scope_claims: dict[str, str]
    role_map: dict[str, str]


@dataclass(frozen=True)
class Pending:
    """What the browser carries (signed) between the redirect and the callback."""

    state: str
    nonce: str
    verifier: str


def refused(reason: str) -> Unauthenticated:
    return Unauthenticated(
        f"The identity provider's sign-in was not accepted: {reason}.",
        "统一身份认证登录未通过，请重试或联系管理员。",
    )


class OidcLogin:
    def __init__(self, config: OidcConfig, http: httpx.Client) -> None:
        self.config = config
        self.http = http
        self._metadata: dict[str, Any] | None = None

    def metadata(self) -> dict[str, Any]:
        if self._metadata is None:
            answer = self.http.get(self.config.metadata_url)
            answer.raise_for_status()
            self._metadata = answer.json()
        return self._metadata

    def start(self) -> tuple[str, Pending]:
        """The provider's authorization URL to send the browser to, and what to remember."""
        pending = Pending(generate_token(32), generate_token(32), generate_token(64))
        url = add_params_to_uri(
            self.metadata()["authorization_endpoint"],
            [
                ("response_type", "code"),
                ("client_id", self.config.client_id),
                ("redirect_uri", self.config.redirect_url),
                ("scope", "openid profile"),
                ("state", pending.state),
                ("nonce", pending.nonce),
                ("code_challenge", create_s256_code_challenge(pending.verifier)),
                ("code_challenge_method", "S256"),
            ],
        )
        return url, pending

    def finish(self, code: str, state: str, pending: Pending) -> Principal:
        if state != pending.state:
            raise refused("the state does not match")
        answer = self.http.post(
            self.metadata()["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": self.config.redirect_url,
                "code_verifier": pending.verifier,
            },
            auth=(self.config.client_id, self.config.client_secret),
        )
        if answer.status_code != 200 or "id_token" not in answer.json():
            raise refused(f"the token endpoint answered {answer.status_code}")
        return self.principal(self.claims(answer.json()["id_token"], pending.nonce))

    def claims(self, id_token: str, nonce: str) -> dict[str, Any]:
        keys = KeySet.import_key_set(self.http.get(self.metadata()["jwks_uri"]).json())
        try:
            token = jwt.decode(id_token, keys)
            jwt.JWTClaimsRegistry(
                now=int(time.time()),
                iss={"essential": True, "value": self.metadata()["issuer"]},
                aud={"essential": True, "value": self.config.client_id},
                nonce={"essential": True, "value": nonce},
                exp={"essential": True},
                sub={"essential": True},
            ).validate(token.claims)
        except (JoseError, ValueError) as error:
            raise refused(f"the ID token is not valid ({error})") from None
        return dict(token.claims)

    def principal(self, claims: dict[str, Any]) -> Principal:
        """The role and scope the claims name (docs/operations.md, "Sign-in")."""
        given = str(claims.get(self.config.role_claim) or "")
        role = self.config.role_map.get(given, given)
        if role not in {r.value for r in PERSON_SCOPES}:
            raise refused(f"the role claim {self.config.role_claim}={given!r} names no role here")
        wanted = PERSON_SCOPES[Role(role)]
        scope: dict[str, str] = {}
        if wanted:
            scope[wanted] = str(claims.get(self.config.scope_claims.get(wanted, ""), "") or "")
            if not scope[wanted]:
                raise scope_mismatch(role, wanted)
        subject = str(claims.get("preferred_username") or claims["sub"])
        return Principal(subject=f"oidc:{subject}", role=Role(role), **scope)
