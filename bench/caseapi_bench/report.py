"""Rows of the final table: a figure, its baseline from the same run, the ratio and target."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Row:
    figure: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""  # ">= 4x", "<= 2x", "<= 50 ms" or "" (for information)
    ratio: float | None = None
    met: bool | None = None

    def __post_init__(self) -> None:
        if self.baseline:
            self.ratio = self.value / self.baseline
        if not self.target:
            return
        op, amount = self.target.split()[0], float(self.target.split()[1].rstrip("x"))
        measured = self.ratio if self.target.endswith("x") else self.value
        if measured is None or math.isnan(measured):
            return
        self.met = measured >= amount if op == ">=" else measured <= amount


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = (
        f"{value:,.0f}"
        if abs(value) >= 100
        else f"{value:,.2f}"
        if abs(value) >= 1
        else f"{value:.3f}"
    )
    return f"{text} {unit}".strip()


def table(rows: list[Row]) -> str:
    head = ["figure", "value", "baseline", "ratio", "target", "met?"]
    body = [
        [
            r.figure,
            _fmt(r.value, r.unit),
            f"{_fmt(r.baseline, r.unit)} ({r.baseline_name})" if r.baseline is not None else "—",
            f"{r.ratio:.2f}x" if r.ratio is not None else "—",
            r.target or "info",
            {True: "yes", False: "NO", None: "—"}[r.met],
        ]
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(head, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(x, widths, strict=True)) for x in body]
    return "\n".join(lines)


def save_json(rows: list[Row], details: dict, path: Path) -> str:
    document = {"rows": [asdict(r) for r in rows], "details": details}
    text = json.dumps(document, ensure_ascii=False, default=str)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str))
    return text
