"""The same document gives the same amounts, dates, bodies and facts in every format it arrives in.

The web page also carries furniture (a menu, a cookie banner, a sidebar of other
news with its own amount and dates, a footer with an address and ©): none of it
may reach `documents.text`.
"""

from __future__ import annotations

import pytest

from pipeline.document import process_bytes
from tests.fixtures.formats import RENDERINGS


def extracted(name: str, data: bytes) -> dict:
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
