"""Recipients and their channels (Apprise URLs), from the YAML ``channels_file``::

    agencies:
      gz-hrss: {contact: ["wecombot://KEY"], head: ["mailtos://..."]}
    bureaus:
      gz: ["dingtalk://SECRET@TOKEN"]
    bulletins:
      gz: ["json://bureau.example/hooks/bulletin"]
    reports:
      xs: {government: ["mailtos://..."], discipline: ["mailtos://..."]}

Recipients are named ``contact:<agency>``, ``head:<agency>``, ``bureau:<jurisdiction>``,
``bulletin:<jurisdiction>`` and ``report:<jurisdiction>:<recipient>`` (a recipient a pack's
report entry names, e.g. the county government). A bureau, bulletin or report recipient not
listed falls back to its parent jurisdiction's.
The file is read again when it changes, so channels can be fixed without a restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

ROLES = {"contact": "contact", "head": "head"}


class ChannelBook:
    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        data = data or {}
        self.agencies: dict[str, dict[str, list[str]]] = dict(data.get("agencies") or {})
        self.bureaus: dict[str, list[str]] = dict(data.get("bureaus") or {})
        self.bulletins: dict[str, list[str]] = dict(data.get("bulletins") or {})
        self.reports: dict[str, dict[str, list[str]]] = dict(data.get("reports") or {})

    def urls(self, recipient: str, parents: Mapping[str, str | None] | None = None) -> list[str]:
        role, _, name = recipient.partition(":")
        if role in ROLES:
            return list((self.agencies.get(name) or {}).get(ROLES[role]) or [])
        if role == "report":
            name, _, audience = name.partition(":")
            table = {code: list(v.get(audience) or []) for code, v in self.reports.items()}
        else:
            table = {"bureau": self.bureaus, "bulletin": self.bulletins}.get(role)
        if table is None:
            return []
        seen: set[str] = set()
        code: str | None = name
        while code and code not in seen:
            if table.get(code):
                return list(table[code])
            seen.add(code)
            code = (parents or {}).get(code)
        return []


class ChannelFile:
    """The book from ``path``, re-read when the file's modification time changes."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stamp: float | None = None
        self._book = ChannelBook()

    def book(self) -> ChannelBook:
        if self.path is None or not self.path.exists():
            return self._book
        stamp = self.path.stat().st_mtime
        if stamp != self._stamp:
            self._book = ChannelBook(yaml.safe_load(self.path.read_text(encoding="utf-8")))
            self._stamp = stamp
        return self._book
