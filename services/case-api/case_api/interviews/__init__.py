"""约谈: interviews of the heads of agencies whose losses stay high [000 五(二)] [004 5-⑤三]."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["domain", "projection", "tables"]
