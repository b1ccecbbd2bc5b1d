"""Where a stored bulletin is downloaded, and the signed links a bulletin message carries."""

from __future__ import annotations

from datetime import datetime, timedelta

from notifier.platform.signed_links import signed_path

FORMATS = ("html", "xlsx", "pdf")
FORMAT_NAMES = {"html": "网页版", "xlsx": "表格版（XLSX）", "pdf": "打印版（PDF）"}


def bulletin_path(jurisdiction: str, period: str, fmt: str, report: str | None = None) -> str:
    """``report``: the entry id of a report keyed by it (a further entry of its kind)."""
    if report:
        return f"/v1/bulletins/{jurisdiction}/{period}/{report}.{fmt}"
    return f"/v1/bulletins/{jurisdiction}/{period}.{fmt}"


def stored_key(jurisdiction: str, period: str, report: str | None = None) -> str:
    return f"{jurisdiction}:{period}" + (f":{report}" if report else "")


def report_of(key: str) -> str | None:
    """The report a stored key names (``gz:2025-H1:head_appearance_half_year_report``)."""
    parts = key.split(":")
    return parts[2] if len(parts) == 3 else None


def file_stem(key: str) -> str:
    return "bulletin-" + key.replace(":", "-")


def download_links(
    public_url: str | None,
    secret: str,
    lifetime: timedelta,
    jurisdiction: str,
    period: str,
    now: datetime,
    report: str | None = None,
) -> str:
    """The message's download lines, one per format; none without a public URL and a link
    secret (an unsigned link would only answer 401). Group bots carry no files, so these
    links are how their readers get the bulletin."""
    if not public_url or not secret:
        return ""
    base = public_url.rstrip("/")
    lines = [
        f"{FORMAT_NAMES[fmt]}：{base}"
        + signed_path(secret, bulletin_path(jurisdiction, period, fmt, report), now, lifetime)
        for fmt in FORMATS
    ]
    days = max(int(lifetime.total_seconds() // 86400), 1)
    return "\n通报全文下载（链接{}日内有效）：\n{}".format(days, "\n".join(lines))
