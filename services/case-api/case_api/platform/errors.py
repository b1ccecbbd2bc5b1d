"""Errors of the application layer (access, preconditions), beside the domain's own."""

from __future__ import annotations

from case_api.platform.access import Principal, may
from case_api.platform.domain_errors import DomainError


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


def require(principal: Principal, action: str) -> None:
    """403 unless the principal's role may take ``action`` (``access.COMMAND_ROLES``)."""
    if not may(principal, action):
        raise Forbidden("Your role may not do this.", "您的角色无权执行该操作。")


class CaseNumberTaken(DomainError):
    code = "case-number-taken"
    status = 409


class NotTheReviewingBureau(Forbidden):
    code = "not-reviewing-bureau"


class NotTheConveningBureau(Forbidden):
    code = "not-convening-bureau"


class PreconditionFailed(DomainError):
    code = "version-mismatch"
    status = 412


class IdempotencyKeyReused(DomainError):
    code = "idempotency-key-reused"
    status = 422


class UnknownQueryParameter(DomainError):
    code = "unknown-query-parameter"
    status = 422


class IdempotencyInFlight(DomainError):
    code = "idempotency-request-in-flight"
    status = 409


class Unauthenticated(DomainError):
    code = "unauthenticated"
    status = 401


class PositionNotWritten(DomainError):
    code = "position-not-written"
    status = 422


class ReadModelBehind(DomainError):
    code = "read-model-behind"
    status = 503


class SignatureInvalid(Unauthenticated):
    code = "signature-invalid"


class SignatureExpired(Unauthenticated):
    code = "signature-expired"


class DeliveryIdReused(Unauthenticated):
    code = "delivery-id-reused"


class CourtUnknown(Unauthenticated):
    code = "court-unknown"


class RateLimited(DomainError):
    code = "rate-limited"
    status = 429


class RequestTooLarge(DomainError):
    code = "request-too-large"
    status = 413


class CsrfRefused(Forbidden):
    """A request authenticated by the session cookie changes something without the session's
    CSRF token in ``X-CSRF-Token``: another site may have sent it on the person's behalf."""

    code = "csrf-token-invalid"
