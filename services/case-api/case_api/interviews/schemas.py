"""Bodies of the interview routes (约谈 [000 五(二)] [004 5-⑤三])."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from case_api.platform.http.bodies import RequestBody


class Person(RequestBody):
    name: str = Field(min_length=1, max_length=128)
    post: str = Field(min_length=1, max_length=128, description="职务, e.g. 局长")


class RecordInterview(RequestBody):
    """An interview held with the head of an agency of the bureau's jurisdiction."""

    agency: str = Field(min_length=1, max_length=64, description="The interviewed agency's code")
    reference: str = Field(
        min_length=1, max_length=64, description="The bureau's own number for the interview"
    )
    interview_date: date
    interviewee: Person = Field(description="Who was interviewed (被约谈人)")
    interviewer: str = Field(
        min_length=1, max_length=256, description="Who held the interview (约谈人 / 约谈机关)"
    )
    reason: str = Field(min_length=1, max_length=4000, description="Why (约谈事由)")
    outcome: str = Field(min_length=1, max_length=4000, description="Outcome (约谈结果 / 整改要求)")


class Recorded(BaseModel):
    interview_id: str
    position: int = Field(description="Position of the write in the event feed")


class Interviewee(BaseModel):
    name: str
    post: str


class InterviewView(BaseModel):
    interview_id: str
    agency: str
    reference: str
    interview_date: date
    interviewee: Interviewee
    interviewer: str
    reason: str
    outcome: str
    position: int


class InterviewList(BaseModel):
    items: list[InterviewView]
    next_cursor: str | None = Field(None, description="Pass as ?cursor= for the next page")


class Trigger(BaseModel):
    metric: str
    name_zh: str
    value: float
    denominator: int | None = Field(description="The rate's denominator; null for a count")
    op: str
    threshold: float
    min_denominator: int | None
    source: str = Field(description="The clause the trigger rests on")
    configured_by: str = Field(description="regulation: the clause's number; bureau: configured")
    note_zh: str | None = Field(description="What the bureau configured, where it did")


class Proposal(BaseModel):
    agency: str
    agency_name: str | None
    source: str
    interviewees_zh: str = Field(description="Whom the clause says to interview")
    triggers: list[Trigger] = Field(description="The figures that proposed the agency")
    interviews_held: int = Field(description="Interviews of the agency already held in the period")


class Proposals(BaseModel):
    scope: dict[str, date | str | None]
    proposals: list[Proposal]


EXAMPLE = {
    "agency": "wz-nrb",
    "reference": "约谈〔2026〕2号",
    "interview_date": "2026-07-15",
    "interviewee": {"name": "王五", "post": "局长"},
    "interviewer": "温州市司法局（联席会议）",
    "reason": "2026年上半年败诉4件，败诉率40%",
    "outcome": "责令三十日内提交整改报告",
}
