"""What the console needs from case-api: a way in at `/`, one static shell, deadline lists
that name case numbers, docs pages with no outside host, and the local secret file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from case_api.platform.settings import Settings
from tests.api_client import Api

OUTSIDE = re.compile(r"""(?:src|href)=["']https?://(?!127\.0\.0\.1)""")


async def test_the_root_leads_to_the_console_whose_shell_loads_only_local_assets(api: Api):
    root = await api.client.get("/")
    assert root.status_code == 303 and root.headers["location"] == "/console/"
    shell = await api.client.get("/console/todo")
    assert shell.status_code == 200 and not OUTSIDE.search(shell.text)
    assert "frame-ancestors 'none'" in shell.headers["content-security-policy"]
    for asset in re.findall(r'(?:src|href)="(/console/assets/[^"]+)"', shell.text):
        assert (await api.client.get(asset)).status_code == 200, asset


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_docs_pages_name_no_outside_host(api: Api, page: str):
    html = (await api.client.get(page)).text
    assert not OUTSIDE.search(html), html
    for asset in re.findall(r"""["'](/docs-assets/[^"']+)["']""", html):
        body = await api.client.get(asset)
        assert body.status_code == 200, asset
        assert "cdn.redoc.ly" not in body.text


async def test_the_deadline_list_names_each_case_by_its_number(api: Api):
    await api.register_guangzhou()
    case = await api.file_case()
    served = {"kind": "notice_to_respond", "served_date": "2025-09-20"}
    done = await api.command(case["case_id"], "documents", served, api.court)
    listed = await api.client.get(
        "/v1/deadlines",
        params={"agency": "gz-hrss", "min_position": done["position"]},
        headers=api.agency,
    )
    numbers = {d["case_number"] for d in listed.json()["items"]}
    assert numbers == {"（2025）粤0106行初123号"}


def test_commands_run_from_the_checkout_read_the_local_servers_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "case-api.env").write_text("CASE_API_TOKEN_SECRET=from-make-run\n")
    monkeypatch.chdir(tmp_path)  # `make run` and `case-api token` both run from the checkout
    monkeypatch.delenv("CASE_API_TOKEN_SECRET", raising=False)
    assert Settings().token_secret.get_secret_value() == "from-make-run"
