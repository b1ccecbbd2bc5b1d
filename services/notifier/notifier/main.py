"""The operator API: ``create_app(settings)`` builds the app and its runtime (nothing at import).

``notifier run`` serves it next to the follower and sender threads (``runner.py``); tests may
pass a ready-made runtime.
"""

from __future__ import annotations

from fastapi import FastAPI

from notifier.api import problems
from notifier.api.routes_deliveries import router as deliveries_router
from notifier.api.routes_ops import router as ops_router
from notifier.api.routes_outbox import mount_assets
from notifier.api.routes_outbox import router as outbox_router
from notifier.platform.config import Settings
from notifier.runtime import Runtime, build_runtime
from shared.docs_pages import install_offline_docs


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    runtime = runtime or build_runtime(settings or Settings())
    app = FastAPI(
        title="notifier operator API",
        description="报备、提醒、反馈、补救、通报: deliveries, retries, follower lag, bulletins",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    install_offline_docs(app)
    app.state.runtime = runtime
    problems.install(app)
    app.include_router(deliveries_router)
    app.include_router(ops_router)
    mount_assets(app)
    app.include_router(outbox_router)
    return app
