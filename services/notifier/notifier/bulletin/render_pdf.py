"""The bulletin's HTML printed to PDF with WeasyPrint (pango lays out the Chinese text; the
fonts come from the system's fonts-noto-cjk). Nothing is fetched while printing."""

from __future__ import annotations

from typing import Any


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported on use: loading pango takes a moment

    return HTML(string=html, url_fetcher=_refuse).write_pdf()


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"a bulletin fetches nothing: {url}")
