"""The import rules (``tests/import_rules.py``) hold for the code base, and catch each break."""

from __future__ import annotations

from pathlib import Path

from tests.import_rules import Tree, check

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ROOTS = [ROOT, ROOT / "services" / "case-api", ROOT / "services" / "notifier"]


def test_the_code_base_keeps_every_import_rule():
    tree = Tree(SOURCE_ROOTS)
    assert len(tree.files) > 150  # the roots really are the project's sources
    assert [str(v) for v in check(tree)] == []


def _write(root: Path, files: dict[str, str]) -> Tree:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Tree([root])


def _sound_tree() -> dict[str, str]:
    return {
        "case_api/__init__.py": "",
        "case_api/platform/__init__.py": "",
        "case_api/platform/errors.py": "class DomainError(Exception): ...\n",
        "case_api/cases/__init__.py": '__all__ = ["aggregate", "queries"]\n',
        "case_api/cases/aggregate.py": "from case_api.platform.errors import DomainError\n",
        "case_api/cases/queries.py": "import sqlalchemy\n",
        "case_api/cases/routes.py": "import fastapi\nfrom case_api.cases import queries\n",
        "case_api/deadlines/__init__.py": '__all__ = ["queries"]\n',
        "case_api/deadlines/queries.py": "from case_api.cases.queries import x\n",
        "case_api/main.py": "from case_api.cases.routes import router\n",
        "notifier/__init__.py": "",
        "notifier/plan.py": "from shared.periods import month\n",
        "shared/__init__.py": "",
        "shared/periods.py": "import datetime\n",
    }


def test_a_sound_tree_breaks_no_rule(tmp_path: Path):
    assert check(_write(tmp_path, _sound_tree())) == []


def test_each_broken_rule_is_reported_with_the_module_and_what_it_imports(tmp_path: Path):
    files = _sound_tree()
    files["case_api/cases/helpers.py"] = "import sqlalchemy.orm\n"
    files["case_api/cases/rules.py"] = "from case_api.cases.helpers import thing\n"
    files["case_api/deadlines/routes.py"] = "from case_api.cases.routes import router\n"
    files["case_api/platform/deps.py"] = "from case_api.cases.queries import x\n"
    files["notifier/follower.py"] = "from case_api.cases.aggregate import Case\n"
    files["shared/clock.py"] = "import notifier.plan\n"

    violations = check(_write(tmp_path, files))

    assert [str(v) for v in violations] == [
        "domain imports a web or storage library: case_api.cases.rules imports sqlalchemy",
        "outside case_api.cases.__all__: case_api.deadlines.routes imports case_api.cases.routes",
        "platform imports no capability: case_api.platform.deps imports case_api.cases.queries",
        "services stay apart: notifier.follower imports case_api.cases.aggregate",
        "services stay apart: shared.clock imports notifier.plan",
    ]
