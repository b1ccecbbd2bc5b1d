"""Properties of the deadline engine over generated case histories."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.calendar import WorkCalendar
from shared.deadlines import CaseEvent, derive_deadlines
from shared.eventtypes import EVENT_TYPES
from shared.periods import Direction
from shared.rulepacks import PackLibrary
from shared.rulepacks.library import SHANGHAI

LIB = PackLibrary.load()
CAL = WorkCalendar.official()
RECORDED = datetime(2025, 6, 1, tzinfo=SHANGHAI)
# Spans loaded years and 2027, which is not loaded (provisional deadlines).
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 3, 31)).map(date.isoformat)


def _judgment(outcome: str, duty: bool, due: str) -> dict[str, Any]:
    return {
        "instance": "first",
        "kind": "judgment",
        "outcome": outcome,
        "loss_type": "revoked" if outcome == "lost" else None,
        "performance_duty": duty,
        "performance_due_date": due if duty else None,
    }


def _served(kind: str, day: str, later: int) -> dict[str, Any]:
    hearing = date.fromisoformat(day) + timedelta(days=later) if kind == "summons" else None
    return {"kind": kind, "served_date": day, "hearing_date": hearing and hearing.isoformat()}


relevant_event = st.one_of(
    st.builds(
        lambda kind, day, later: ("DocumentServed", _served(kind, day, later)),
        st.sampled_from(["complaint_copy", "notice_to_respond", "summons", "appeal_petition"]),
        days,
        st.integers(0, 40),
    ),
    st.builds(lambda day: ("AnswerSubmitted", {"submitted_date": day}), days),
    st.builds(lambda day: ("HearingScheduled", {"hearing_date": day}), days),
    st.builds(lambda day: ("AppearanceRecorded", {"hearing_date": day}), days),
    st.builds(
        lambda s, day: ("ReportedToBureau", {"subject": s, "reported_date": day}),
        st.sampled_from(["complaint_copy", "summons", "judgment", "risk_report"]),
        days,
    ),
    st.builds(lambda day: ("RiskFlagged", {"found_date": day}), days),
    st.builds(
        lambda o, duty, due, day: (
            "JudgmentServed",
            {"judgment": _judgment(o, duty, due), "served_date": day},
        ),
        st.sampled_from(["won", "lost", "dismissed"]),
        st.booleans(),
        days,
        days,
    ),
    st.builds(lambda day: ("JudgmentEffective", {"effective_date": day}), days),
    st.builds(lambda day: ("PerformanceCompleted", {"completed_date": day}), days),
    st.builds(lambda day: ("LossReportSubmitted", {"submitted_date": day}), days),
    st.builds(
        lambda r, day: ("ReportReviewed", {"result": r, "reviewed_date": day}),
        st.sampled_from(["approved", "returned"]),
        days,
    ),
    st.builds(
        lambda day: ("CaseConcluded", {"conclusion": "withdrawn", "concluded_date": day}), days
    ),
    st.builds(lambda day: ("JointMeetingScheduled", {"meeting_date": day}), days),
    st.builds(lambda day: ("InvestigationCompleted", {"completed_date": day}), days),
)
# Events no rule reads (checked below), inserted between the others.
irrelevant_event = st.one_of(
    st.builds(lambda day: ("MediationAttempted", {"attempted_date": day, "note": ""}), days),
    st.builds(lambda day: ("AppealFiled", {"appellant": "plaintiff", "filed_date": day}), days),
    st.just(("RemediationRequired", {"deadline": "answer@1", "reason": "late"})),
)
pack_ids = st.sampled_from(LIB.pack_ids())


def _events(items: list[tuple[str, dict[str, Any]]], step: int = 10, first: int = 10) -> list:
    return [CaseEvent(first + i * step, t, data, RECORDED) for i, (t, data) in enumerate(items)]


@settings(max_examples=150, deadline=None)
@given(pack_ids, st.lists(relevant_event, max_size=14), st.randoms(use_true_random=False))
def test_derivation_is_deterministic_and_ignores_input_order(pack_id, items, rng) -> None:
    events = _events(items)
    first = derive_deadlines(events, LIB, CAL, pack_id=pack_id)
    shuffled = events[:]
    rng.shuffle(shuffled)
    assert derive_deadlines(shuffled, LIB, CAL, pack_id=pack_id) == first
    assert len({dl.key for dl in first}) == len(first)
    assert first == sorted(first, key=lambda dl: (dl.due_date, dl.key))


@settings(max_examples=150, deadline=None)
@given(pack_ids, st.lists(relevant_event, max_size=14), st.lists(irrelevant_event, max_size=8))
def test_irrelevant_events_change_nothing(pack_id, items, noise) -> None:
    referenced = LIB.ruleset(pack_id, RECORDED).referenced_events()
    context_sources = {src for t in EVENT_TYPES.values() for src in t.context.values()}
    assert not {t for t, _ in noise} & (referenced | context_sources)
    events = _events(items)
    noisy = events + _events(noise, first=15)  # positions 15, 25, ... fall between
    expected = derive_deadlines(events, LIB, CAL, pack_id=pack_id)
    assert derive_deadlines(noisy, LIB, CAL, pack_id=pack_id) == expected


@settings(max_examples=150, deadline=None)
@given(pack_ids, st.lists(relevant_event, max_size=14))
def test_after_rules_are_never_due_before_their_trigger(pack_id, items) -> None:
    for deadline in derive_deadlines(_events(items), LIB, CAL, pack_id=pack_id):
        if deadline.explanation.direction is Direction.AFTER:
            assert deadline.due_date >= deadline.trigger_date
        else:
            assert deadline.due_date < deadline.trigger_date
        if deadline.status in ("met", "met_late"):
            assert deadline.satisfied_position is not None
            assert deadline.satisfied_position > deadline.trigger_position
            assert deadline.satisfied_date is not None
            late = deadline.satisfied_date > deadline.due_date
            assert (deadline.status == "met_late") == late
        assert deadline.provisional == (deadline.provisional_reason is not None)
