"""The only refusals a request valid by the OpenAPI document may meet (beside 401, 403, 404,
409 and 412, which depend on who asks and on the case): each names why no schema can state
it. Anything else a schema-valid request is refused with means the document is looser than
the server, and the schemathesis run fails on it."""

from __future__ import annotations

STATE = {
    "position-not-written": "min_position names a write not made yet",
    "unknown-agency": "the agency must be registered",
    "unknown-jurisdiction": "the jurisdiction must be registered",
    "document-not-found": "the document must have been uploaded",
    "idempotency-key-reused": "the key was used before with another body",
    "calendar-year-not-loaded": "the year's holiday schedule must have been loaded",
    "invalid-cursor": "a cursor is opaque: only one this API issued is valid",
    "password-change-needs-session": "depends on how the caller signed in, like 401 and 403",
    "fact-dated-in-future": "a fact may not be dated after today, which the server's clock says",
    "period-not-begun": "administrative acts are recorded for a period begun by the server's today",
    "hearing-before-filing": "the hearing may not precede the filing date stored on the case",
    "hearing-before-service": "the hearing may not precede the summons stored on the case",
    "answer-before-service": "the answer may not precede the service stored on the case",
    "appearance-before-hearing": "an appearance may not precede the hearing stored on the case",
    "effective-before-service": "the effective date may not precede the stored service",
    "reply-before-service": "a reply may not precede the suggestion's service stored on the case",
    "no-such-fact": "the corrected or retracted event must exist on the case",
    "field-not-correctable": "which fields may be corrected depends on the stored event's type",
    "fact-not-correctable": "whether a fact may be corrected depends on the stored event's type",
    "invalid-correction": "the type a corrected value needs depends on the stored event's type",
    "correction-changes-nothing": "the corrected values must differ from the stored ones",
    "unknown-mediator": "the mediator named must be on the stored roster",
    "mediator-inactive": "the mediator's stored term must cover the attempt's date",
    "mediator-out-of-place": "the mediator's stored centre must serve the case's stored place",
    "unknown-mediation-centre": "the centre named must be registered",
    "not-a-pack-mediation-entry": "the pack entry must be one the jurisdiction's stored pack names",
    "station-of-a-station": "whether the named centre is a station is stored",
    "station-outside-centre": "the centre's stored jurisdiction must contain the station's",
    "mediator-not-found": "the mediator must be on the stored roster",
    "mediator-term-ends-before-start": "the end must not precede the stored start of the term",
    "loss-report-sections-missing": (
        "the sections a loss report needs are its case's pack's, the plan only where the stored"
        " judgment is to be performed"
    ),
    "loss-report-section-unknown": "the sections a loss report may have are its case's pack's",
    "loss-report-draft-pending": "whether a draft is going through its steps is stored",
}
"""Codes that depend on what is stored, not on the request: a schema cannot know them."""

RELATIONS = {
    ("/v1/deadlines/preview", "preview-needs-period"): "offset with unit, or pack with rule",
    ("/v1/deadlines/preview", "preview-needs-pack-and-rule"): "pack and rule go together",
    ("/v1/deadlines/preview", "unknown-rule"): "the rule must be one of the pack's",
    ("/v1/deadlines/preview", "unknown-rule-pack"): "the pack must be in effect on the date",
    ("/v1/cases/{case_id}/suggestions", "reply-due-before-service"): (
        "the stated reply date may not precede the service date"
    ),
    ("/v1/statistics", "invalid-period"): "'to' not before 'from', at most five years",
    ("/v1/interviews/proposals", "invalid-period"): "'to' not before 'from', at most five years",
    ("/v1/cases/{case_id}/accountability/corrective-opinions", "opinion-before-meeting"): (
        "issued_date may not precede meeting_date"
    ),
    ("/v1/mediation/statistics", "invalid-period"): "'to' not before 'from', at most five years",
    ("/v1/cases", "proceeding-kind-mismatch"): (
        "the case number's type code (行初, 民初 …) must fit the proceeding_kind in the body"
    ),
    ("/v1/calendar/{year}", "schedule-invalid"): (
        "every date in the path's year, make-up days on weekends, none both"
    ),
    ("/v1/documents", "document-type-not-allowed"): "the bytes must be the media type named",
    ("/v1/accounts", "password-is-username"): "the password may not be the username",
    ("/v1/accounts/{username}/password-reset", "password-is-username"): (
        "the password may not be the username in the path"
    ),
    ("/v1/session/password", "password-is-username"): "the password may not be one's username",
    ("/v1/cases/{case_id}/accountability/meeting-opinions", "opinion-parties-mismatch"): (
        "an opinion names parties exactly when it establishes responsibility"
    ),
    ("/v1/cases/{case_id}/accountability/meeting-opinions", "party-listed-twice"): (
        "each party is listed once"
    ),
}
"""Relations between query parameters, or between the path and the body, which OpenAPI 3.1
cannot state (each is in the operation's description); keyed by operation path and code."""


def accepted(path: str, code: str | None) -> bool:
    return code in STATE or (path, code) in RELATIONS
