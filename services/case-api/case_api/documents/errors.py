"""Problems with documents; ``case_api.platform.http.problems`` turns them into problem+json."""

from __future__ import annotations

from case_api.platform.domain_errors import DomainError, InvalidValue, NotFound


class DocumentTooLarge(DomainError):
    code = "document-too-large"
    status = 413


class DocumentTypeNotAllowed(DomainError):
    code = "document-type-not-allowed"
    status = 415


class DocumentArchiveRefused(DomainError):
    code = "document-archive-refused"
    status = 422


class DocumentMissing(DomainError):
    """An event cites the blob but the store lacks it: lost on our side, not the client's."""

    code = "document-missing"
    status = 503


ARCHIVE_REASONS = {
    "zip64": ("it is a ZIP64 container", "它是 ZIP64 容器"),
    "directory-too-large": (
        "its central directory is larger than {max_directory_bytes} bytes",
        "其中央目录超过 {max_directory_bytes} 字节",
    ),
    "too-many-entries": (
        "it holds more than {max_entries} entries",
        "所含条目超过 {max_entries} 个",
    ),
    "duplicate-entry": ("two of its entries share a name", "其中有同名条目"),
    "unsafe-entry-name": (
        "an entry's name points outside the container",
        "有条目名称指向容器之外",
    ),
    "expands-too-much": (
        "its entries declare more than {max_expansion} times its size once uncompressed",
        "其条目声明的解压后大小超过文件本身的 {max_expansion} 倍",
    ),
    "local-header-mismatch": (
        "an entry's local header disagrees with its central directory record",
        "有条目的本地文件头与中央目录记录不一致",
    ),
    "entry-size-mismatch": (
        "an entry does not uncompress to the size it declares",
        "有条目解压后的大小与其声明不符",
    ),
    "compression-not-allowed": (
        "an entry is compressed other than stored or deflated",
        "有条目采用了存储、Deflate 以外的压缩方式",
    ),
}


def too_large(limit: int) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"Documents may be at most {limit} bytes.",
        f"文书大小不得超过 {limit} 字节。",
        max_bytes=limit,
    )


def type_not_allowed() -> DocumentTypeNotAllowed:
    return DocumentTypeNotAllowed(
        "Only PDF, OFD, JPEG, PNG and TIFF documents are accepted; the content is none of these.",
        "仅接受 PDF、OFD、JPEG、PNG、TIFF 格式的文书，所传内容不属于这些格式。",
    )


def archive_refused(reason: str, **limit: int) -> DocumentArchiveRefused:
    """An OFD container that whoever opens it later should not have to (HTTP 422)."""
    english, chinese = ARCHIVE_REASONS[reason]
    return DocumentArchiveRefused(
        f"The OFD container is refused: {english.format(**limit)}.",
        f"该 OFD 容器不予接收：{chinese.format(**limit)}。",
        reason=reason,
        **limit,
    )


def missing(sha256: str) -> DocumentMissing:
    return DocumentMissing(
        f"The document {sha256} is cited by the case but missing from the document store;"
        " this is logged for the operators to restore it.",
        f"案件引用的文书 {sha256} 在文书存储中缺失，已记录，待运维人员恢复。",
        sha256=sha256,
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
