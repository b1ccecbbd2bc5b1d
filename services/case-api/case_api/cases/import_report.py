"""What a bulk import reports: the counts, the rates, and each refused record with why."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from case_api.platform.domain_errors import DomainError


@dataclass(frozen=True)
class Refusal:
    line: int
    case_number: str | None
    fact: int | None  # index in ``facts``; None for the case itself
    code: str
    message: str


@dataclass
class ImportReport:
    cases: int = 0
    imported: int = 0
    already_present: int = 0
    events: int = 0
    seconds: float = 0.0
    save_seconds: float = 0.0
    refused: list[Refusal] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    @property
    def save_rate(self) -> float:
        """Events per second inside the library's batched ``save`` alone, for comparison."""
        return self.events / self.save_seconds if self.save_seconds else 0.0


class DuplicateRecord(DomainError):
    code = "duplicate-record"

    def __init__(self, case_number: str) -> None:
        super().__init__(
            f"Case {case_number} of this court appears earlier in the file.",
            f"案件 {case_number} 在文件中重复出现。",
        )


REFUSED = (DomainError, ValidationError, ValueError, TypeError, KeyError)
"""What makes a record refused rather than the import stopped."""


def refusal(line: int, record: Any, fact: int | None, error: Exception) -> Refusal:
    number = record.get("case_number") if isinstance(record, dict) else None
    if isinstance(error, DomainError):
        return Refusal(line, number, fact, error.code, error.message)
    if isinstance(error, ValidationError):
        return Refusal(line, number, fact, "invalid-record", _first_error(error))
    return Refusal(line, number, fact, "invalid-record", str(error))


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"{where}: {first.get('msg')}"


def read_lines(path: str) -> Iterator[str]:
    with open(path, encoding="utf-8") as file:
        yield from file
