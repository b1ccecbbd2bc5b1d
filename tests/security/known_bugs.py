"""Bugs the security tests found and that are not fixed yet: each names an xfail test in
test_found_bugs.py, and the generated tests skip only the one check it breaks."""

KNOWN_BUGS = {
    "allow-header": "bug: a 405 on a path served by several routes lists one route's methods in"
    " Allow (Starlette stops at the first partial match)",
}
