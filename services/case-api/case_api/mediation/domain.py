"""The mediation register (行政争议调解): centres and their stations, and the mediators on
the roster [004 5-③三、五].

A centre or station is one aggregate, its id derived from its code; a mediator is one
aggregate, its id derived from the centre and the roster number (名册编号), so a resend
lands on the entry already made. A mediator serves from ``active_from`` until
``active_to`` (inclusive; None: still serving).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from case_api.chain.domain import ChainedAggregate
from case_api.platform.domain_errors import InvalidValue, RuleViolation

Meta = dict[str, Any]


def centre_id(code: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"yingsu:mediation-centre:{code}")


def mediator_id(centre: str, roster_number: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"yingsu:mediator:{centre}:{roster_number}")


class MediationCentre(ChainedAggregate):
    """A 调解中心, or a 工作站 of one (``station_of`` names the centre's code).

    ``pack_entry``: the centre or station of the jurisdiction's rule pack this entry is,
    with the clause that set it up (``source``); None for one the pack does not name."""

    @event("MediationCentreRegistered")
    def __init__(
        self,
        *,
        code: str,
        name: str,
        jurisdiction: str,
        station_of: str | None,
        pack_entry: str | None,
        source: str | None,
        meta: Meta,
    ) -> None:
        self.code = code
        self.name = name
        self.jurisdiction = jurisdiction
        self.station_of = station_of

    @staticmethod
    def create_id(code: str, **_: Any) -> UUID:
        return centre_id(code)


class Mediator(ChainedAggregate):
    @event("MediatorEnrolled")
    def __init__(
        self,
        *,
        centre: str,
        roster_number: str,
        name: str,
        speciality: str,
        active_from: date,
        active_to: date | None,
        meta: Meta,
    ) -> None:
        self.centre = centre
        self.roster_number = roster_number
        self.name = name
        self.active_from = active_from
        self.active_to = active_to

    @staticmethod
    def create_id(centre: str, roster_number: str, **_: Any) -> UUID:
        return mediator_id(centre, roster_number)

    def end_term(self, *, active_to: date, meta: Meta) -> None:
        """The mediator leaves the roster after ``active_to``; an earlier end replaces a later."""
        check_term(self.active_from, active_to)
        if self.active_to is not None and active_to >= self.active_to:
            raise RuleViolation(
                "mediator-term-already-ends",
                f"The mediator's term already ends on {self.active_to}.",
                f"该调解员的任期已于 {self.active_to} 结束。",
                active_to=self.active_to.isoformat(),
            )
        self._term_ended(active_to=active_to, meta=meta)

    @event("MediatorTermEnded")
    def _term_ended(self, active_to: date, meta: Meta) -> None:
        self.active_to = active_to

    def cited_facts(self) -> dict[str, Any]:
        """What a mediation attempt checks and keeps of the mediator named."""
        return {
            "mediator_id": str(self.id),
            "name": self.name,
            "centre": self.centre,
            "active_from": self.active_from,
            "active_to": self.active_to,
        }


def check_term(active_from: date, active_to: date | None) -> None:
    if active_to is not None and active_to < active_from:
        raise InvalidValue(
            "mediator-term-ends-before-start",
            f"active_to {active_to} precedes active_from {active_from}.",
            "调解员任期的结束日期早于开始日期。",
            field="active_to",
        )
