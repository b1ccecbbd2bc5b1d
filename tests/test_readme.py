"""The README documents every setting each service reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic_settings import BaseSettings

from case_api.config import Settings as CaseApiSettings
from notifier.config import Settings as NotifierSettings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("settings", [CaseApiSettings, NotifierSettings])
def test_every_setting_is_documented(settings: type[BaseSettings]) -> None:
    prefix = settings.model_config["env_prefix"]
    missing = [
        f"{prefix}{n}".upper()
        for n in settings.model_fields
        if f"{prefix}{n}".upper() not in README
    ]
    assert missing == [], f"README does not document {missing}"
