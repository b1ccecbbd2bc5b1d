"""Response bodies of the event feed."""

from __future__ import annotations

from pydantic import BaseModel, Field

from case_api.cases.schemas import TimelineEvent


class FeedPage(BaseModel):
    events: list[TimelineEvent]
    last_position: int = Field(description="Resume with ?after=last_position")
    head: int = Field(description="How far the feed reaches now")
