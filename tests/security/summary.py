"""Figures the security tests report at the end of the pytest run (see conftest.py)."""

from __future__ import annotations

LINES: list[str] = []


def report(line: str) -> None:
    LINES.append(line)
    print(line)
