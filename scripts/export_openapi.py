"""Write openapi/*.json from the applications (the drift test compares against these)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documents() -> dict[str, dict]:
    from case_api.main import create_app
    from case_api.platform.settings import Settings as CaseSettings

    docs = {"case-api.json": create_app(CaseSettings()).openapi()}
    try:
        from notifier.main import create_app as create_notifier_app
        from notifier.platform.config import Settings as NotifierSettings
    except ImportError:
        return docs
    docs["notifier.json"] = create_notifier_app(NotifierSettings()).openapi()
    return docs


def render(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> None:
    for name, document in documents().items():
        (ROOT / "openapi" / name).write_text(render(document), encoding="utf-8")
        print(f"wrote openapi/{name}")


if __name__ == "__main__":
    main()
