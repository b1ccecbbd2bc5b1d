"""Requests built from the OpenAPI document: bodies from its examples, path parameters from
the security world. Anything the document and this module cannot fill fails loudly, naming
the operation, so a new route is never silently left out."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from tests.security.world import Place, document_bytes

METHODS = ("get", "put", "post", "patch", "delete")

PATH_VALUES = {
    "case_id": lambda place: place.case_id,
    "code": lambda place: place.agency,
    "pack": lambda place: place.pack,
    "person_id": lambda place: place.person,
    "year": lambda place: "2026",
    "sha256": lambda place: place.document,
    "client_id": lambda place: place.client_id,
    "court": lambda place: place.court,
    "delivery_id": lambda place: place.delivery_id,
    "username": lambda place: place.account,
    "registration_id": lambda place: place.registration_id,
    "mediator_id": lambda place: place.mediator_id,
    "agency": lambda place: place.agency,
    "period": lambda place: "2025-12",
}
"""Path parameters by name, for the place a request targets."""

YEAR_TO_LOAD = "2027"  # PUT /v1/calendar/{year}: a year nobody else relies on

QUERIES: dict[str, Any] = {
    "statistics_v1_statistics_get": lambda p: {"from": "2025-01-01", "to": "2026-12-31"},
    "deadline_preview_v1_deadlines_preview_get": lambda p: {
        "trigger_date": "2026-03-02",
        "offset": 15,
        "unit": "days",
    },
    # Filters naming the target place: a list must not return another place's rows.
    "list_cases_v1_cases_get": lambda p: {"agency": p.agency},
    "oidc_callback_v1_session_oidc_callback_get": lambda p: {"code": "c", "state": "s"},
    "list_deadlines_v1_deadlines_get": lambda p: {"agency": p.agency, "status": "open"},
    "accountability_statistics_v1_accountability_statistics_get": lambda p: {
        "jurisdiction": p.jurisdiction
    },
    "propose_interviews_v1_interviews_proposals_get": lambda p: {
        "from": "2025-01-01",
        "to": "2026-12-31",
        "jurisdiction": p.jurisdiction,
    },
    "list_typical_cases_v1_typical_cases_get": lambda p: {"jurisdiction": p.jurisdiction},
    "joint_meetings_v1_accountability_meetings_get": lambda p: {"jurisdiction": p.jurisdiction},
    "mediation_statistics_v1_mediation_statistics_get": lambda p: {
        "from": "2025-01-01",
        "to": "2026-12-31",
        "jurisdiction": p.jurisdiction,
    },
    "list_mediation_centres_v1_mediation_centres_get": lambda p: {"jurisdiction": p.jurisdiction},
    "list_mediators_v1_mediation_mediators_get": lambda p: {"centre": f"{p.jurisdiction}-centre"},
    "typical_case_quota_v1_typical_cases_quota_get": lambda p: {
        "jurisdiction": p.jurisdiction,
        "year": 2026,
    },
}
"""Query strings per operation (required parameters, and filters aimed at the target)."""

FALLBACK_BODIES: dict[str, Any] = {
    "record_administrative_acts_v1_statistics_administrative_acts__agency___period__put": (
        lambda p: {"acts": 1200}
    ),
    "register_jurisdiction_v1_jurisdictions_post": lambda p: {
        "code": f"{p.jurisdiction}-sec",
        "name": "安全测试辖区",
        "level": "county",
        "parent": p.jurisdiction,
        "pack": p.pack,
    },
    "register_agency_v1_agencies_post": lambda p: {
        "code": f"{p.agency}-sec",
        "name": "安全测试单位",
        "jurisdiction": p.jurisdiction,
        "level": "department",
    },
    # Credentials of a client nobody registered: the endpoint's own scheme refuses them.
    "token_v1_oauth_token_post": lambda p: {
        "grant_type": "client_credentials",
        "client_id": "cl_nobody",
        "client_secret": "not-a-secret",
    },
    "upload_document": document_bytes,
    "register_client_v1_clients_post": lambda p: {
        "name": f"{p.court} 测试平台",
        "role": "court_system",
        "actions": ["deliveries:write"],
        "court": p.court,
    },
    "rotate_secret_v1_clients__client_id__secret_rotations_post": lambda p: {"grace_seconds": 60},
    "revoke_client_v1_clients__client_id__revocation_post": lambda p: {"reason": "安全测试"},
    "register_risk_v1_risk_registrations_post": lambda p: {
        "agency": p.agency,
        "reference": f"{p.jurisdiction}-安全测试",
        "decision": "安全测试",
        "decision_date": "2025-02-01",
        "risk": "安全测试",
        "measures": "安全测试",
        "registered_date": "2025-02-01",
    },
    "record_interview_v1_interviews_post": lambda p: {
        "agency": p.agency,
        "reference": f"{p.jurisdiction}-安全测试",
        "interview_date": "2025-02-01",
        "interviewee": {"name": "安全测试", "post": "局长"},
        "interviewer": "安全测试",
        "reason": "安全测试",
        "outcome": "安全测试",
    },
    "register_mediation_centre_v1_mediation_centres_post": lambda p: {
        "code": f"{p.jurisdiction}-sec-centre",
        "name": "安全测试调解中心",
        "jurisdiction": p.jurisdiction,
    },
    "enrol_mediator_v1_mediation_mediators_post": lambda p: {
        "centre": f"{p.jurisdiction}-centre",
        "roster_number": "sec-1",
        "name": "安全测试调解员",
        "speciality": "安全测试",
        "active_from": "2025-01-01",
    },
    "end_mediator_term_v1_mediation_mediators__mediator_id__term_end_post": (
        lambda p: {"active_to": "2026-12-31"}
    ),
    "sign_in_v1_session_post": lambda p: {"username": p.account, "password": "not-its-password"},
    "change_password_v1_session_password_post": lambda p: {
        "current_password": "not-the-current-one",
        "new_password": "security-test-password",
    },
    "create_account_v1_accounts_post": lambda p: {
        "username": f"{p.jurisdiction}-sec-user",
        "display_name": "安全测试账户",
        "role": "agency_user",
        "agency": p.agency,
        "password": "security-test-password",
    },
    "reset_password_v1_accounts__username__password_reset_post": lambda p: {
        "new_password": "security-test-password"
    },
    "disable_v1_accounts__username__disable_post": lambda p: {"reason": "安全测试"},
    "put_schedule_v1_calendar__year__put": lambda p: {
        "holidays": ["2027-01-01"],
        "makeup_workdays": [],
        "source": "国办发明电〔2026〕X号",
        "reason": "security test",
    },
}
"""Bodies for operations whose document carries no request example."""


@dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str
    path_params: tuple[str, ...]
    required_query: tuple[str, ...]
    body_media: str | None
    body_example: Any
    secured: bool
    streams: bool
    raw: dict[str, Any] = field(repr=False, compare=False)


def operations(spec: dict[str, Any]) -> list[Operation]:
    found = []
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                found.append(_operation(path, method, item[method]))
    return found


def _operation(path: str, method: str, raw: dict[str, Any]) -> Operation:
    params = raw.get("parameters", [])
    content = raw.get("requestBody", {}).get("content", {})
    # A binary upload accepts several types; PDF is the one the world's documents use.
    media = "application/pdf" if "application/pdf" in content else next(iter(content), None)
    success = raw.get("responses", {}).get("200", {}).get("content", {})
    return Operation(
        id=raw["operationId"],
        method=method.upper(),
        path=path,
        path_params=tuple(p["name"] for p in params if p["in"] == "path"),
        required_query=tuple(p["name"] for p in params if p["in"] == "query" and p["required"]),
        body_media=media,
        body_example=_example(content[media]) if media else None,
        secured=bool(raw.get("security")),
        streams="text/event-stream" in success,
        raw=raw,
    )


def _example(media: dict[str, Any]) -> Any:
    if "example" in media:
        return media["example"]
    for example in media.get("examples", {}).values():
        if "value" in example:
            return example["value"]
    return None


@dataclass(frozen=True)
class Prepared:
    method: str
    url: str
    params: dict[str, Any]
    body: Any
    media: str | None

    def httpx_kwargs(self) -> dict[str, Any]:
        if self.body is None:
            return {}
        if self.media == "application/json":
            return {"json": self.body}
        if self.media == "application/x-www-form-urlencoded":
            return {"data": self.body}
        return {"content": self.body, "headers": {"Content-Type": self.media or ""}}


def prepare(op: Operation, target: Place, *, case_id: str | None = None) -> Prepared:
    """The request for ``op`` aimed at ``target`` (``case_id`` overrides the target's case)."""
    url = op.path
    for name in op.path_params:
        if name not in PATH_VALUES:
            raise AssertionError(f"{op.id}: no world value for path parameter {name!r}")
        value = PATH_VALUES[name](target)
        if name == "case_id" and case_id is not None:
            value = case_id
        if name == "year" and op.method == "PUT":
            value = YEAR_TO_LOAD
        url = url.replace("{" + name + "}", value)
    params = QUERIES[op.id](target) if op.id in QUERIES else {}
    unfilled = [q for q in op.required_query if q not in params]
    if unfilled:
        raise AssertionError(f"{op.id}: required query parameters {unfilled} have no value")
    return Prepared(op.method, url, params, _body(op, target), op.body_media)


def _body(op: Operation, target: Place) -> Any:
    if op.body_media is None:
        return None
    if op.id in FALLBACK_BODIES:
        return FALLBACK_BODIES[op.id](target)
    if op.body_example is None:
        raise AssertionError(f"{op.id}: the request body has no example and no fallback")
    body = copy.deepcopy(op.body_example)
    if op.id == "file_case_v1_cases_post":
        # The scope of a filing is in its body: the court and the defendant agency.
        body["court"] = target.court
        body["agencies"] = [{"agency_id": target.agency, "role": "implementing"}]
        body["case_number"] = f"{body['case_number']}-{target.jurisdiction}"
    if op.id == "name_responsible_party":
        body["party"]["agency"] = target.agency
    return body
