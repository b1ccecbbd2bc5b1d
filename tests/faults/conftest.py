"""Print the fault runs' figures in the normal pytest output, so CI logs carry them."""

from __future__ import annotations

from typing import Any

from tests.faults.summary import LINES


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if LINES:
        terminalreporter.section("crash and fault figures")
        for line in LINES:
            terminalreporter.write_line(line)
