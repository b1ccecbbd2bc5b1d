"""Which named refusals each case command may answer, for its OpenAPI examples."""

from __future__ import annotations

from case_api.cases import corrections, facts
from case_api.cases.history import EVENT_COMMANDS

Example = tuple[int, str, str, str]  # status, code, English detail, Chinese detail

_EVENT_OF = {command: event for event, command in EVENT_COMMANDS.items()}
_CORRECTING = ("correct_fact", "retract_fact")


def examples_for(command: str) -> tuple[Example, ...]:
    """The date rules its event is checked against; for a correction, every date rule (the
    corrected history is checked again) and the correction rules."""
    event = "CaseFiled" if command == "file_case" else _EVENT_OF.get(command)
    found = [
        (422, code, en, zh)
        for code, (en, zh, applies) in facts.REFUSALS.items()
        if command in _CORRECTING
        or (event in facts.HAPPENED and not applies)
        or (event is not None and event in applies.split())
    ]
    if command in _CORRECTING:
        found += corrections.REFUSALS
    return tuple(found)
