"""The Guangzhou chain 报备+提醒+反馈+补救+通报 [004 5-①], end to end, across National Day 2025.

case-api and the notifier run as two real processes sharing a fake clock file; the notifier
delivers to a webhook sink in this process. The test moves the clock through every due
instant: a minute before it nothing new has arrived, at it exactly the expected deliveries
have (2025: Oct 1-8 are holidays; Sun Sep 28 and Sat Oct 11 are make-up working days).
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from io import BytesIO
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

from tests.notifier.processes import OPERATOR, wait_until
from tests.notifier.sink import start_sink
from tests.notifier.walk import Stack, at, open_stack, parse_key

pytestmark = pytest.mark.integration

# (due, hook, case alias, rule, kind, days-before or escalated role)
EXPECTED = [
    ("09-22 09:00", "contact", "A", "report_notice", "report", "0"),
    ("09-23 09:00", "head", "A", "report_notice", "escalation", "head"),
    ("09-23 09:00", "bureau", "A", "report_notice", "escalation", "bureau"),
    ("09-28 09:00", "contact", "A", "report_summons", "report", "0"),  # Sunday, worked
    ("09-30 09:00", "contact", "A", "answer", "reminder", "7"),  # Oct 2 → Sep 30
    ("09-30 09:00", "contact", "A", "answer", "reminder", "1"),  # Oct 8 → Sep 30
    ("09-30 09:00", "contact", "A", "hearing", "reminder", "7"),  # Oct 6 → Sep 30
    ("10-09 09:00", "bulletin", "bulletin", "gz", "2025-09", None),
    ("10-10 09:00", "head", "A", "answer", "escalation", "head"),
    ("10-10 09:00", "bureau", "A", "answer", "escalation", "bureau"),
    ("10-11 09:00", "contact", "A", "hearing", "reminder", "1"),  # Sun Oct 12 → Sat Oct 11
    ("10-14 09:00", "contact", "A", "hearing_feedback", "feedback", "0"),
    ("11-03 09:00", "bulletin", "bulletin", "gz", "2025-10", None),
    ("11-13 09:00", "contact", "A", "performance", "reminder", "7"),
]

ACTIONS = [
    ("09-19 10:00", "A", "/documents", {"kind": "notice_to_respond", "served_date": "2025-09-19"}),
    ("09-20 10:00", "file B", None, None),
    ("09-22 10:00", "B", "/documents", {"kind": "notice_to_respond", "served_date": "2025-09-22"}),
    (
        "09-23 10:00",
        "B",
        "/reports",
        {"subject": "notice_to_respond", "reported_date": "2025-09-23"},
    ),
    (
        "09-25 10:00",
        "B",
        "/conclusion",
        {"conclusion": "withdrawn", "concluded_date": "2025-09-25"},
    ),
    (
        "09-26 10:00",
        "A",
        "/documents",
        {"kind": "summons", "served_date": "2025-09-26", "hearing_date": "2025-10-13"},
    ),
    ("09-28 10:00", "A", "/reports", {"subject": "summons", "reported_date": "2025-09-28"}),
    (
        "10-13 14:00",
        "A",
        "/appearances",
        {
            "hearing_date": "2025-10-13",
            "appearances": [{"name": "李明", "role": "principal_head", "spoke_in_court": True}],
        },
    ),
    (
        "10-20 10:00",
        "A",
        "/judgments",
        {
            "served_date": "2025-10-20",
            "judgment": {
                "instance": "first",
                "outcome": "lost",
                "loss_type": "ordered_to_perform",
                "performance_duty": True,
                "performance_due_date": "2025-11-20",
            },
        },
    ),
    ("11-05 10:00", "A", "/effective", {"effective_date": "2025-11-05"}),
    (
        "11-06 10:00",
        "A",
        "/reports",
        {"subject": "effective_judgment", "reported_date": "2025-11-06"},
    ),
    ("11-14 10:00", "A", "/performance", {"completed_date": "2025-11-14"}),
    ("11-15 10:00", "A", "/feedback", {"subject": "performance", "feedback_date": "2025-11-15"}),
    ("11-21 10:00", None, None, None),
]


def test_guangzhou_chain_across_national_day(tmp_path: Path) -> None:
    sink = start_sink()
    stack = open_stack(
        tmp_path,
        sink,
        at("09-15 08:00"),
        NOTIFIER_PUBLIC_URL="http://ops",
        NOTIFIER_LINK_SECRET="link-secret-for-the-e2e-chain-0123456789",
    )
    try:
        _walk(stack)
    finally:
        stack.close()


def _walk(stack: Stack) -> None:
    notifier = stack.start_notifier()
    stack.register_guangzhou()
    cases = {"A": stack.file_case("（2025）粤0106行初1号", "2025-09-15")}
    checkpoints = sorted(
        {t for t, *_ in ACTIONS}
        | {t for t, *_ in EXPECTED}
        | {_minute_before(t) for t, *_ in EXPECTED}
    )
    actions = {t: (alias, path, body) for t, alias, path, body in ACTIONS}
    for moment in checkpoints:
        stack.set_clock(at(moment))
        alias, path, body = actions.get(moment, (None, None, None))
        if alias == "file B":
            cases["B"] = stack.file_case("（2025）粤0106行初2号", "2025-09-20")
        elif alias:
            stack.post(f"/v1/cases/{cases[alias]}{path}", body)
        stack.caught_up(notifier)
        _expect_exactly(stack, cases, moment)
    _check_remediation(stack, cases["A"])
    _check_bulletins(stack, notifier.url)
    _check_withdrawn(notifier.url, cases["B"])
    assert all(r.key for r in stack.sink.received), "every delivery carries its key"
    assert len(set(stack.sink.seen_keys())) == len(EXPECTED)


def _expect_exactly(stack: Stack, cases: dict[str, str], moment: str) -> None:
    wanted = Counter(_expected_item(e, cases) for e in EXPECTED if e[0] <= moment)

    def received() -> Counter:
        # As a receiver would: a resend after a timeout carries the first copy's key and is
        # dropped (on a loaded machine a webhook answer can miss the send timeout).
        first_copies = {r.key: r for r in stack.sink.received}.values()
        return Counter(
            (r.path.removeprefix("/hook/"), parse_key(r.key or "")) for r in first_copies
        )

    wait_until(lambda: received() == wanted or (received() - wanted), 30)
    assert received() == wanted, f"at {moment}: got {received()}, wanted {wanted}"


def _expected_item(entry: tuple, cases: dict[str, str]) -> tuple:
    _, hook, alias, rule, kind, extra = entry
    if alias == "bulletin":
        return hook, ("bulletin", rule, kind)
    return hook, (cases[alias], rule, kind, extra)


def _minute_before(moment: str) -> str:
    day, clock = moment.split(" ")
    hour, minute = (int(p) for p in clock.split(":"))
    return f"{day} {hour - 1:02d}:59" if minute == 0 else f"{day} {hour:02d}:{minute - 1:02d}"


def _check_remediation(stack: Stack, case_id: str) -> None:
    summary = stack.get(f"/v1/cases/{case_id}")
    assert [d.split("@")[0] for d in summary["remediation_required"]] == ["answer"]
    types = [e["type"] for e in stack.get(f"/v1/cases/{case_id}/events")["events"]]
    assert types.count("RemediationRequired") == 1


def _check_bulletins(stack: Stack, url: str) -> None:
    listed = httpx.get(f"{url}/v1/bulletins", headers=OPERATOR).json()
    assert [b["period"] for b in listed] == ["2025-09", "2025-10"]
    xlsx = httpx.get(f"{url}{listed[0]['xlsx_url']}", headers=OPERATOR)
    book = load_workbook(BytesIO(xlsx.content))
    assert book["期限执行"]._charts, "the XLSX carries a native chart"
    html = httpx.get(f"{url}{listed[0]['html_url']}", headers=OPERATOR).text
    assert "<svg" in html and "败诉率" in html
    assert httpx.get(f"{url}{listed[0]['html_url']}").status_code == 401
    sent = [r for r in stack.sink.received if r.path == "/hook/bulletin"]
    # Signed links last 30 days by the shared clock (now Nov 21): September's, sent Oct 9, has
    # expired; October's, sent Nov 3, still downloads without the operator token.
    links = [re.findall(r"http://ops(\S+)", s.body["message"]) for s in sent]
    expired = httpx.get(f"{url}{links[0][0]}")
    assert (expired.status_code, expired.json()["code"]) == (403, "link-expired")
    html_link, xlsx_link, pdf_link = links[1]  # the order the message lists them in
    assert httpx.get(f"{url}{xlsx_link}").content.startswith(b"PK")
    assert httpx.get(f"{url}{pdf_link}").content.startswith(b"%PDF")
    assert "广州市" in httpx.get(f"{url}{html_link}").text
    assert "收案2件" in sent[0].body["message"]  # cases A and B were filed in September
    assert "不答辩1件" in sent[1].body["message"]  # A's answer, due Oct 9, was missed
    names = sorted(a["filename"] for a in sent[0].body.get("attachments", []))
    assert names == [f"bulletin-gz-2025-09.{f}" for f in ("html", "pdf", "xlsx")]
    assert base64.b64decode(sent[0].body["attachments"][0]["base64"])


def _check_withdrawn(url: str, case_b: str) -> None:
    rows = httpx.get(f"{url}/v1/deliveries", params={"case_id": case_b}, headers=OPERATOR).json()
    assert rows and {r["state"] for r in rows} == {"withdrawn"}
