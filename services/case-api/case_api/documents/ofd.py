"""OFD (GB/T 33190, 版式文档): a zip container whose root holds ``OFD.xml``.

Nothing here extracts an entry: the verdict comes from the central directory alone, read by the
stdlib ``zipfile`` from the whole received (or stored) file. Whoever opens the document later
(a viewer, a signature check) does extract it, so a container that would swamp them — far more
declared bytes than stored, entries escaping the root, two entries under one name — is refused
here rather than stored as evidence.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import PurePosixPath
from typing import IO

from case_api.documents.errors import archive_refused

ZIP_SIGNATURE = b"PK\x03\x04"
ROOT_ENTRY = "OFD.xml"
MAX_ENTRIES = 20_000
"""A thousand-page OFD holds a few thousand entries (a Content.xml per page, resources)."""
MAX_CENTRAL_DIRECTORY_BYTES = 2 * 1024 * 1024
"""Room for MAX_ENTRIES entries with long names; bounds what ``zipfile`` parses, and so its
memory, before it parses anything."""
MAX_EXPANSION = 100
"""Declared uncompressed bytes per stored byte, whole archive: XML deflates ~10:1, a deflate
bomb ~1000:1, and overlapping entries count once per entry."""

_END_RECORD = b"PK\x05\x06"
_END_RECORD_BYTES = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_BYTES = 20
_MAX_COMMENT_BYTES = 1 << 16


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_SIGNATURE)


def is_ofd(file: IO[bytes]) -> bool:
    """True for an acceptable OFD container, False for any other zip or a broken one.

    ``file`` must be seekable. Raises ``document-archive-refused`` for a container this module
    will not pass on (see the limits above).
    """
    size = file.seek(0, 2)
    _check_end_record(file, size)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, NotImplementedError, EOFError, ValueError):
        return False  # not a readable zip: the type check refuses it like any unknown bytes
    names = [entry.filename for entry in entries]
    if ROOT_ENTRY not in names:
        return False
    if len(entries) > MAX_ENTRIES:
        raise archive_refused("too-many-entries", max_entries=MAX_ENTRIES)
    if len(set(names)) != len(names):
        raise archive_refused("duplicate-entry")
    if any(_escapes_root(name) for name in names):
        raise archive_refused("unsafe-entry-name")
    if sum(entry.file_size for entry in entries) > MAX_EXPANSION * size:
        raise archive_refused("expands-too-much", max_expansion=MAX_EXPANSION)
    return True


def _check_end_record(file: IO[bytes], size: int) -> None:
    """Refuse, before ``zipfile`` parses it, a central directory too large to parse or a ZIP64
    one (whose sizes live in a second record). The end record is found as ``zipfile`` finds it:
    the file's last 22 bytes when they hold one without a comment, else the last signature in
    the tail a comment can occupy."""
    found = _end_record(file, size)
    if found is None:
        return  # zipfile finds no directory either
    record, offset = found
    if offset >= _ZIP64_LOCATOR_BYTES:
        file.seek(offset - _ZIP64_LOCATOR_BYTES)
        if file.read(len(_ZIP64_LOCATOR)) == _ZIP64_LOCATOR:
            raise archive_refused("zip64")
    (directory_bytes,) = struct.unpack_from("<I", record, 12)
    if directory_bytes > MAX_CENTRAL_DIRECTORY_BYTES:
        raise archive_refused(
            "directory-too-large", max_directory_bytes=MAX_CENTRAL_DIRECTORY_BYTES
        )


def _end_record(file: IO[bytes], size: int) -> tuple[bytes, int] | None:
    if size >= _END_RECORD_BYTES:
        file.seek(size - _END_RECORD_BYTES)
        last = file.read(_END_RECORD_BYTES)
        if last.startswith(_END_RECORD) and last.endswith(b"\0\0"):
            return last, size - _END_RECORD_BYTES
    start = max(0, size - _MAX_COMMENT_BYTES - _END_RECORD_BYTES)
    file.seek(start)
    tail = file.read()
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_BYTES:
        return None
    return tail[at : at + _END_RECORD_BYTES], start + at


def _escapes_root(name: str) -> bool:
    """``/etc/x``, ``../x``, ``C:x``: extracting it would write outside the target folder."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return bool(parts) and (parts[0] == "/" or ":" in parts[0] or ".." in parts)
