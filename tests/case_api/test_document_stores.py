"""Documents through the API on each blob store, local disk and an S3 bucket (moto): OFD end to
end, and a cited blob lost behind the record's back (deleted, expired by a lifecycle rule, left
out of a restored backup)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from case_api.documents.s3 import S3BlobStore
from case_api.documents.store import fan_out
from case_api.platform.settings import Settings
from tests.api_client import Api, open_api
from tests.case_api.moto_bucket import BUCKET, FIELDS, PREFIX, moto_bucket
from tests.case_api.ofd_samples import ofd
from tests.case_api.test_documents import PDF, SUMMONS, upload

Lose = Callable[[str], None]
SEAL = bytes(range(256)) * 64  # 16 KiB: past the first bytes a signature check reads


@pytest.fixture(params=["local", "s3"])
async def store_api(
    request: pytest.FixtureRequest, case_settings: Settings
) -> AsyncIterator[tuple[Api, Lose]]:
    """The API on the store, and a way to delete a blob from under it."""
    if request.param == "local":
        root = Path(case_settings.document_store_url.removeprefix("file:"))
        async with open_api(case_settings) as api:
            yield api, lambda sha256: (root / fan_out(sha256)).unlink()
        return
    with moto_bucket() as bucket:
        settings = case_settings.model_copy(update=FIELDS)
        async with open_api(settings) as api:
            assert isinstance(api.runtime.documents.store, S3BlobStore)
            yield (
                api,
                lambda sha256: bucket.delete_object(
                    Bucket=BUCKET, Key=f"{PREFIX}/{fan_out(sha256)}"
                ),
            )


async def served(api: Api, content: bytes, title: str) -> tuple[str, str, dict]:
    """Upload ``content`` and serve it on a new case: (case id, sha256, the command's answer)."""
    await api.register_guangzhou()
    filed = await api.file_case()
    sha256 = (await upload(api, content))["sha256"]
    body = {**SUMMONS, "documents": [{"sha256": sha256, "title": title}]}
    return (
        filed["case_id"],
        sha256,
        await api.command(filed["case_id"], "documents", body, api.court),
    )


async def test_an_ofd_judgment_is_uploaded_cited_and_downloaded(store_api: tuple[Api, Lose]):
    api, _ = store_api
    content = ofd(**{"Doc_0/Res/seal.png": SEAL})
    case_id, sha256, answer = await served(api, content, "行政判决书")
    listed = await api.client.get(
        f"/v1/cases/{case_id}/documents",
        params={"min_position": answer["position"]},
        headers=api.agency,
    )
    [document] = listed.json()["documents"]
    assert (document["sha256"], document["media_type"]) == (sha256, "application/ofd")
    assert document["size"] == len(content)
    got = await api.client.get(f"/v1/cases/{case_id}/documents/{sha256}", headers=api.agency)
    assert got.status_code == 200
    assert got.headers["content-type"] == "application/ofd"
    assert got.content == content


async def test_a_cited_document_missing_from_the_store_is_503_document_missing(
    store_api: tuple[Api, Lose], caplog: pytest.LogCaptureFixture
):
    api, lose = store_api
    case_id, sha256, answer = await served(api, PDF, "传票")
    url = f"/v1/cases/{case_id}/documents/{sha256}"
    before = await missing_downloads(api)
    lose(sha256)
    with caplog.at_level(logging.ERROR, logger="case_api.documents.service"):
        r = await api.client.get(
            url, params={"min_position": answer["position"]}, headers=api.agency
        )
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json"
    assert (r.json()["code"], r.json()["sha256"]) == ("document-missing", sha256)
    assert sha256 in r.json()["detail"]
    assert await missing_downloads(api) == before + 1
    [logged] = [m for m in caplog.messages if sha256 in m]
    assert case_id in logged
    zh = await api.client.get(url, headers={**api.agency, "Accept-Language": "zh-CN"})
    assert zh.status_code == 503
    assert "缺失" in zh.json()["detail"]
    listed = await api.client.get(f"/v1/cases/{case_id}/documents", headers=api.agency)
    assert [d["sha256"] for d in listed.json()["documents"]] == [sha256]


async def missing_downloads(api: Api) -> float:
    metrics = (await api.client.get("/metrics")).text
    [line] = [x for x in metrics.splitlines() if x.startswith("case_api_documents_missing_total ")]
    return float(line.split()[1])
