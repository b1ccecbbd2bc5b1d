"""Response bodies of the tamper-evidence check."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from case_api.chain.verify import ChainReport
from case_api.chain.walk import Problem


class ChainProblem(BaseModel):
    version: int = Field(description="The event's place in the case's stream (1 = filing)")
    position: int | None = Field(description="The event's feed position, if the read model has it")
    kind: Literal[
        "undecodable", "hash-mismatch", "broken-link", "missing-hash", "encoding-mismatch"
    ]
    detail: str

    @classmethod
    def of(cls, problem: Problem) -> ChainProblem:
        return cls(
            version=problem.version,
            position=problem.position,
            kind=problem.kind,
            detail=problem.detail,
        )


class ChainCheck(BaseModel):
    """The result of recomputing a case's hash chain from the stored events."""

    case_id: str
    status: Literal["intact", "broken", "unchained"] = Field(
        description="broken: see problems; unchained: the newest event predates chaining"
    )
    events: int
    unchained: int = Field(description="Events recorded before chaining began (no hash fields)")
    chain_head: str | None = Field(description="Hash of the newest event (sha256:hex)")
    problems: list[ChainProblem]

    @classmethod
    def of(cls, report: ChainReport) -> ChainCheck:
        return cls(
            case_id=report.aggregate_id,
            status=report.status,
            events=report.events,
            unchained=report.unchained,
            chain_head=report.chain_head,
            problems=[ChainProblem.of(p) for p in report.problems],
        )
