"""People's accounts: sign-in with a password or the government's identity provider, sessions, lock-out, password changes."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["domain", "service", "tables"]
