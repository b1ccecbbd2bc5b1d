"""Request bodies of the accountability commands (DOMAIN.md §6). Amounts are whole yuan.

Grounds, factors and sanctions are ids from the case's pack (``GET /v1/accountability/packs/{pack}``); the
aggregate rejects anything else with 409.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from case_api.accountability.domain import PersonRole, UnitRole
from case_api.cases.schemas_commands import Body
from case_api.platform.http.schema_rules import both, one_of_values, required_text, rules, when

Ident = Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")
Idents = Field(default_factory=list, max_length=20)
Text = Field(default="", max_length=4000)


class CompleteInvestigation(Body):
    """败诉责任调查完成 (责任分析报告): the facts the decisions rest on."""

    completed_date: date
    findings: str = Text
    act_date: date | None = Field(None, description="Date of the sued administrative act")
    direct_loss_yuan: int = Field(0, ge=0, description="Direct economic loss to the government")
    dereliction: bool = Field(False, description="The loss was caused by dereliction (失职渎职)")


class IssueReviewOpinion(Body):
    """审核意见反馈: the legal office sends its review opinion back to the agency."""

    issued_date: date
    opinion: str = Text


class JointReviewUnit(Body):
    """A unit that reviews the report with the legal office."""

    unit_id: str = Field(min_length=1, max_length=64, description="The unit's code")
    name: str = Field(min_length=1, max_length=128)
    kind: str = Field(
        min_length=1,
        max_length=64,
        pattern=r"^[a-z][a-z0-9_]*$",
        description="A unit kind of the pack's joint review (Wenzhou: court, "
        "organisation_department, other)",
    )


class DesignateJointReview(Body):
    """会同联合审核: the legal office designates a major, difficult, complex or highly disputed
    case for review together with the court, the organisation department and others, while the
    report awaits its review. The review then waits for every unit of a required kind."""

    grounds: list[str] = Field(
        min_length=1, max_length=10, description="Ground ids of the pack's joint review"
    )
    units: list[JointReviewUnit] = Field(min_length=1, max_length=20)
    reason: str = Text
    designated_date: date


class RecordJointReviewPosition(Body):
    """A participating unit concurs or dissents, with its opinion, on the report now under
    review; the legal office records it on the unit's behalf, once per unit and review."""

    unit_id: str = Field(min_length=1, max_length=64)
    position: Literal["concur", "dissent"]
    opinion: str = Field(min_length=1, max_length=4000)
    recorded_date: date


class CompleteCityFiling(Body):
    """县级审核意见报市备案."""

    filed_date: date


class ScheduleJointMeeting(Body):
    """联席会议 on the case (Jinzhai)."""

    meeting_date: date
    agenda: str = Text


class SendMeetingPapers(Body):
    """会议资料送达成员单位, due 3 days before the meeting (Jinzhai)."""

    sent_date: date


PartyId = Annotated[str, Field(min_length=1, max_length=64)]


class RecordMeetingOpinion(Body):
    """认定意见: the joint meeting's written opinion on the case, recorded by the meeting
    office (at the legal office) after the meeting it was discussed at. It states whether
    loss responsibility is established, for which named parties, and why. A later opinion
    replaces one not yet archived, and its countersignatures lapse (Jinzhai [001 八、十]).
    ``party_ids`` lists each party once, and is empty exactly when ``established`` is false
    (else 422 ``opinion-parties-mismatch`` / ``party-listed-twice``)."""

    meeting_date: date = Field(description="The scheduled joint meeting that discussed the case")
    established: bool = Field(description="Loss responsibility is established (认定应担责)")
    party_ids: list[PartyId] = Field(
        default_factory=list,
        max_length=20,
        description="Named responsible parties the opinion holds responsible; none when not "
        "established",
    )
    reasons: str = Field(min_length=1, max_length=4000)
    recorded_date: date


class CountersignMeetingOpinion(Body):
    """会签: a member unit of the joint meeting agrees to the opinion; the meeting office
    records each member's signature once. Members are the pack's
    (``GET /v1/accountability/packs/{pack}``, ``joint_meeting.members``)."""

    member: str = Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")
    signed_date: date


class ArchiveMeetingOpinion(Body):
    """归档保管: the meeting office archives the opinion once every member countersigned."""

    archived_date: date


