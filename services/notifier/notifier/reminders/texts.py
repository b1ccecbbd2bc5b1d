"""The words of a deadline message, composed when it goes out.

The planner stores a delivery's facts (``payload["facts"]``: the case, the deadline as it is
now, the clause in words, the day a reminder was due before it moved off a rest day); the
follower keeps them current while the row waits. What depends on the day it is sent (the days
left or overdue) and on the registry (the agency's name) is filled in here, at send time, so a
message says what is true the day it arrives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from notifier.reminders.messages import PROVISIONAL_NOTE, fill, render, words


@dataclass(frozen=True)
class Context:
    """What a message is composed against: the day it goes out, the registry's names."""

    send_day: date
    agency_names: Mapping[str, str]
    case_url: str | None = None


def compose(payload: Mapping[str, Any], context: Context) -> tuple[str, str]:
    """(title, body) of a deadline message from its stored facts."""
    facts = payload["facts"]
    template = _template(facts)
    values = _values(facts, payload.get("moved_from"), context)
    title = render(template, "title", values)
    lines = [render(template, "body", values)]
    if values["moved"]:
        lines[0] = values["moved"] + lines[0]
    if facts.get("basis"):
        lines.append(render("parts", "basis", {"basis": facts["basis"]}))
    if context.case_url:
        lines.append(render("parts", "link", {"url": context.case_url}))
    return title, "\n".join(lines)


def _template(facts: Mapping[str, Any]) -> str:
    message = facts["message"]
    if facts.get("actor", "agency") != "agency":
        # Another body's duty (the bureau's, the deciding organ's) told to the bureau: the
        # rule's own words say who acts; "你单位" would name the defendant agency.
        return "escalation_other" if message == "escalation" else "reminder_other"
    if message == "escalation":
        return "escalation_bureau" if facts["audience"] == "bureau" else "escalation_head"
    if message == "reminder" and facts["deadline_kind"] == "hearing":
        return "hearing"
    return message


def _values(facts: Mapping[str, Any], moved_from: str | None, context: Context) -> dict[str, Any]:
    kind_words = words("kinds").get(facts["deadline_kind"]) or words("kinds")["other"]
    due = date.fromisoformat(facts["due_date"])
    send_day = context.send_day
    agency_name = context.agency_names.get(facts["agency"] or "")
    values: dict[str, Any] = {
        **kind_words,
        "title_zh": facts["title_zh"],
        "case_number": facts["case_number"],
        "case": _case(facts, context.agency_names),
        "due_date": long_date(due),
        "today": long_date(send_day),
        "since": long_date(due + timedelta(days=1)),
        "overdue": max((send_day - due).days, 0),
        "left": _left(due, send_day, facts["deadline_kind"]),
        "agency_name": agency_name or render("parts", "unknown_agency", {}),
        "addressee": render("parts", "addressee", {"agency_name": agency_name})
        if agency_name
        else "",
        "early": "",
        "moved": "",
        "provisional_note": PROVISIONAL_NOTE if facts.get("provisional") else "",
    }
    nominal = facts.get("nominal_day")
    if nominal and date.fromisoformat(nominal) > send_day:
        values["early"] = render(
            "parts", "early", {"nominal": short_date(date.fromisoformat(nominal), send_day)}
        )
    if "late" not in kind_words:
        values["late"] = render("parts", "late", values)
    if moved_from and moved_from != facts["due_date"]:
        old = long_date(date.fromisoformat(moved_from))
        values["moved"] = render("parts", "moved", {**values, "old_due_date": old})
    return values


def _case(facts: Mapping[str, Any], names: Mapping[str, str]) -> str:
    details = []
    if facts.get("subject_matter"):
        details.append(render("parts", "subject", {"subject": facts["subject_matter"]}))
    defendants = [names[code] for code in facts.get("defendants", ()) if code in names]
    if defendants and facts["audience"] == "bureau":
        details.append(render("parts", "defendants", {"names": "、".join(defendants)}))
    if not details:
        return f"{facts['case_number']}案件"
    return render(
        "parts", "case", {"case_number": facts["case_number"], "details": "；".join(details)}
    )


def _left(due: date, send_day: date, deadline_kind: str) -> str:
    table = words("hearing_left" if deadline_kind == "hearing" else "left")
    days = (due - send_day).days
    if days > 0:
        return fill(table["future"], {"days": days})
    if days == 0:
        return str(table["today"])
    return fill(table["past"], {"days": -days})


def long_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def short_date(day: date, reference: date) -> str:
    """Month and day; the year too when it is not ``reference``'s."""
    if day.year != reference.year:
        return long_date(day)
    return f"{day.month}月{day.day}日"
