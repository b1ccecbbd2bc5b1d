"""The response-lead rule as pack data, without storage: the first circumstance stated in the
pack's order names the posts that may lead [002 第九条]."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from case_api.cases.response_plan_rules import check_plan, shipped_lead_policy
from case_api.platform.domain_errors import RuleViolation
from shared.rulepacks.response_models import ResponseLead

XIUYAN = shipped_lead_policy("xiuyan")
ORDER = ["cross_department", "county_government_party", "major_case"]
POSTS = ["deputy_county_head", "executive_deputy_county_head"]


class FakeCase:
    pack = "xiuyan"


def expected_posts(stated: list[str]) -> tuple[str, set[str]]:
    if "cross_department" in stated:
        return "cross_department", {"executive_deputy_county_head"}
    first = next((c for c in ORDER if c in stated), "ordinary")
    return first, {"deputy_county_head"}


@given(st.lists(st.sampled_from(ORDER), unique=True), st.sampled_from(POSTS))
def test_the_first_stated_circumstance_in_pack_order_names_the_lead(
    stated: list[str], post: str
) -> None:
    basis, allowed = expected_posts(stated)
    lead: dict[str, Any] = {"name": "某", "post": post}
    if post in allowed:
        assert check_plan(FakeCase(), XIUYAN, lead, stated)[0] == basis  # type: ignore[arg-type]
    else:
        with pytest.raises(RuleViolation) as refused:
            check_plan(FakeCase(), XIUYAN, lead, stated)  # type: ignore[arg-type]
        assert refused.value.code == "lead-does-not-fit-case"
        assert refused.value.params["basis"] == basis


def test_xiuyan_cites_its_clauses() -> None:
    assert XIUYAN is not None
    assert {source for _, _, source in XIUYAN.circumstances} == {"002 第九条"}
    assert XIUYAN.default_source.startswith("002 ")
    assert shipped_lead_policy("wenzhou") is None


def test_a_circumstance_naming_an_unlisted_post_is_refused_when_the_pack_loads() -> None:
    post = {"id": "deputy_county_head", "title": "t", "title_zh": "分管副县长"}
    circumstance = {"id": "x", "title": "t", "title_zh": "t", "source": "s", "posts": ["mayor"]}
    with pytest.raises(ValidationError, match="unknown posts: mayor"):
        ResponseLead(
            posts=[post],
            default_posts=["deputy_county_head"],
            default_source="s",
            circumstances=[circumstance],
        )
