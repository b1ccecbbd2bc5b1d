"""The event catalogue that packs are checked against matches the Case aggregate's events."""

from __future__ import annotations

from enum import StrEnum

import pytest

from case_api.cases import values
from case_api.cases.aggregate import Case
from shared import eventtypes
from shared.eventtypes import EVENT_TYPES, event_type

EXISTING = [t for t in EVENT_TYPES.values() if not t.planned]
PLANNED = [t for t in EVENT_TYPES.values() if t.planned]


def _case_event_names() -> set[str]:
    classes = {name for name, value in vars(Case).items() if isinstance(value, type)}
    return classes - {"Event", "Created"}


def test_every_case_event_is_in_the_catalogue_and_nothing_else_exists_yet() -> None:
    # Corrections change other events' facts: the engine applies them before rules read.
    assert {t.name for t in EXISTING} == _case_event_names() - set(eventtypes.CORRECTIONS)
    assert set(eventtypes.CORRECTIONS) <= _case_event_names()


def test_every_recorded_event_names_who_records_it() -> None:
    assert [t.name for t in EXISTING if not t.recorded_by] == []


@pytest.mark.parametrize("spec", EXISTING, ids=lambda t: t.name)
def test_catalogued_fields_are_fields_of_the_case_event(spec: eventtypes.EventType) -> None:
    stored = set(getattr(Case, spec.name).__annotations__)
    named = {path.split(".")[0] for path in (*spec.date_fields, *spec.fields)}
    assert named - set(spec.context) <= stored


@pytest.mark.parametrize(
    ("vocabulary", "enum"),
    [
        (eventtypes.REPORT_SUBJECTS, values.ReportSubject),
        (eventtypes.FEEDBACK_SUBJECTS, values.FeedbackSubject),
        (eventtypes.INSTANCES, values.Instance),
        (eventtypes.OUTCOMES, values.Outcome),
        (eventtypes.LOSS_TYPES, values.LossType),
        (eventtypes.REVIEW_RESULTS, values.ReviewResult),
        (eventtypes.CONCLUSIONS, values.Conclusion),
    ],
)
def test_vocabularies_match_the_case_values(vocabulary: tuple, enum: type[StrEnum]) -> None:
    assert set(vocabulary) == {member.value for member in enum}


def test_document_kinds_are_those_served_as_documents() -> None:
    served = {k.value for k in values.DocumentKind} - set(values.DECISION_DOCUMENTS)
    assert set(eventtypes.DOCUMENT_KINDS) == served


def test_an_unknown_event_type_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="unknown event type 'Nope'"):
        event_type("Nope")
