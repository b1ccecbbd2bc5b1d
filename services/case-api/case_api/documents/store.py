"""The blob store's interface: content in, SHA-256 out; bytes back by SHA-256.

Every backend passes the same contract tests (tests/case_api/test_blob_store.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import IO, Protocol

CHUNK_BYTES = 1024 * 1024
SPOOL_IN_MEMORY_BYTES = 1024 * 1024
"""Content being received or judged stays in memory up to this size, then goes to a file."""
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BlobNotFound(LookupError):
    """No blob with this SHA-256 is stored."""


@dataclass(frozen=True)
class Blob:
    sha256: str
    size: int
    created: bool
    """False when the same content was already stored (putting it again changes nothing)."""


@dataclass(frozen=True)
class Swept:
    """What a sweep of orphaned partial uploads did."""

    removed: tuple[str, ...] = ()
    freed_bytes: int = 0
    kept: int = 0
    """Partial uploads younger than the age limit, left alone: they may still be written."""


class BlobStore(Protocol):
    def put(self, stream: IO[bytes]) -> Blob:
        """Store everything ``stream`` yields; the blob appears under its hash only when whole."""
        ...

    def open(self, sha256: str) -> IO[bytes]:
        """The stored bytes, to read and close; raises ``BlobNotFound``."""
        ...

    def size(self, sha256: str) -> int | None:
        """The blob's size in bytes, or None when it is not stored."""
        ...

    def sweep_partial(self, older_than_seconds: float, now: float) -> Swept:
        """Remove what interrupted uploads left behind, last written before ``now`` (epoch
        seconds) minus ``older_than_seconds``."""
        ...


def is_sha256(value: str) -> bool:
    """Hashes reach the stores from URLs: anything else must never become a path or key."""
    return bool(SHA256.fullmatch(value))


def fan_out(sha256: str) -> str:
    """``ab/cd/abcd…``: a few hundred entries per directory even with millions of blobs."""
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


def copy_hashing(source: IO[bytes], target: IO[bytes] | None) -> tuple[str, int]:
    """Copy ``source`` to ``target`` (None: only read it); return the SHA-256 (hex) and size
    of what was read."""
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK_BYTES):
        digest.update(chunk)
        if target is not None:
            target.write(chunk)
        size += len(chunk)
    return digest.hexdigest(), size
