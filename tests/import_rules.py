"""The import rules of the code base, checked from the source (nothing is imported).

1. Domain code (aggregates, rules, vocabularies, the calendar and rule packs) imports no web
   or storage library, not even through the project modules it imports.
2. A case-api capability imports another only through the modules that capability lists
   in its package's ``__all__``; the assembly modules (app factory, CLI, runtime, schema,
   the projection that gathers every handler) may import anything.
3. ``case_api.platform`` imports no capability (its HTTP glue may name ``case_api.runtime``,
   the process's assembly, for the ``Runtime`` type).
4. The services stay apart: the notifier never imports case-api, nor case-api the notifier,
   and ``shared`` imports neither.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

WEB_OR_STORAGE = ("fastapi", "starlette", "sqlalchemy", "psycopg", "httpx", "alembic", "uvicorn")
DOMAIN_PATTERNS = (
    "case_api.*.domain",
    "case_api.*.aggregate",
    "case_api.*.rules",
    "case_api.*.values",
    "case_api.*_rules",
    "case_api.interviews.proposals",
    "case_api.cases.loss_report_view",
    "case_api.deadlines.calendar",
    "case_api.platform.domain_errors",
    "shared.calendar*",
    "shared.deadlines*",
    "shared.rulepacks*",
    "shared.metrics*",
    "shared.periods",
    "shared.reporting_periods",
    "shared.eventtypes",
    "shared.clock",
)
ASSEMBLY = frozenset(
    {
        "case_api.main",
        "case_api.cli",
        "case_api.runtime",
        "case_api.schema",
        "case_api.readmodel.projection",
    }
)
PLATFORM = "case_api.platform"
PLATFORM_MAY_NAME = frozenset({"case_api.runtime"})
SERVICES = ("case_api", "notifier")


@dataclass(frozen=True)
class Violation:
    rule: str
    module: str
    imported: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.module} imports {self.imported}"


class Tree:
    """The project's modules, found under source roots, and what each imports."""

    def __init__(self, roots: Iterable[Path]) -> None:
        self.files: dict[str, Path] = {}
        for root in roots:
            for path in sorted(root.rglob("*.py")):
                parts = path.relative_to(root).with_suffix("").parts
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                if parts and parts[0] in ("case_api", "notifier", "shared"):
                    self.files[".".join(parts)] = path
        self.imports = {name: sorted(set(self._imports_of(name))) for name in self.files}

    def is_package(self, name: str) -> bool:
        return self.files[name].name == "__init__.py"

    def _imports_of(self, name: str) -> Iterator[str]:
        for node in ast.walk(ast.parse(self.files[name].read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                yield from (alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = self._absolute(name, node)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    yield sub if sub in self.files else base

    def _absolute(self, name: str, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        package = name if self.is_package(name) else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        return f"{package}.{node.module}" if node.module else package

    def reach(self, name: str) -> set[str]:
        """Every module importing ``name`` loads: its imports, theirs, and their packages."""
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            for imported in self.imports.get(current, ()):
                for candidate in _with_parents(imported):
                    if candidate not in seen:
                        seen.add(candidate)
                        todo.append(candidate)
        return seen

    def public_modules(self, package: str) -> set[str] | None:
        """The names in a package's ``__all__`` (None when it declares none)."""
        tree = ast.parse(self.files[package].read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
            ):
                return set(ast.literal_eval(node.value))
        return None


def _with_parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _top(name: str) -> str:
    return name.partition(".")[0]


def _capability(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "case_api" and len(parts) > 2 else None


def check(tree: Tree) -> list[Violation]:
    found: list[Violation] = []
    for name in sorted(tree.files):
        found += _domain_purity(tree, name)
        found += _services_apart(tree, name)
        if name.startswith("case_api."):
            found += _capability_boundaries(tree, name)
    return found


def _domain_purity(tree: Tree, name: str) -> list[Violation]:
    if not any(fnmatch.fnmatchcase(name, p) for p in DOMAIN_PATTERNS):
        return []
    return [
        Violation("domain imports a web or storage library", name, imported)
        for imported in sorted(tree.reach(name))
        if imported in WEB_OR_STORAGE
    ]


def _services_apart(tree: Tree, name: str) -> list[Violation]:
    forbidden = {s for s in SERVICES if s != _top(name)}  # shared: both services
    return [
        Violation("services stay apart", name, imported)
        for imported in tree.imports[name]
        if _top(imported) in forbidden
    ]


def _capability_boundaries(tree: Tree, name: str) -> list[Violation]:
    if name in ASSEMBLY:
        return []
    own = _capability(name)
    found = []
    for imported in tree.imports[name]:
        target = _capability(imported) if imported in tree.files else None
        if imported.count(".") == 1 and imported in tree.files and tree.is_package(imported):
            target = None  # a package itself: checked through the names it is asked for
        if own == "platform" and _top(imported) == "case_api":
            if _capability(imported) != "platform" and imported not in PLATFORM_MAY_NAME:
                found.append(Violation("platform imports no capability", name, imported))
            continue
        if target is None or target == own or target == "platform":
            continue
        package = f"case_api.{target}"
        public = tree.public_modules(package) or set()
        if imported.split(".")[2] not in public:
            found.append(Violation(f"outside {package}.__all__", name, imported))
    return found
