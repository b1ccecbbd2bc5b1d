"""openapi/ is generated from the code; this fails when they drift apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.export_openapi import documents, render

ROOT = Path(__file__).resolve().parents[1]
DOCS = documents()


@pytest.mark.parametrize("name", sorted(DOCS))
def test_committed_openapi_matches_the_code(name):
    committed = (ROOT / "openapi" / name).read_text(encoding="utf-8")
    assert committed == render(DOCS[name]), f"openapi/{name} is stale: run `make openapi`"


@pytest.mark.parametrize("name", sorted(DOCS))
def test_every_operation_has_a_summary_errors_and_body_examples(name):
    """Operations behind a bearer token document their 401; public ones (the preview) don't."""
    for path, item in DOCS[name]["paths"].items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary"), where
            if operation.get("security"):
                problems = [
                    code
                    for code, r in operation["responses"].items()
                    if "application/problem+json" in r.get("content", {})
                ]
                assert "401" in problems, where
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body and path.startswith("/v1/cases"):
                assert body.get("examples"), where
