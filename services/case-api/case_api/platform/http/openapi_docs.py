"""Error responses as they appear in the OpenAPI document."""

from __future__ import annotations

from typing import Any

DESCRIPTIONS = {
    304: "Not modified",
    401: "Missing, invalid or expired bearer token (problem+json `unauthenticated`)",
    403: "Your role may not do this (problem+json `forbidden`)",
    404: "No such case, or not one you may see (problem+json `case-not-found`)",
    409: "The case's rules forbid this now; `code` names the rule",
    412: "If-Match names another version (problem+json `version-mismatch`)",
    422: (
        "The request is malformed (problem+json `invalid-request`, `unknown-query-parameter`"
        " and others)"
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


Example = tuple[int, str, str, str]
"""(status, code, English detail, Chinese detail) of one refusal an operation may answer."""

_TITLES = {409: "Conflict with the case's rules", 422: "Invalid request"}


def errors(*statuses: int, examples: tuple[Example, ...] = ()) -> dict[int | str, dict[str, Any]]:
    """Error responses; ``examples`` show named refusals as their problem bodies."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        media: dict[str, Any] = {"schema": PROBLEM_SCHEMA}
        shown = {
            code: {"summary": zh, "value": _problem(status, code, en)}
            for given, code, en, zh in examples
            if given == status
        }
        if shown:
            media["examples"] = shown
        responses[status] = {
            "description": DESCRIPTIONS[status],
            "content": {"application/problem+json": media},
        }
    return responses


def _problem(status: int, code: str, detail: str) -> dict[str, Any]:
    return {
        "type": f"tag:yingsu,2026:problem/{code}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
    }