class Party(Body):
    """A responsible unit or person, as at the time of the fault.

    ``person_id`` is stable across agencies (a registry id or an ID-card hash), so the
    person's record survives a transfer. ``fault_kind`` is a ground id of the pack.
    """

    model_config = ConfigDict(
        json_schema_extra=rules(
            when(
                "kind",
                "person",
                both(
                    one_of_values("role", [r.value for r in PersonRole]),
                    required_text("person_id"),
                ),
            ),
            when("kind", "unit", one_of_values("role", [r.value for r in UnitRole])),
        )
    )

    party_id: str = Field(min_length=1, max_length=64)
    kind: Literal["person", "unit"]
    name: str = Field(min_length=1, max_length=128)
    agency: str = Field(min_length=1, max_length=64, description="Agency code at the time")
    post: str = Field("", max_length=128, description="Post at the time (persons)")
    role: Literal[
        "handler",
        "reviewer",
        "approver",
        "principal_head",
        "deputy_head",
        "implementing",
        "nominal",
    ]
    person_id: str | None = Field(None, min_length=1, max_length=128)
    fault_kind: str = Ident
    fault_date: date
    city_managed: bool = Field(
        False, description="A cadre the city manages (市管干部): handed to the city, not decided"
    )


class NameResponsibleParty(Body):
    party: Party
    named_date: date


class DecideAccountability(Body):
    """处理决定 for one party: sanction, no accountability, exemption or fault tolerance."""

    party_id: str = Field(min_length=1, max_length=64)
    decision: Literal["sanction", "no_accountability", "exemption", "fault_tolerance"]
    ground: str = Ident
    sanctions: list[str] = Idents
    mitigation: list[str] = Idents
    aggravation: list[str] = Idents
    deciding_organ: str = Field(min_length=1, max_length=128)
    deciding_agency: str | None = Field(
        None,
        min_length=1,
        max_length=64,
        description="The deciding organ's registry code; a decision on a unit names it where "
        "the pack has the unit decided by its superior organ (Wenzhou [000 二(五)1])",
    )
    reason: str = Text
    decided_date: date
    risk_registration_id: str | None = Field(
        None,
        min_length=1,
        max_length=64,
        description="The 容错风险报备 a fault-tolerance ground rests on (Wenzhou "
        "pre_registered_risk): filed by the party's unit before the fault",
    )


class HandOverCityManagedCadre(Body):
    """市管干部移交: the county hands a city-managed cadre to a city organ of the pack (Xiuyan:
    city_discipline_commission, city_organisation_department) [002 第六条]."""

    party_id: str = Field(min_length=1, max_length=64)
    organ: str = Ident
    reason: str = Text
    handed_date: date


class ReportDecisionToCommittee(Body):
    """处理决定向县委报告 (Xiuyan)."""

    reported_date: date


class AppealSanction(Body):
    """复核 or 申诉 by a sanctioned party; the sanction stays in force meanwhile."""

    party_id: str = Field(min_length=1, max_length=64)
    kind: Literal["review", "appeal"]
    appealed_date: date


class DecideSanctionAppeal(Body):
    party_id: str = Field(min_length=1, max_length=64)
    outcome: Literal["upheld", "changed", "revoked"]
    sanctions: list[str] = Field(default_factory=list, max_length=20, description="If changed")
    decided_date: date


class IssueCorrectiveOpinion(Body):
    """纠正意见 of the joint meeting [000 五(二)]: the party's decision was handled improperly
    and the unit must decide again. The decision is reopened; the unit's next decision for the
    party supersedes it (the old one stays in the opinion's record). ``issued_date`` may not
    precede ``meeting_date``."""

    party_id: str = Field(min_length=1, max_length=64, description="Whose decision is improper")
    issued_by: str = Field(
        min_length=1, max_length=128, description="The meeting issuing it (e.g. 联席会议)"
    )
    meeting_date: date = Field(description="The meeting that adopted the opinion")
    issued_date: date
    improper: str = Field(min_length=1, max_length=4000, description="What is improper (不当之处)")
    required_action: str = Field(
        min_length=1, max_length=4000, description="What the unit must handle again (重新处理)"
    )


class RecoverCompensation(Body):
    """国家赔偿追偿 from a responsible person (Jinzhai §二十)."""

    party_id: str = Field(min_length=1, max_length=64)
    amount_yuan: int = Field(gt=0)
    recovered_date: date


