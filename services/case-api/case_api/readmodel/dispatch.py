"""How each event changes the read models beyond the timeline: one handler per event type.

Each capability registers its handlers in its ``projection`` module
(``@apply_event.register``); ``case_api.readmodel.projection`` imports them all.
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from case_api.readmodel.batch import Batch


@singledispatch
def apply_event(event: Any, batch: Batch) -> None:
    """Events that only appear on the timeline change nothing else."""
