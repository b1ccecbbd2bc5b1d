"""The joint meeting as a body that decides (联席会议, Jinzhai [001 八-十]).

The meeting considers the cases scheduled for its date; on each it forms a written opinion
(认定意见: whether loss responsibility is established, for which named parties, and why),
which every member unit countersigns (会签) before the meeting office archives it (归档).
Where the pack says the meeting decides, an accountability decision rests on the archived
opinion. Every step requires the pack's ``joint_meeting`` step, as scheduling does.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from case_api.accountability import rules as acc
from case_api.accountability.domain import AccountabilityPolicy, Decision, MeetingPolicy
from case_api.platform.domain_errors import InvalidValue, RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case


def members_of(case: Case, policy: AccountabilityPolicy | None) -> MeetingPolicy:
    found = acc.require_meeting_step(case, policy)
    if found.joint_meeting is None:
        raise RuleViolation(
            "no-joint-meeting-members",
            f"The {found.pack} pack lists no members of the joint meeting.",
            "本辖区规则包未列明联席会议成员单位。",
        )
    return found.joint_meeting


def check_opinion(
    case: Case,
    policy: AccountabilityPolicy | None,
    meeting_date: date,
    established: bool,
    party_ids: list[str],
    recorded_date: date,
) -> None:
    """A later opinion replaces one not yet archived (its countersignatures lapse)."""
    members_of(case, policy)
    state = case.accountability
    if meeting_date not in state["meetings"]:
        raise RuleViolation(
            "meeting-not-scheduled",
            f"No joint meeting on {meeting_date} considers this case.",
            "该日联席会议未安排讨论本案。",
        )
    if recorded_date < meeting_date:
        raise RuleViolation(
            "opinion-before-meeting",
            f"The meeting of {meeting_date} forms its opinion when it is held.",
            "联席会议召开后才能形成书面意见。",
        )
    _require_not_archived(state.get("opinion"))
    if established != bool(party_ids):
        raise InvalidValue(
            "opinion-parties-mismatch",
            "An opinion that establishes responsibility names the responsible parties; "
            "one that does not names none.",
            "认定应承担责任的，须列明责任单位或人员；认定不承担责任的，不列明。",
        )
    if len(set(party_ids)) != len(party_ids):
        raise InvalidValue("party-listed-twice", "A party is listed twice.", "责任对象重复。")
    for party_id in party_ids:
        acc.named_party(case, party_id)


def check_countersignature(
    case: Case, policy: AccountabilityPolicy | None, member: str, signed_date: date
) -> None:
    meeting = members_of(case, policy)
    opinion = _require_opinion(case)
    _require_not_archived(opinion)
    if member not in meeting.members:
        raise acc.not_in_pack(case.pack, "member", member)
    if member in opinion["signatures"]:
        raise RuleViolation(
            "opinion-already-countersigned",
            f"Member {member} already countersigned this opinion.",
            "该成员单位已会签。",
            member=member,
        )
    if signed_date < opinion["recorded_date"]:
        raise RuleViolation(
            "countersignature-before-opinion",
            f"The opinion was recorded on {opinion['recorded_date']}.",
            "会签日期不能早于书面意见形成日期。",
        )


def check_archive(case: Case, policy: AccountabilityPolicy | None, archived_date: date) -> None:
    meeting = members_of(case, policy)
    opinion = _require_opinion(case)
    _require_not_archived(opinion)
    missing = sorted(meeting.members - set(opinion["signatures"]))
    if missing:
        raise RuleViolation(
            "opinion-not-countersigned",
            f"Not yet countersigned by: {', '.join(missing)}.",
            "尚有成员单位未会签，不能归档。",
            missing=", ".join(missing),
        )
    if archived_date < max(opinion["signatures"].values()):
        raise RuleViolation(
            "archive-before-countersignature",
            "The opinion is archived after its last countersignature.",
            "归档日期不能早于最后一个成员单位的会签日期。",
        )


def check_decision_rests_on_opinion(
    case: Case, policy: AccountabilityPolicy, party_id: str, decision: str
) -> date | None:
    """The meeting date of the opinion the decision rests on; None where the meeting does
    not decide. A sanction needs the opinion to hold that party responsible."""
    meeting = policy.joint_meeting
    if meeting is None or not meeting.decides or "joint_meeting" not in policy.steps:
        return None
    opinion = case.accountability.get("opinion")
    if opinion is None or not opinion["archived"]:
        raise RuleViolation(
            "decision-requires-archived-opinion",
            f"In {policy.pack} the joint meeting establishes responsibility: a decision rests "
            "on its written opinion, countersigned by every member and archived.",
            "责任认定由联席会议作出：须其书面意见经成员单位会签并归档后，才能作出处理决定。",
        )
    if decision == Decision.SANCTION and party_id not in opinion["party_ids"]:
        raise RuleViolation(
            "sanction-not-in-opinion",
            f"The joint meeting's opinion does not hold {party_id} responsible.",
            "联席会议书面意见未认定该对象应承担责任。",
        )
    meeting_date: date = opinion["meeting_date"]
    return meeting_date


def _require_opinion(case: Case) -> dict[str, Any]:
    opinion = case.accountability.get("opinion")
    if opinion is None:
        raise RuleViolation(
            "no-meeting-opinion",
            "The joint meeting has recorded no written opinion on this case.",
            "联席会议尚未就本案形成书面意见。",
        )
    return dict(opinion)


def _require_not_archived(opinion: dict[str, Any] | None) -> None:
    if opinion is not None and opinion["archived"]:
        raise RuleViolation(
            "opinion-already-archived",
            "The opinion was archived; it is no longer changed or signed.",
            "书面意见已归档。",
        )
