"""Which named refusals each case command may answer, for its OpenAPI examples."""

from __future__ import annotations

from case_api.cases import corrections, facts, proceedings
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
    if command == "file_case":
        found.append(_MISMATCH)
    if any(command in unfit for unfit in proceedings.NOT_FOR.values()) or command == (
        "serve_document"
    ):
        found.append(_NOT_FOR_KIND)
    return tuple(found)


_MISMATCH: Example = (
    422,
    "proceeding-kind-mismatch",
    "Case number （2026）辽0323民初55号 is a court's civil case number, which a case of kind "
    "administrative_suit does not have: state the case's proceeding_kind.",
    "案号 （2026）辽0323民初55号 是法院民事案件案号，与案件类型（行政诉讼）不符，请填写正确的 "
    "proceeding_kind。",
)
_NOT_FOR_KIND: Example = (
    409,
    "not-for-proceeding-kind",
    "schedule_hearing does not apply to a case of kind reconsideration.",
    "该事项不适用于行政复议案件。",
)
