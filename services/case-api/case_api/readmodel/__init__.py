"""The projection engine: events become read-model rows, exactly once, in batches.

``dispatch`` is where each capability's ``projection`` registers its handlers;
``projection`` gathers them (the assembly) and writes each event's timeline row.
"""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = ["batch", "case_rows", "dispatch", "events_json", "loop", "projector", "rebuild", "watch"]
