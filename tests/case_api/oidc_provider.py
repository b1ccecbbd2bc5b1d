"""A fake OpenID Connect provider served in-process (an httpx transport): discovery, keys,
an authorization step that remembers the PKCE challenge, and a token endpoint that checks
the verifier against it, as a real provider must (RFC 7636 §4.6)."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.jwk import RSAKey

ISSUER = "https://idp.gov.test"


class FakeProvider:
    def __init__(self, client_id: str, client_secret: str) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": "k1", "alg": "RS256"}, private=True)
        self.codes: dict[str, dict[str, Any]] = {}
        self.transport = httpx.MockTransport(self.handle)

    def authorize(self, url: str, claims: dict[str, Any]) -> str:
        """The person signs in at the provider: returns the code it sends back."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        assert query["code_challenge_method"] == "S256" and query["client_id"] == self.client_id
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"query": query, "claims": claims}
        return code

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/.well-known/openid-configuration":
            return httpx.Response(200, json=self.discovery())
        if path == "/jwks":
            return httpx.Response(200, json={"keys": [self.key.as_dict(private=False)]})
        if path == "/token":
            return self.token(parse_qs(request.content.decode()), request)
        return httpx.Response(404)

    def discovery(self) -> dict[str, str]:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token",
            "jwks_uri": f"{ISSUER}/jwks",
        }

    def token(self, form: dict[str, list[str]], request: httpx.Request) -> httpx.Response:
        expected = httpx.BasicAuth(self.client_id, self.client_secret)
        if request.headers.get("authorization") != next(expected.auth_flow(request)).headers.get(
            "authorization"
        ):
            return httpx.Response(401, json={"error": "invalid_client"})
        grant = self.codes.pop(form["code"][0], None)
        if grant is None:
            return httpx.Response(400, json={"error": "invalid_grant"})
        challenge = create_s256_code_challenge(form["code_verifier"][0])
        if challenge != grant["query"]["code_challenge"]:
            return httpx.Response(400, json={"error": "invalid_grant", "reason": "pkce"})
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["query"]["nonce"],
            **grant["claims"],
        }
        id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)
        return httpx.Response(
            200, content=json.dumps({"id_token": id_token, "token_type": "Bearer"})
        )
