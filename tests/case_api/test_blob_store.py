"""The blob store contract, run against local disk and an S3-compatible bucket (moto).

Plus what only the local store can show: a writer killed mid-blob leaves no blob behind, and
its partial file is swept once old, never while written.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from case_api.documents.local import LocalBlobStore
from case_api.documents.service import blob_store
from case_api.documents.store import CHUNK_BYTES, BlobNotFound, BlobStore
from case_api.platform.settings import Settings
from tests.case_api.moto_bucket import FIELDS, moto_bucket

CONTENT = b"%PDF-1.7\n" + os.urandom(3 * CHUNK_BYTES + 123)


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BlobStore]:
    if request.param == "local":
        yield blob_store(Settings(document_store_url=f"file:{tmp_path}/blobs"))
        return
    with moto_bucket():
        yield blob_store(Settings(**FIELDS))


def read_all(store: BlobStore, sha256: str) -> bytes:
    blob = store.open(sha256)
    try:
        return blob.read()
    finally:
        blob.close()


def test_a_blob_is_stored_under_its_sha256_and_read_back_whole(store: BlobStore):
    blob = store.put(io.BytesIO(CONTENT))
    assert blob.sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert (blob.size, blob.created) == (len(CONTENT), True)
    assert store.size(blob.sha256) == len(CONTENT)
    assert read_all(store, blob.sha256) == CONTENT


def test_putting_the_same_content_again_changes_nothing(store: BlobStore):
    first = store.put(io.BytesIO(CONTENT))
    again = store.put(io.BytesIO(CONTENT))
    assert (again.sha256, again.size, again.created) == (first.sha256, first.size, False)
    assert read_all(store, first.sha256) == CONTENT


@pytest.mark.parametrize(
    "sha256",
    [
        hashlib.sha256(b"never stored").hexdigest(),
        "../" * 10 + "etc/passwd",
        hashlib.sha256(b"x").hexdigest().upper(),
        "",
    ],
)
def test_an_absent_or_malformed_hash_is_not_found(store: BlobStore, sha256: str):
    store.put(io.BytesIO(b"x"))
    assert store.size(sha256) is None
    with pytest.raises(BlobNotFound):
        store.open(sha256)


class BrokenStream(io.RawIOBase):
    """Yields some bytes, then fails like a dropped connection."""

    def __init__(self, good: bytes) -> None:
        self.good = io.BytesIO(good)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.good.read(size)
        if not chunk:
            raise ConnectionResetError("client went away")
        return chunk


def test_a_stream_that_fails_midway_stores_nothing(store: BlobStore, tmp_path: Path):
    part = CONTENT[: 2 * CHUNK_BYTES]
    with pytest.raises(ConnectionResetError):
        store.put(BrokenStream(part))  # type: ignore[arg-type]
    assert store.size(hashlib.sha256(part).hexdigest()) is None
    assert store.size(hashlib.sha256(CONTENT).hexdigest()) is None
    if isinstance(store, LocalBlobStore):
        assert [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()] == []


KILLED_WRITER = """
import sys
from pathlib import Path
from case_api.documents.local import LocalBlobStore
LocalBlobStore(Path(sys.argv[1])).put(sys.stdin.buffer)
"""


def test_a_writer_killed_mid_blob_leaves_only_a_partial_file_never_served(tmp_path: Path):
    root = tmp_path / "blobs"
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(root)],
        stdin=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert writer.stdin is not None
        writer.stdin.write(CONTENT[: 2 * CHUNK_BYTES + 10])
        writer.stdin.flush()
        partial = _wait_for_partial(root / "partial", at_least=2 * CHUNK_BYTES)
        store = LocalBlobStore(root)
        while_written = store.sweep_partial(3600, time.time())
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    assert (while_written.removed, while_written.kept) == ((), 1)
    finals = [p for p in root.rglob("*") if p.is_file() and p.parent != root / "partial"]
    assert finals == []
    assert partial.exists()
    assert store.size(hashlib.sha256(partial.read_bytes()).hexdigest()) is None
    with pytest.raises(BlobNotFound):
        store.open(hashlib.sha256(CONTENT).hexdigest())
    blob = store.put(io.BytesIO(CONTENT))
    assert blob.created
    assert read_all(store, blob.sha256) == CONTENT
    left = partial.stat()
    orphaned = store.sweep_partial(3600, left.st_mtime + 3601)
    assert (orphaned.removed, orphaned.freed_bytes) == ((str(partial),), left.st_size)
    assert not partial.exists()
    assert read_all(store, blob.sha256) == CONTENT


def _wait_for_partial(directory: Path, at_least: int) -> Path:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = [p for p in directory.glob("*.part")] if directory.exists() else []
        if found and found[0].stat().st_size >= at_least:
            return found[0]
        time.sleep(0.02)
    raise AssertionError("the writer never wrote its partial file")
