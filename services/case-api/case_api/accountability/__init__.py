"""Accountability after a lost suit (败诉过错责任追究) and fault tolerance (容错免责), DOMAIN.md §6.

The procedure's rules (``rules``, ``joint_review_rules``, ``meeting_rules``) run inside the ``Case`` aggregate;
``policy`` builds them from the case's rule pack; ``queries`` and ``projection`` serve the
procedure, a person's record and the accountability statistics.
"""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = [
    "domain",
    "rules",
    "joint_review_rules",
    "meeting_rules",
    "risk_registration_rules",
    "correction_rules",
    "decider_rules",
    "policy",
    "queries",
    "tables",
]
