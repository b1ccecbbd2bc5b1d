"""The court guide's examples (docs/courts.md), run as written against a live case-api process.

The Python example files a case, the curl example serves a summons on it by case number;
both print the receipt. The server reads the wall clock, as the examples do.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.notifier.processes import BIN, free_port, token, wait_until

ROOT = Path(__file__).resolve().parents[1]
COURT = "gz-tianhe-court"
MARKED_BLOCK = r"<!-- doc-test: {name} -->\n```\w+\n(.*?)```"


def example(name: str) -> str:
    guide = (ROOT / "docs" / "courts.md").read_text(encoding="utf-8")
    found = re.search(MARKED_BLOCK.format(name=re.escape(name)), guide, re.DOTALL)
    assert found, f"docs/courts.md has no block marked doc-test: {name}"
    return found.group(1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    directory = tmp_path_factory.mktemp("docs-court")
    port = free_port()
    env = {
        **os.environ,
        "CASE_API_EVENT_STORE_URL": f"sqlite:///{directory}/events.db",
        "CASE_API_READMODEL_URL": f"sqlite:///{directory}/readmodel.db",
        "CASE_API_TOKEN_SECRET": "test-secret-for-notifier-e2e-0123456789abcdef",
        "CASE_API_PORT": str(port),
    }
    env.pop("CASE_API_CLOCK_FILE", None)
    cli = str(BIN / "case-api")
    subprocess.run([cli, "migrate"], env=env, check=True, capture_output=True)
    added = subprocess.run(
        [cli, "court-key", "add", COURT], env=env, check=True, capture_output=True, text=True
    )
    secret = added.stdout.split()[1]
    with (directory / "case-api.log").open("ab") as log:
        process = subprocess.Popen([cli, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: httpx.get(f"{url}/healthz").status_code == 200)
        _register_guangzhou(url)
        yield {**os.environ, "CASE_API_URL": url, "COURT_SECRET": secret}
    finally:
        process.terminate()
        process.wait(timeout=10)


def _register_guangzhou(url: str) -> None:
    admin = {"Authorization": f"Bearer {token('admin', 'docs-admin')}"}
    for path, body in (
        (
            "/v1/jurisdictions",
            {"code": "gz", "name": "广州市", "level": "city", "pack": "guangzhou"},
        ),
        (
            "/v1/agencies",
            {
                "code": "gz-hrss",
                "name": "广州市人社局",
                "jurisdiction": "gz",
                "level": "department",
            },
        ),
    ):
        r = httpx.post(url + path, json=body, headers=admin)
        assert r.status_code == 201, r.text


def test_the_guide_python_and_curl_examples_deliver_and_get_receipts(server: dict[str, str]):
    python = subprocess.run(
        [sys.executable, "-c", example("court-delivery-python")],
        env=server,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert python.returncode == 0, python.stderr
    filed = json.loads(python.stdout)
    assert filed["court"] == COURT
    assert [e["type"] for e in filed["events"]] == ["CaseFiled", "DocumentServed"]
    missing = [tool for tool in ("curl", "openssl", "od", "bash") if shutil.which(tool) is None]
    if missing:
        print(f"docs/courts.md curl example not run: {', '.join(missing)} not installed")
        pytest.skip(f"{', '.join(missing)} not installed: the curl example was not run")
    curl = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", example("court-delivery-curl")],
        env=server,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert curl.returncode == 0, curl.stdout + curl.stderr
    served = json.loads(curl.stdout)
    assert served["case_id"] == filed["case_id"]
    assert [(e["type"], e["version"]) for e in served["events"]] == [("DocumentServed", 3)]
