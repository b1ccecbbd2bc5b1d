"""Signed court deliveries: Standard Webhooks signatures, idempotency by delivery id, receipts."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import update

from case_api import cli
from case_api.courts.keys import CourtKeys
from case_api.courts.signatures import sign, verify_delivery
from case_api.courts.tables import court_deliveries
from case_api.platform.db import make_engine
from case_api.platform.settings import Settings
from tests.api_client import GZ_CASE, Api

COURT = "gz-tianhe-court"
KEY = bytes(range(32))
SECRET = "whsec_" + base64.b64encode(KEY).decode()
OTHER_KEY = bytes(range(100, 132))
OTHER_SECRET = "whsec_" + base64.b64encode(OTHER_KEY).decode()
NOW = datetime.fromisoformat("2026-12-01T09:00:00+08:00")  # the tests' clock file
URL = f"/v1/courts/{COURT}/deliveries"
FILING = {
    "kind": "case_filed",
    "facts": GZ_CASE,
    "notice": {"kind": "notice_to_respond", "served_date": "2025-09-22"},
}
SUMMONS = {
    "kind": "document_served",
    "case": {"case_number": GZ_CASE["case_number"]},
    "facts": {"kind": "summons", "served_date": "2025-09-23", "hearing_date": "2025-10-20"},
}


def signed(
    body: Any, delivery_id: str, key: bytes = KEY, at: datetime = NOW
) -> tuple[bytes, dict[str, str]]:
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    timestamp = int(at.timestamp())
    headers = {
        "webhook-id": delivery_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(delivery_id, timestamp, raw, key),
        "content-type": "application/json",
    }
    return raw, headers


async def deliver(api: Api, body: Any, delivery_id: str, **how: Any) -> Any:
    raw, headers = signed(body, delivery_id, **how)
    return await api.client.post(URL, content=raw, headers=headers)


@pytest.fixture
async def court(api: Api) -> Api:
    await api.register_guangzhou()
    CourtKeys(api.runtime.engine).add(COURT, SECRET, NOW)
    return api


async def test_a_signed_filing_answers_a_receipt_listing_the_events_it_appended(court: Api):
    raw, headers = signed(FILING, "gz-2025-0001")
    r = await court.client.post(URL, content=raw, headers=headers)
    assert r.status_code == 201, r.text
    receipt = r.json()
    assert receipt["delivery_id"] == "gz-2025-0001" and receipt["court"] == COURT
    assert [(e["type"], e["version"]) for e in receipt["events"]] == [
        ("CaseFiled", 1),
        ("DocumentServed", 2),
    ]
    assert receipt["position"] == court.runtime.store.max_position()
    assert receipt["received_at"] == "2026-12-01T09:00:00+08:00"
    assert receipt["body_sha256"] == hashlib.sha256(raw).hexdigest()
    timeline = await court.client.get(
        f"/v1/cases/{receipt['case_id']}/events",
        params={"min_position": receipt["position"]},
        headers=court.admin,
    )
    events = timeline.json()["events"]
    assert [e["position"] for e in events] == [e["position"] for e in receipt["events"]]
    assert {e["meta"]["source"] for e in events} == {"court_system"}
    assert {e["meta"]["request_id"] for e in events} == {"gz-2025-0001", "gz-2025-0001#notice"}
    summary = await court.summary(receipt["case_id"], receipt["position"])
    assert summary["status"] == "responding"


async def test_the_receipt_signature_verifies_with_the_courts_key(court: Api):
    r = await deliver(court, FILING, "gz-2025-0002")
    assert r.status_code == 201
    assert r.headers["webhook-id"] == "receipt_gz-2025-0002"
    now = NOW.timestamp()
    assert verify_delivery(r.headers, r.content, [KEY], now) == "receipt_gz-2025-0002"
    with pytest.raises(Exception, match="No signature matches"):
        verify_delivery(r.headers, r.content.replace(b"CaseFiled", b"CaseFiles"), [KEY], now)


async def test_a_resend_answers_the_same_receipt_and_appends_nothing(court: Api):
    first = await deliver(court, FILING, "gz-2025-0003")
    position = court.runtime.store.max_position()
    again = await deliver(court, FILING, "gz-2025-0003", at=NOW + timedelta(seconds=90))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.content == first.content
    for name in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        assert again.headers[name] == first.headers[name]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert court.runtime.store.max_position() == position


async def test_two_copies_arriving_at_once_append_once_and_share_one_receipt(court: Api):
    raw, headers = signed(FILING, "gz-2025-0009")
    post = court.client.post
    one, two = await asyncio.gather(*(post(URL, content=raw, headers=headers) for _ in "12"))
    assert sorted([one.status_code, two.status_code]) in ([200, 201], [201, 201]), (
        one.text,
        two.text,
    )
    assert one.content == two.content
    assert court.runtime.store.max_position() == one.json()["position"]
    assert len(one.json()["events"]) == 2


async def test_a_resend_after_a_crash_before_the_receipt_appends_nothing(court: Api):
    first = await deliver(court, FILING, "gz-2025-0004")
    position = court.runtime.store.max_position()
    with court.runtime.engine.begin() as conn:  # the crash: events saved, receipt never stored
        conn.execute(
            update(court_deliveries).values(
                receipt=None, receipt_timestamp=None, receipt_signature=None
            )
        )
    again = await deliver(court, FILING, "gz-2025-0004")
    assert again.status_code == 201, again.text
    assert again.json() == first.json()
    assert court.runtime.store.max_position() == position


async def test_later_deliveries_name_the_case_by_its_number_or_id(court: Api):
    filed = (await deliver(court, FILING, "gz-2025-0005")).json()
    summons = await deliver(court, SUMMONS, "gz-2025-0006")
    assert summons.status_code == 201, summons.text
    assert summons.json()["case_id"] == filed["case_id"]
    judgment = {
        "kind": "judgment_served",
        "case": {"case_id": filed["case_id"]},
        "facts": {"judgment": {"instance": "first", "outcome": "won"}, "served_date": "2025-11-20"},
    }
    served = await deliver(court, judgment, "gz-2025-0007")
    assert served.status_code == 201, served.text
    assert [e["type"] for e in served.json()["events"]] == ["JudgmentServed"]
    effective = {
        "kind": "judgment_effective",
        "case": {"case_number": GZ_CASE["case_number"]},
        "facts": {"effective_date": "2025-12-10"},
    }
    done = await deliver(court, effective, "gz-2025-0008")
    assert done.status_code == 201, done.text
    assert [e["version"] for e in done.json()["events"]] == [5]


@pytest.mark.parametrize(
    ("how", "code"),
    [
        ({"key": OTHER_KEY}, "signature-invalid"),
        ({"at": NOW - timedelta(seconds=301)}, "signature-expired"),
        ({"at": NOW + timedelta(seconds=301)}, "signature-expired"),
    ],
    ids=["wrong-secret", "old-timestamp", "future-timestamp"],
)
async def test_a_badly_signed_delivery_is_refused_and_appends_nothing(
    court: Api, how: dict[str, Any], code: str
):
    before = court.runtime.store.max_position()
    r = await deliver(court, FILING, "gz-2025-0010", **how)
    assert r.status_code == 401, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == code
    assert court.runtime.store.max_position() == before


async def test_a_tampered_body_is_refused_before_it_is_parsed(court: Api):
    before = court.runtime.store.max_position()
    raw, headers = signed(FILING, "gz-2025-0011")
    tampered = await court.client.post(
        URL, content=raw.replace(b"09-22", b"09-29"), headers=headers
    )
    not_json = await court.client.post(URL, content=b"{not json", headers=headers)
    assert (tampered.status_code, not_json.status_code) == (401, 401)
    assert tampered.json()["code"] == not_json.json()["code"] == "signature-invalid"
    unsigned = await court.client.post(
        URL, content=raw, headers={"content-type": "application/json"}
    )
    assert unsigned.status_code == 401
    assert court.runtime.store.max_position() == before


async def test_a_delivery_id_reused_with_another_body_is_refused(court: Api):
    await deliver(court, FILING, "gz-2025-0012")
    before = court.runtime.store.max_position()
    r = await deliver(court, SUMMONS, "gz-2025-0012")
    assert r.status_code == 401
    assert r.json()["code"] == "delivery-id-reused"
    assert court.runtime.store.max_position() == before


async def test_a_court_without_keys_is_refused(court: Api):
    before = court.runtime.store.max_position()
    raw, headers = signed({**FILING, "facts": {**GZ_CASE, "court": "x-court"}}, "x-1")
    r = await court.client.post("/v1/courts/x-court/deliveries", content=raw, headers=headers)
    assert r.status_code == 401
    assert r.json()["code"] == "court-unknown"
    assert court.runtime.store.max_position() == before


async def test_during_rotation_either_key_verifies_and_a_retired_key_does_not(court: Api):
    keys = CourtKeys(court.runtime.engine)
    added = keys.add(COURT, OTHER_SECRET, NOW + timedelta(minutes=1))
    old = await deliver(court, FILING, "gz-2025-0020")
    new = await deliver(court, SUMMONS, "gz-2025-0021", key=OTHER_KEY)
    assert (old.status_code, new.status_code) == (201, 201), new.text
    # Receipts are signed with the newest key.
    assert verify_delivery(new.headers, new.content, [OTHER_KEY], NOW.timestamp())
    first = next(k for k in keys.list(COURT) if k.key_id != added.key_id)
    assert keys.retire(COURT, first.key_id, NOW)
    retired = await deliver(court, SUMMONS, "gz-2025-0022")
    assert retired.status_code == 401
    raw, headers = signed(SUMMONS, "gz-2025-0023")
    _, with_new = signed(SUMMONS, "gz-2025-0023", key=OTHER_KEY)
    headers["webhook-signature"] += " " + with_new["webhook-signature"]
    both = await court.client.post(URL, content=raw, headers=headers)
    assert both.status_code == 201, both.text


async def test_a_signed_but_malformed_delivery_is_a_schema_error_and_appends_nothing(court: Api):
    before = court.runtime.store.max_position()
    bad = {"kind": "document_served", "case": {"case_number": "X"}, "facts": {"kind": "fax"}}
    r = await deliver(court, bad, "gz-2025-0030")
    assert r.status_code == 422
    assert r.json()["code"] == "invalid-request"
    both = {**SUMMONS, "case": {"case_number": "X", "case_id": str(uuid4())}}
    assert (await deliver(court, both, "gz-2025-0031")).status_code == 422
    assert court.runtime.store.max_position() == before


async def test_a_withdrawal_ruling_concludes_the_case(court: Api):
    filed = (await deliver(court, FILING, "gz-2025-0034")).json()
    withdrawn = {
        "kind": "case_concluded",
        "case": {"case_number": GZ_CASE["case_number"]},
        "facts": {"conclusion": "withdrawn", "concluded_date": "2025-10-08"},
    }
    r = await deliver(court, withdrawn, "gz-2025-0035")
    assert r.status_code == 201, r.text
    summary = await court.summary(filed["case_id"], r.json()["position"])
    assert summary["status"] == "withdrawn"


async def test_a_case_number_the_court_does_not_have_is_not_found(court: Api):
    r = await deliver(court, SUMMONS, "gz-2025-0032")
    assert r.status_code == 404
    assert r.json()["code"] == "case-not-found"


async def test_a_court_may_not_file_a_case_of_another_court(court: Api):
    before = court.runtime.store.max_position()
    other = {**FILING, "facts": {**GZ_CASE, "court": "gz-yuexiu-court"}}
    r = await deliver(court, other, "gz-2025-0033")
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"
    assert court.runtime.store.max_position() == before


async def test_a_stored_receipt_is_read_by_the_signed_court_or_an_administrator(court: Api):
    first = await deliver(court, FILING, "gz-2025-0040")
    path = f"{URL}/gz-2025-0040"
    _, headers = signed(b"", "read-1")
    by_court = await court.client.get(path, headers=headers)
    by_admin = await court.client.get(path, headers=court.admin)
    assert (by_court.status_code, by_admin.status_code) == (200, 200)
    assert by_court.content == by_admin.content == first.content
    assert by_court.headers["webhook-signature"] == first.headers["webhook-signature"]
    assert (await court.client.get(path, headers=court.agency)).status_code == 403
    assert (await court.client.get(path)).status_code == 401
    missing = await court.client.get(f"{URL}/gz-2025-9999", headers=court.admin)
    assert missing.status_code == 404
    assert missing.json()["code"] == "delivery-not-found"


def test_court_keys_are_added_listed_and_retired_from_the_command_line(
    case_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("CASE_API_READMODEL_URL", case_settings.readmodel_url)
    monkeypatch.setenv("CASE_API_CLOCK_FILE", str(case_settings.clock_file))
    assert cli.main(["court-key", "add", COURT]) == 0
    key_id, secret = capsys.readouterr().out.split()
    assert cli.main(["court-key", "add", COURT, "--secret", SECRET]) == 0
    capsys.readouterr()
    assert cli.main(["court-key", "add", COURT, "--secret", "not-a-secret"]) == 2
    assert cli.main(["court-key", "retire", COURT, key_id]) == 0
    assert cli.main(["court-key", "retire", COURT, key_id]) == 1
    capsys.readouterr()
    assert cli.main(["court-key", "list", COURT]) == 0
    listed = capsys.readouterr().out
    assert key_id in listed and listed.count("active") == 1
    assert secret not in listed and SECRET not in listed
    engine = make_engine(case_settings.readmodel_url)
    try:
        assert CourtKeys(engine).active(COURT) == [KEY]
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "spelling",
    [
        "(2025)粤0106行初123号",  # half-width brackets
        "（2025） 粤0106行初123号",  # a space
        "（２０２５）粤０１０６行初１２３号",  # full-width digits
    ],
)
async def test_a_delivery_finds_the_case_whatever_the_spelling_of_its_number(
    court: Api, spelling: str
):
    filed = await deliver(court, FILING, "gz-2025-0050")
    assert filed.status_code == 201, filed.text
    r = await deliver(court, {**SUMMONS, "case": {"case_number": spelling}}, "gz-2025-0051")
    assert r.status_code == 201, r.text
    assert r.json()["case_id"] == filed.json()["case_id"]
    # Filing it again under that spelling names the same case.
    again = await court.client.post(
        "/v1/cases", json={**GZ_CASE, "case_number": spelling}, headers=court.court
    )
    assert again.status_code == 409
    assert again.json()["case_id"] == filed.json()["case_id"]
    listed = await court.client.get(
        "/v1/cases",
        params={"case_number": spelling, "min_position": r.json()["position"]},
        headers=court.court,
    )
    assert [c["case_id"] for c in listed.json()["items"]] == [filed.json()["case_id"]]
    other = await court.client.get(
        "/v1/cases", params={"case_number": "（2025）粤0106行初124号"}, headers=court.court
    )
    assert other.json()["items"] == []


async def test_a_judicial_suggestion_delivered_starts_the_agencys_reply_deadline(court: Api):
    filed = (await deliver(court, FILING, "gz-2025-0040")).json()
    suggestion = {
        "kind": "suggestion_issued",
        "case": {"case_number": GZ_CASE["case_number"]},
        "facts": {
            "issuer": "court",
            "issuer_name": "广州市天河区人民法院",
            "number": "（2025）粤0106司建5号",
            "content": "建议规范工伤认定程序",
            "served_date": "2025-10-09",
        },
    }
    r = await deliver(court, suggestion, "gz-2025-0041")
    assert r.status_code == 201, r.text
    assert [e["type"] for e in r.json()["events"]] == ["SuggestionReceived"]
    deadlines = await court.client.get(
        f"/v1/cases/{filed['case_id']}/deadlines",
        params={"min_position": r.json()["position"]},
        headers=court.admin,
    )
    reply = [d for d in deadlines.json()["deadlines"] if d["kind"] == "suggestion_reply"]
    # Two months from Thu 2025-10-09: Tue 12-09.
    assert [(d["rule_id"], d["due_date"]) for d in reply] == [
        ("judicial_suggestion_reply", "2025-12-09")
    ]
    procuratorial = {**suggestion, "facts": {**suggestion["facts"], "issuer": "procuratorate"}}
    refused = await deliver(court, procuratorial, "gz-2025-0042")
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "court-records-own-suggestions"
