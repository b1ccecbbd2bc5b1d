"""Property: a court case number's type code (行初, 民终 …) decides which kinds of proceeding
may carry it; a reconsideration decision's own number fits only a reconsideration."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from case_api.cases.proceedings import EXPECTED, check_number, number_class
from case_api.cases.values import ProceedingKind, case_number_key
from case_api.platform.domain_errors import InvalidValue

PROVINCES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
SUFFIXES = "初终再申审辖监他"
KINDS = [k.value for k in ProceedingKind]


@st.composite
def court_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(number, its class): （2025）粤0106行初123号 and the ways courts and clerks write it."""
    opening, closing = draw(st.sampled_from([("（", "）"), ("(", ")"), ("〔", "〕")]))
    year = draw(st.integers(1990, 2030))
    court = draw(st.sampled_from(PROVINCES)) + draw(st.from_regex(r"\A\d{0,4}\Z"))
    cls = draw(st.sampled_from(["administrative", "civil"]))
    code = "行" + draw(st.sampled_from(["", "赔"])) if cls == "administrative" else "民"
    code += draw(st.sampled_from(SUFFIXES))
    serial = draw(st.integers(1, 99999))
    space = draw(st.sampled_from(["", " "]))
    return f"{opening}{year}{closing}{space}{court}{space}{code}{serial}号", cls


decision_numbers = st.builds(
    "{}{}〔{}〕{}号".format,
    st.sampled_from(["金", "岫", "温", "象", "穗"]),
    st.sampled_from(["政复决", "政复字", "复决字", "府复"]),
    st.integers(2000, 2030),
    st.integers(1, 9999),
)


@given(court_numbers(), st.sampled_from(KINDS))
def test_a_court_number_fits_exactly_the_kinds_of_its_class(drawn: tuple[str, str], kind: str):
    number, cls = drawn
    assert number_class(number) == cls
    assert number_class(case_number_key(number)) == cls  # width and spaces do not count
    fits = EXPECTED[ProceedingKind(kind)] == cls
    if fits:
        check_number(number, kind)
    else:
        with pytest.raises(InvalidValue) as refused:
            check_number(number, kind)
        assert refused.value.code == "proceeding-kind-mismatch"


@given(decision_numbers, st.sampled_from(KINDS))
def test_a_decision_number_names_no_court_kind(number: str, kind: str):
    assert number_class(number) is None
    check_number(number, kind)  # nothing to contradict: the kind stated is taken


def test_a_mismatch_tells_the_caller_to_state_the_kind():
    with pytest.raises(InvalidValue) as refused:
        check_number("（2026）辽0323民初55号", "administrative_suit")
    assert "proceeding_kind" in refused.value.message
    assert "民事案件" in refused.value.message_zh
