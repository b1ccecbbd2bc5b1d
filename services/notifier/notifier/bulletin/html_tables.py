"""HTML tables of a bulletin or report: Chinese headers, numbers right-aligned, met and
unmet targets marked."""

from __future__ import annotations

from html import escape
from typing import Any

from notifier.bulletin.figures import Rate
from notifier.bulletin.tables import rate_rows

MARKS = {"达标": "met", "未达标": "unmet"}


def rates_table(rates: list[Rate]) -> str:
    head = ["指标", "数值", "计算", "计算公式", "说明"]
    return table(head, rate_rows(rates), {0: "key", 1: "num", 2: "num"})


def table(
    head: list[str],
    rows: list[Any],
    columns: dict[int, str] | None = None,
    kind: str = "",
    wrap_from: int | None = None,
) -> str:
    """``columns``: a CSS class per column index; headers from ``wrap_from`` on may wrap
    (long target names), the others stay on one line."""
    if not rows:
        return "<p>本期无。</p>"
    columns = columns or {}
    cells = "".join(
        f"<th scope='col'{_class(['wrap'] if wrap_from is not None and i >= wrap_from else [])}>"
        f"{escape(h)}</th>"
        for i, h in enumerate(head)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{_class([columns.get(i, ''), MARKS.get(str(c), '')])}>{escape(str(c))}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table{_class([kind])}><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _class(names: list[str]) -> str:
    names = [n for n in names if n]
    return f" class='{' '.join(names)}'" if names else ""