class TransferToDisciplineOrgan(Body):
    """移送纪检监察机关. Where the pack lists the situations that are transferred (Xiangshan
    [003 二(四)3]), the transfer cites one of them as ``ground``; ``organ`` defaults to the
    pack's receiving organ."""

    transferred_date: date
    organ: str | None = Field(None, min_length=1, max_length=128)
    ground: str | None = Field(
        None,
        min_length=1,
        max_length=64,
        pattern=r"^[a-z][a-z0-9_]*$",
        description="A ground id of the pack's accountability grounds",
    )
    reason: str = Text


EXAMPLES: dict[type[Body], dict] = {
    CompleteInvestigation: {
        "completed_date": "2026-03-10",
        "findings": "事实认定不清",
        "act_date": "2025-03-01",
        "direct_loss_yuan": 0,
        "dereliction": False,
    },
    IssueReviewOpinion: {"issued_date": "2026-04-20", "opinion": "同意调查处理意见"},
    DesignateJointReview: {
        "grounds": ["major_case", "disputed_case"],
        "units": [
            {"unit_id": "wz-court", "name": "温州市中级人民法院", "kind": "court"},
            {"unit_id": "wz-org", "name": "中共温州市委组织部", "kind": "organisation_department"},
        ],
        "reason": "涉及多名领导干部，各方意见分歧较大",
        "designated_date": "2026-04-01",
    },
    RecordJointReviewPosition: {
        "unit_id": "wz-court",
        "position": "concur",
        "opinion": "同意责任分析报告的认定",
        "recorded_date": "2026-04-10",
    },
    CompleteCityFiling: {"filed_date": "2026-04-20"},
    ScheduleJointMeeting: {"meeting_date": "2026-03-12", "agenda": "讨论败诉责任认定"},
    SendMeetingPapers: {"sent_date": "2026-03-09"},
    RecordMeetingOpinion: {
        "meeting_date": "2026-03-12",
        "established": True,
        "party_ids": ["p1"],
        "reasons": "主要事实不清，承办人未尽审查职责",
        "recorded_date": "2026-03-13",
    },
    CountersignMeetingOpinion: {"member": "court", "signed_date": "2026-03-16"},
    ArchiveMeetingOpinion: {"archived_date": "2026-03-18"},
    NameResponsibleParty: {
        "party": {
            "party_id": "p1",
            "kind": "person",
            "name": "张三",
            "agency": "wz-nrb",
            "post": "科员",
            "role": "handler",
            "person_id": "reg-330301-0001",
            "fault_kind": "duty_not_performed",
            "fault_date": "2025-03-01",
        },
        "named_date": "2026-03-10",
    },
    DecideAccountability: {
        "party_id": "p1",
        "decision": "sanction",
        "ground": "duty_not_performed",
        "sanctions": ["written_self_criticism"],
        "deciding_organ": "市自然资源局",
        "decided_date": "2026-05-20",
    },
    HandOverCityManagedCadre: {
        "party_id": "p2",
        "organ": "city_discipline_commission",
        "reason": "责任人系市管干部",
        "handed_date": "2026-02-05",
    },
    ReportDecisionToCommittee: {"reported_date": "2026-05-25"},
    AppealSanction: {"party_id": "p1", "kind": "review", "appealed_date": "2026-05-28"},
    DecideSanctionAppeal: {"party_id": "p1", "outcome": "upheld", "decided_date": "2026-06-20"},
    IssueCorrectiveOpinion: {
        "party_id": "p1",
        "issued_by": "温州市行政诉讼败诉案件过错责任追究与容错免责工作联席会议",
        "meeting_date": "2026-07-10",
        "issued_date": "2026-07-12",
        "improper": "未考虑当事人主动挽回损失的情节，问责方式过重",
        "required_action": "重新审查过错情节并作出处理决定",
    },
    RecoverCompensation: {"party_id": "p1", "amount_yuan": 5000, "recovered_date": "2026-07-01"},
    TransferToDisciplineOrgan: {
        "transferred_date": "2026-03-20",
        "organ": "县纪委监委",
        "ground": "head_absent",
        "reason": "被诉行政机关负责人不出庭应诉",
    },
}


def example_of(schema: type[Body]) -> dict:
    return {"default": {"summary": schema.__name__, "value": EXAMPLES[schema]}}
