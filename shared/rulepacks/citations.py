"""A rule's source in words a recipient understands.

A rule cites "行政诉讼法 §67; 004 5-①": the seed numbers and section marks mean nothing to a
clerk. The packs name each document (``documents`` in the pack file); this turns a source
into "《中华人民共和国行政诉讼法》第六十七条；…". A document no pack of the case names is
another jurisdiction's (the statutory answer rule also cites Xiangshan's notice): it is left
out, since it does not bind the recipient.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from shared.rulepacks.models import Document, Pack

DIGITS = "零一二三四五六七八九"
OUTLINE = re.compile(
    r"^(?P<part>[一二三四五六七八九十]+)?(?:\((?P<item>[一二三四五六七八九十]+)\))?(?P<point>\d+)?$"
)
ARTICLE = re.compile(
    r"^(?P<article>第[一二三四五六七八九十百]+条)\((?P<item>[一二三四五六七八九十]+)\)$"
)
SECTION = re.compile(r"^§(?P<number>\d+)$")


def documents_of(packs: Iterable[Pack]) -> dict[str, Document]:
    """The documents ``packs`` name, by id (a later pack's entry wins)."""
    return {doc.id: doc for pack in packs for doc in pack.documents}


def cite(source: str, documents: Mapping[str, Document]) -> str:
    """``source`` in words; "" when it names no document of ``documents``."""
    named = []
    for part in source.split(";"):
        doc_id, _, clause = part.strip().partition(" ")
        document = documents.get(doc_id)
        if document is not None:
            named.append(clause_in_words(document, clause.strip()))
    return "；".join(named)


def clause_in_words(document: Document, clause: str) -> str:
    if clause in document.clauses:
        return document.clauses[clause]
    pieces = [p.strip() for p in re.split(r"[,，、]", clause) if p.strip()]
    words = [_piece(document.numbering, p) for p in pieces]
    return document.title_zh + "、".join(words)


def _piece(numbering: str, piece: str) -> str:
    section = SECTION.match(piece)
    if section:
        return f"第{chinese_number(int(section['number']))}条"
    article = ARTICLE.match(piece)
    if article:
        return f"{article['article']}第（{article['item']}）项"
    outline = OUTLINE.match(piece)
    if outline and any(outline.groups()):
        part, item, point = outline["part"], outline["item"], outline["point"]
        words = []
        if part:
            words.append(f"第{part}部分" if numbering == "outline" else f"第{part}条")
        if item:
            words.append(f"第（{item}）项")
        if point:
            words.append(f"第{point}点")
        return "".join(words)
    return piece.replace("(", "（").replace(")", "）")


def chinese_number(n: int) -> str:
    """1..999 in Chinese numerals as article numbers are written (十, 十六, 六十七, 一百零一)."""
    if not 0 < n < 1000:
        raise ValueError(f"article number out of range: {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    words = ""
    if hundreds:
        words += DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return words + "零" + DIGITS[ones]
    if tens:
        words += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if ones:
        words += DIGITS[ones]
    return words
