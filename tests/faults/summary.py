"""The fault runs' figures, printed in the pytest terminal summary (``conftest.py``)."""

from __future__ import annotations

LINES: list[str] = []


def report(*lines: str) -> None:
    for line in lines:
        if line not in LINES:
            LINES.append(line)
        print(line)
