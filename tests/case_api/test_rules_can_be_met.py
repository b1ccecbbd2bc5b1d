"""Every obligation the rule packs create can be met (DOMAIN.md §4): each rule of each pack,
walked over HTTP, becomes ``met`` when a principal of the rule's actor records what meets it.

Rules that once had no way to be met: Xiuyan's briefing of the deputy county head
[002 第七条] and Xiangshan's forwarding to the county leader [003 二(一)3] (their events had
no command), Wenzhou's city filing [000 二(五)2] (also owed after a city-level review, which
nobody files) and Wenzhou's handling [000 二(五)3] (owed by the agency, met only by decisions
the agency may not record). A new rule its actor cannot meet fails pack validation; one whose
facts the walk cannot record fails here, naming the event.
"""

from __future__ import annotations

import pytest

from case_api.cases.command_table import ACCESS
from case_api.cases.history import EVENT_COMMANDS
from case_api.platform.access import Principal, Role, may
from shared.eventtypes import EVENT_TYPES
from shared.rulepacks import PackLibrary
from tests.api_client import Api
from tests.case_api.rule_walk import ACTOR_ROLE, TODAY, Place, RuleWalk

LIBRARY = PackLibrary.load()
ROLES = {
    "agency": Role.AGENCY_USER,
    "bureau": Role.BUREAU_OFFICER,
    "court": Role.COURT_SYSTEM,
    "discipline": Role.DISCIPLINE_OFFICER,
}


@pytest.mark.parametrize("event", sorted(t.name for t in EVENT_TYPES.values() if t.recorded_by))
def test_who_the_catalogue_says_records_an_event_may_run_its_command(event: str) -> None:
    command = "file_case" if event == "CaseFiled" else EVENT_COMMANDS[event]
    for actor in EVENT_TYPES[event].recorded_by:
        role = ROLES[ACTOR_ROLE[actor]]
        assert may(Principal("p", role), ACCESS.get(command, command)), (event, actor)


@pytest.mark.parametrize("pack", LIBRARY.pack_ids())
async def test_every_rule_of_the_pack_is_met_by_its_actor_over_http(api: Api, pack: str) -> None:
    api.set_today(TODAY)
    place = Place(api, pack)
    await place.register()
    unmet = {}
    for number, resolved in enumerate(LIBRARY.rules(pack), 1):
        found = await RuleWalk(place, resolved.rule, number).meet()
        statuses = [d["status"] for d in found]
        if statuses != ["met"]:
            unmet[resolved.id] = statuses
    assert unmet == {}
