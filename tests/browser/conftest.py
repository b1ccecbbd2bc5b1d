"""A real browser (Debian's chromium, driven by Playwright) against both services started the
way `make run` starts them, with the demo world, on free ports in a temporary folder.

Every page a test visits is checked the same way (``Visit``): no console error, no request
to any host but this machine, no serious or critical axe-core finding, and a screenshot in
``test-output/browser/<test>/``.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.visit import CHROMIUM, Visit

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "browser"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="package")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(
                f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium)"
            )
        pytest.skip(
            f"{CHROMIUM} is missing: `make browser-deps` installs it (browser tests not run)"
        )
    from scripts.run_local import launch

    processes, info = launch(tmp_path_factory.mktemp("system"), _free_port(), _free_port())
    try:
        yield info
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


@pytest.fixture(scope="package")
def chromium() -> Iterator[object]:
    """Package-scoped: Playwright's sync API holds an event loop on this thread while it
    runs, which the asyncio tests after this package must not meet."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def visit(request: pytest.FixtureRequest, system: dict, chromium) -> Iterator[Visit]:
    folder = OUTPUT / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    phone = "phone" in request.node.name or "reader" in request.node.name
    visitor = Visit(chromium, system, folder, phone=phone)
    yield visitor
    visitor.close()
    visitor.check_clean()
