"""A pack's response-lead lists: who may lead a case's response, and when (应诉牵头)."""

from __future__ import annotations

from fastapi import APIRouter

from case_api.platform.domain_errors import NotFound
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors

router = APIRouter(prefix="/v1", tags=["case commands"])


@router.get(
    "/response-leads/{pack}",
    summary="A pack's response-lead lists: posts and circumstances with their clauses "
    "(response_lead null where the pack names no lead)",
    responses=errors(401, 404),
)
def response_leads(pack: str, runtime: RuntimeDep, principal: PrincipalDep) -> dict:
    library = runtime.library
    if pack not in library.pack_ids():
        raise NotFound(
            "pack-not-found", f"No rule pack named {pack}.", f"没有名为 {pack} 的规则包。"
        )
    section = library.pack(pack).response_lead
    return {"pack": pack, "response_lead": section.model_dump(mode="json") if section else None}
