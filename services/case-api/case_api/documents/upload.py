"""Receiving an upload: the size limit and the type check apply while the bytes arrive.

The body goes to a spool (memory, then a temporary file) and reaches the blob store only once
it is complete and accepted, so a refused upload stores nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import IO

from case_api.documents.errors import too_large, type_not_allowed
from case_api.documents.media import HEAD_BYTES, may_be_allowed, media_type_of
from case_api.documents.store import Blob, BlobStore


async def receive(
    chunks: AsyncIterator[bytes], spool: IO[bytes], limit: int, declared_length: int | None
) -> None:
    """Copy the body into ``spool``; stop at the first byte over ``limit`` or as soon as the
    first bytes show a type that cannot be accepted."""
    if declared_length is not None and declared_length > limit:
        raise too_large(limit)
    head, size = b"", 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        spool.write(chunk)
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
            if len(head) >= HEAD_BYTES and not may_be_allowed(head):
                raise type_not_allowed()


def keep(store: BlobStore, spool: IO[bytes]) -> tuple[Blob, str]:
    """Judge the whole received content, then store it: the blob and its media type.

    Blocking (an OFD's central directory is read from the spool): run it off the event loop.
    """
    media_type = media_type_of(spool)
    if media_type is None:
        raise type_not_allowed()
    spool.seek(0)
    return store.put(spool), media_type
