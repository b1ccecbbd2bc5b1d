"""Served documents: upload (content-addressed), and download through the cases that cite them.

The upload body is the raw file (``Content-Type`` is the client's claim and is not trusted);
it is limited to ``max_document_bytes`` while it streams. Downloads answer only for a case the
caller may see and a blob that case references.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import closing
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Header, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse

from case_api.documents.media import ALLOWED_MEDIA_TYPES
from case_api.documents.schemas import CaseDocument, CaseDocuments, StoredDocument
from case_api.documents.store import CHUNK_BYTES, SHA256, SPOOL_IN_MEMORY_BYTES
from case_api.documents.upload import keep, receive
from case_api.platform.access import may
from case_api.platform.errors import Forbidden
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import PROBLEM_SCHEMA, errors

router = APIRouter(tags=["documents"])

Sha256 = Annotated[str, Path(pattern=SHA256.pattern, description="The document's SHA-256 (hex)")]


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
    }


UPLOAD_BODY = {
    "required": True,
    "description": "The file itself, not a form. Its type is read from its bytes: the first"
    " ones, or for a zip its central directory (OFD).",
    "content": {
        t: {"schema": {"type": "string", "format": "binary"}} for t in sorted(ALLOWED_MEDIA_TYPES)
    },
}


@router.post(
    "/v1/documents",
    status_code=201,
    response_model=StoredDocument,
    summary="Upload a served document (PDF, OFD, JPEG, PNG, TIFF)",
    operation_id="upload_document",
    openapi_extra={"requestBody": UPLOAD_BODY},
    responses={
        200: {"model": StoredDocument, "description": "The same content was already stored"},
        **errors(401, 403),
        413: _problem("Larger than max_document_bytes (problem+json `document-too-large`)"),
        415: _problem(
            "Not PDF, OFD, JPEG, PNG or TIFF; a zip without OFD.xml at its root is not OFD"
            " (problem+json `document-type-not-allowed`)"
        ),
        422: _problem(
            "An OFD container too large to open safely: too many entries, far more bytes"
            " uncompressed than stored, entry names leaving the root or used twice, ZIP64"
            " (problem+json `document-archive-refused`, with `reason`)"
        ),
    },
)
async def upload_document(
    request: Request, runtime: RuntimeDep, principal: PrincipalDep
) -> JSONResponse:
    if not may(principal, "upload_document"):
        raise Forbidden("Your role may not upload documents.", "您的角色无权上传文书。")
    limit, declared = runtime.settings.max_document_bytes, _declared_length(request)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES) as spool:
        await receive(request.stream(), spool, limit, declared)
        blob, media_type = await run_in_threadpool(keep, runtime.documents.store, spool)
    body = StoredDocument(sha256=blob.sha256, size=blob.size, media_type=media_type)
    return JSONResponse(body.model_dump(), status_code=201 if blob.created else 200)


@router.get(
    "/v1/cases/{case_id}/documents",
    response_model=CaseDocuments,
    summary="The documents a case's events reference",
    operation_id="list_case_documents",
    dependencies=[Consistent],
    responses=errors(401, 404, 422, 503),
)
def list_case_documents(
    case_id: UUID, runtime: RuntimeDep, principal: PrincipalDep
) -> CaseDocuments:
    rows = runtime.documents.queries.of_case(principal, str(case_id))
    return CaseDocuments(case_id=str(case_id), documents=[CaseDocument(**r) for r in rows])


@router.get(
    "/v1/cases/{case_id}/documents/{sha256}",
    summary="Download one of a case's documents",
    operation_id="download_case_document",
    dependencies=[Consistent],
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The bytes, as uploaded; ETag is the SHA-256",
            "content": {
                t: {"schema": {"type": "string", "format": "binary"}}
                for t in sorted(ALLOWED_MEDIA_TYPES)
            },
        },
        304: {"description": "If-None-Match names this document"},
        **errors(401, 422),
        404: _problem(
            "No such case, not one you may see (`case-not-found`), or the case does not"
            " reference this document (`document-not-found`)"
        ),
        503: _problem(
            "The read model has not reached min_position yet (`read-model-behind`), or the"
            " case cites the document but the store has lost it (`document-missing`, with"
            " `sha256`: the operators must restore it)"
        ),
    },
)
def download_case_document(
    case_id: UUID,
    sha256: Sha256,
    runtime: RuntimeDep,
    principal: PrincipalDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    row = runtime.documents.queries.on_case(principal, str(case_id), sha256)
    headers = {
        "ETag": f'"{sha256}"',
        "Cache-Control": "private, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
    }
    if _matches(if_none_match, sha256):
        return Response(status_code=304, headers=headers)
    blob = runtime.documents.open_cited(sha256, str(case_id))
    headers["Content-Length"] = str(row["size"])
    return StreamingResponse(_chunks(blob), media_type=row["media_type"], headers=headers)


def _chunks(blob: Any) -> Iterator[bytes]:
    with closing(blob):
        while chunk := blob.read(CHUNK_BYTES):
            yield chunk


def _matches(if_none_match: str | None, sha256: str) -> bool:
    """RFC 9110 §13.1.2: a list of (possibly weak) ETags, or ``*``."""
    if if_none_match is None:
        return False
    tags = [t.strip().removeprefix("W/").strip('"') for t in if_none_match.split(",")]
    return "*" in tags or sha256 in tags


def _declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length")
    return int(value) if value and value.isdigit() else None
