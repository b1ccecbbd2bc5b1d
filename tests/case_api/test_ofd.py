"""Telling an OFD from any other zip, and refusing containers a reader should not have to open."""

from __future__ import annotations

import contextlib
import io
import random

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from case_api.documents.errors import DocumentArchiveRefused
from case_api.documents.media import HEAD_BYTES, may_be_allowed, media_type_of
from case_api.documents.ofd import MAX_ENTRIES
from tests.case_api.ofd_samples import (
    OFD_XML,
    ONE_PAGE,
    as_zip64,
    container,
    lying_about_size,
    ofd,
    renamed_locally,
    with_duplicate,
)


def verdict(data: bytes) -> str | None:
    return media_type_of(io.BytesIO(data))


def refusal(data: bytes) -> str:
    with pytest.raises(DocumentArchiveRefused) as refused:
        verdict(data)
    return str(refused.value.params["reason"])


def test_a_zip_with_ofd_xml_at_its_root_is_ofd():
    assert verdict(ofd()) == "application/ofd"
    assert verdict(ofd(**{"Doc_0/Res/seal.png": b"\x89PNG" + bytes(range(256)) * 40})) == (
        "application/ofd"
    )


@pytest.mark.parametrize(
    "entries",
    [
        {"word/document.xml": "<w:document/>", "[Content_Types].xml": "<Types/>"},  # docx
        {"Doc_0/OFD.xml": OFD_XML, "Doc_0/Document.xml": ""},  # OFD.xml below the root
        {"ofd.xml": OFD_XML},  # the standard names it OFD.xml
        {"OFD.xml/": ""},  # a folder, not the entry
    ],
    ids=["docx", "nested", "lower-case", "folder"],
)
def test_any_other_zip_is_not_an_accepted_type(entries: dict[str, str]):
    assert verdict(container(entries)) is None


def test_a_zip_is_judged_on_its_central_directory_not_its_first_bytes():
    """OFD.xml is the last entry here: only the directory at the end of the file names it."""
    image = random.Random(7).randbytes(HEAD_BYTES * 2)  # does not deflate
    late = container({"Doc_0/Res/image.jpg": image, **ONE_PAGE})
    plain = container({"Doc_0/Res/image.jpg": image})
    assert late[:HEAD_BYTES] == plain[:HEAD_BYTES]
    assert may_be_allowed(late[:HEAD_BYTES]) and may_be_allowed(plain[:HEAD_BYTES])
    assert (verdict(late), verdict(plain)) == ("application/ofd", None)


def test_a_declared_expansion_like_a_zip_bomb_is_refused():
    """10 MB of zeros deflates to ~10 kB: ~1000 declared bytes per stored byte."""
    assert refusal(ofd(**{"Doc_0/Res/font.ttf": bytes(10_000_000)})) == "expands-too-much"


def test_too_many_entries_are_refused():
    entries = {**ONE_PAGE, **{f"Doc_0/Res/{i}.xml": b"" for i in range(MAX_ENTRIES)}}
    assert refusal(container(entries)) == "too-many-entries"


def test_a_central_directory_too_large_to_parse_is_refused_before_parsing():
    """Entry comments live only in the directory: 40 × 60 kB make it 2.4 MB, 2.5 MB in all."""
    bloated = container({**ONE_PAGE, **{f"Doc_0/Res/{i}": "" for i in range(40)}}, 60_000)
    assert refusal(bloated) == "directory-too-large"


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/cron.d/job",
        "/etc/passwd",
        "//etc/cron.d/job",
        "\\\\evil-host\\share\\x.dll",
        "Doc_0\\..\\..\\x.dll",
        "C:/Windows/x.dll",
    ],
)
def test_an_entry_escaping_the_root_is_refused(name: str):
    assert refusal(ofd(**{name: "x"})) == "unsafe-entry-name"


@pytest.mark.parametrize(
    "name", ["OFD.xml", "./OFD.xml", "ofd.XML", "Doc_0//Document.xml", "Doc_0\\Document.xml"]
)
def test_two_entries_under_one_name_are_refused(name: str):
    """A viewer may show one OFD.xml and a signature check read the other, however a lenient
    reader spells the name."""
    assert refusal(with_duplicate(name)) == "duplicate-entry"


def test_an_entry_inflating_beyond_its_declared_size_is_refused():
    """200 kB of zeros declared (sizes and checksum) as 1 kB: stored, it would pass any check
    that trusts declarations and swamp a reader that inflates the stream."""
    lie = lying_about_size("Doc_0/Res/font.ttf", bytes(200_000), 1_000)
    assert refusal(lie) == "entry-size-mismatch"
    honest = ofd(**{"Doc_0/Res/font.ttf": bytes(1_000)})
    assert verdict(honest) == "application/ofd"


def test_a_local_header_naming_another_file_than_the_directory_is_refused():
    """Streaming extractors read local headers only: that name must be the directory's."""
    tampered = renamed_locally("Doc_0/Document.xml", "../../etc/cron/x.s")
    assert refusal(tampered) == "local-header-mismatch"


def test_a_zip64_container_is_refused():
    assert refusal(as_zip64(ofd())) == "zip64"


def test_every_truncation_of_an_ofd_is_no_accepted_type():
    whole = ofd()
    assert {verdict(whole[:cut]) for cut in range(len(whole))} == {None}


@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=6))
@example(damage=[(1090, 255)])  # found by hypothesis: an entry's offset before the file's start
def test_damaged_containers_get_a_verdict_never_a_crash(damage: list[tuple[int, int]]):
    data = bytearray(ofd())
    for at, value in damage:
        data[at % len(data)] = value
    try:
        assert verdict(bytes(data)) in ("application/ofd", None)
    except DocumentArchiveRefused as refused:
        assert refused.code == "document-archive-refused"


@pytest.mark.parametrize("value", [0, 1, 128, 255])
def test_every_single_byte_damage_gets_a_verdict_never_a_crash(value: int):
    whole = ofd()
    for at in range(len(whole)):
        damaged = bytearray(whole)
        damaged[at] = value
        with contextlib.suppress(DocumentArchiveRefused):
            assert verdict(bytes(damaged)) in ("application/ofd", None), at
