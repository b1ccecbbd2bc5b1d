"""Small zip containers built on the spot: a one-page OFD (GB/T 33190 layout: ``OFD.xml`` at the
root naming ``Doc_0/Document.xml``, one page of text), and the zips it must be told from."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
OFD_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD {NS} Version="1.1" DocType="OFD">
  <ofd:DocBody>
    <ofd:DocInfo><ofd:DocID>6a1e0c3c5e2b4c7f9d3e8f1a2b4c6d8e</ofd:DocID>
      <ofd:Title>行政判决书</ofd:Title><ofd:CreationDate>2025-12-01</ofd:CreationDate>
    </ofd:DocInfo>
    <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>
  </ofd:DocBody>
</ofd:OFD>
"""
DOCUMENT_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document {NS}>
  <ofd:CommonData><ofd:MaxUnitID>3</ofd:MaxUnitID>
    <ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>
  </ofd:CommonData>
  <ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>
</ofd:Document>
"""
CONTENT_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page {NS}>
  <ofd:Content><ofd:Layer ID="2">
    <ofd:TextObject ID="3" Boundary="20 20 170 10" Font="1" Size="5">
      <ofd:TextCode X="0" Y="5">广州市越秀区人民法院行政判决书</ofd:TextCode>
    </ofd:TextObject>
  </ofd:Layer></ofd:Content>
</ofd:Page>
"""
ONE_PAGE = {
    "OFD.xml": OFD_XML,
    "Doc_0/Document.xml": DOCUMENT_XML,
    "Doc_0/Pages/Page_0/Content.xml": CONTENT_XML,
}


def container(entries: dict[str, str | bytes], comment_bytes: int = 0) -> bytes:
    """A deflated zip of ``entries`` (in order); each central-directory record may carry a
    comment of ``comment_bytes``, which only the directory stores."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 12, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.comment = b"c" * comment_bytes
            archive.writestr(info, data)
    return out.getvalue()


def ofd(**extra: str | bytes) -> bytes:
    """The one-page OFD, plus ``extra`` entries (resources, say)."""
    return container({**ONE_PAGE, **extra})


def with_duplicate(name: str) -> bytes:
    """The one-page OFD with a second entry called ``name``."""
    out = io.BytesIO(ofd())
    with warnings.catch_warnings(), zipfile.ZipFile(out, "a") as archive:
        warnings.simplefilter("ignore")  # zipfile warns, then writes it all the same
        archive.writestr(name, "<ofd:OFD/>")
    return out.getvalue()


def as_zip64(data: bytes) -> bytes:
    """``data`` with ZIP64 end records before its end record, as writers of large zips add them."""
    end = data.rindex(b"PK\x05\x06")
    entries, directory_bytes, directory_at = struct.unpack_from("<HII", data, end + 10)
    record = struct.pack(
        "<4sQ2H2I4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, directory_bytes,
        directory_at,
    )  # fmt: skip
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1)
    return data[:end] + record + locator + data[end:]


def lying_about_size(name: str, real: bytes, declared: int) -> bytes:
    """The one-page OFD plus ``name`` holding ``real``, whose local header and directory record
    both declare only its first ``declared`` bytes (with their checksum): a reader that trusts
    the declared size stops there, one that inflates the stream gets all of ``real``."""
    data = bytearray(ofd(**{name: real}))
    crc = zlib.crc32(real[:declared])
    raw = name.encode()
    local = data.index(raw) - 30  # the first occurrence: the entry's local header
    struct.pack_into("<I", data, local + 14, crc)
    struct.pack_into("<I", data, local + 22, declared)
    record = data.rindex(b"PK\x01\x02", 0, data.rindex(raw))
    struct.pack_into("<I", data, record + 16, crc)
    struct.pack_into("<I", data, record + 24, declared)
    return bytes(data)


def renamed_locally(name: str, local_name: str) -> bytes:
    """The one-page OFD whose entry ``name`` carries ``local_name`` (same length) in its local
    header only: a streaming extractor reads that one, the directory says ``name``."""
    assert len(name) == len(local_name)
    data = bytearray(ofd())
    at = data.index(name.encode())  # the local header precedes the directory
    data[at : at + len(name)] = local_name.encode()
    return bytes(data)
