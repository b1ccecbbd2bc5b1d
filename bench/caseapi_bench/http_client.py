"""What the HTTP clients send: the registry set-up, a case per client, commands always legal.

The same client code drives case-api and the bare FastAPI app. Each client files its own
case once, then cycles 送达 (POST /documents, complaint copy), 报备 (POST /reports) and 风险
(POST /risks): the three are legal on an open case in any number once one complaint copy is
served, and the cycle starts with that document.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import httpx

from case_api.platform.access import Role
from case_api.platform.http.auth import issue_token

SECRET = "bench-secret-0123456789abcdef-0123456789abcdef"
ISSUER = "case-api"

COMMANDS: list[tuple[str, dict[str, Any]]] = [
    (
        "documents",
        {
            "kind": "complaint_copy",
            "served_date": "2025-09-22",
            "document_number": "（2025）粤0106行初123号",
        },
    ),
    ("reports", {"subject": "complaint_copy", "reported_date": "2025-09-23"}),
    (
        "risks",
        {"level": "medium", "description": "原告人数众多，需关注舆情", "found_date": "2025-09-25"},
    ),
]


def case_body(number: str) -> dict[str, Any]:
    return {
        "court": "gz-tianhe-court",
        "case_number": f"（2025）粤0106行初{number}号",
        "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
        "subject_matter": "工伤认定",
        "plaintiff_count": 1,
        "filed_date": "2025-09-20",
        "flags": [],
    }


def admin_headers() -> dict[str, str]:
    token = issue_token(SECRET, ISSUER, subject="bench-admin", role=Role.ADMIN, ttl_seconds=7200)
    return {"Authorization": f"Bearer {token}"}


def register_registry(url: str) -> None:
    with httpx.Client(base_url=url, headers=admin_headers(), timeout=30) as c:
        r = c.post(
            "/v1/jurisdictions",
            json={"code": "gz", "name": "广州市", "level": "city", "pack": "statutory"},
        )
        r.raise_for_status()
        r = c.post(
            "/v1/agencies",
            json={
                "code": "gz-hrss",
                "name": "广州市人社局",
                "jurisdiction": "gz",
                "level": "department",
            },
        )
        r.raise_for_status()


def client(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers=admin_headers(), timeout=30)


def file_case(c: httpx.Client, number: str) -> dict[str, Any]:
    r = c.post("/v1/cases", json=case_body(number))
    if r.status_code != 201:
        raise RuntimeError(f"file case: {r.status_code} {r.text[:200]}")
    return r.json()


def command_step(url: str, label: str, idempotency: bool = False, case_events: int | None = 30):  # type: ignore[no-untyped-def]
    """A ``make_step`` for ``run_threads``: file a case, then cycle the three commands.

    With ``case_events`` the client files a new case (itself a step) once its case holds that
    many events, so the figure does not drift with the length of the cases; ``None`` keeps one
    case per client growing for the whole run.
    """

    def make(index: int):  # type: ignore[no-untyped-def]
        c = client(url)
        numbers = itertools.count()
        state: dict[str, Any] = {}

        def new_case() -> None:
            state["case"] = file_case(c, f"{label}-{index}-{next(numbers)}")["case_id"]
            state["events"], state["cycle"] = 1, itertools.cycle(COMMANDS)

        new_case()

        def step() -> None:
            if case_events and state["events"] >= case_events:
                new_case()
                return
            path, body = next(state["cycle"])
            headers = {"Idempotency-Key": str(uuid.uuid4())} if idempotency else None
            r = c.post(f"/v1/cases/{state['case']}/{path}", json=body, headers=headers)
            if r.status_code != 201:
                raise RuntimeError(f"{path}: {r.status_code} {r.text[:200]}")
            state["events"] += 1
            state["version"] = r.json()["version"]

        step.state = state  # type: ignore[attr-defined]
        return step

    return make


def get_step(url: str, case_ids: list[str]):  # type: ignore[no-untyped-def]
    """A ``make_step``: client i reads case ``case_ids[i % n]`` again and again."""

    def make(index: int):  # type: ignore[no-untyped-def]
        c = client(url)
        path = f"/v1/cases/{case_ids[index % len(case_ids)]}"

        def step() -> None:
            r = c.get(path)
            if r.status_code != 200:
                raise RuntimeError(f"GET: {r.status_code} {r.text[:200]}")

        return step

    return make
