"""The accountability section of a pack: 败诉过错责任追究 and 容错免责 as data (DOMAIN.md §6).

Each list item names its source clause, so a decision citing ``unclear_facts`` can show the
clause it rests on. The case aggregate accepts grounds, factors and sanctions only from the
lists of the case's pack.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from shared.rulepacks.rule_models import STRICT, Ident, Text

PartyKind = Literal["person", "unit"]
Step = Literal[
    "investigation",  # 调查 / 责任分析报告
    "review_opinion",  # 审核意见反馈
    "city_filing",  # 县级审核意见报市备案
    "joint_meeting",  # 联席会议
    "committee_report",  # 处理决定向县委报告
    "compensation_recovery",  # 国家赔偿后向责任人员追偿
    "transfer_to_discipline",  # 移送纪检监察机关 / 有权机关
]


Detector = Literal[
    "unfiled_loss",  # a filing with the bureau was missed and the suit was lost
    "court_conduct",  # refused to attend, or left the court without its permission
    "head_absent",  # a hearing where the head's appearance duty went unmet
    "judgment_unperformed",  # the effective judgment was not performed when due
]


class Item(BaseModel):
    """One ground, factor or exemption, with the clause that states it.

    ``proposed_when``: the recorded facts that let the system propose the ground on a case
    (the organ still decides). ``requires_risk_registration``: a fault-tolerance ground that
    rests on a 容错风险报备 made before the fault [000 四(二)].
    """

    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text
    source: Text
    proposed_when: Detector | None = None
    requires_risk_registration: bool = False


class Sanction(Item):
    """A way of holding accountable (问责方式) and to whom it may apply.

    ``units_only_with``: a unit receives it only together with these (Wenzhou: circulated
    criticism of a unit comes on top of written self-criticism [000 一(四)]).
    """

    parties: tuple[PartyKind, ...] = Field(min_length=1)
    units_only_with: tuple[Ident, ...] = ()


class JointReviewUnit(BaseModel):
    """A kind of unit that takes part in a joint review; ``required``: the review waits for
    every named unit of this kind (the court and the organisation department in Wenzhou)."""

    model_config = STRICT
    kind: Ident
    title: Text
    title_zh: Text
    required: bool
    source: Text


class JointReview(BaseModel):
    """会同联合审核: for the cases ``grounds`` name, the legal office reviews the report
    together with units of the ``units`` kinds [000 二(五)2]."""

    model_config = STRICT
    grounds: tuple[Item, ...] = Field(min_length=1)
    units: tuple[JointReviewUnit, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> JointReview:
        kinds = Counter(u.kind for u in self.units)
        repeated = sorted(k for k, n in kinds.items() if n > 1)
        if repeated:
            raise ValueError(f"joint review unit kinds repeat: {', '.join(repeated)}")
        if not any(u.required for u in self.units):
            raise ValueError("a joint review needs at least one required kind of unit")
        return self


class MeetingMember(BaseModel):
    """A member unit of the joint meeting; every member countersigns its written opinion."""

    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text
    source: Text


class JointMeeting(BaseModel):
    """联席会议 as a body that decides (Jinzhai [001 八-十]): the office that runs it, its
    member units, and whether its written opinion (认定意见), countersigned by every member
    and archived, must precede the accountability decision (``decides``, with ``source``).
    The seed sets no time limit for the opinion or its archiving (only "及时")."""

    model_config = STRICT
    office: Text
    office_zh: Text
    office_source: Text
    members: tuple[MeetingMember, ...] = Field(min_length=2)
    decides: bool
    source: Text

    @model_validator(mode="after")
    def _consistent(self) -> JointMeeting:
        ids = Counter(m.id for m in self.members)
        repeated = sorted(i for i, n in ids.items() if n > 1)
        if repeated:
            raise ValueError(f"joint meeting members repeat: {', '.join(repeated)}")
        return self


class Referral(BaseModel):
    """移送: the organ a case goes to, and whether the transfer must cite one of the pack's
    grounds (Xiangshan transfers clues of the listed situations to the discipline organ,
    which then holds the officials accountable [003 二(四)3])."""

    model_config = STRICT
    organ: Text
    organ_zh: Text
    cites_ground: bool
    source: Text


class CorrectiveOpinions(BaseModel):
    """纠正意见: the joint meeting convened by the legal office finds a unit's handling of a
    lost case improper and requires the unit to decide again [000 五(二)]. The opinion reopens
    the decision; the unit's new decision supersedes it. A period for the new decision, where
    a clause sets one, is a ``rules:`` entry triggered by ``CorrectiveOpinionIssued``; Wenzhou's
    clause sets none."""

    model_config = STRICT
    title: Text
    title_zh: Text
    source: Text


class Organ(BaseModel):
    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text


class CityManagedCadres(BaseModel):
    """市管干部: the county decides nothing on a cadre the city manages; it hands the party
    to one of ``organs`` (the city discipline commission or organisation department)
    [002 第六条]."""

    model_config = STRICT
    organs: tuple[Organ, ...] = Field(min_length=1)
    source: Text


class UnitDecider(BaseModel):
    """Who decides a unit's accountability. ``superior_organ``: the unit's superior
    administrative organ as the registry places it (上一级行政机关) [000 二(五)1]."""

    model_config = STRICT
    by: Literal["superior_organ"]
    source: Text


class ProcedureStep(BaseModel):
    model_config = STRICT
    id: Step
    source: Text


class Accountability(BaseModel):
    """``scope_from``: only administrative acts on or after this date are in scope (Wenzhou).
    ``transfer_threshold_yuan``: direct economic loss through dereliction above which the case
    goes to the discipline organ first (Xiuyan, in yuan). ``referral``: where a transferred
    case goes; a pack with no sanctions of its own (Xiangshan) only refers. ``joint_review``: which cases the
    legal office reviews jointly with other units, and with which (Wenzhou). ``joint_meeting``:
    the members of the joint meeting and whether its opinion precedes decisions (Jinzhai).
    ``corrective_opinions``: a joint meeting may reopen a decision (Wenzhou).
    ``city_managed_cadres``: where a cadre the city manages is handed (Xiuyan);
    ``unit_decider``: who must decide on a unit (Wenzhou)."""

    model_config = STRICT
    steps: tuple[ProcedureStep, ...] = ()
    grounds: tuple[Item, ...] = Field(min_length=1)
    no_accountability: tuple[Item, ...] = ()
    exemptions: tuple[Item, ...] = ()
    fault_tolerance: tuple[Item, ...] = ()
    mitigation: tuple[Item, ...] = ()
    aggravation: tuple[Item, ...] = ()
    sanctions: tuple[Sanction, ...] = ()
    referral: Referral | None = None
    scope_from: date | None = None
    scope_source: Text | None = None
    transfer_threshold_yuan: int | None = Field(default=None, gt=0)
    transfer_source: Text | None = None
    joint_review: JointReview | None = None
    joint_meeting: JointMeeting | None = None
    corrective_opinions: CorrectiveOpinions | None = None
    city_managed_cadres: CityManagedCadres | None = None
    unit_decider: UnitDecider | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Accountability:
        lists = (
            self.grounds,
            self.no_accountability,
            self.exemptions,
            self.fault_tolerance,
            self.mitigation,
            self.aggravation,
            self.sanctions,
            self.joint_review.grounds if self.joint_review else (),
        )
        ids = Counter(item.id for items in lists for item in items)
        repeated = sorted(i for i, n in ids.items() if n > 1)
        if repeated:
            raise ValueError(f"accountability ids repeat: {', '.join(repeated)}")
        steps = [s.id for s in self.steps]
        if len(steps) != len(set(steps)):
            raise ValueError("a procedure step is listed twice")
        if (self.scope_from is None) != (self.scope_source is None):
            raise ValueError("scope_from and scope_source go together")
        if (self.transfer_threshold_yuan is None) != (self.transfer_source is None):
            raise ValueError("transfer_threshold_yuan and transfer_source go together")
        sanction_ids = {s.id for s in self.sanctions}
        unknown = {c for s in self.sanctions for c in s.units_only_with} - sanction_ids
        if unknown:
            raise ValueError(
                f"units_only_with names unknown sanctions: {', '.join(sorted(unknown))}"
            )
        if self.joint_meeting and "joint_meeting" not in steps:
            raise ValueError("joint_meeting members need the joint_meeting step")
        if not self.sanctions and self.referral is None:
            raise ValueError("a pack without sanctions refers its cases to an organ")
        if self.sanctions and not any("unit" in s.parties for s in self.sanctions):
            raise ValueError("at least one sanction must apply to units")
        needing = [i.id for i in self.grounds if i.requires_risk_registration]
        needing += [i.id for i in self.no_accountability if i.requires_risk_registration]
        needing += [i.id for i in self.exemptions if i.requires_risk_registration]
        if needing:
            raise ValueError(f"only fault-tolerance grounds rest on a registration: {needing}")
        return self
