"""The small world the security tests run in: two jurisdictions, each with its agency and
court, a lost case with a named responsible person and a served document, a machine client
and a signed court delivery. Principals belong to the ``own`` place; the ``foreign`` one is
what they must not reach."""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from case_api.courts.keys import CourtKeys
from case_api.courts.signatures import secret_bytes, sign
from case_api.platform.access import Role


@dataclass
class Place:
    jurisdiction: str
    name: str
    level: str
    pack: str
    agency: str
    agency_name: str
    court: str
    person: str
    case_id: str = ""
    document: str = ""  # SHA-256 of a document the case references
    client_id: str = ""  # a machine client registered for this place's court
    delivery_id: str = ""  # a signed delivery the court made, with its receipt
    registration_id: str = ""  # the agency's risk registration (容错风险报备)
    mediator_id: str = ""  # a mediator on the place's roster (调解员库)
    case_number: str = field(init=False)
    account: str = field(init=False)  # a clerk's account, the one account paths name

    def __post_init__(self) -> None:
        self.case_number = f"（2025）{self.jurisdiction}行初{self.person}号"
        self.account = f"{self.jurisdiction}-clerk"

    def scope(self, role: Role) -> dict[str, str]:
        """The token claims a principal of ``role`` in this place carries."""
        claim = {
            Role.COURT_SYSTEM: {"court": self.court},
            Role.AGENCY_USER: {"agency": self.agency},
            Role.MOBILE_READER: {"agency": self.agency},
            Role.BUREAU_OFFICER: {"jurisdiction": self.jurisdiction},
            Role.DISCIPLINE_OFFICER: {"jurisdiction": self.jurisdiction},
        }
        return claim.get(role, {})


def places() -> dict[str, Place]:
    """A fresh pair: ``own`` (where principals belong) and ``foreign``."""
    return {
        "own": Place(
            "wz", "温州市", "city", "wenzhou", "wz-nrb", "温州市自然资源局", "wz-court", "wz-001"
        ),
        "foreign": Place(
            "jz", "金寨县", "county", "jinzhai", "jz-hrss", "金寨县人社局", "jz-court", "jz-001"
        ),
    }


MISSING_CASE = "00000000-0000-4000-8000-000000000000"
ACCOUNT_PASSWORD = "security-world-password"

Send = Callable[[str, str, Any, dict[str, str]], Awaitable[tuple[int, Any]]]
"""(method, path, body, headers) → (status, json): how the world is built over HTTP; a
``bytes`` body goes out as it is, anything else as JSON."""


def setup_steps(place: Place) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(who, method, path, body) building ``place``; ``{case}`` stands for its case id."""
    case = "/v1/cases/{case}"
    return [
        (
            "admin",
            "POST",
            "/v1/jurisdictions",
            {
                "code": place.jurisdiction,
                "name": place.name,
                "level": place.level,
                "pack": place.pack,
            },
        ),
        (
            "admin",
            "POST",
            "/v1/agencies",
            {
                "code": place.agency,
                "name": place.agency_name,
                "jurisdiction": place.jurisdiction,
                "level": "department",
            },
        ),
        (
            "admin",
            "POST",
            "/v1/accounts",
            {
                "username": place.account,
                "display_name": "法制科",
                "role": "agency_user",
                "agency": place.agency,
                "password": ACCOUNT_PASSWORD,
            },
        ),
        (
            "court_system",
            "POST",
            "/v1/cases",
            {
                "court": place.court,
                "case_number": place.case_number,
                "agencies": [{"agency_id": place.agency, "role": "implementing"}],
                "subject_matter": "行政处罚",
                "filed_date": "2025-06-01",
            },
        ),
        (
            "court_system",
            "POST",
            f"{case}/judgments",
            {
                "judgment": {"instance": "first", "outcome": "lost", "loss_type": "revoked"},
                "served_date": "2026-01-20",
            },
        ),
        ("court_system", "POST", f"{case}/effective", {"effective_date": "2026-02-01"}),
        (
            "agency_user",
            "POST",
            "/v1/risk-registrations",
            {
                "agency": place.agency,
                "reference": f"{place.jurisdiction}-报备1号",
                "decision": "分类处置历史遗留用地",
                "decision_date": "2025-02-01",
                "risk": "政策界限不明确",
                "measures": "集体讨论",
                "registered_date": "2025-02-01",
            },
        ),
        (
            "bureau_officer",
            "POST",
            "/v1/interviews",
            {
                "agency": place.agency,
                "reference": f"{place.jurisdiction}-约谈1号",
                "interview_date": "2026-03-01",
                "interviewee": {"name": "王五", "post": "局长"},
                "interviewer": "司法局",
                "reason": "败诉案件数量居高不下",
                "outcome": "责令整改",
            },
        ),
        (
            "bureau_officer",
            "POST",
            "/v1/mediation/centres",
            {
                "code": f"{place.jurisdiction}-centre",
                "name": f"{place.name}行政争议调解中心",
                "jurisdiction": place.jurisdiction,
            },
        ),
        (
            "bureau_officer",
            "POST",
            "/v1/mediation/mediators",
            {
                "centre": f"{place.jurisdiction}-centre",
                "roster_number": "1",
                "name": "调解员甲",
                "speciality": "行政处罚",
                "active_from": "2025-01-01",
            },
        ),
        (
            "agency_user",
            "POST",
            f"{case}/accountability/parties",
            {
                "party": {
                    "party_id": "p1",
                    "kind": "person",
                    "name": "张三",
                    "agency": place.agency,
                    "post": "科员",
                    "role": "handler",
                    "person_id": place.person,
                    "fault_kind": _fault_kind(place),
                    "fault_date": "2025-03-01",
                },
                "named_date": "2026-03-03",
            },
        ),
        *_joint_meeting_steps(place),
    ]


def _joint_meeting_steps(place: Place) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Where the pack has a joint meeting (Jinzhai [001 八、十]): a meeting on the case and its
    opinion, so the meetings view has rows another place must not see. Dated before the
    schemathesis run's fixed today (2026-03-10)."""
    if place.pack != "jinzhai":
        return []
    acc = "/v1/cases/{case}/accountability"
    opinion = {
        "meeting_date": "2026-03-05",
        "established": True,
        "party_ids": ["p1"],
        "reasons": "主要事实不清",
        "recorded_date": "2026-03-06",
    }
    return [
        ("bureau_officer", "POST", f"{acc}/meetings", {"meeting_date": "2026-03-05"}),
        ("bureau_officer", "POST", f"{acc}/meeting-opinions", opinion),
    ]


