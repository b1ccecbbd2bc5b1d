"""Which fields of which facts a correction may change, and their values' types (the scope
rule of ``corrections``): dates, and the details that go with them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from case_api.cases.values import AppearanceRole, ReportSubject, check
from case_api.platform.domain_errors import InvalidValue


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _bad(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _text(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 4000:
        raise _bad("expected text of at most 4000 characters")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _bad("expected true or false")
    return value


def _subject(value: Any) -> str:
    return check(ReportSubject, _text(value), "subject")


def _appearances(value: Any) -> list[dict[str, Any]]:
    # Nobody, for a refusal to attend: the replay of the corrected facts checks that.
    if not isinstance(value, list) or len(value) > 20:
        raise _bad("expected at most 20 people who appeared")
    people = []
    for item in value:
        if not isinstance(item, Mapping) or not str(item.get("name") or "").strip():
            raise _bad("each person needs a name and a role")
        people.append(
            {
                "name": _text(item["name"]),
                "role": check(AppearanceRole, _text(item.get("role")), "role"),
                "title": _text(item.get("title", "")),
                "spoke_in_court": _flag(item.get("spoke_in_court", False)),
            }
        )
    return people


def _party_service(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > 50:
        raise _bad("expected at most 50 parties with their service dates")
    if not all(isinstance(item, Mapping) and item.get("party") for item in value):
        raise _bad("each party needs its name and service date")
    return [
        {"party": _text(item["party"]), "served_date": _date(item.get("served_date"))}
        for item in value
    ]


Convert = Callable[[Any], Any]
CORRECTABLE: Mapping[str, Mapping[str, Convert]] = {
    "DocumentServed": {"served_date": _date, "hearing_date": _date, "document_number": _text},
    "ReportedToBureau": {"reported_date": _date, "subject": _subject},
    "AnswerSubmitted": {"submitted_date": _date, "evidence_submitted": _flag},
    "HearingScheduled": {"hearing_date": _date, "location": _text},
    "AppearanceRecorded": {
        "hearing_date": _date,
        "appearances": _appearances,
        "refused_to_attend": _flag,
        "left_without_permission": _flag,
    },
    "FeedbackSubmitted": {"feedback_date": _date, "note": _text},
    "RiskFlagged": {"found_date": _date, "description": _text},
    "MediationAttempted": {"attempted_date": _date, "note": _text},
    "MediationFailed": {"failed_date": _date, "note": _text},
    "CaseConcluded": {"concluded_date": _date},
    "JudgmentServed": {
        "served_date": _date,
        "party_service": _party_service,
        "judgment.performance_due_date": _date,
        "judgment.document_number": _text,
    },
    "AppealFiled": {"filed_date": _date},
    "JudgmentEffective": {"effective_date": _date},
    "PerformanceCompleted": {"completed_date": _date, "note": _text},
    "LossReportDrafted": {"drafted_date": _date},  # the content is revised by a new draft
    "LossReportStepRecorded": {"step_date": _date, "opinion": _text},
    "LossReportSubmitted": {"submitted_date": _date},
    "CaseClosed": {"closed_date": _date},
    "LeadershipBriefed": {"briefed_date": _date, "leader": _text, "note": _text},
    "BureauForwarded": {"forwarded_date": _date, "leader": _text, "note": _text},
    # The stated reply date is not corrected: whether the suggestion states one picks the
    # rule its deadline follows. Retract its reply, then it, and record both again instead.
    "SuggestionReceived": {"served_date": _date, "issuer_name": _text, "content": _text},
    "SuggestionAnswered": {"answered_date": _date, "reply": _text},
    "PreSuitReported": {"reported_date": _date, "reported_to": _text, "note": _text},
    "ReconsiderationDecided": {"served_date": _date, "decision_number": _text},
}
"""Correctable fields per event type, each with the conversion of its JSON value."""

RETRACTABLE = frozenset(CORRECTABLE)
"""The same facts may be retracted when recorded on the wrong case."""


def typed_corrections(event_type: str, corrections: Mapping[str, Any]) -> dict[str, Any]:
    """``corrections`` converted to the event's value types; refused if out of scope."""
    fields = CORRECTABLE.get(event_type)
    if fields is None:
        raise InvalidValue(
            "fact-not-correctable",
            f"{event_type} facts are not corrected this way.",
            "该类事项不能通过更正修改。",
            event_type=event_type,
        )
    unknown = sorted(set(corrections) - set(fields))
    if unknown or not corrections:
        raise InvalidValue(
            "field-not-correctable",
            f"Correctable fields of {event_type}: {', '.join(fields)}.",
            f"该事项可更正的字段为：{', '.join(fields)}。",
            fields=list(fields),
        )
    try:
        return {name: fields[name](value) for name, value in corrections.items()}
    except _BadValue as error:
        raise InvalidValue(
            "invalid-correction", f"Invalid corrected value: {error}.", f"更正值无效：{error}。"
        ) from None


class _BadValue(ValueError):
    pass


def _bad(message: str) -> _BadValue:
    return _BadValue(message)
