"""Turning a command's document references into the facts its event records."""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import IO, Any

from case_api.documents.errors import listed_twice, unknown_reference
from case_api.documents.media import HEAD_BYTES, media_type_of
from case_api.documents.ofd import is_zip
from case_api.documents.store import SPOOL_IN_MEMORY_BYTES, BlobStore

UNKNOWN_MEDIA_TYPE = "application/octet-stream"


def describe(store: BlobStore, references: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``[{sha256, title}]`` → ``[{sha256, title, size, media_type}]``, all blobs stored.

    The media type is read again from the blob rather than remembered from the upload: the
    same bytes always give the same answer, and no second record can disagree.
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
        with _seekable(store.open(sha256)) as blob:
            media_type = media_type_of(blob, stored=True) or UNKNOWN_MEDIA_TYPE
        described.append(
            {
                "sha256": sha256,
                "title": reference.get("title", ""),
                "size": size,
                "media_type": media_type,
            }
        )
    return described


@contextmanager
def _seekable(blob: IO[bytes]) -> Iterator[IO[bytes]]:
    """The blob as a seekable file: itself (local disk), its first bytes (all a signature
    needs), or for a zip from a stream (S3) a spooled copy, as an OFD's verdict needs it all."""
    with closing(blob):
        if blob.seekable():
            yield blob
            return
        head = blob.read(HEAD_BYTES)
        if not is_zip(head):
            yield io.BytesIO(head)
            return
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES) as copy:
            copy.write(head)
            shutil.copyfileobj(blob, copy)
            yield copy
