"""Print the security tests' figures in the normal pytest output, so CI logs carry them."""

from __future__ import annotations

from typing import Any

from tests.security.summary import LINES


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if LINES:
        terminalreporter.section("security test figures")
        for line in LINES:
            terminalreporter.write_line(line)
