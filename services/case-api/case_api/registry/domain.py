"""Jurisdictions and agencies: who is sued, who oversees, and which rule pack applies.

Jurisdictions nest (city → county/district → township); an agency belongs to one
jurisdiction and, through it, to one rule pack (DOMAIN.md §1, §4). Ids derive from the codes
so a code registers once.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from case_api.chain.domain import ChainedAggregate, register_former_module

Meta = dict[str, Any]


def jurisdiction_id(code: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"yingsu:jurisdiction:{code}")


def agency_id(code: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"yingsu:agency:{code}")


class Jurisdiction(ChainedAggregate):
    @event("JurisdictionRegistered")
    def __init__(
        self, *, code: str, name: str, level: str, parent: str | None, pack: str, meta: Meta
    ) -> None:
        self.code = code
        self.name = name
        self.level = level
        self.parent = parent
        self.pack = pack

    @staticmethod
    def create_id(code: str, **_: Any) -> UUID:
        return jurisdiction_id(code)

    def change_pack(self, *, pack: str, meta: Meta) -> None:
        self._pack_changed(code=self.code, pack=pack, meta=meta)

    @event("JurisdictionPackChanged")
    def _pack_changed(self, code: str, pack: str, meta: Meta) -> None:
        self.pack = pack


class Agency(ChainedAggregate):
    @event("AgencyRegistered")
    def __init__(self, *, code: str, name: str, jurisdiction: str, level: str, meta: Meta) -> None:
        self.code = code
        self.name = name
        self.jurisdiction = jurisdiction
        self.level = level

    @staticmethod
    def create_id(code: str, **_: Any) -> UUID:
        return agency_id(code)

    def rename(self, *, name: str, meta: Meta) -> None:
        self._renamed(code=self.code, name=name, meta=meta)

    @event("AgencyRenamed")
    def _renamed(self, code: str, name: str, meta: Meta) -> None:
        self.name = name

    def record_administrative_acts(
        self, *, period: str, start: date, end: date, acts: int, meta: Meta
    ) -> None:
        """行政行为数量 of a period, the denominator of 发案率 [004 5-③二]: the system cannot
        know it, so the agency or its bureau records it; a later record replaces it."""
        self._administrative_acts_recorded(
            code=self.code, period=period, start=start, end=end, acts=acts, meta=meta
        )

    @event("AdministrativeActsRecorded")
    def _administrative_acts_recorded(
        self, code: str, period: str, start: date, end: date, acts: int, meta: Meta
    ) -> None:
        pass


def reviewing_jurisdiction(agency: Agency, home: Jurisdiction) -> str:
    """Whose legal office reviews this agency's loss reports [000 二(五)2].

    A department is reviewed at its own jurisdiction's level (市属单位 → city, 县属单位 →
    county); a government by the level above it (县级政府 → city, 乡镇政府 → county).
    """
    if agency.level == "government" and home.parent:
        return home.parent
    return home.code


def superior_jurisdiction(agency: Agency, home: Jurisdiction) -> str | None:
    """The jurisdiction whose government is the agency's superior administrative organ
    (上一级行政机关) [000 二(五)1]: a department's is its own jurisdiction's government, a
    government's the government one level up; None at the top of the tree."""
    if agency.level == "department" or (agency.level == "township" and home.level != "township"):
        return home.code
    return home.parent


register_former_module("case_api.domain.registry", __name__)
