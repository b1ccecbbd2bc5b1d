"""Which documents are accepted, judged from their bytes, never from the client's claim.

PDF and images show their type in their first bytes. OFD is a zip archive, told apart from any
other zip only by its ``OFD.xml`` entry in the central directory at the end of the file, so a
zip's verdict waits for the whole file (``case_api.documents.ofd``).
"""

from __future__ import annotations

from typing import IO

import filetype

from case_api.documents import ofd

OFD_MEDIA_TYPE = "application/ofd"
FIRST_BYTES_MEDIA_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/tiff"})
ALLOWED_MEDIA_TYPES = FIRST_BYTES_MEDIA_TYPES | {OFD_MEDIA_TYPE}
HEAD_BYTES = 8192
"""How much of the start of a file the signature check reads (filetype's own window)."""


def media_type_of(file: IO[bytes], stored: bool = False) -> str | None:
    """The allowed media type of the whole content of a seekable file, or None.

    Raises ``document-archive-refused`` for an OFD container that breaks ``ofd``'s limits.
    ``stored``: the file is a blob already in the store, so its OFD entries were inflated and
    checked on upload and are not again.
    """
    file.seek(0)
    head = file.read(HEAD_BYTES)
    if ofd.is_zip(head):
        return OFD_MEDIA_TYPE if ofd.is_ofd(file, check_entries=not stored) else None
    return _by_first_bytes(head)


def may_be_allowed(head: bytes) -> bool:
    """False once the first bytes already rule the content out (a zip may still be an OFD)."""
    return ofd.is_zip(head) or _by_first_bytes(head) is not None


def _by_first_bytes(head: bytes) -> str | None:
    found = filetype.guess_mime(head) if head else None
    return found if found in FIRST_BYTES_MEDIA_TYPES else None
