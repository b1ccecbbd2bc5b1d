"""Tamper evidence: every aggregate's events form a hash chain; ``verify`` and ``check`` walk it."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["domain", "verify", "walk"]
