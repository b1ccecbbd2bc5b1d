"""Jinzhai's joint meeting as the body that establishes loss responsibility [001 八-十],
through HTTP: one meeting considers two cases, its papers are due 3 days before, it records a
written opinion per case, every member unit countersigns, the office archives it, and only
then may a decision rest on it."""

from __future__ import annotations

from typing import Any

from case_api.accountability.tables import accountability_decisions, accountability_meetings
from case_api.readmodel.rebuild import rebuild
from tests.api_client import Api
from tests.case_api.accountability_steps import JINZHAI_MEMBERS, Place, jinzhai_report, person
from tests.case_api.test_rebuild import dump

ACC = "accountability"
OPINIONS = f"{ACC}/meeting-opinions"
SIGN = f"{OPINIONS}/countersignatures"
ARCHIVE = f"{OPINIONS}/archive"
MEETING = "2026-04-23"  # a Thursday; papers due Monday 04-20


async def lost_case_with_party(jz: Place, number: str) -> str:
    case = await jz.lost_case("2026-03-02", "2026-03-18", number=number)
    await jz.do(case, "loss-reports", jinzhai_report("2026-03-20"), "agency")
    await jz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-03-25"}, "bureau")
    handler = person("p1", f"jz-1{number}", jz.agency_code, "unclear_facts", "2025-05-10")
    await jz.do(case, f"{ACC}/parties", {"party": handler, "named_date": "2026-04-01"}, "agency")
    return case


def opinion(party_ids: list[str], **more: Any) -> dict[str, Any]:
    return {
        "meeting_date": MEETING,
        "established": bool(party_ids),
        "party_ids": party_ids,
        "reasons": "主要事实不清、证据不足，承办人未尽审查职责",
        "recorded_date": MEETING,
        **more,
    }


def sanction(party_id: str = "p1") -> dict[str, Any]:
    return {
        "party_id": party_id,
        "decision": "sanction",
        "ground": "unclear_facts",
        "sanctions": ["written_self_criticism"],
        "deciding_organ": "县监察局",
        "decided_date": "2026-04-28",
    }