def document_bytes(place: Place) -> bytes:
    """A tiny PDF, different per place (documents are stored by content)."""
    return (
        b"%PDF-1.4\n% "
        + place.jurisdiction.encode()
        + b"\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    )


COURT_SECRET = "whsec_" + base64.b64encode(b"security-tests-court-key-0123456789").decode()


def _fault_kind(place: Place) -> str:
    return {"wenzhou": "duty_not_performed", "jinzhai": "unclear_facts"}[place.pack]


async def build(
    world: dict[str, Place], send: Send, token: Callable[..., dict[str, str]], runtime: Any
) -> int:
    """Build both places over HTTP; return the last write's position (for ``min_position``)."""
    position = 0
    for place, role, method, path, body in steps(world):
        headers = token(role.value, **place.scope(role))
        status, answer = await send(method, path.format(case=place.case_id), body, headers)
        position = max(position, record(place, path, status, answer))
    for place in world.values():
        for method, path, content, headers in extras(place, runtime, token):
            status, answer = await send(method, path, content, headers)
            position = max(position, record(place, path, status, answer))
    return position


def build_sync(
    world: dict[str, Place], client: Any, token: Callable[..., dict[str, str]], runtime: Any
) -> int:
    """``build`` through a synchronous (requests-style) client."""
    position = 0
    for place, role, method, path, body in steps(world):
        headers = token(role.value, **place.scope(role))
        r = client.request(method, path.format(case=place.case_id), json=body, headers=headers)
        position = max(position, record(place, path, r.status_code, r.json()))
    for place in world.values():
        for method, path, content, headers in extras(place, runtime, token):
            kwargs = {"data": content} if isinstance(content, bytes) else {"json": content}
            r = client.request(method, path, headers=headers, **kwargs)
            position = max(position, record(place, path, r.status_code, r.json()))
    return position


def extras(
    place: Place, runtime: Any, token: Callable[..., dict[str, str]]
) -> Iterator[tuple[str, str, Any, dict[str, str]]]:
    """A referenced document, a machine client and a signed delivery; yielded lazily, since
    each step needs what the one before recorded."""
    court = token("court_system", **place.scope(Role.COURT_SYSTEM))
    yield (
        "POST",
        "/v1/documents",
        document_bytes(place),
        {**court, "Content-Type": "application/pdf"},
    )
    served = {
        "kind": "complaint_copy",
        "served_date": "2025-06-02",
        "documents": [{"sha256": place.document, "title": "起诉状副本"}],
    }
    yield "POST", f"/v1/cases/{place.case_id}/documents", served, court
    client = {
        "name": f"{place.court} 送达平台",
        "role": "court_system",
        "actions": ["deliveries:write"],
        "court": place.court,
    }
    yield "POST", "/v1/clients", client, token("admin")
    CourtKeys(runtime.engine).add(place.court, COURT_SECRET, runtime.clock.now())
    delivery = {
        "kind": "document_served",
        "case": {"case_id": place.case_id},
        "facts": {"kind": "summons", "served_date": "2025-06-03", "hearing_date": "2025-07-01"},
    }
    body = json.dumps(delivery).encode()
    at = int(runtime.clock.now().timestamp())
    place.delivery_id = f"{place.jurisdiction}-delivery-1"
    signature = sign(place.delivery_id, at, body, secret_bytes(COURT_SECRET))
    headers = {
        "webhook-id": place.delivery_id,
        "webhook-timestamp": str(at),
        "webhook-signature": signature,
        "Content-Type": "application/json",
    }
    yield "POST", f"/v1/courts/{place.court}/deliveries", body, headers


def sender(client: Any) -> Send:
    """``Send`` over an httpx.AsyncClient: JSON bodies, or raw bytes (uploads, signed bodies)."""

    async def send(method: str, path: str, body: Any, headers: dict[str, str]) -> tuple[int, Any]:
        kind = "content" if isinstance(body, bytes) else "json"
        r = await client.request(method, path, headers=headers, **{kind: body})
        return r.status_code, r.json()

    return send


def steps(world: dict[str, Place]) -> Iterator[tuple[Place, Role, str, str, dict[str, Any]]]:
    for place in world.values():
        for who, method, path, body in setup_steps(place):
            yield place, Role(who), method, path, body


def record(place: Place, path: str, status: int, answer: Any) -> int:
    # A stored document answers 200 when the same bytes were uploaded before.
    assert status == 201 or (path == "/v1/documents" and status == 200), (path, status, answer)
    if path == "/v1/cases":
        place.case_id = str(answer["case_id"])
    if path == "/v1/documents":
        place.document = answer["sha256"]
        return 0
    if path == "/v1/clients":
        place.client_id = answer["client_id"]
    if path == "/v1/risk-registrations":
        place.registration_id = answer["registration_id"]
    if path == "/v1/mediation/mediators":
        place.mediator_id = answer["id"]
    return int(answer.get("position", 0))
