"""The reply deadline of a judicial or procuratorial suggestion, for any service date, stated
reply date and reply day, in every pack that sets one [001 四(四)] [003 二(五)2] [004 7-③];
none in the packs that do not."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from shared.calendar.official import official_calendar
from shared.periods import Direction, Unit, compute_period

from .test_deadline_support import case, derive

DAYS = st.integers(min_value=0, max_value=700).map(lambda n: date(2025, 1, 2) + timedelta(days=n))
PACKS = ("guangzhou", "jinzhai", "xiangshan")
RULE = {"court": "judicial_suggestion_reply", "procuratorate": "procuratorial_suggestion_reply"}


def received(issuer: str, served: date, stated: date | None) -> tuple[str, dict[str, Any]]:
    return "SuggestionReceived", {
        "issuer": issuer,
        "issuer_name": "出具机关",
        "number": "建1号",
        "content": "建议",
        "served_date": served.isoformat(),
        "reply_due_date": stated.isoformat() if stated else None,
        "reply_due_stated": stated is not None,
    }


def answered(day: date, number: str = "建1号") -> tuple[str, dict[str, Any]]:
    return "SuggestionAnswered", {"number": number, "answered_date": day.isoformat()}


@given(
    pack=st.sampled_from(PACKS),
    issuer=st.sampled_from(sorted(RULE)),
    served=DAYS,
    stated_after=st.one_of(st.none(), st.integers(min_value=0, max_value=120)),
    replied_after=st.one_of(st.none(), st.integers(min_value=0, max_value=150)),
)
def test_one_reply_deadline_met_on_or_before_it_late_after_it(
    pack: str, issuer: str, served: date, stated_after: int | None, replied_after: int | None
) -> None:
    stated = None if stated_after is None else served + timedelta(days=stated_after)
    events = [received(issuer, served, stated)]
    if replied_after is not None:
        events.append(answered(served + timedelta(days=replied_after)))
    found = [d for d in derive(pack, case(*events)).values() if d.kind == "suggestion_reply"]
    assert len(found) == 1
    deadline = found[0]
    if stated is None:
        two_months = compute_period(
            official_calendar(), served, 2, Unit.MONTHS, Direction.AFTER, allow_provisional=True
        )
        assert (deadline.rule_id, deadline.due_date) == (RULE[issuer], two_months.due_date)
    else:
        assert (deadline.rule_id, deadline.due_date) == ("suggestion_reply_stated", stated)
    if replied_after is None:
        assert deadline.status == "open"
    else:
        late = served + timedelta(days=replied_after) > deadline.due_date
        assert deadline.status == ("met_late" if late else "met")


def test_a_reply_to_another_suggestion_meets_nothing() -> None:
    events = case(received("court", date(2026, 3, 2), None), answered(date(2026, 3, 5), "建9号"))
    assert derive("jinzhai", events)["judicial_suggestion_reply@1"].status == "open"


def test_the_end_of_the_suit_does_not_waive_the_reply() -> None:
    events = case(
        received("court", date(2026, 3, 2), None),
        ("CaseClosed", {"closed_date": "2026-03-10"}),
    )
    assert derive("guangzhou", events)["judicial_suggestion_reply@1"].status == "open"


def test_packs_without_the_duty_set_no_reply_deadline() -> None:
    for pack in ("statutory", "wenzhou", "xiuyan"):
        events = case(received("court", date(2026, 3, 2), None))
        assert not [d for d in derive(pack, events).values() if d.kind == "suggestion_reply"]
