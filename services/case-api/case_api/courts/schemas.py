"""Court deliveries (送达) and their receipts (送达回证).

A delivery names its ``kind``, the case (by id or by the court's case number 案号) and the
``facts`` of the case command it maps onto, in that command's own schema.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from case_api.cases import schemas_commands as s
from case_api.cases.command_table import ACCESS
from case_api.courts.deliveries import Incoming, Step


class CaseRef(s.Body):
    """Exactly one of the two."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["case_id"], "properties": {"case_id": {"type": "string"}}},
                {"required": ["case_number"], "properties": {"case_number": {"type": "string"}}},
            ]
        }
    )

    case_id: UUID | None = None
    case_number: str | None = Field(None, min_length=1, max_length=128)

    @model_validator(mode="after")
    def _exactly_one(self) -> CaseRef:
        if (self.case_id is None) == (self.case_number is None):
            raise ValueError("name the case by case_id or by case_number, not both")
        return self


class _OnCase(s.Body):
    command: ClassVar[str]
    case: CaseRef
    facts: s.Body

    def steps(self) -> list[Step]:
        return [Step("", self.command, self.facts.model_dump(), ACCESS.get(self.command))]


class CaseFiled(s.Body):
    """立案: the court files the case and usually serves the notice to respond with it."""

    kind: Literal["case_filed"]
    facts: s.FileCase
    notice: s.ServeDocument | None = Field(None, description="应诉通知书, served with the filing")

    def steps(self) -> list[Step]:
        filing = [Step("", "file_case", self.facts.model_dump())]
        if self.notice is None:
            return filing
        return [*filing, Step("notice", "serve_document", self.notice.model_dump())]


class DocumentServed(_OnCase):
    """文书送达, a summons (传票) included."""

    command = "serve_document"
    kind: Literal["document_served"]
    facts: s.ServeDocument


class HearingScheduled(_OnCase):
    command = "schedule_hearing"
    kind: Literal["hearing_scheduled"]
    facts: s.ScheduleHearing


class JudgmentServed(_OnCase):
    """判决书 / 裁定书 served, with the outcome for the agency."""

    command = "serve_judgment"
    kind: Literal["judgment_served"]
    facts: s.ServeJudgment


class JudgmentEffective(_OnCase):
    command = "make_effective"
    kind: Literal["judgment_effective"]
    facts: s.MakeEffective


class CaseConcluded(_OnCase):
    """准予撤诉裁定 or 调解书: the case ends without a judgment."""

    command = "conclude_without_judgment"
    kind: Literal["case_concluded"]
    facts: s.Conclude


class AppealFiled(_OnCase):
    command = "file_appeal"
    kind: Literal["appeal_filed"]
    facts: s.FileAppeal


class SuggestionIssued(_OnCase):
    """司法建议书: a judicial suggestion the court served on the defendant agency."""

    command = "record_suggestion"
    kind: Literal["suggestion_issued"]
    facts: s.RecordSuggestion


Delivery = Annotated[
    CaseFiled
    | DocumentServed
    | HearingScheduled
    | JudgmentServed
    | JudgmentEffective
    | CaseConcluded
    | AppealFiled
    | SuggestionIssued,
    Field(discriminator="kind"),
]


def incoming(delivery: Delivery, court: str, delivery_id: str, body_sha256: str) -> Incoming:
    case = None if isinstance(delivery, CaseFiled) else delivery.case
    return Incoming(
        court=court,
        delivery_id=delivery_id,
        body_sha256=body_sha256,
        kind=delivery.kind,
        steps=delivery.steps(),
        case_id=case.case_id if case else None,
        case_number=case.case_number if case else None,
    )


class ReceiptEvent(BaseModel):
    type: str
    version: int
    position: int


class Receipt(BaseModel):
    """送达回证. Its signature is in the response's webhook-* headers, over the exact bytes."""

    delivery_id: str
    court: str
    kind: str
    case_id: str
    events: list[ReceiptEvent]
    position: int = Field(description="Pass as min_position to read the delivery's effects")
    received_at: str = Field(description="When the delivery first arrived (Asia/Shanghai)")
    body_sha256: str = Field(description="SHA-256 (hex) of the delivery body as received")


EXAMPLES: dict[str, dict[str, Any]] = {
    "case_filed": {
        "kind": "case_filed",
        "facts": s.EXAMPLES[s.FileCase],
        "notice": {"kind": "notice_to_respond", "served_date": "2025-09-22"},
    },
    "document_served": {
        "kind": "document_served",
        "case": {"case_number": "（2025）粤0106行初123号"},
        "facts": s.EXAMPLES[s.ServeDocument],
    },
    "judgment_served": {
        "kind": "judgment_served",
        "case": {"case_number": "（2025）粤0106行初123号"},
        "facts": s.EXAMPLES[s.ServeJudgment],
    },
}
