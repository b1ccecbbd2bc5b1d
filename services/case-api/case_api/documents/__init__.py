"""Served documents (complaint copies, summonses, judgments…) kept by content, not by name.

Blobs are stored under their SHA-256; events reference them by hash, so the event record pins
the exact bytes a court served and a blob is never rewritten.
"""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["errors", "service", "tables"]
