"""The case-api application factory. Nothing is built at import time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from case_api.accountability.routes import router as accountability_router
from case_api.accountability.routes_commands import router as accountability_commands_router
from case_api.accounts.routes import router as session_router
from case_api.accounts.routes_admin import router as accounts_router
from case_api.accounts.routes_oidc import router as oidc_router
from case_api.accounts.schemas import document_password_length
from case_api.casebook.routes import router as typical_cases_router
from case_api.casebook.routes_commands import router as typical_case_commands_router
from case_api.cases.routes import router as cases_router
from case_api.cases.routes_commands import router as commands_router
from case_api.cases.routes_leads import router as response_leads_router
from case_api.chain.routes import router as chain_router
from case_api.clients.routes import router as clients_router
from case_api.clients.routes_oauth import router as oauth_router
from case_api.console.routes import install_console
from case_api.courts.routes import router as deliveries_router
from case_api.deadlines.routes import router as deadlines_router
from case_api.deadlines.routes_calendar import router as calendar_router
from case_api.documents.routes import router as documents_router
from case_api.feed.routes import router as feed_router
from case_api.interviews.routes import router as interviews_router
from case_api.mediation.routes import router as mediation_router
from case_api.platform.http import bodylimit, problems, ratelimit, text
from case_api.platform.http.query_strict import refuse_unknown_query
from case_api.platform.http.routes_ops import router as ops_router
from case_api.platform.metrics import MetricsMiddleware
from case_api.platform.settings import Settings
from case_api.platform.storage_wait import wait_for_databases
from case_api.registry.routes import router as registry_router
from case_api.risks.routes import router as risks_router
from case_api.runtime import Runtime, build_runtime
from case_api.statistics.routes import router as statistics_router
from shared.docs_pages import install_offline_docs

DESCRIPTION = """
Case system for administrative lawsuits against the government (行政应诉).

Every fact about a case is an event; queries read projections of them. Writes answer with a
`position`: pass it as `min_position` to a query to read your own write. Errors are RFC 9457
problem+json with a stable `code`; send `Accept-Language: zh-CN` for Chinese messages.
"""


async def _purge_idempotency_keys(runtime: Runtime, every_seconds: float = 3600) -> None:
    """Idempotency-Key records expire after the advertised TTL."""
    while True:
        await asyncio.to_thread(runtime.idempotency.purge_expired, runtime.clock.now())
        await asyncio.sleep(every_seconds)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await asyncio.to_thread(wait_for_databases, settings)
        runtime = build_runtime(settings)
        runtime.watch.bind_loop(asyncio.get_running_loop())
        runtime.watch.advance(runtime.projector.position())
        if not settings.run_projector:
            runtime.follow_projection()
        app.state.runtime = runtime
        await asyncio.to_thread(runtime.documents.sweep_at_startup)
        housekeeping = asyncio.create_task(_purge_idempotency_keys(runtime))
        try:
            yield
        finally:
            housekeeping.cancel()
            runtime.close()

    app = FastAPI(
        title="case-api",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        dependencies=[Depends(refuse_unknown_query)],
        docs_url=None,
        redoc_url=None,
    )
    install_offline_docs(app)
    install_console(app)
    problems.install(app)
    routers = (
        ops_router,
        registry_router,
        cases_router,
        chain_router,
        commands_router,
        response_leads_router,
        deadlines_router,
        calendar_router,
        statistics_router,
        feed_router,
        accountability_commands_router,
        accountability_router,
        typical_case_commands_router,
        typical_cases_router,
        risks_router,
        interviews_router,
        mediation_router,
        deliveries_router,
        oauth_router,
        clients_router,
        documents_router,
        session_router,
        oidc_router,
        accounts_router,
    )
    for router in routers:
        app.include_router(router, responses=ratelimit.responses_for(router))
    text.install(app)
    document_password_length(app, settings.password_min_length)
    bodylimit.install(app, settings)
    ratelimit.install(app, settings)
    app.add_middleware(MetricsMiddleware)
    return app
