"""One person's browser tab, with the checks every page gets."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import axe_playwright_python

CHROMIUM = "/usr/bin/chromium"
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"  # vendored by the package
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")
BLOCKING = ("serious", "critical")
REFUSAL = re.compile(r"^Failed to load resource: the server responded with a status of 4(09|22) ")
AXE_SOURCE = f"(() => {{ {AXE_JS.read_text(encoding='utf-8')}\n}})()"


class Visit:
    def __init__(self, browser: Any, system: dict, folder: Path, phone: bool = False) -> None:
        size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        self.context = browser.new_context(viewport=size, locale="zh-CN")
        self.page = self.context.new_page()
        self.system = system
        self.folder = folder
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.findings: dict[str, list[dict]] = {}
        self.shots = 0
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.errors.append(f"{r.url}: {r.failure}"))
        self.context.route("**/*", self._only_local)

    def _console(self, message: Any) -> None:
        # Chromium logs every 4xx answer as "Failed to load resource"; a refusal the page
        # shows the person (409, 422) is part of a flow. Script errors and 5xx are not.
        if message.type == "error" and not REFUSAL.search(message.text):
            self.errors.append(message.text)

    def _only_local(self, route: Any) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str, base: str = "case_api") -> None:
        self.page.goto(self.system[base] + path)
        self.page.wait_for_load_state("networkidle")

    def sign_in(self, username: str, password: str) -> None:
        self.open("/")
        self.ready()
        self.page.fill("#username", username)
        self.page.fill("#password", password)
        self.page.click("form button[type=submit]")
        self.page.wait_for_url(lambda url: "/console/" in url and "signin" not in url)
        self.ready()

    def ready(self) -> None:
        """Wait until the console has rendered the current page with its data."""
        self.page.wait_for_selector("body[data-ready]")
        self.page.wait_for_load_state("networkidle")

    def check(self, name: str) -> None:
        """Screenshot the page and run axe-core on it; findings go to axe.json beside it."""
        self.page.wait_for_load_state("networkidle")
        self.shots += 1
        self.page.screenshot(path=str(self.folder / f"{self.shots:02d}-{name}.png"), full_page=True)
        # Evaluated through the DevTools protocol: the page's CSP forbids injected scripts.
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.evaluate(AXE_SOURCE)
        result = self.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": len(v["nodes"])}
            for v in result["violations"]
        ]
        self.findings[name] = found
        (self.folder / "axe.json").write_text(
            json.dumps(self.findings, indent=1, ensure_ascii=False)
        )
        blocking = [f for f in found if f["impact"] in BLOCKING]
        assert not blocking, f"{name}: axe-core finds {blocking}"

    def close(self) -> None:
        self.context.close()

    def check_clean(self) -> None:
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.outside, f"requests to outside hosts: {self.outside}"
