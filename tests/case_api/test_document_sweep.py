"""Orphaned partial uploads are swept by age: at start-up and by `case-api documents sweep`."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

from case_api.documents.local import LocalBlobStore
from case_api.platform.settings import Settings
from tests.api_client import open_api

NOW = 1_780_000_000.0  # epoch seconds: every age below is relative to it
HOUR = 3600
ROOT = Path(__file__).resolve().parents[2]


def left_behind(partial: Path, name: str, written_at: float, size: int = 10) -> Path:
    partial.mkdir(parents=True, exist_ok=True)
    path = partial / name
    path.write_bytes(b"%" * size)
    os.utime(path, (written_at, written_at))
    return path


def test_only_partial_files_older_than_the_age_are_removed(tmp_path: Path):
    store = LocalBlobStore(tmp_path / "blobs")
    blob = store.put(io.BytesIO(b"%PDF-1.7 judgment"))
    partial = tmp_path / "blobs" / "partial"
    old = left_behind(partial, "tmpa1.part", NOW - 2 * HOUR, size=1234)
    young = left_behind(partial, "tmpb2.part", NOW - HOUR + 1)
    other = left_behind(partial, "notes.txt", NOW - 2 * HOUR)
    folder = partial / "tmpc3.part"
    folder.mkdir()
    os.utime(folder, (NOW - 2 * HOUR, NOW - 2 * HOUR))
    target = left_behind(tmp_path, "elsewhere.part", NOW - 2 * HOUR)
    (partial / "tmpd4.part").symlink_to(target)
    os.utime(partial / "tmpd4.part", (NOW - 2 * HOUR,) * 2, follow_symlinks=False)

    swept = store.sweep_partial(HOUR, NOW)

    assert (swept.removed, swept.freed_bytes, swept.kept) == ((str(old),), 1234, 1)
    assert not old.exists()
    assert young.exists() and other.exists() and folder.is_dir() and target.exists()
    assert store.size(blob.sha256) == len(b"%PDF-1.7 judgment")
    assert store.sweep_partial(HOUR, NOW).removed == ()


def test_a_store_never_written_has_nothing_to_sweep(tmp_path: Path):
    swept = LocalBlobStore(tmp_path / "never").sweep_partial(HOUR, NOW)
    assert (swept.removed, swept.kept) == ((), 0)


def sweep_command(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "case_api.cli", "documents", "sweep", *args],
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_sweep_command_reports_what_it_removed(tmp_path: Path):
    partial = tmp_path / "documents" / "partial"
    now = time.time()
    stale = left_behind(partial, "tmpa1.part", now - 3 * HOUR, size=2048)
    recent = left_behind(partial, "tmpb2.part", now - HOUR)
    env = {
        "CASE_API_DOCUMENT_STORE_URL": f"file:{tmp_path}/documents",
        "CASE_API_DOCUMENT_PARTIAL_MAX_AGE_SECONDS": str(2 * HOUR),
    }
    done = sweep_command(env)
    assert done.returncode == 0, done.stderr
    assert f"removed {stale}" in done.stdout
    assert "removed 1 partial uploads (2048 bytes) older than 7200 s; left 1" in done.stdout
    assert recent.exists() and not stale.exists()
    assert sweep_command(env, "--older-than", "1800").stdout.startswith(f"removed {recent}")
    refused = sweep_command(env, "--older-than", "0")
    assert refused.returncode == 2
    assert "must be more than 0" in refused.stderr


def test_the_sweep_command_says_an_s3_store_has_nothing_to_sweep():
    done = sweep_command({"CASE_API_DOCUMENT_STORE_URL": "s3://court-documents/case-api"})
    assert done.returncode == 0, done.stderr
    assert "never a multipart upload" in done.stdout


async def test_the_api_sweeps_old_partial_uploads_as_it_starts(case_settings: Settings):
    partial = Path(case_settings.document_store_url.removeprefix("file:")) / "partial"
    now = time.time()
    stale = left_behind(partial, "tmpa1.part", now - 2 * HOUR)
    recent = left_behind(partial, "tmpb2.part", now - 60)
    async with open_api(case_settings) as api:
        assert not stale.exists()
        assert recent.exists()
        assert (await api.client.get("/healthz")).status_code == 200
