"""The event feed: every event a client may see, in order, by long poll or Server-Sent Events."""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = []
