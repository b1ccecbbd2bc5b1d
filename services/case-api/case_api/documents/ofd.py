"""OFD (GB/T 33190, 版式文档): a zip container whose root holds ``OFD.xml``.

Nothing is written out: the verdict comes from the central directory, read by the stdlib
``zipfile`` from the whole received (or stored) file, checked against each entry's local header
and inflated in memory up to the size the directory declares. Whoever opens the document later
(a viewer, a signature check, a streaming extractor that reads only local headers) does extract
it, so a container that would swamp or mislead them — more bytes than declared, far more
declared bytes than stored, entries escaping the root, two entries under one name, a local
header naming another file than the directory — is refused here rather than stored as evidence.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
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
_LOCAL_SIGNATURE = b"PK\x03\x04"
_INFLATE_CHUNK = 1 << 20
# signature, version, flags, method, time, date, crc, packed, unpacked, name and extra length
_LOCAL_HEADER = struct.Struct("<4s2xHH4xIIIHH")


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_SIGNATURE)


def is_ofd(file: IO[bytes], check_entries: bool = True) -> bool:
    """True for an acceptable OFD container, False for any other zip or a broken one.

    ``file`` must be seekable. Raises ``document-archive-refused`` for a container this module
    will not pass on (see the limits above). ``check_entries=False`` skips reading and
    inflating every entry: for a stored blob, which passed that check when it was uploaded.
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
    if len({_canonical(name) for name in names}) != len(names):
        raise archive_refused("duplicate-entry")
    if any(_escapes_root(name) for name in names):
        raise archive_refused("unsafe-entry-name")
    if sum(entry.file_size for entry in entries) > MAX_EXPANSION * size:
        raise archive_refused("expands-too-much", max_expansion=MAX_EXPANSION)
    return not check_entries or all(_entry_intact(file, entry, size) for entry in entries)


def _entry_intact(file: IO[bytes], entry: zipfile.ZipInfo, size: int) -> bool:
    """The entry's local header names the same file with the same sizes as the directory, and
    its data inflates to exactly the declared size (memory bounded by that size). False for
    data that is merely damaged (a bad deflate stream or checksum, an offset outside the file),
    as for a broken zip."""
    if not 0 <= entry.header_offset < size:
        return False
    file.seek(entry.header_offset)
    header = file.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        raise archive_refused("local-header-mismatch")
    signature, flags, method, crc, packed, unpacked, name_bytes, extra_bytes = _LOCAL_HEADER.unpack(
        header
    )
    name = file.read(name_bytes)
    if signature != _LOCAL_SIGNATURE or name != _raw_name(entry) or method != entry.compress_type:
        raise archive_refused("local-header-mismatch")
    sizes_follow = flags & 0x08  # sizes in a data descriptor after the data: zero here
    if not sizes_follow and (packed, unpacked, crc) != (
        entry.compress_size,
        entry.file_size,
        entry.CRC,
    ):
        raise archive_refused("local-header-mismatch")
    file.seek(extra_bytes, 1)
    data = file.read(entry.compress_size)
    if method == zipfile.ZIP_STORED:
        size, crc, complete = len(data), zlib.crc32(data), True
    elif method == zipfile.ZIP_DEFLATED:
        try:
            size, crc, complete = _inflate(data, entry.file_size)
        except zlib.error:
            return False
    else:
        raise archive_refused("compression-not-allowed")
    if not complete or size != entry.file_size:
        raise archive_refused("entry-size-mismatch")
    return crc == entry.CRC


def _inflate(data: bytes, declared: int) -> tuple[int, int, bool]:
    """Inflate ``data`` a chunk at a time, never past ``declared`` + 1 bytes: its size, its
    CRC-32 and whether the stream ended there. Memory stays one chunk whatever is declared."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size, crc, pending = 0, 0, data
    while size <= declared:
        chunk = inflater.decompress(pending, min(_INFLATE_CHUNK, declared + 1 - size))
        size, crc = size + len(chunk), zlib.crc32(chunk, crc)
        pending = inflater.unconsumed_tail
        if inflater.eof or not chunk:
            break
    return size, crc, inflater.eof


def _raw_name(entry: zipfile.ZipInfo) -> bytes:
    """The name's bytes as stored: UTF-8 when flagged, else code page 437 (as zipfile reads)."""
    return entry.orig_filename.encode("utf-8" if entry.flag_bits & 0x800 else "cp437")


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
    """``/etc/x``, ``//host/x``, a backslashed UNC path, ``../x``, ``C:x``: extracting it would
    write outside the target folder."""
    path = name.replace("\\", "/")
    parts = path.split("/")
    return path.startswith("/") or ":" in parts[0] or ".." in parts


def _canonical(name: str) -> str:
    """What a lenient reader may take the name to mean: ``./OFD.xml``, ``Doc_0//x`` and
    ``doc_0/X`` (or with backslashes) name the same file as ``OFD.xml`` and ``Doc_0/x``."""
    folder = name.endswith(("/", "\\"))
    canonical = posixpath.normpath(name.replace("\\", "/")).casefold()
    return canonical + "/" if folder else canonical
