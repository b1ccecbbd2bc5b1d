"""Who leads a case's response (应诉牵头) as pack data: the posts that may lead, and the
circumstances that name a different lead (Xiuyan [002 第九条])."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field, model_validator

from shared.rulepacks.rule_models import STRICT, Ident, Text


class LeadPost(BaseModel):
    """A post a lead may hold, e.g. 分管副县长 or 常务副县长."""

    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text


class LeadCircumstance(BaseModel):
    """A circumstance of the case (跨部门, 县政府为当事人, 重大疑难复杂) and the posts that
    lead it."""

    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text
    posts: tuple[Ident, ...] = Field(min_length=1)
    source: Text


class ResponseLead(BaseModel):
    """``default_posts`` lead an ordinary case; ``circumstances`` are in order of precedence:
    the first one a plan states decides who must lead (a cross-department case goes to the
    executive deputy even when it is also major)."""

    model_config = STRICT
    posts: tuple[LeadPost, ...] = Field(min_length=1)
    default_posts: tuple[Ident, ...] = Field(min_length=1)
    default_source: Text
    circumstances: tuple[LeadCircumstance, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> ResponseLead:
        posts = Counter(p.id for p in self.posts)
        ids = Counter(c.id for c in self.circumstances)
        repeated = sorted(i for i, n in (posts + ids).items() if n > 1)
        if repeated:
            raise ValueError(f"response lead ids repeat: {', '.join(repeated)}")
        named = {*self.default_posts, *(p for c in self.circumstances for p in c.posts)}
        unknown = sorted(named - set(posts))
        if unknown:
            raise ValueError(f"response lead names unknown posts: {', '.join(unknown)}")
        return self
