"""Served documents: upload, reference from events, download — with access and limits."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import StoredEvent

from case_api.platform.settings import Settings
from tests.api_client import Api
from tests.case_api.ofd_samples import container, ofd

LIMIT = 256 * 1024
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + b"0" * 4000 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 300
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SUMMONS = {"kind": "summons", "served_date": "2025-09-22", "hearing_date": "2025-10-20"}
JUDGMENT = {
    "judgment": {"instance": "first", "outcome": "won"},
    "served_date": "2025-12-01",
}


@pytest.fixture
def case_settings(case_settings: Settings) -> Settings:
    """A small limit, so that 'too large' stays cheap."""
    return case_settings.model_copy(update={"max_document_bytes": LIMIT})


async def upload(api: Api, content: bytes, headers: dict[str, str] | None = None) -> dict:
    r = await api.client.post(
        "/v1/documents",
        content=content,
        headers={**api.court, "Content-Type": "application/pdf", **(headers or {})},
    )
    assert r.status_code in (200, 201), r.text
    return r.json()


def stored_files(api: Api) -> list[Path]:
    root = Path(api.settings.document_store_url.removeprefix("file:"))
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


async def test_upload_reference_and_download_a_summons(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    stored = await upload(api, PDF)
    sha256 = hashlib.sha256(PDF).hexdigest()
    assert stored == {"sha256": sha256, "size": len(PDF), "media_type": "application/pdf"}
    body = {**SUMMONS, "documents": [{"sha256": sha256, "title": "传票"}]}
    served = await api.command(filed["case_id"], "documents", body, api.court)

    listed = await api.client.get(
        f"/v1/cases/{filed['case_id']}/documents",
        params={"min_position": served["position"]},
        headers=api.agency,
    )
    assert listed.status_code == 200, listed.text
    [document] = listed.json()["documents"]
    assert document | {"recorded_at": None} == {
        "sha256": sha256,
        "title": "传票",
        "size": len(PDF),
        "media_type": "application/pdf",
        "position": served["position"],
        "version": served["version"],
        "event_type": "DocumentServed",
        "recorded_at": None,
    }
    url = f"/v1/cases/{filed['case_id']}/documents/{sha256}"
    got = await api.client.get(url, headers=api.agency)
    assert got.status_code == 200
    assert got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["etag"] == f'"{sha256}"'
    again = await api.client.get(url, headers={**api.agency, "If-None-Match": f'"{sha256}"'})
    assert again.status_code == 304
    assert again.content == b""


async def test_the_event_carries_the_reference_with_size_and_type(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    sha256 = (await upload(api, PNG))["sha256"]
    body = {**JUDGMENT, "documents": [{"sha256": sha256}]}
    served = await api.command(filed["case_id"], "judgments", body, api.court)
    events = await api.client.get(
        f"/v1/cases/{filed['case_id']}/events",
        params={"min_position": served["position"]},
        headers=api.admin,
    )
    judgment = events.json()["events"][-1]
    assert judgment["type"] == "JudgmentServed"
    assert judgment["data"]["documents"] == [
        {"sha256": sha256, "title": "", "size": len(PNG), "media_type": "image/png"}
    ]


async def test_uploading_the_same_content_again_answers_200_and_stores_one_blob(api: Api):
    first = await api.client.post("/v1/documents", content=PDF, headers=api.court)
    again = await api.client.post("/v1/documents", content=PDF, headers=api.agency)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len([p for p in stored_files(api) if p.parent.name != "partial"]) == 1


async def test_the_type_comes_from_the_content_not_the_name_or_claimed_type(api: Api):
    claimed = {
        "Content-Type": "application/pdf",
        "Content-Disposition": 'inline; filename="judgment.pdf"',
    }
    png = await api.client.post("/v1/documents", content=PNG, headers={**api.court, **claimed})
    html = await api.client.post("/v1/documents", content=HTML, headers={**api.court, **claimed})
    assert png.status_code == 201
    assert png.json()["media_type"] == "image/png"
    assert html.status_code == 415
    assert html.headers["content-type"] == "application/problem+json"
    assert html.json()["code"] == "document-type-not-allowed"
    assert api.runtime.documents.store.size(hashlib.sha256(HTML).hexdigest()) is None
    zh = await api.client.post(
        "/v1/documents", content=b"", headers={**api.court, "Accept-Language": "zh-CN"}
    )
    assert zh.status_code == 415
    assert "仅接受" in zh.json()["detail"]


async def test_an_ofd_is_told_from_a_plain_zip_by_its_content_not_its_claim(api: Api):
    claimed = {"Content-Type": "application/ofd", "Content-Disposition": 'filename="judgment.ofd"'}
    headers = {**api.court, **claimed}
    accepted = await api.client.post("/v1/documents", content=ofd(), headers=headers)
    plain = container({"word/document.xml": "<w:document/>"})
    refused = await api.client.post("/v1/documents", content=plain, headers=headers)
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["media_type"] == "application/ofd"
    assert refused.status_code == 415
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "document-type-not-allowed"
    assert api.runtime.documents.store.size(hashlib.sha256(plain).hexdigest()) is None


async def test_an_ofd_container_like_a_zip_bomb_is_refused_and_not_stored(api: Api):
    bomb = ofd(**{"Doc_0/Res/font.ttf": bytes(10_000_000)})  # ~10 kB on the wire
    r = await api.client.post(
        "/v1/documents", content=bomb, headers={**api.court, "Accept-Language": "zh-CN"}
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert (r.json()["code"], r.json()["reason"]) == (
        "document-archive-refused",
        "expands-too-much",
    )
    assert "OFD 容器不予接收" in r.json()["detail"]
    assert stored_files(api) == []


async def test_a_body_over_the_limit_is_refused_while_it_streams(api: Api):
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        yield PDF
        for _ in range(200):  # 200 × 64 KiB = 12.5 MiB, far over the 256 KiB limit
            sent += 1
            yield b"0" * 65536

    r = await api.client.post("/v1/documents", content=chunks(), headers=api.court)
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "document-too-large"
    assert sent <= LIMIT // 65536 + 1
    assert stored_files(api) == []


async def test_a_declared_length_over_the_limit_is_refused_before_reading(api: Api):
    read = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal read
        read += 1
        yield PDF

    r = await api.client.post(
        "/v1/documents",
        content=chunks(),
        headers={**api.court, "Content-Length": str(LIMIT + 1)},
    )
    assert r.status_code == 413
    assert r.json()["code"] == "document-too-large"
    assert read == 0


async def test_only_courts_and_agencies_upload(api: Api):
    bureau = await api.client.post("/v1/documents", content=PDF, headers=api.bureau)
    reader = await api.client.post(
        "/v1/documents", content=PDF, headers=api.token("mobile_reader", agency="gz-hrss")
    )
    agency = await api.client.post("/v1/documents", content=PDF, headers=api.agency)
    assert bureau.status_code == reader.status_code == 403
    assert bureau.json()["code"] == "forbidden"
    assert agency.status_code == 201


@pytest.mark.parametrize(
    ("path", "body"),
    [("documents", SUMMONS), ("judgments", JUDGMENT)],
)
async def test_a_command_citing_an_unknown_blob_is_rejected_and_appends_nothing(
    api: Api, path: str, body: dict
):
    await api.register_guangzhou()
    filed = await api.file_case()
    before = api.runtime.store.max_position()
    missing = hashlib.sha256(b"never uploaded").hexdigest()
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/{path}",
        json={**body, "documents": [{"sha256": missing, "title": "判决书"}]},
        headers=api.court,
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "document-not-found"
    assert api.runtime.store.max_position() == before


async def test_a_foreign_agency_gets_404_for_documents_exactly_as_for_a_missing_case(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    sha256 = (await upload(api, PDF))["sha256"]
    body = {**SUMMONS, "documents": [{"sha256": sha256}]}
    served = await api.command(filed["case_id"], "documents", body, api.court)
    await api.summary(filed["case_id"], served["position"])
    foreign = api.token("agency_user", agency="th-gov")
    for case_id in (filed["case_id"], str(uuid4())):
        for url in (f"/v1/cases/{case_id}/documents", f"/v1/cases/{case_id}/documents/{sha256}"):
            r = await api.client.get(url, headers=foreign)
            assert r.status_code == 404, url
            assert r.json()["code"] == "case-not-found"
    own = await api.client.get(
        f"/v1/cases/{filed['case_id']}/documents/{sha256}", headers=api.agency
    )
    assert own.status_code == 200


async def test_a_blob_the_case_does_not_cite_is_404_even_when_stored(api: Api):
    await api.register_guangzhou()
    cited = await api.file_case()
    other = await api.file_case(case_number="（2025）粤0106行初124号")
    sha256 = (await upload(api, PDF))["sha256"]
    loose = (await upload(api, PNG))["sha256"]
    body = {**SUMMONS, "documents": [{"sha256": sha256}]}
    served = await api.command(cited["case_id"], "documents", body, api.court)
    await api.summary(other["case_id"], served["position"])
    for case_id, blob in ((other["case_id"], sha256), (cited["case_id"], loose)):
        r = await api.client.get(f"/v1/cases/{case_id}/documents/{blob}", headers=api.admin)
        assert r.status_code == 404
        assert r.json()["code"] == "document-not-found"


async def test_a_mediated_conclusion_lists_its_mediation_document(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    sha256 = (await upload(api, PDF))["sha256"]
    body = {
        "conclusion": "mediated",
        "concluded_date": "2025-10-30",
        "documents": [{"sha256": sha256, "title": "调解书"}],
    }
    done = await api.command(filed["case_id"], "conclusion", body, api.court)
    listed = await api.client.get(
        f"/v1/cases/{filed['case_id']}/documents",
        params={"min_position": done["position"]},
        headers=api.court,
    )
    assert [(d["event_type"], d["title"]) for d in listed.json()["documents"]] == [
        ("CaseConcluded", "调解书")
    ]


async def test_events_stored_before_documents_were_kept_still_load_and_project(api: Api):
    """A DocumentServed stored without the ``documents`` field, as before documents were kept."""
    await api.register_guangzhou()
    filed = await api.file_case()
    store = api.runtime.store
    case_id = UUID(filed["case_id"])
    case = store.repository.get(case_id)
    case.serve_document(
        kind="complaint_copy",
        served_date=date(2025, 9, 22),
        hearing_date=None,
        document_number="",
        meta={"principal_id": "court", "role": "court_system", "request_id": None},
    )
    [new] = [store.mapper.to_stored_event(e) for e in case.collect_events()]
    state = store.mapper.transcoder.decode(new.state)
    del state["documents"]
    old = StoredEvent(new.originator_id, new.originator_version, new.topic, encode(store, state))
    store.recorder.insert_events([old])
    position = store.max_position()

    assert store.repository.get(case_id).version == new.originator_version
    [loaded] = store.events.get(case_id, gt=new.originator_version - 1)
    assert "documents" not in vars(loaded)
    api.runtime.projector_thread.wake()
    listed = await api.client.get(
        f"/v1/cases/{case_id}/documents", params={"min_position": position}, headers=api.admin
    )
    assert listed.status_code == 200
    assert listed.json()["documents"] == []
    assert (await api.summary(str(case_id), position))["status"] == "responding"


def encode(store: object, state: dict) -> bytes:
    return store.mapper.transcoder.encode(state)  # type: ignore[attr-defined]


async def test_a_rebuild_lists_the_same_documents(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    first, second = (await upload(api, PDF))["sha256"], (await upload(api, PNG))["sha256"]
    body = {**SUMMONS, "documents": [{"sha256": first, "title": "传票"}, {"sha256": second}]}
    served = await api.command(filed["case_id"], "documents", body, api.court)
    url = f"/v1/cases/{filed['case_id']}/documents"
    before = await api.client.get(
        url, params={"min_position": served["position"]}, headers=api.admin
    )
    api.runtime.projector.reset()
    api.runtime.projector.catch_up()
    after = await api.client.get(url, headers=api.admin)
    assert len(before.json()["documents"]) == 2
    assert after.json() == before.json()


async def test_a_document_listed_twice_is_refused_and_appends_nothing(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    sha256 = (await upload(api, PDF))["sha256"]
    before = api.runtime.store.max_position()
    twice = [{"sha256": sha256, "title": "传票"}, {"sha256": sha256, "title": "判决书"}]
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/documents",
        json={**SUMMONS, "documents": twice},
        headers=api.court,
    )
    assert (r.status_code, r.json()["code"]) == (422, "document-listed-twice")
    assert api.runtime.store.max_position() == before
