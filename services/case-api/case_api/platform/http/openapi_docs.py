"""Error responses as they appear in the OpenAPI document."""

from __future__ import annotations

from typing import Any

DESCRIPTIONS = {
    304: "Not modified",
    401: "Missing, invalid or expired bearer token (problem+json `unauthenticated`)",
    403: "Your role may not do this (problem+json `forbidden`)",
    404: "No such case, or not one you may see (problem+json `case-not-found`)",
    409: (
        "The case's rules forbid this now; `code` names the rule. Also"
        " `idempotency-request-in-flight` (with `Retry-After`) while a request with the same"
        " Idempotency-Key is being processed"
    ),
    412: "If-Match names another version (problem+json `version-mismatch`)",
    422: (
        "The request is malformed (problem+json `invalid-request`, `unknown-query-parameter`,"
        " `invalid-text` for text that is not valid Unicode or holds NUL, and others)"
    ),
    429: "Too many requests",
    503: "The read model has not reached min_position yet (problem+json `read-model-behind`)",
}

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string", "example": "tag:yingsu,2026:problem/answer-requires-service"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string", "example": "answer-requires-service"},
        "instance": {"type": "string"},
    },
    "additionalProperties": True,
}


def example(status: int, code: str, detail: str, **extra: Any) -> dict[str, Any]:
    return {
        "summary": code,
        "value": {
            "type": f"tag:yingsu,2026:problem/{code}",
            "title": "Error",
            "status": status,
            "detail": detail,
            "code": code,
            **extra,
        },
    }


EXAMPLES = {
    409: {
        "idempotency-request-in-flight": example(
            409,
            "idempotency-request-in-flight",
            "A request with this Idempotency-Key is still being processed; resend in 7 s.",
            retry_after=7,
        )
    },
    422: {
        "invalid-text": example(
            422,
            "invalid-text",
            "The request's body carries text that is not valid Unicode (invalid UTF-8, a lone"
            " surrogate) or a NUL character.",
            location="body",
        )
    },
}

STORAGE_UNAVAILABLE = example(
    503,
    "storage-unavailable",
    "The database does not answer; retry in 5 s. Nothing was lost: a write resent with the"
    " same Idempotency-Key is recorded at most once.",
    retry_after=5,
)
RETRY_AFTER = {"description": "Seconds to wait before resending", "schema": {"type": "integer"}}


Example = tuple[int, str, str, str]
"""(status, code, English detail, Chinese detail) of one refusal an operation may answer."""

_TITLES = {409: "Conflict with the case's rules", 422: "Invalid request"}


def errors(*statuses: int, examples: tuple[Example, ...] = ()) -> dict[int | str, dict[str, Any]]:
    """Error responses; ``examples`` show the operation's named refusals as problem bodies."""
    return {status: _error(status, examples) for status in statuses}


def _error(status: int, examples: tuple[Example, ...]) -> dict[str, Any]:
    content: dict[str, Any] = {"schema": PROBLEM_SCHEMA}
    shown = {
        **EXAMPLES.get(status, {}),
        **{
            code: {"summary": zh, "value": _problem(status, code, en)}
            for given, code, en, zh in examples
            if given == status
        },
    }
    if shown:
        content["examples"] = shown
    documented: dict[str, Any] = {
        "description": DESCRIPTIONS[status],
        "content": {"application/problem+json": content},
    }
    if status == 409:
        documented["headers"] = {"Retry-After": RETRY_AFTER}
    return documented


def storage_unavailable(documented: dict[str, Any] | None) -> dict[str, Any]:
    """Any operation's 503: the database does not answer (beside what it documents itself)."""
    text = "The database does not answer (problem+json `storage-unavailable`, with Retry-After)"
    documented = documented or {"description": "", "content": {}}
    media = documented["content"].get("application/problem+json", {"schema": PROBLEM_SCHEMA})
    examples = {**media.get("examples", {}), "storage-unavailable": STORAGE_UNAVAILABLE}
    return {
        **documented,
        "description": "; or: ".join(filter(None, (documented["description"], text))),
        "content": {
            **documented["content"],
            "application/problem+json": {**media, "examples": examples},
        },
        "headers": {**documented.get("headers", {}), "Retry-After": RETRY_AFTER},
    }


def _problem(status: int, code: str, detail: str) -> dict[str, Any]:
    return {
        "type": f"tag:yingsu,2026:problem/{code}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
    }
