"""Where a stored bulletin is downloaded, and the signed links a bulletin message carries."""

from __future__ import annotations

from datetime import datetime, timedelta

from notifier.platform.signed_links import signed_path

FORMATS = ("html", "xlsx")


def bulletin_path(jurisdiction: str, period: str, fmt: str) -> str:
    return f"/v1/bulletins/{jurisdiction}/{period}.{fmt}"


def download_links(
    public_url: str | None,
    secret: str,
    lifetime: timedelta,
    jurisdiction: str,
    period: str,
    now: datetime,
) -> str:
    """The message's download line; none without a public URL and a link secret (the files
    travel as attachments anyway, and an unsigned link would only answer 401)."""
    if not public_url or not secret:
        return ""
    base = public_url.rstrip("/")
    xlsx, html = (
        base + signed_path(secret, bulletin_path(jurisdiction, period, fmt), now, lifetime)
        for fmt in ("xlsx", "html")
    )
    return f"下载：{xlsx} 网页版：{html}"
