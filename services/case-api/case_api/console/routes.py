"""The console's pages: one HTML shell for every path under ``/console/`` and its assets.

The shell carries no data: each page is an ES module that reads and writes through the
public REST API with the signed-in person's own session, so whatever the console shows a
person, the API would show them too (and a phone app needs nothing more).
"""

from __future__ import annotations

import html
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
ASSETS_URL = "/console/assets"

# No inline script or style, nothing from another host, no framing (clickjacking).
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

router = APIRouter(include_in_schema=False)


def _shell(request: Request) -> HTMLResponse:
    runtime = request.app.state.runtime
    notifier = runtime.settings.console_notifier_url or ""
    page = (STATIC / "shell.html").read_text(encoding="utf-8")
    page = page.replace("{{notifier_url}}", html.escape(notifier, quote=True))
    page = page.replace("{{oidc}}", "on" if runtime.oidc is not None else "off")
    return HTMLResponse(page, headers=SECURITY_HEADERS)


@router.get("/")
async def root() -> RedirectResponse:
    return RedirectResponse("/console/", status_code=303)


@router.get("/console")
@router.get("/console/")
@router.get("/console/{page:path}")
async def console(request: Request) -> HTMLResponse:
    return _shell(request)


def install_console(app: FastAPI) -> None:
    app.mount(ASSETS_URL, StaticFiles(directory=STATIC), name="console-assets")
    app.include_router(router)
