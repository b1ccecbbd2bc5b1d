"""The registry: jurisdictions (with their rule pack) and agencies, and where a new case belongs."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["domain", "paths", "service", "tables"]
