"""Typical cases (典型案例): decided cases a bureau publishes for every agency to learn from,
and whether it published as often as its rules ask [000 五(一); 003 二(五)1]."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["rules", "tables"]
