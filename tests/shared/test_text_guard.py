"""What the text guard lets through: every valid text however JSON or a form encodes it, and
nothing with a lone surrogate, invalid UTF-8 or NUL."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from hypothesis import given
from hypothesis import strategies as st

from shared.text_guard import valid_body, valid_form

JSON = "application/json; charset=utf-8"
FORM = "application/x-www-form-urlencoded"
TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"))
SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)


@given(TEXT, TEXT, st.booleans())
def test_valid_text_passes_in_json_whether_escaped_or_not(key: str, value: str, ascii_: bool):
    body = json.dumps({key: [value, {"n": 1}]}, ensure_ascii=ascii_).encode()
    assert valid_body(body, JSON)


@given(TEXT, SURROGATE, TEXT)
def test_a_lone_surrogate_anywhere_in_json_is_caught(before: str, lone: str, after: str):
    body = json.dumps({"facts": [before + lone + after]}).encode()  # escaped as \\udXXX
    assert not valid_body(body, JSON)


@given(TEXT, TEXT)
def test_nul_in_json_is_caught(before: str, after: str):
    assert not valid_body(json.dumps({"a": before + "\x00" + after}).encode(), JSON)


@given(TEXT, TEXT)
def test_valid_text_passes_in_a_form_and_invalid_bytes_do_not(name: str, value: str):
    assert valid_form(urlencode({name or "k": value}).encode())
    assert not valid_form(urlencode({name or "k": value}).encode() + b"&x=%FF")
    assert not valid_body(json.dumps({"a": value}, ensure_ascii=False).encode() + b"\xff", JSON)


def test_text_that_is_not_json_is_left_to_the_route_to_refuse():
    assert valid_body(b'{"a": "\\ud800', JSON)  # broken JSON: the route answers it
    assert not valid_body(b"\xc3\x28", "text/plain")
