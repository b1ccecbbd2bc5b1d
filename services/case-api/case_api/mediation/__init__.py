"""行政争议调解: the mediation centres, their stations and the roster of mediators a bureau
keeps [004 5-③三、五], and the figures of the mediations that name them."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["domain", "rules", "service", "projection", "attempts", "tables"]
