"""``POST /v1/oauth/token``: machine clients exchange their credentials for a bearer token."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from case_api.clients.actions import ACTIONS
from case_api.clients.oauth import OAuthError, grant
from case_api.platform.http.deps import RuntimeDep
from case_api.platform.http.ratelimit import identified_by, spend, spend_unverified
from case_api.platform.http.ratelimit_clients import SUBJECT

router = APIRouter(prefix="/v1/oauth", tags=["machine clients"])

ACTION = "(" + "|".join(re.escape(name) for name in ACTIONS) + ")"
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
FORM = "application/x-www-form-urlencoded"

OAUTH_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "string",
            "enum": [
                "invalid_request",
                "invalid_client",
                "unsupported_grant_type",
                "invalid_scope",
            ],
        },
        "error_description": {"type": "string"},
    },
}
TOKEN = {
    "type": "object",
    "required": ["access_token", "token_type", "expires_in", "scope"],
    "properties": {
        "access_token": {"type": "string", "description": "JWT (HS256) with a kid header"},
        "token_type": {"type": "string", "enum": ["Bearer"]},
        "expires_in": {"type": "integer", "description": "Seconds", "example": 600},
        "scope": {"type": "string", "example": "cases:read deliveries:write"},
    },
}
REQUEST = {
    "type": "object",
    "required": ["grant_type"],
    "properties": {
        "grant_type": {"type": "string", "enum": ["client_credentials"]},
        "scope": {
            "type": "string",
            "description": "Space-separated actions, to narrow the token",
            "pattern": f"^({ACTION}( {ACTION})*)?$",
        },
        "client_id": {"type": "string", "description": "Unless sent by HTTP Basic"},
        "client_secret": {"type": "string", "description": "Unless sent by HTTP Basic"},
    },
}


def _oauth(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": OAUTH_ERROR}}}


@router.post(
    "/token",
    summary="Get a bearer token for a machine client (OAuth 2.0 client credentials)",
    description=(
        "RFC 6749 §4.4. Authenticate by HTTP Basic (`client_id:client_secret`, each "
        "form-encoded) or by `client_id` and `client_secret` form fields, not both. Errors "
        "here follow RFC 6749 §5.2 (`error`, `error_description`), not problem+json."
    ),
    response_class=JSONResponse,
    openapi_extra={
        "requestBody": {"required": True, "content": {FORM: {"schema": REQUEST}}},
        # Counted per client once the credentials hold; a failed attempt against the sender's
        # address, never against the client it names.
        **identified_by("the client id, once its credentials are verified"),
    },
    responses={
        200: {
            "description": "A short-lived token",
            "content": {"application/json": {"schema": TOKEN}},
        },
        400: _oauth("invalid_request, unsupported_grant_type or invalid_scope"),
        401: {
            **_oauth("invalid_client: unknown, revoked or wrong credentials"),
            "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
        },
    },
)
async def token(
    request: Request,
    runtime: RuntimeDep,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> JSONResponse:
    try:
        if request.headers.get("content-type", "").split(";")[0].strip() != FORM:
            raise OAuthError("invalid_request", f"Send the parameters as {FORM}.")
        form = await request.form()
        client_id, body = await run_in_threadpool(grant, runtime, form, authorization)
    except OAuthError as error:
        await spend_unverified(request)
        headers = dict(NO_STORE)
        if error.status == 401:
            headers["WWW-Authenticate"] = 'Basic realm="case-api", charset="UTF-8"'
        return JSONResponse(error.body(), status_code=error.status, headers=headers)
    await spend(request, "write", SUBJECT + client_id)
    return JSONResponse(body, headers=NO_STORE)
