"""Which documents are accepted, judged from their first bytes, never from the client's claim.

OFD (the Chinese fixed-layout format) is not accepted yet: it is a zip archive, told apart from
any other zip only by its ``OFD.xml`` entry in the central directory at the end of the file.
"""

from __future__ import annotations

import filetype

ALLOWED_MEDIA_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/tiff"})
HEAD_BYTES = 8192
"""How much of the start of a file the signature check reads (filetype's own window)."""


def media_type_of(head: bytes) -> str | None:
    """The allowed media type the bytes carry the signature of, or None."""
    found = filetype.guess_mime(head) if head else None
    return found if found in ALLOWED_MEDIA_TYPES else None
