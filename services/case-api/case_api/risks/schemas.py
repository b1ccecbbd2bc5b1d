"""Bodies of the risk-registration routes (容错风险报备 [000 四(二)])."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from case_api.platform.http.bodies import RequestBody


class RegisterRisk(RequestBody):
    """A unit registers a risky decision before acting on it; a fault-tolerance decision on
    a later loss may then rest on it (Wenzhou ``pre_registered_risk``)."""

    agency: str = Field(min_length=1, max_length=64, description="The registering unit's code")
    reference: str = Field(
        min_length=1, max_length=64, description="The unit's own number for the registration"
    )
    decision: str = Field(min_length=1, max_length=4000, description="The decision (决策事项)")
    decision_date: date = Field(description="When the decision is or was taken")
    risk: str = Field(min_length=1, max_length=4000, description="The risk (风险描述)")
    measures: str = Field(min_length=1, max_length=4000, description="Measures (防控措施)")
    registered_date: date


class Registered(BaseModel):
    registration_id: str
    position: int = Field(description="Position of the write in the event feed")


class RiskRegistrationView(BaseModel):
    registration_id: str
    agency: str
    reference: str
    decision: str
    decision_date: date
    risk: str
    measures: str
    registered_date: date
    position: int


EXAMPLE = {
    "agency": "wz-nrb",
    "reference": "容错报备〔2026〕3号",
    "decision": "对历史遗留违法用地分类处置",
    "decision_date": "2026-02-01",
    "risk": "政策界限不明确，处置决定可能被诉",
    "measures": "经集体讨论并征求法律顾问意见，分批实施",
    "registered_date": "2026-01-20",
}
