"""Domain errors: each names the rule it enforces with a stable machine code.

One place (``case_api.platform.http.problems``) maps them to RFC 9457 problem+json responses.
"""

from __future__ import annotations


class DomainError(Exception):
    """A command broke a rule of the domain; nothing was appended."""

    code = "domain-rule"
    status = 409
    headers: dict[str, str] = {}
    """Response headers the error calls for (``Retry-After`` on a refusal that passes)."""

    def __init__(self, message: str, message_zh: str = "", **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh or message
        self.params = params


class RuleViolation(DomainError):
    """An invariant of the case lifecycle forbids the command (HTTP 409)."""

    def __init__(self, rule: str, message: str, message_zh: str = "", **params: object) -> None:
        super().__init__(message, message_zh, **params)
        self.code = rule


class InvalidValue(DomainError):
    """A value is outside its vocabulary or inconsistent with another (HTTP 422)."""

    status = 422

    def __init__(self, code: str, message: str, message_zh: str = "", **params: object) -> None:
        super().__init__(message, message_zh, **params)
        self.code = code


class NotFound(DomainError):
    """The aggregate does not exist, or the caller may not know that it does (HTTP 404)."""

    status = 404

    def __init__(self, code: str, message: str, message_zh: str = "", **params: object) -> None:
        super().__init__(message, message_zh, **params)
        self.code = code
