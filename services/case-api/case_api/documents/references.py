"""Turning a command's document references into the facts its event records."""

from __future__ import annotations

from contextlib import closing
from typing import Any

from case_api.documents.errors import listed_twice, unknown_reference
from case_api.documents.media import HEAD_BYTES, media_type_of
from case_api.documents.store import BlobStore

UNKNOWN_MEDIA_TYPE = "application/octet-stream"


def describe(store: BlobStore, references: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``[{sha256, title}]`` → ``[{sha256, title, size, media_type}]``, all blobs stored.

    The media type is read again from the blob's first bytes rather than remembered from the
    upload: the same bytes always give the same answer, and no second record can disagree.
    """
    described = []
    seen: set[str] = set()
    for reference in references:
        sha256 = reference["sha256"]
        if sha256 in seen:
            raise listed_twice(sha256)
        seen.add(sha256)
        size = store.size(sha256)
        if size is None:
            raise unknown_reference(sha256)
        with closing(store.open(sha256)) as blob:
            media_type = media_type_of(blob.read(HEAD_BYTES)) or UNKNOWN_MEDIA_TYPE
        described.append(
            {
                "sha256": sha256,
                "title": reference.get("title", ""),
                "size": size,
                "media_type": media_type,
            }
        )
    return described
