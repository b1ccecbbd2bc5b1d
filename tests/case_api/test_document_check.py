"""`case-api documents check [--deep]`: every blob the events cite, looked for in the blob
store (local disk, an S3 bucket); exit 1 naming each lost or altered one and who cites it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pydantic import SecretStr

from case_api import cli
from case_api.documents.store import fan_out
from case_api.platform.settings import Settings
from tests.api_client import Api, open_api
from tests.case_api.moto_bucket import FIELDS
from tests.case_api.test_document_stores import Lose, store_api  # noqa: F401 - a fixture
from tests.case_api.test_documents import JUDGMENT, PDF, PNG, SUMMONS, upload

CLI_FIELDS = ("event_store_url", "readmodel_url", "event_store_schema", "document_store_url")


def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """The settings the API runs on, as the command reads them: from the environment."""
    for name in (*CLI_FIELDS, *FIELDS):
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if value is not None:
            monkeypatch.setenv(f"CASE_API_{name.upper()}", str(value))


async def two_cases_citing(api: Api) -> tuple[str, str, dict[str, int]]:
    """The PDF cited by both cases, the PNG by the first: (first case, second case, positions
    of the citing events by name)."""
    await api.register_guangzhou()
    first = (await api.file_case())["case_id"]
    second = (await api.file_case(case_number="（2025）粤0106行初124号"))["case_id"]
    pdf, png = (await upload(api, PDF))["sha256"], (await upload(api, PNG))["sha256"]
    summons = {**SUMMONS, "documents": [{"sha256": pdf, "title": "传票"}, {"sha256": png}]}
    served = await api.command(first, "documents", summons, api.court)
    judged = await api.command(
        second, "judgments", {**JUDGMENT, "documents": [{"sha256": pdf}]}, api.court
    )
    return first, second, {"served": served["position"], "judged": judged["position"]}


def check(*args: str) -> int:
    return cli.main(["documents", "check", *args])


async def test_all_cited_blobs_present_exits_0_with_a_progress_bar(
    store_api: tuple[Api, Lose],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    api, _ = store_api
    await two_cases_citing(api)
    cli_env(monkeypatch, api.settings)
    events = api.runtime.store.max_position()

    assert check() == 0
    done = capsys.readouterr()
    assert done.out.splitlines() == [
        f"all present: 2 blobs cited 3 times in {events} events; 0 missing, 0 corrupt"
        " (sizes checked)"
    ]
    assert f"{events}/{events}" in done.err  # the progress bar
    assert check("--deep") == 0  # each blob read back from the store and hashed
    assert capsys.readouterr().out.endswith(" (sizes and hashes checked)\n")


async def test_a_lost_blob_exits_1_naming_each_case_and_position_citing_it(
    store_api: tuple[Api, Lose],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    api, lose = store_api
    first, second, at = await two_cases_citing(api)
    cli_env(monkeypatch, api.settings)
    lost = hashlib.sha256(PDF).hexdigest()
    lose(lost)

    assert check() == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"missing: {lost}, cited by case {first} at position {at['served']};"
        f" case {second} at position {at['judged']}"
    )
    assert out[1].startswith("problems found: 2 blobs cited 3 times in ")
    assert out[1].endswith("; 1 missing, 0 corrupt (sizes checked)")
    assert len(out) == 2


async def png_on_disk(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int, Path]:
    """``two_cases_citing`` on local disk: (first case, citing position, the PNG's file)."""
    async with open_api(settings) as api:
        first, _, at = await two_cases_citing(api)
    cli_env(monkeypatch, settings)
    root = Path(settings.document_store_url.removeprefix("file:"))
    return first, at["served"], root / fan_out(hashlib.sha256(PNG).hexdigest())


async def test_deep_finds_a_changed_byte_the_size_check_cannot(
    case_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    first, position, blob = await png_on_disk(case_settings, monkeypatch)
    altered = bytearray(blob.read_bytes())
    altered[-1] ^= 0x01
    blob.write_bytes(altered)

    assert check() == 0
    assert capsys.readouterr().out.startswith("all present: ")
    assert check("--deep") == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"corrupt: {blob.name} (its bytes hash to {hashlib.sha256(altered).hexdigest()}),"
        f" cited by case {first} at position {position}"
    )
    assert out[1].endswith("; 0 missing, 1 corrupt (sizes and hashes checked)")


async def test_a_blob_of_another_size_is_corrupt_without_deep(
    case_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    first, position, blob = await png_on_disk(case_settings, monkeypatch)
    blob.write_bytes(PNG[:100])  # truncated, as by a full disk during a restore

    assert check() == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"corrupt: {blob.name} (100 bytes where the event recorded {len(PNG)}),"
        f" cited by case {first} at position {position}"
    )
