"""A fault-tolerance decision resting on a 容错风险报备 [000 四(二)]: the act that lost the
suit was registered as a risk in advance, by the unit that made it.

The pack marks which fault-tolerance grounds need a registration; the command layer looks
the named registration up and passes its facts in (``registration_id``, ``agency``,
``registered_date``), which the decision event keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from case_api.accountability.domain import AccountabilityPolicy
from case_api.platform.domain_errors import InvalidValue, RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case


def check_cited(
    case: Case,
    policy: AccountabilityPolicy,
    party_id: str,
    ground: str,
    registration_id: str | None,
    registration: dict[str, Any] | None,
) -> None:
    needed = ground in policy.registration_grounds
    if not needed:
        if registration_id is not None:
            raise InvalidValue(
                "risk-registration-not-for-ground",
                f"Ground {ground!r} does not rest on a risk registration.",
                "该情形不以容错风险报备为依据，无需列明报备。",
            )
        return
    if registration_id is None:
        raise InvalidValue(
            "risk-registration-required",
            f"Ground {ground!r} needs the risk registration it rests on.",
            "以事先经过容错风险报备为由容错免责的，须列明该报备。",
        )
    if registration is None:
        raise InvalidValue(
            "risk-registration-not-found",
            f"No risk registration {registration_id} is on record.",
            f"容错风险报备 {registration_id} 不存在。",
            registration_id=registration_id,
        )
    fault = case.accountability["faults"].get(party_id) or {}
    if registration["agency"] != fault.get("agency"):
        raise RuleViolation(
            "risk-registration-other-unit",
            f"Registration {registration_id} was filed by {registration['agency']}, not by "
            f"the party's unit {fault.get('agency')}.",
            "该容错风险报备不是责任对象所在单位报备的。",
            registration_id=registration_id,
        )
    fault_date = fault.get("fault_date")
    if fault_date is not None and not registration["registered_date"] < fault_date:
        raise RuleViolation(
            "risk-registration-after-fault",
            f"Registration {registration_id} of {registration['registered_date']} does not "
            f"predate the fault of {fault_date}.",
            "容错风险报备须在过错行为发生之前作出。",
            registration_id=registration_id,
        )
