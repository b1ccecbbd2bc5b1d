"""Registering jurisdictions and agencies, and placing a new case in the tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from case_api.platform.domain_errors import InvalidValue, RuleViolation
from case_api.platform.eventstore import CaseStore
from case_api.platform.groupcommit import GroupCommitter
from case_api.registry.domain import (
    Agency,
    Jurisdiction,
    agency_id,
    jurisdiction_id,
    reviewing_jurisdiction,
    superior_jurisdiction,
)


@dataclass(frozen=True)
class Placement:
    """Where a new case belongs: its implementing agency's jurisdiction and rule pack."""

    jurisdiction: str
    path: str
    pack: str
    agency_codes: list[str]


class RegistryService:
    def __init__(self, store: CaseStore, committer: GroupCommitter, pack_ids: frozenset[str]):
        self.store = store
        self.committer = committer
        self.pack_ids = pack_ids
        self._paths: dict[str, str] = {}  # a jurisdiction's parent never changes

    def register_jurisdiction(self, *, meta: dict[str, Any], **facts: Any) -> int:
        if facts["pack"] not in self.pack_ids:
            raise _unknown_pack(facts["pack"])
        if facts.get("parent"):
            self.jurisdiction(facts["parent"])
        if self._exists(jurisdiction_id(facts["code"])):
            raise _already("jurisdiction", facts["code"])
        return self.committer.save(Jurisdiction(meta=meta, **facts))

    def change_pack(self, code: str, pack: str, meta: dict[str, Any]) -> int:
        if pack not in self.pack_ids:
            raise _unknown_pack(pack)
        jurisdiction = self.jurisdiction(code)
        jurisdiction.change_pack(pack=pack, meta=meta)
        return self.committer.save(jurisdiction)

    def register_agency(self, *, meta: dict[str, Any], **facts: Any) -> int:
        self.jurisdiction(facts["jurisdiction"])
        if self._exists(agency_id(facts["code"])):
            raise _already("agency", facts["code"])
        return self.committer.save(Agency(meta=meta, **facts))

    def record_administrative_acts(
        self, code: str, *, period: str, start: Any, end: Any, acts: int, meta: dict[str, Any]
    ) -> int:
        agency = self.agency(code)
        agency.record_administrative_acts(period=period, start=start, end=end, acts=acts, meta=meta)
        return self.committer.save(agency)

    def jurisdiction(self, code: str) -> Jurisdiction:
        try:
            return self.store.repository.get(jurisdiction_id(code))
        except AggregateNotFoundError:
            raise InvalidValue(
                "unknown-jurisdiction",
                f"Jurisdiction {code} is not registered.",
                f"辖区 {code} 未登记。",
            ) from None

    def agency(self, code: str) -> Agency:
        try:
            return self.store.repository.get(agency_id(code))
        except AggregateNotFoundError:
            raise InvalidValue(
                "unknown-agency", f"Agency {code} is not registered.", f"单位 {code} 未登记。"
            ) from None

    def path_of(self, code: str) -> str:
        """``/city/county/`` for a jurisdiction: bureau officers see everything below theirs."""
        if code not in self._paths:
            jurisdiction = self.jurisdiction(code)
            parent = self.path_of(jurisdiction.parent) if jurisdiction.parent else "/"
            self._paths[code] = f"{parent}{code}/"
        return self._paths[code]

    def reviewing_jurisdiction(self, agency_code: str) -> str:
        agency = self.agency(agency_code)
        return reviewing_jurisdiction(agency, self.jurisdiction(agency.jurisdiction))

    def decider_facts(self, deciding_agency: str, unit: str | None) -> dict[str, Any]:
        """What a decision on ``unit`` needs to know of its deciding agency: the agency's
        level and jurisdiction, and the jurisdiction of the unit's superior organ (None when
        the unit is not registered)."""
        decider = self.agency(deciding_agency)
        superior = None
        if unit is not None and self._exists(agency_id(unit)):
            found = self.agency(unit)
            superior = superior_jurisdiction(found, self.jurisdiction(found.jurisdiction))
        return {
            "agency": decider.code,
            "level": decider.level,
            "jurisdiction": decider.jurisdiction,
            "unit_superior": superior,
        }

    def place_case(self, agencies: list[dict[str, str]]) -> Placement:
        implementing = [a for a in agencies if a["role"] == "implementing"] or agencies
        home = self.agency(implementing[0]["agency_id"])
        for other in agencies:
            self.agency(other["agency_id"])
        jurisdiction = self.jurisdiction(home.jurisdiction)
        return Placement(
            jurisdiction=jurisdiction.code,
            path=self.path_of(jurisdiction.code),
            pack=jurisdiction.pack,
            agency_codes=[a["agency_id"] for a in agencies],
        )

    def _exists(self, aggregate_id: Any) -> bool:
        try:
            self.store.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return False
        return True


def _unknown_pack(pack: str) -> InvalidValue:
    return InvalidValue(
        "unknown-rule-pack", f"No rule pack named {pack}.", f"没有名为 {pack} 的规则包。"
    )


def _already(kind: str, code: str) -> RuleViolation:
    return RuleViolation(
        f"{kind}-already-registered",
        f"The {kind} {code} is already registered.",
        f"{code} 已登记。",
    )
