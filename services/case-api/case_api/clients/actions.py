"""What a machine client may do: actions, and which action each route needs.

An action is ``area:read`` (GET, HEAD) or ``area:write`` (any other method); the area comes
from the route's path template. A route whose area is not listed here is closed to machine
clients until it is, so a new route never opens to them by accident. Actions narrow the role
rules (``access.may``, visibility); they never widen them.
"""

from __future__ import annotations

from case_api.platform.access import Role

ACTIONS = {
    "cases:read": "Cases, their timelines, documents and deadlines (iCalendar feeds included)",
    "cases:write": "File cases, upload documents, record case commands other than deliveries",
    "deliveries:write": "Record documents and judgments the court served (送达)",
    "feed:read": "The ordered event feed, by long-poll or Server-Sent Events",
    "registry:read": "Jurisdictions and agencies",
    "calendar:read": "Holiday schedules and the deadlines they moved",
    "statistics:read": "Bulletin figures (通报)",
    "accountability:read": "Accountability procedures, records and figures",
    "accountability:write": "Accountability steps (追责)",
}

CLIENT_ROLES = frozenset(
    {
        Role.COURT_SYSTEM,
        Role.AGENCY_USER,
        Role.BUREAU_OFFICER,
        Role.DISCIPLINE_OFFICER,
        Role.NOTIFIER,
    }
)
"""Roles a machine client may hold: never an administrator, and the mobile app is a person."""

SCOPE_FIELD = {
    Role.COURT_SYSTEM: "court",
    Role.AGENCY_USER: "agency",
    Role.BUREAU_OFFICER: "jurisdiction",
    Role.DISCIPLINE_OFFICER: "jurisdiction",
    Role.NOTIFIER: None,
}
"""The one scope field each client role takes (a discipline organ's is optional)."""
OPTIONAL_SCOPE = frozenset({Role.DISCIPLINE_OFFICER})

_DELIVERIES = frozenset({"/v1/cases/{case_id}/documents", "/v1/cases/{case_id}/judgments"})
"""Writes the court makes when it serves papers (reading them back is ``cases:read``)."""
_EXACT = {
    "/v1/agencies/{code}/deadlines.ics": "cases",
    "/v1/accountability/statistics": "statistics",
}
# Most specific first: the first prefix that equals the route's template or contains it wins.
_PREFIXES = (
    ("/v1/cases/{case_id}/accountability", "accountability"),
    ("/v1/accountability", "accountability"),
    ("/v1/cases", "cases"),
    ("/v1/deadlines", "cases"),
    ("/v1/documents", "cases"),
    ("/v1/events", "feed"),
    ("/v1/jurisdictions", "registry"),
    ("/v1/agencies", "registry"),
    ("/v1/calendar", "calendar"),
    ("/v1/statistics", "statistics"),
)


def required_action(method: str, path_template: str) -> str | None:
    """The action a route needs, or None when no action opens it to machine clients."""
    verb = "read" if method in ("GET", "HEAD") else "write"
    if verb == "write" and path_template in _DELIVERIES:
        return "deliveries:write"
    area = _EXACT.get(path_template) or next(
        (area for prefix, area in _PREFIXES if _under(path_template, prefix)), None
    )
    return f"{area}:{verb}" if area else None


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def parse_scope(scope: str | None) -> list[str]:
    """An OAuth ``scope`` parameter: space-separated action names (RFC 6749 §3.3)."""
    return sorted(set((scope or "").split()))
