"""Properties of the Case aggregate under random command sequences (no storage)."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from hypothesis import given
from hypothesis import strategies as st

from case_api.cases.aggregate import Case
from case_api.platform.domain_errors import DomainError
from tests.case_api.commands_strategy import command

META = {"principal_id": "p", "role": "admin", "agency": None, "source": "admin", "request_id": None}


def new_case() -> Case:
    return Case(
        id=uuid4(),
        court="c",
        case_number="n",
        agencies=[{"agency_id": "a", "role": "implementing"}],
        jurisdiction="gz",
        pack="statutory",
        subject_matter="s",
        plaintiff_count=1,
        filed_date=date(2025, 1, 1),
        flags=[],
        meta=META,
    )


@given(st.lists(command, max_size=40))
def test_rejected_commands_append_nothing_and_replay_rebuilds_the_same_state(commands):
    case = new_case()
    events = list(case.collect_events())
    for name, args in commands:
        version = case.version
        try:
            getattr(case, name)(meta=META, **args)
        except DomainError:
            assert case.version == version
            assert not case.pending_events
            continue
        new = list(case.collect_events())
        assert len(new) == 1 and case.version == version + 1
        events.extend(new)
    replayed = None
    for event in events:
        replayed = event.mutate(replayed)
    assert replayed is not None
    assert vars(replayed) == vars(case)


@given(st.lists(command, max_size=40))
def test_a_closed_case_accepts_no_further_command(commands):
    """But the overseers' corrections of its record (docs/agencies.md, corrections), and the
    reply to a suggestion, which outlives the suit [001 四(四)]."""
    case = new_case()
    closed = False
    for name, args in commands:
        if closed and name in ("correct_fact", "retract_fact", "answer_suggestion"):
            continue
        try:
            getattr(case, name)(meta=META, **args)
        except DomainError:
            continue
        assert not closed, f"{name} was accepted after closing"
        closed = case.status == "closed"
