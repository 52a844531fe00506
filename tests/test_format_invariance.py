"""The same document gives the same amounts, dates, bodies and facts in every format it arrives in.

The web page also carries furniture (a menu, a cookie banner, a sidebar of other
news with its own amount and dates, a footer with an address and ©): none of it
may reach `documents.text`.
"""

from __future__ import annotations

import pytest

from pipeline.read.document import process_bytes
from tests.fixtures.formats import NEEDS_OCR, RENDERINGS
from tests.ocr import require_tesseract


def extracted(name: str, data: bytes) -> dict:
    if name in {RENDERINGS[f][0] for f in NEEDS_OCR}:
        require_tesseract()
    result = process_bytes(data, name)
    assert result.document.status == "ok", result.document.error
    t = result.tables
    return {
        "amounts": sorted(a.value for a in t["amounts"]),
        "dates": sorted((str(d.date_start), str(d.date_end)) for d in t["dates"]),
        "bodies": sorted({b.body_id for b in t["bodies"]}),
        "facts": sorted((f.body_id, f.role, f.amount) for f in t["facts"]),
    }


@pytest.fixture(scope="module")
def plain() -> dict:
    name, build = RENDERINGS["text"]
    return extracted(name, build())


def test_the_plain_text_reads_as_a_person_would(plain):
    assert plain["amounts"] == sorted([60e6, 12e6, 3e6, 5e6, 4.5e6, 8.2e6, 9e6, 7.5e6, 11e6, 8e6])
    assert ("region:23", "granted", 4.5e6) in plain["facts"] and ("region:23", "applied", 8.2e6) in plain["facts"]
    assert ("region:13", "granted", 12e6) in plain["facts"]
    assert ("region:19", "applied", 9e6) in plain["facts"] and ("region:19", "granted", 7.5e6) in plain["facts"]
    assert ("2024-03-12", "2024-03-12") in plain["dates"]


@pytest.mark.parametrize("fmt", [f for f in RENDERINGS if f != "text"])
def test_every_format_gives_what_the_text_gives(fmt, plain):
    name, build = RENDERINGS[fmt]
    assert extracted(name, build()) == plain


def test_no_furniture_reaches_the_text():
    name, build = RENDERINGS["html"]
    text = process_bytes(build(), name).document.text
    for furniture in ("Skåne", "Ansök senast", "2023-11-02", "Org.nr", "©", "kakor", "Om oss", "Start /"):
        assert furniture not in text


def structure(name: str, data: bytes) -> list[dict]:
    """The document's blocks without offsets (a reader may differ by a blank line), white space as one space."""
    if name in {RENDERINGS[f][0] for f in NEEDS_OCR}:
        require_tesseract()
    result = process_bytes(data, name)
    text = result.document.text

    def flat(value: object) -> object:
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, list):
            return [flat(v) for v in value]
        return value

    return [
        {k: flat(v) for k, v in b.as_dict(text).items() if k not in ("start", "end", "page")} for b in result.blocks
    ]


def test_the_plain_text_has_the_structure_a_person_sees():
    name, build = RENDERINGS["text"]
    blocks = structure(name, build())
    assert [b["kind"] for b in blocks] == [
        "heading",
        "paragraph",
        "paragraph",
        *["list_item"] * 4,
        "table",
        "paragraph",
    ]
    table = blocks[7]
    assert table["caption"] == "Tabell 1. Sökta och beviljade medel per region, kronor"
    assert table["header_rows"] == [["Region", "Sökt", "Beviljat"]]
    assert table["rows"] == [
        ["Region Västmanland", "9 000 000", "7 500 000"],
        ["Region Dalarna", "11 000 000", "8 000 000"],
    ]


@pytest.mark.parametrize("fmt", [f for f in RENDERINGS if f != "text"])
def test_every_format_gives_the_same_blocks(fmt):
    name, build = RENDERINGS["text"]
    plain = structure(name, build())
    name, build = RENDERINGS[fmt]
    assert structure(name, build()) == plain


@pytest.mark.parametrize("fmt", ["pdf", "pdf-two-columns", "scan", "scan-two-columns"])
def test_a_pdf_knows_the_page_of_every_block(fmt):
    if fmt in NEEDS_OCR:
        require_tesseract()
    name, build = RENDERINGS[fmt]
    result = process_bytes(build(), name)
    assert {b.page for b in result.blocks} == {1}
