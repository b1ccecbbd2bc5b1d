"""Recording an interview (约谈): the bureau, for an agency of its jurisdiction."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from case_api.interviews.domain import Interview, interview_id
from case_api.platform.access import Principal, Role
from case_api.platform.domain_errors import InvalidValue, RuleViolation
from case_api.platform.errors import Forbidden
from case_api.platform.eventstore import CaseStore
from case_api.platform.groupcommit import GroupCommitter
from case_api.registry.service import RegistryService


class Interviews:
    def __init__(self, store: CaseStore, committer: GroupCommitter, registry: RegistryService):
        self.store = store
        self.committer = committer
        self.registry = registry

    def record(self, principal: Principal, today: date, facts: dict[str, Any]) -> tuple[str, int]:
        """The interview's id and feed position."""
        agency = facts["agency"]
        path = self.registry.path_of(self.registry.agency(agency).jurisdiction)
        if principal.role is Role.BUREAU_OFFICER and f"/{principal.jurisdiction}/" not in path:
            raise Forbidden(
                f"{agency} is not in your jurisdiction.", "该单位不在本辖区内，不能约谈。"
            )
        if facts["interview_date"] > today:
            raise InvalidValue(
                "fact-dated-in-future",
                f"interview_date {facts['interview_date']} is after today ({today}).",
                "约谈日期不能晚于今天。",
                field="interview_date",
            )
        key = interview_id(agency, facts["reference"])
        if self._exists(key):
            raise RuleViolation(
                "interview-exists",
                f"Interview {facts['reference']} of {agency} is already recorded.",
                f"约谈 {facts['reference']} 已登记。",
                interview_id=str(key),
            )
        interview = Interview(meta=principal.meta(), **facts)
        return str(interview.id), self.committer.save(interview)

    def _exists(self, key: Any) -> bool:
        try:
            self.store.repository.get(key)
        except AggregateNotFoundError:
            return False
        return True
