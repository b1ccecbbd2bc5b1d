"""容错风险报备: risky decisions a unit registers in advance [000 四(二)]."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["domain", "service", "projection", "tables"]
