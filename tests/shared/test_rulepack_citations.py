"""A rule's source in words: the packs name the documents, citations.py words the clauses."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.rulepacks import shipped_library
from shared.rulepacks.citations import chinese_number, cite, documents_of

LOCAL_PACKS = ("guangzhou", "xiangshan", "xiuyan", "jinzhai", "wenzhou")


def documents(pack: str) -> dict:
    rules = shipped_library().ruleset(pack, None)
    return documents_of((*rules.includes, rules.pack))


@pytest.mark.parametrize(
    ("pack", "source", "words"),
    [
        (
            "xiangshan",
            "行政诉讼法 §67; 003 二(一)1",
            "《中华人民共和国行政诉讼法》第六十七条；"
            "象山县人民政府办公室行政应诉工作通知（2023年8月1日）第二部分第（一）项第1点",
        ),
        # Xiangshan's notice does not bind a Guangzhou agency: left out of its messages.
        (
            "guangzhou",
            "行政诉讼法 §67; 003 二(一)1; 004 5-①",
            "《中华人民共和国行政诉讼法》第六十七条；《广州市建立行政应诉案件全流程督促跟踪机制"
            "若干措施》（“报备+提醒+反馈+补救+通报”全流程督促跟踪机制）",
        ),
        ("guangzhou", "行政诉讼法 §3, §66", "《中华人民共和国行政诉讼法》第三条、第六十六条"),
        (
            "xiuyan",
            "002 第十三条(二)、第十四条(三)",
            "《岫岩满族自治县诉讼案件政府部门败诉过错责任追究暂行办法》"
            "第十三条第（二）项、第十四条第（三）项",
        ),
        ("jinzhai", "001 五(七)", "《金寨县行政败诉案件过错责任追究办法（试行）》第五条第（七）项"),
        ("jinzhai", "001 八、十", "《金寨县行政败诉案件过错责任追究办法（试行）》第八条、第十条"),
        (
            "wenzhou",
            "000 二(五)2",
            "温州市人民政府行政诉讼败诉案件过错责任追究与容错免责通知（2018年12月14日）"
            "第二部分第（五）项第2点",
        ),
    ],
)
def test_a_source_is_named_by_its_document_and_article(pack: str, source: str, words: str) -> None:
    assert cite(source, documents(pack)) == words


@pytest.mark.parametrize("pack", LOCAL_PACKS)
def test_every_rule_of_every_pack_cites_in_words(pack: str) -> None:
    """No seed number, section mark or half-width bracket reaches a recipient."""
    docs = documents(pack)
    rules = shipped_library().ruleset(pack, None)
    for resolved in rules.rules:
        words = cite(resolved.rule.source, docs)
        assert words, f"{pack}: {resolved.rule.source!r} names no document"
        assert not re.search(r"\b00\d\b|§|\(|\)", words), (pack, resolved.rule.source, words)


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "一"), (10, "十"), (16, "十六"), (20, "二十"), (67, "六十七"), (101, "一百零一")],
)
def test_article_numbers_in_chinese(n: int, words: str) -> None:
    assert chinese_number(n) == words


DIGIT = dict(zip("零一二三四五六七八九", range(10), strict=True))


def _value(words: str) -> int:
    """Reads back what chinese_number wrote (the test's own reader)."""
    total, current = 0, 0
    for char in words:
        if char == "百":
            total += current * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = DIGIT[char]
    return total + current


@given(st.integers(min_value=1, max_value=999))
def test_article_numbers_read_back(n: int) -> None:
    assert _value(chinese_number(n)) == n
