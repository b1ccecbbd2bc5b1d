from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from notifier.platform.migrate import upgrade
from tests.backends import BACKENDS, postgres_schema


@pytest.fixture(params=BACKENDS)
def notifier_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated notifier database: SQLite always, PostgreSQL when configured."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/notifier.db"
        upgrade(url)
        yield url
        return
    with postgres_schema() as (url, _schema):
        upgrade(url)
        yield url
