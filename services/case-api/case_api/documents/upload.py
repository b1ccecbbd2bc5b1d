"""Receiving an upload: the size limit and the type check apply while the bytes arrive.

The body goes to a spool (memory, then a temporary file) and reaches the blob store only once
it is complete and accepted, so a refused upload stores nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import IO

from case_api.documents.errors import too_large, type_not_allowed
from case_api.documents.media import HEAD_BYTES, media_type_of

SPOOL_IN_MEMORY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Received:
    size: int
    media_type: str


async def receive(
    chunks: AsyncIterator[bytes], spool: IO[bytes], limit: int, declared_length: int | None
) -> Received:
    """Copy the body into ``spool`` (rewound at the end); stop at the first byte over ``limit``
    or as soon as the first bytes show a type that is not accepted."""
    if declared_length is not None and declared_length > limit:
        raise too_large(limit)
    head, size, media_type = b"", 0, None
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        spool.write(chunk)
        if media_type is None and len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
            if len(head) >= HEAD_BYTES:
                media_type = _accepted(head)
    spool.seek(0)
    return Received(size, media_type or _accepted(head))


def _accepted(head: bytes) -> str:
    media_type = media_type_of(head)
    if media_type is None:
        raise type_not_allowed()
    return media_type
