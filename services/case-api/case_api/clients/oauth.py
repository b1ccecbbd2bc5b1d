"""The client credentials grant (RFC 6749 §4.4): who is asking, and what token they get.

Errors here take the OAuth shape (§5.2), not problem+json: OAuth client libraries read it.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import unquote_plus

from starlette.datastructures import FormData

from case_api.clients.actions import parse_scope
from case_api.platform.access import Role
from case_api.platform.http.auth import issue_token
from case_api.runtime import Runtime

PARAMETERS = ("grant_type", "scope", "client_id", "client_secret")


class OAuthError(Exception):
    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


def grant(
    runtime: Runtime, form: FormData, authorization: str | None
) -> tuple[str, dict[str, Any]]:
    """The client's id and the token response for a client credentials request; raises
    ``OAuthError``."""
    for name in PARAMETERS:
        if len(form.getlist(name)) > 1:
            raise OAuthError("invalid_request", f"{name} is given more than once.")
    if form.get("grant_type") != "client_credentials":
        raise OAuthError(
            "unsupported_grant_type" if form.get("grant_type") else "invalid_request",
            "Only grant_type=client_credentials is supported.",
        )
    client_id, secret = _credentials(form, authorization)
    client = runtime.clients.authenticate(client_id, secret)
    if client is None:
        raise OAuthError("invalid_client", "Client authentication failed.", 401)
    requested = parse_scope(_text(form.get("scope")))
    if not set(requested) <= set(client.actions):
        raise OAuthError("invalid_scope", "The scope asks for actions this client lacks.")
    granted = requested or list(client.actions)
    ttl = runtime.settings.client_token_ttl_seconds
    token = issue_token(
        runtime.keyring.signing_key,
        runtime.settings.token_issuer,
        subject=client.client_id,
        role=Role(client.role),
        ttl_seconds=ttl,
        agency=client.agency,
        jurisdiction=client.jurisdiction,
        court=client.court,
        now=runtime.clock.now().timestamp(),
        kid=runtime.keyring.signing_kid,
        extra={"client_id": client.client_id, "scope": " ".join(granted)},
    )
    return client.client_id, {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": ttl,
        "scope": " ".join(granted),
    }


def _credentials(form: FormData, authorization: str | None) -> tuple[str, str]:
    in_form = form.get("client_id") is not None or form.get("client_secret") is not None
    if authorization and authorization[:6].lower() == "basic ":
        if in_form:
            raise OAuthError("invalid_request", "Authenticate by one method only.")
        return _basic(authorization[6:])
    client_id, secret = _text(form.get("client_id")), _text(form.get("client_secret"))
    if not client_id or not secret:
        raise OAuthError("invalid_client", "Client authentication is missing.", 401)
    return client_id, secret


def _basic(encoded: str) -> tuple[str, str]:
    """HTTP Basic as RFC 6749 §2.3.1 has it: both parts form-encoded before base64."""
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise OAuthError("invalid_client", "The Basic credentials are malformed.", 401) from None
    client_id, colon, secret = decoded.partition(":")
    if not colon or not client_id or not secret:
        raise OAuthError("invalid_client", "The Basic credentials are malformed.", 401)
    return unquote_plus(client_id), unquote_plus(secret)


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise OAuthError("invalid_request", "Parameters must be text, not files.")
