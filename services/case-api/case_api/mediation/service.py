"""Keeping the mediation register: the bureau registers centres and stations of its
jurisdiction and enrols mediators on their roster; a mediation attempt looks its mediator up.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from case_api.mediation.domain import MediationCentre, Mediator, centre_id, check_term, mediator_id
from case_api.platform.access import Principal, Role
from case_api.platform.domain_errors import InvalidValue, NotFound, RuleViolation
from case_api.platform.errors import Forbidden
from case_api.platform.eventstore import CaseStore
from case_api.platform.groupcommit import GroupCommitter
from case_api.registry.service import RegistryService
from shared.rulepacks import PackLibrary
from shared.rulepacks.errors import PackNotFound, PackNotInEffect


class MediationRegister:
    def __init__(
        self,
        store: CaseStore,
        committer: GroupCommitter,
        registry: RegistryService,
        library: PackLibrary,
    ):
        self.store = store
        self.committer = committer
        self.registry = registry
        self.library = library

    def register_centre(
        self, principal: Principal, today: date, facts: dict[str, Any]
    ) -> tuple[str, int]:
        """The centre's id and feed position. A bureau registers those of its jurisdiction."""
        place = self.registry.jurisdiction(facts["jurisdiction"])
        path = self.registry.path_of(place.code)
        _may_manage(principal, path)
        parent = facts["station_of"]
        if parent is not None:
            self._check_station(parent, path)
        source = self._pack_source(place.pack, today, facts["pack_entry"], parent)
        if self._get(centre_id(facts["code"]), MediationCentre) is not None:
            raise RuleViolation(
                "mediation-centre-exists",
                f"Mediation centre {facts['code']} is already registered.",
                f"调解组织 {facts['code']} 已登记。",
                centre_id=str(centre_id(facts["code"])),
            )
        centre = MediationCentre(source=source, meta=principal.meta(), **facts)
        return str(centre.id), self.committer.save(centre)

    def enrol(self, principal: Principal, facts: dict[str, Any]) -> tuple[str, int]:
        """The mediator's id and feed position: a bureau enrols on its own centres' roster."""
        centre = self.centre(facts["centre"])
        _may_manage(principal, self.registry.path_of(centre.jurisdiction))
        check_term(facts["active_from"], facts["active_to"])
        found = mediator_id(facts["centre"], facts["roster_number"])
        if self._get(found, Mediator) is not None:
            raise RuleViolation(
                "mediator-exists",
                f"Roster number {facts['roster_number']} of {facts['centre']} is taken.",
                f"名册编号 {facts['roster_number']} 已登记。",
                mediator_id=str(found),
            )
        mediator = Mediator(meta=principal.meta(), **facts)
        return str(mediator.id), self.committer.save(mediator)

    def end_term(self, principal: Principal, mediator: str, active_to: date) -> int:
        found = self._get(_uuid(mediator), Mediator)
        if found is None:
            raise NotFound(
                "mediator-not-found",
                f"Mediator {mediator} is not on the roster.",
                f"调解员 {mediator} 不在调解员库中。",
            )
        _may_manage(principal, self.registry.path_of(self.centre(found.centre).jurisdiction))
        found.end_term(active_to=active_to, meta=principal.meta())
        return self.committer.save(found)

    def centre(self, code: str) -> MediationCentre:
        return find_centre(self.store, code)

    def _check_station(self, parent: str, path: str) -> None:
        """A 工作站 belongs to a centre (not to another station) at or above its place."""
        centre = self.centre(parent)
        if centre.station_of is not None:
            raise InvalidValue(
                "station-of-a-station",
                f"{parent} is itself a station; a station belongs to a centre.",
                "工作站只能隶属于调解中心。",
                centre=parent,
            )
        if f"/{centre.jurisdiction}/" not in path:
            raise InvalidValue(
                "station-outside-centre",
                f"The station lies outside the jurisdiction of centre {parent}.",
                "工作站须设在调解中心所在辖区内。",
                centre=parent,
            )

    def _pack_source(
        self, pack_id: str, today: date, entry: str | None, parent: str | None
    ) -> str | None:
        """The clause that set up ``entry`` in the jurisdiction's pack in force today."""
        if entry is None:
            return None
        try:
            section = self.library.pack(pack_id, today).mediation
        except (PackNotFound, PackNotInEffect):
            section = None
        named = section.entry(entry) if section else None
        if named is None or (named[1] is None) != (parent is None):
            raise InvalidValue(
                "not-a-pack-mediation-entry",
                f"Pack {pack_id} names no mediation {'station' if parent else 'centre'} {entry}.",
                f"规则包 {pack_id} 未列明该调解{'工作站' if parent else '中心'}。",
                pack_entry=entry,
            )
        centre, station = named
        return (station or centre).source

    def _get(self, aggregate_id: UUID | None, kind: type) -> Any:
        if aggregate_id is None:
            return None
        try:
            found = self.store.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, kind) else None


def find_centre(store: CaseStore, code: str) -> MediationCentre:
    try:
        found = store.repository.get(centre_id(code))
    except AggregateNotFoundError:
        found = None
    if not isinstance(found, MediationCentre):
        raise InvalidValue(
            "unknown-mediation-centre",
            f"Mediation centre {code} is not registered.",
            f"调解组织 {code} 未登记。",
            centre=code,
        )
    return found


def cited_mediator(store: CaseStore, mediator: str) -> dict[str, Any] | None:
    """The roster's facts of ``mediator`` for an attempt, or None when it is not on it."""
    key = _uuid(mediator)
    if key is None:
        return None
    try:
        found = store.repository.get(key)
    except AggregateNotFoundError:
        return None
    return found.cited_facts() if isinstance(found, Mediator) else None


def check_serves(
    store: CaseStore, registry: RegistryService, mediator: dict[str, Any] | None, place: str
) -> None:
    """A mediator mediates the cases of the place its centre serves: the centre's
    jurisdiction and below (a station's, its centre's), so a district station's mediator
    may take a city case, but no mediator another city's."""
    if mediator is None:
        return
    centre = find_centre(store, mediator["centre"])
    if centre.station_of is not None:
        centre = find_centre(store, centre.station_of)
    if not registry.path_of(place).startswith(registry.path_of(centre.jurisdiction)):
        raise RuleViolation(
            "mediator-out-of-place",
            f"Mediator {mediator['mediator_id']} serves {centre.jurisdiction}, not this case.",
            f"调解员 {mediator['name']} 所在调解组织不负责本案所在地区。",
            mediator_id=mediator["mediator_id"],
        )


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


def _may_manage(principal: Principal, path: str) -> None:
    """A bureau keeps the register of its jurisdiction and those below it."""
    if principal.role is Role.ADMIN:
        return
    bureau = principal.role is Role.BUREAU_OFFICER and principal.jurisdiction
    if bureau and f"/{principal.jurisdiction}/" in path:
        return
    raise Forbidden(
        "Only the judicial bureau of the place keeps its mediation register.",
        "只能管理本辖区的调解组织和调解员。",
    )
