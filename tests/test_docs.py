"""The README stays short and leads to every guide; the guides document every setting and
link only to what exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic_settings import BaseSettings

from case_api.platform.settings import Settings as CaseApiSettings
from notifier.platform.config import Settings as NotifierSettings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDES = ("courts", "agencies", "mobile", "bureau", "operations", "rules", "architecture")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("settings", [CaseApiSettings, NotifierSettings])
def test_every_setting_is_documented_in_the_operations_guide(settings: type[BaseSettings]) -> None:
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    prefix = settings.model_config["env_prefix"]
    missing = [
        f"{prefix}{n}".upper()
        for n in settings.model_fields
        if f"{prefix}{n}".upper() not in operations
    ]
    assert missing == [], f"docs/operations.md does not document {missing}"


def test_the_readme_is_short_and_links_every_guide() -> None:
    assert len(README.splitlines()) < 200
    for guide in GUIDES:
        assert f"](docs/{guide}.md)" in README, f"README does not link docs/{guide}.md"


@pytest.mark.parametrize("page", ["README.md", *(f"docs/{g}.md" for g in GUIDES)])
def test_relative_links_lead_to_files_that_exist(page: str) -> None:
    path = ROOT / page
    targets = [t for t in LINK.findall(path.read_text(encoding="utf-8")) if "://" not in t]
    missing = [t for t in targets if not (path.parent / t).exists()]
    assert missing == [], f"{page} links to missing {missing}"
