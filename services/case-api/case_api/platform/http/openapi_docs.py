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


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {
            "description": DESCRIPTIONS[status],
            "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
        }
        for status in statuses
    }