async def meetings(jz: Place, who: str = "bureau") -> dict[str, Any]:
    r = await jz.api.client.get(
        f"/v1/{ACC}/meetings",
        params={
            "jurisdiction": jz.code,
            "from_date": "2026-04-01",
            "to_date": "2026-04-30",
            "min_position": jz.position,
        },
        headers=getattr(jz, who),
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_one_meeting_two_cases_only_the_archived_opinion_lets_a_decision_stand(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register()
    signed, unsigned = [await lost_case_with_party(jz, n) for n in "12"]
    for case in (signed, unsigned):
        await jz.do(
            case, f"{ACC}/meetings", {"meeting_date": MEETING, "agenda": "责任认定"}, "bureau"
        )
    await jz.do(signed, f"{ACC}/meeting-papers", {"sent_date": "2026-04-20"}, "bureau")
    await jz.do(unsigned, f"{ACC}/meeting-papers", {"sent_date": "2026-04-22"}, "bureau")
    papers = [(await jz.deadlines(c))["meeting_papers"][0] for c in (signed, unsigned)]
    assert [(p["due_date"], p["status"]) for p in papers] == [
        ("2026-04-20", "met"),
        ("2026-04-20", "met_late"),
    ]

    # Before the meeting's opinion is archived, the meeting has not decided [001 八、十].
    assert await jz.refused(signed, f"{ACC}/decisions", sanction(), "discipline") == (
        "decision-requires-archived-opinion"
    )
    assert await jz.refused(
        signed, SIGN, {"member": "court", "signed_date": MEETING}, "bureau"
    ) == ("no-meeting-opinion")
    early = opinion(["p1"], recorded_date="2026-04-22")
    assert await jz.refused(signed, OPINIONS, early, "bureau") == "opinion-before-meeting"
    elsewhere = opinion(["p1"], meeting_date="2026-04-16")
    assert await jz.refused(signed, OPINIONS, elsewhere, "bureau") == "meeting-not-scheduled"
    assert await jz.refused(signed, OPINIONS, opinion(["p9"]), "bureau") == "party-not-named"
    mismatch = await jz.do(signed, OPINIONS, opinion([], established=True), "bureau", 422)
    assert mismatch["code"] == "opinion-parties-mismatch"

    for case in (signed, unsigned):
        await jz.do(case, OPINIONS, opinion(["p1"]), "bureau")
    stranger = {"member": "county_committee", "signed_date": "2026-04-24"}
    assert await jz.refused(signed, SIGN, stranger, "bureau") == "member-not-in-pack"
    for member in JINZHAI_MEMBERS:
        await jz.do(signed, SIGN, {"member": member, "signed_date": "2026-04-24"}, "bureau")
    again = {"member": "court", "signed_date": "2026-04-25"}
    assert await jz.refused(signed, SIGN, again, "bureau") == "opinion-already-countersigned"
    for member in ("legal_office", "court"):
        await jz.do(unsigned, SIGN, {"member": member, "signed_date": "2026-04-24"}, "bureau")
    archive = {"archived_date": "2026-04-27"}
    assert await jz.refused(unsigned, ARCHIVE, archive, "bureau") == "opinion-not-countersigned"
    await jz.do(signed, ARCHIVE, archive, "bureau")
    assert await jz.refused(signed, SIGN, again, "bureau") == "opinion-already-archived"

    await jz.do(signed, f"{ACC}/decisions", sanction(), "discipline")
    assert await jz.refused(unsigned, f"{ACC}/decisions", sanction(), "discipline") == (
        "decision-requires-archived-opinion"
    )

    found = await meetings(jz)
    assert found["figures"] == {
        "meetings": 1,
        "cases_considered": 2,
        "papers_sent": 2,
        "opinions_recorded": 2,
        "responsibility_established": 2,
        "opinions_countersigned": 1,
        "opinions_archived": 1,
    }
    (meeting,) = found["meetings"]
    assert [m["id"] for m in meeting["members"]] == list(JINZHAI_MEMBERS)
    assert meeting["office_zh"] == "联席会议办公室（设在县政府法制办）"
    by_case = {c["case_id"]: c["opinion"] for c in meeting["cases"]}
    assert by_case[signed]["awaiting"] == [] and by_case[signed]["archived_date"] == "2026-04-27"
    assert by_case[unsigned]["awaiting"] == ["supervision_bureau", "procuratorate"]
    assert by_case[unsigned]["archived_date"] is None

    view = await jz.view(signed)
    assert view["meetings"][0]["papers_sent_date"] == "2026-04-20"
    assert len(view["meetings"][0]["opinion"]["signatures"]) == 4
    assert view["decisions"][0]["opinion_meeting_date"] == MEETING
    tables = [accountability_meetings, accountability_decisions]
    before = dump(api.runtime.engine, tables)
    rebuild(api.settings, show_progress=False)
    assert dump(api.runtime.engine, tables) == before


async def test_a_sanction_needs_the_opinion_to_hold_the_party_responsible(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register()
    case = await lost_case_with_party(jz, "3")
    await jz.do(case, f"{ACC}/meetings", {"meeting_date": MEETING}, "bureau")
    # No papers went out before the meeting: the office missed its deadline [001 十].
    papers = (await jz.deadlines(case))["meeting_papers"][0]
    assert (papers["due_date"], papers["status"]) == ("2026-04-20", "missed")
    await jz.do(case, OPINIONS, opinion(["p1"]), "bureau")
    await jz.do(case, SIGN, {"member": "court", "signed_date": MEETING}, "bureau")
    # A revised opinion replaces the one not yet archived; its countersignatures lapse.
    await jz.do(case, OPINIONS, opinion([], established=False), "bureau")
    (entry,) = (await jz.view(case, "bureau"))["meetings"]
    assert entry["opinion"]["established"] is False
    assert entry["opinion"]["awaiting"] == list(JINZHAI_MEMBERS)
    for member in JINZHAI_MEMBERS:
        await jz.do(case, SIGN, {"member": member, "signed_date": "2026-04-24"}, "bureau")
    await jz.do(case, ARCHIVE, {"archived_date": "2026-04-24"}, "bureau")
    assert await jz.refused(case, OPINIONS, opinion(["p1"]), "bureau") == (
        "opinion-already-archived"
    )
    assert await jz.refused(case, f"{ACC}/decisions", sanction(), "discipline") == (
        "sanction-not-in-opinion"
    )
    exemption = {
        "party_id": "p1",
        "decision": "exemption",
        "ground": "counterparty_fraud",
        "deciding_organ": "县监察局",
        "decided_date": "2026-04-28",
    }
    await jz.do(case, f"{ACC}/decisions", exemption, "discipline")


async def test_packs_without_joint_meeting_members_refuse_the_opinion(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    case = await wz.lost_case("2026-03-02", "2026-03-18")
    assert await wz.refused(case, OPINIONS, opinion(["p1"]), "bureau") == "step-not-in-pack"
    archive = {"archived_date": "2026-04-24"}
    assert await wz.refused(case, ARCHIVE, archive, "bureau") == "step-not-in-pack"
