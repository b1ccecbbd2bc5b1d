"""Deadlines: due dates derived from each case's timeline and rule pack, their queries, the public preview, the iCalendar feed, and the holiday calendar's yearly load."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["calendar", "calendar_admin", "projection", "queries", "tables"]
