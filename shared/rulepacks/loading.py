"""Reading pack files: ``<directory>/<pack id>/v<version>.yaml``, one file per version.

Versions live side by side so a deadline computed under v1 can still be explained by v1
after v2 takes effect.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from shared.rulepacks.errors import PackError
from shared.rulepacks.models import Pack

_VERSION_FILE = re.compile(r"^v([1-9][0-9]*)\.yaml$")


@dataclass(frozen=True)
class PackFile:
    pack: Pack
    file: str  # "<id>/v<version>.yaml", for error messages


def shipped_directory() -> Traversable:
    return resources.files("shared.rulepacks").joinpath("packs")


def read_packs(directory: Path | Traversable) -> list[PackFile]:
    """Parse and validate every pack file; a PackError names the first bad file."""
    return [_read(entry, f"{folder.name}/{entry.name}") for folder, entry in _files(directory)]


def _files(directory: Path | Traversable) -> Iterator[tuple[Traversable, Traversable]]:
    folders = sorted((d for d in directory.iterdir() if d.is_dir()), key=lambda d: d.name)
    for folder in folders:
        if folder.name.startswith((".", "_")):
            continue
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")):
                yield folder, entry


def _read(entry: Traversable, label: str) -> PackFile:
    match = _VERSION_FILE.match(entry.name)
    if match is None:
        raise PackError(label, ["file name must be v<version>.yaml"])
    try:
        raw = yaml.safe_load(entry.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PackError(label, [f"not valid YAML: {exc}"]) from None
    if not isinstance(raw, Mapping):
        raise PackError(label, ["a pack file must hold a mapping"])
    try:
        pack = Pack.model_validate(raw)
    except ValidationError as exc:
        raise PackError(label, [_describe(e, raw) for e in _root_causes(exc)]) from None
    folder = label.split("/", 1)[0]
    if (pack.id, pack.version) != (folder, int(match.group(1))):
        raise PackError(label, [f"file holds pack {pack.id!r} version {pack.version}"])
    return PackFile(pack, label)


def _root_causes(exc: ValidationError) -> list[Any]:
    """Drop a list's "too short" error when one of its items failed: the item is the cause."""
    errors = exc.errors()
    failed_items = {e["loc"][:-1] for e in errors if e["loc"] and isinstance(e["loc"][-1], int)}
    return [e for e in errors if not (e["type"] == "too_short" and e["loc"] in failed_items)]


def _describe(error: Mapping[str, Any], raw: Mapping[str, Any]) -> str:
    """One validation error, naming the rule (by id) rather than its list index."""
    loc = tuple(error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    owner = ""
    if len(loc) >= 2 and loc[0] in ("rules", "amend") and isinstance(loc[1], int):
        entry = _item(raw.get(loc[0]), loc[1])
        name = entry.get("id", entry.get("rule")) if isinstance(entry, Mapping) else None
        noun = "rule" if loc[0] == "rules" else "amendment of"
        owner = f"{noun} {name!r}: " if name else f"{loc[0]}[{loc[1]}]: "
        loc = loc[2:]
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
    return f"{owner}{where.lstrip('.') or 'pack'}: {message}"


def _item(items: Any, index: int) -> Any:
    if isinstance(items, list) and 0 <= index < len(items):
        return items[index]
    return None
