"""The demo world `make run` loads once into an empty system, through the public API.

Guangzhou (the city) with two districts, agencies, the Tianhe court, five cases at different
stages (one overdue, one loss report waiting for the city bureau), and one account per role.
Dates are relative to today, so the to-do list always has something due and something late.
Passwords are for this demo only: they are printed, and the accounts live under var/.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx

COURT = "gz-tianhe-court"
JURISDICTIONS = [
    {"code": "gz", "name": "广州市", "level": "city", "pack": "guangzhou"},
    {"code": "gz-th", "name": "天河区", "level": "county", "parent": "gz", "pack": "guangzhou"},
    {"code": "gz-yx", "name": "越秀区", "level": "county", "parent": "gz", "pack": "guangzhou"},
]
AGENCIES = [
    {
        "code": "gz-hrss",
        "name": "广州市人力资源和社会保障局",
        "jurisdiction": "gz",
        "level": "department",
    },
    {
        "code": "gz-zrzy",
        "name": "广州市规划和自然资源局",
        "jurisdiction": "gz",
        "level": "department",
    },
    {
        "code": "th-gov",
        "name": "广州市天河区人民政府",
        "jurisdiction": "gz-th",
        "level": "government",
    },
    {
        "code": "yx-cg",
        "name": "广州市越秀区城市管理和综合执法局",
        "jurisdiction": "gz-yx",
        "level": "department",
    },
]
ACCOUNTS = [
    ("admin", "系统管理员", "admin", {}, "demo-admin-pass"),
    ("clerk", "市人社局法制科 王敏", "agency_user", {"agency": "gz-hrss"}, "demo-clerk-pass"),
    ("head", "市人社局 局长（手机只读）", "mobile_reader", {"agency": "gz-hrss"}, "demo-head-pass"),
    ("bureau", "市司法局应诉处 李强", "bureau_officer", {"jurisdiction": "gz"}, "demo-bureau-pass"),
    ("th-clerk", "天河区政府法制办 陈晓", "agency_user", {"agency": "th-gov"}, "demo-thclerk-pass"),
]


def cases(today: date) -> list[dict[str, Any]]:
    """(filing, [(who, path, body)]) per case; ``d(n)`` is n days from today."""

    def d(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    def filing(number: str, agency: str, subject: str, filed: int) -> dict[str, Any]:
        return {
            "court": COURT,
            "case_number": number,
            "agencies": [{"agency_id": agency, "role": "implementing"}],
            "subject_matter": subject,
            "filed_date": d(filed),
        }

    def notice(days: int) -> tuple[str, str, dict[str, Any]]:
        return ("court", "documents", {"kind": "notice_to_respond", "served_date": d(days)})

    return [
        # Overdue: served 18 days ago, neither reported nor answered.
        {
            "filing": filing("（2026）粤0106行初101号", "gz-hrss", "工伤认定", -20),
            "steps": [notice(-18)],
        },
        # Just served: report due tomorrow, answer in two weeks.
        {
            "filing": filing("（2026）粤0106行初102号", "gz-hrss", "社会保险登记", -3),
            "steps": [notice(-1)],
        },
        # Answered; the hearing is in ten days, with its appearance duty.
        {
            "filing": filing("（2026）粤0106行初103号", "gz-hrss", "劳动保障监察", -40),
            "steps": [
                notice(-38),
                ("agency", "reports", {"subject": "notice_to_respond", "reported_date": d(-37)}),
                ("agency", "answer", {"submitted_date": d(-30), "evidence_submitted": True}),
                (
                    "court",
                    "documents",
                    {"kind": "summons", "served_date": d(-25), "hearing_date": d(10)},
                ),
            ],
        },
        # Lost, effective, loss report submitted: waits for the city bureau's review.
        {
            "filing": filing("（2026）粤0106行初88号", "th-gov", "房屋征收补偿", -120),
            "steps": [
                notice(-118),
                (
                    "court",
                    "judgments",
                    {
                        "judgment": {
                            "instance": "first",
                            "outcome": "lost",
                            "loss_type": "revoked",
                        },
                        "served_date": d(-60),
                    },
                ),
                ("court", "effective", {"effective_date": d(-44)}),
                # Drafted, reviewed by the legal office, approved by the principal leader
                # before it is submitted [004 5-④].
                (
                    "th-agency",
                    "loss-report-drafts",
                    {
                        "drafted_date": d(-14),
                        "sections": {"loss_analysis": "征收程序中未依法送达补偿决定。"},
                    },
                ),
                (
                    "th-agency",
                    "loss-report-steps",
                    {"step": "legal_office_review", "result": "approved", "step_date": d(-12)},
                ),
                (
                    "th-agency",
                    "loss-report-steps",
                    {"step": "principal_approval", "result": "approved", "step_date": d(-11)},
                ),
                (
                    "th-agency",
                    "loss-reports",
                    {
                        "submitted_date": d(-10),
                        "summary": "征收程序中未依法送达补偿决定，已组织整改。",
                    },
                ),
            ],
        },
        # Filed only.
        {"filing": filing("（2026）粤0104行初55号", "yx-cg", "违法建设查处", -2), "steps": []},
    ]


def seed(client: httpx.Client, tokens: dict[str, str], today: date) -> bool:
    """Load the world unless the registry already has jurisdictions; True if it loaded."""
    admin = _auth(tokens["admin"])
    if client.get("/v1/jurisdictions", headers=admin).json():
        return False
    for body in JURISDICTIONS:
        _ok(client.post("/v1/jurisdictions", json=body, headers=admin))
    for body in AGENCIES:
        _ok(client.post("/v1/agencies", json=body, headers=admin))
    for username, name, role, scope, password in ACCOUNTS:
        body = {"username": username, "display_name": name, "role": role, "password": password}
        _ok(client.post("/v1/accounts", json={**body, **scope}, headers=admin))
    for case in cases(today):
        case_id = _ok(
            client.post("/v1/cases", json=case["filing"], headers=_auth(tokens["court"]))
        )["case_id"]
        for who, path, body in case["steps"]:
            url = f"/v1/cases/{case_id}/{path}"
            _ok(client.post(url, json=body, headers=_auth(tokens[who])))
    return True


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _ok(response: httpx.Response) -> dict[str, Any]:
    if response.status_code >= 300:
        raise RuntimeError(f"{response.request.method} {response.request.url}: {response.text}")
    return response.json()
