"""Registering a risky decision (容错风险报备) and looking one up for a decision."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from case_api.platform.access import Principal, Role
from case_api.platform.domain_errors import InvalidValue, RuleViolation
from case_api.platform.errors import Forbidden
from case_api.platform.eventstore import CaseStore
from case_api.platform.groupcommit import GroupCommitter
from case_api.registry.service import RegistryService
from case_api.risks.domain import RiskRegistration, registration_id


class RiskRegistrations:
    def __init__(self, store: CaseStore, committer: GroupCommitter, registry: RegistryService):
        self.store = store
        self.committer = committer
        self.registry = registry

    def register(self, principal: Principal, today: date, facts: dict[str, Any]) -> tuple[str, int]:
        """The registration's id and feed position. An agency registers its own decisions."""
        agency = facts["agency"]
        if principal.role is Role.AGENCY_USER and principal.agency != agency:
            raise Forbidden("An agency registers only its own decisions.", "只能报备本单位的决策。")
        self.registry.agency(agency)
        # The decision itself may still lie ahead: that is what registering in advance means.
        if facts["registered_date"] > today:
            raise InvalidValue(
                "fact-dated-in-future",
                f"registered_date {facts['registered_date']} is after today ({today}).",
                "报备日期不能晚于今天。",
                field="registered_date",
            )
        found = self.get(registration_id(agency, facts["reference"]))
        if found is not None:
            raise RuleViolation(
                "risk-registration-exists",
                f"{agency} already registered {facts['reference']}.",
                f"报备编号 {facts['reference']} 已报备。",
                registration_id=str(found.id),
            )
        registration = RiskRegistration(meta=principal.meta(), **facts)
        return str(registration.id), self.committer.save(registration)

    def get(self, aggregate_id: UUID) -> RiskRegistration | None:
        try:
            found = self.store.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, RiskRegistration) else None

    def cited(self, registration: str) -> dict[str, Any] | None:
        """The facts a decision rests on, or None when no such registration exists."""
        try:
            key = UUID(registration)
        except ValueError:
            return None
        found = self.get(key)
        return found.cited_facts() if found else None
