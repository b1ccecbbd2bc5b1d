"""Chinese message texts, from ``templates.yaml``; the code only supplies the values."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from string import Template
from typing import Any

import yaml

PROVISIONAL_NOTE = "（日期为暂定，待国务院公布放假安排后确认）"
"""Appended where a date was read from a year whose holiday schedule is not yet published."""


@cache
def _templates() -> dict[str, dict[str, str]]:
    text = files("notifier.reminders").joinpath("templates.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def render(kind: str, part: str, values: dict[str, Any]) -> str:
    """The ``part`` (title, body, reason) of template ``kind``; a missing value is an error."""
    return fill(_templates()[kind][part], values)


def fill(text: str, values: dict[str, Any]) -> str:
    return Template(text).substitute(values)


def words(section: str) -> dict[str, Any]:
    """A table of words from the templates (per deadline kind, days left, …)."""
    return _templates()[section]


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
