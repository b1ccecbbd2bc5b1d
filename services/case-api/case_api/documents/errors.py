"""Problems with documents; ``case_api.api.problems`` turns them into problem+json."""

from __future__ import annotations

from case_api.domain.errors import DomainError, InvalidValue, NotFound


class DocumentTooLarge(DomainError):
    code = "document-too-large"
    status = 413


class DocumentTypeNotAllowed(DomainError):
    code = "document-type-not-allowed"
    status = 415


def too_large(limit: int) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"Documents may be at most {limit} bytes.",
        f"文书大小不得超过 {limit} 字节。",
        max_bytes=limit,
    )


def type_not_allowed() -> DocumentTypeNotAllowed:
    return DocumentTypeNotAllowed(
        "Only PDF, JPEG, PNG and TIFF documents are accepted; the content is none of these.",
        "仅接受 PDF、JPEG、PNG、TIFF 格式的文书，所传内容不属于这些格式。",
    )


def unknown_reference(sha256: str) -> InvalidValue:
    """A command names a blob that was never uploaded (HTTP 422)."""
    return InvalidValue(
        "document-not-found",
        f"No uploaded document has SHA-256 {sha256}; upload it to /v1/documents first.",
        f"未找到 SHA-256 为 {sha256} 的文书，请先上传至 /v1/documents。",
        sha256=sha256,
    )


def not_on_case(sha256: str) -> NotFound:
    """The case does not reference the blob, whether or not it is stored (HTTP 404)."""
    return NotFound(
        "document-not-found",
        f"The case has no document with SHA-256 {sha256}.",
        f"该案件没有 SHA-256 为 {sha256} 的文书。",
    )


def listed_twice(sha256: str) -> InvalidValue:
    """A command names one document twice (HTTP 422): its title would be ambiguous."""
    return InvalidValue(
        "document-listed-twice",
        f"The document {sha256} is listed more than once.",
        f"文书 {sha256} 被重复列出。",
        sha256=sha256,
    )
