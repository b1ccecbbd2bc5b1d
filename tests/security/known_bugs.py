"""Bugs the security tests found and that are not fixed yet.

Each entry names the bug (its xfail test in test_found_bugs.py carries the same key) and, per
OpenAPI path, the schemathesis checks it breaks, so the generated tests skip only those.
None is open now; the fixed ones stay in test_found_bugs.py as regressions.
"""

from typing import Any

KNOWN_BUGS: dict[str, dict[str, Any]] = {}
