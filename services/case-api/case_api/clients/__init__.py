"""Machine clients (court, agency and bureau systems): registration, OAuth 2.0 client credentials, secret rotation, per-action grants."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["domain", "service", "access", "tables"]
