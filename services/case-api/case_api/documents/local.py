"""Blobs on local disk, under ``ROOT/ab/cd/<sha256>``.

A blob is written to ``ROOT/partial/`` and fsynced, then renamed to its final name: a crash
leaves at most an orphaned ``.part`` file, never a partial blob under a hash. Orphans are swept
by age: a ``.part`` file is written from an already received spool, in seconds at most, so
one untouched for an hour belongs to no running upload.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import IO

from case_api.documents.store import Blob, BlobNotFound, Swept, copy_hashing, fan_out, is_sha256

PARTIAL_SUFFIX = ".part"


class LocalBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.partial = root / "partial"

    def put(self, stream: IO[bytes]) -> Blob:
        self.partial.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.partial, suffix=PARTIAL_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as out:
                sha256, size = copy_hashing(stream, out)
                out.flush()
                os.fsync(out.fileno())
            final = self._path(sha256)
            if final.exists():
                return Blob(sha256, size, created=False)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(name, final)
            _fsync_directory(final.parent)
            return Blob(sha256, size, created=True)
        finally:
            Path(name).unlink(missing_ok=True)

    def open(self, sha256: str) -> IO[bytes]:
        if not is_sha256(sha256):
            raise BlobNotFound(sha256)
        try:
            return self._path(sha256).open("rb")
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None

    def size(self, sha256: str) -> int | None:
        if not is_sha256(sha256):
            return None
        try:
            return self._path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def sweep_partial(self, older_than_seconds: float, now: float) -> Swept:
        cutoff = now - older_than_seconds
        removed, freed, kept = [], 0, 0
        for entry in _entries(self.partial):
            if not entry.name.endswith(PARTIAL_SUFFIX):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue  # its upload finished or another sweep took it
            if not stat.S_ISREG(info.st_mode):
                continue
            if info.st_mtime >= cutoff:
                kept += 1
                continue
            try:
                os.unlink(entry.path)
            except FileNotFoundError:
                continue
            removed.append(entry.path)
            freed += info.st_size
        return Swept(tuple(sorted(removed)), freed, kept)

    def _path(self, sha256: str) -> Path:
        return self.root / fan_out(sha256)


def _entries(directory: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as found:
            return list(found)
    except FileNotFoundError:
        return []  # nothing was ever uploaded here


def _fsync_directory(path: Path) -> None:
    """Make the rename itself durable, not only the file's bytes."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
