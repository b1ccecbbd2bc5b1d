"""The loaded rule packs, every version side by side, validated once at start-up.

``pack(id, at)`` is the version in effect at an instant (Asia/Shanghai dates): a deadline
is computed under the version in effect when its trigger event was recorded, so a later
version never rewrites it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from itertools import product
from pathlib import Path

from shared.rulepacks.errors import PackError, PackNotFound, PackNotInEffect
from shared.rulepacks.loading import PackFile, read_packs, shipped_directory
from shared.rulepacks.models import Pack
from shared.rulepacks.resolve import ResolvedRule, RuleSet, build_ruleset

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")  # no DST since 1991
Instant = datetime | date | None

_VersionKey = tuple[tuple[str, int], ...]  # (pack id, version) of the pack, then includes


class PackLibrary:
    def __init__(self, files: Sequence[PackFile]) -> None:
        by_id: dict[str, list[PackFile]] = {}
        for entry in sorted(files, key=lambda f: (f.pack.id, f.pack.version)):
            by_id.setdefault(entry.pack.id, []).append(entry)
        for entries in by_id.values():
            _check_versions(entries)
        self._files = {pid: tuple(entries) for pid, entries in by_id.items()}
        self._starts = {pid: [f.pack.effective_from for f in e] for pid, e in by_id.items()}
        self._rulesets: dict[_VersionKey, RuleSet] = {}
        for versions in self._files.values():
            for index, entry in enumerate(versions):
                self._resolve_all(entry, _window(versions, index))

    @classmethod
    def load(cls, directory: Path | str | None = None) -> PackLibrary:
        """Load and validate ``directory`` (default: the packs shipped with the code)."""
        root = shipped_directory() if directory is None else Path(directory)
        return cls(read_packs(root))

    def pack_ids(self) -> tuple[str, ...]:
        return tuple(self._files)

    def versions(self, pack_id: str) -> tuple[Pack, ...]:
        return tuple(f.pack for f in self._entries(pack_id))

    def pack(self, pack_id: str, at: Instant = None) -> Pack:
        """The version in effect at ``at`` (default now); naive datetimes are Shanghai time."""
        entries = self._entries(pack_id)
        index = bisect_right(self._starts[pack_id], shanghai_date(at)) - 1
        if index < 0:
            raise PackNotInEffect(pack_id, at)
        return entries[index].pack

    def rules(self, pack_id: str, at: Instant = None) -> tuple[ResolvedRule, ...]:
        """The included packs' rules (amended by the pack), then the pack's own rules."""
        return self.ruleset(pack_id, at).rules

    def ruleset(self, pack_id: str, at: Instant = None) -> RuleSet:
        pack = self.pack(pack_id, at)
        includes = tuple(self.pack(name, at) for name in pack.includes)
        return self._rulesets[_key(pack, includes)]

    def _entries(self, pack_id: str) -> tuple[PackFile, ...]:
        try:
            return self._files[pack_id]
        except KeyError:
            raise PackNotFound(pack_id, tuple(self._files)) from None

    def _resolve_all(self, entry: PackFile, window: tuple[date, date]) -> None:
        """Resolve ``entry`` with every include version that is in effect at the same time."""
        options = []
        for name in entry.pack.includes:
            if name not in self._files:
                raise PackError(entry.file, [f"includes: no pack {name!r}"])
            nested = [f.pack for f in self._files[name] if f.pack.includes]
            if nested:
                raise PackError(entry.file, [f"includes: {name!r} itself includes packs"])
            entries = self._files[name]
            overlapping = [
                f.pack for i, f in enumerate(entries) if _overlap(window, _window(entries, i))
            ]
            if not overlapping:
                raise PackError(entry.file, [f"includes: no version of {name!r} in effect"])
            options.append(overlapping)
        for includes in product(*options):
            ruleset = build_ruleset(entry.pack, includes, entry.file)
            self._rulesets[_key(entry.pack, includes)] = ruleset


def shanghai_date(at: Instant) -> date:
    if at is None:
        at = datetime.now(UTC)
    if not isinstance(at, datetime):
        return at
    return at.date() if at.tzinfo is None else at.astimezone(SHANGHAI).date()


@cache
def shipped_library() -> PackLibrary:
    """The shipped packs, loaded once per process."""
    return PackLibrary.load()


def _check_versions(entries: Sequence[PackFile]) -> None:
    for before, after in zip(entries, entries[1:], strict=False):
        if after.pack.effective_from <= before.pack.effective_from:
            problem = f"effective_from must be later than version {before.pack.version}'s"
            raise PackError(after.file, [problem])


def _window(entries: Sequence[PackFile], index: int) -> tuple[date, date]:
    """[effective_from, next version's effective_from) of ``entries[index]``."""
    end = entries[index + 1].pack.effective_from if index + 1 < len(entries) else date.max
    return entries[index].pack.effective_from, end


def _overlap(one: tuple[date, date], other: tuple[date, date]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _key(pack: Pack, includes: Sequence[Pack]) -> _VersionKey:
    return ((pack.id, pack.version), *((p.id, p.version) for p in includes))
