"""The body of the response plan (应诉方案) and who leads it [002 第七条、第九条]."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from case_api.cases.schemas_commands import Body

Ident = Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")


class Lead(Body):
    """The leader who leads the response: a post of the pack's response-lead list."""

    name: str = Field(min_length=1, max_length=128)
    post: str = Field(
        min_length=1,
        max_length=64,
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Xiuyan: deputy_county_head (分管副县长), executive_deputy_county_head "
        "(常务副县长)",
    )


class Agent(Body):
    """A litigation agent (诉讼代理人): staff of the agency, or a lawyer."""

    name: str = Field(min_length=1, max_length=128)
    kind: Literal["staff", "lawyer"]
    unit: str = Field("", max_length=128, description="Department or law firm")


class RecordResponsePlan(Body):
    """应诉方案: drawn up under the lead the pack names for the case's circumstances; a lead
    of another post is refused (``lead-does-not-fit-case``). Meets the plan deadline."""

    lead: Lead
    circumstances: list[str] = Field(
        default_factory=list,
        max_length=10,
        description="Circumstance ids of the pack's response-lead list (Xiuyan: "
        "cross_department, county_government_party, major_case); none for an ordinary case",
    )
    agents: list[Agent] = Field(
        min_length=1, max_length=2, description="One or two agents (行政诉讼法 第三十一条)"
    )
    strategy: str = Field(min_length=1, max_length=4000)
    evidence_summary: str = Field(min_length=1, max_length=4000)
    plan_date: date


EXAMPLE = {
    "lead": {"name": "王某某", "post": "executive_deputy_county_head"},
    "circumstances": ["cross_department"],
    "agents": [
        {"name": "李某", "kind": "staff", "unit": "县住建局法规股"},
        {"name": "赵律师", "kind": "lawyer", "unit": "辽宁某律师事务所"},
    ],
    "strategy": "以程序合法为主线答辩，申请调取规划审批档案",
    "evidence_summary": "征收决定、公告送达回证、评估报告等12项",
    "plan_date": "2025-09-26",
}


def example_of(schema: type[Body]) -> dict:
    return {"default": {"summary": schema.__name__, "value": EXAMPLE}}
