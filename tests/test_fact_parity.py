"""The facts a decision's text states are the same whether it arrives as plain text, a web page or a Word file.

`benchmarks/render_corpus.py` renders a text as a web page and a Word file with one paragraph per non-blank line.
The rows are documents in the styles whose facts hang on lines and paragraphs: a protocol's decision set out as
`att` clauses under its organ, a memo's numbered proposal, a funder's lists of granted and refused applications
(own wording throughout). A rule that reads a decision's clauses or a list's heading must read them alike in
every format.
"""

from __future__ import annotations

import pytest

from benchmarks.render_corpus import as_docx, as_html
from pipeline.read.document import process_bytes

DOCUMENTS = {
    "protocol-clauses": (
        "Hylte kommun\nKommunstyrelsen\nProtokoll 2024-06-12\n\n§ 45 Ansökan om statsbidrag\n\n"
        "Kommunstyrelsen beslutar\n\natt ansöka om 2 miljoner kronor hos Boverket,\n\n"
        "att avsätta 500 000 kronor i medfinansiering.\n",
        [("applied", "kommun:1315", 2_000_000), ("budget", "kommun:1315", 500_000)],
    ),
    "memo-numbered-proposal": (
        "Region Halland\nRegionstyrelsen\nTjänsteskrivelse\n\nFörslag till beslut\n\n"
        "Regionstyrelsen föreslås besluta att\n\n1. ansöka om 3 miljoner kronor från Tillväxtverket\n"
        "2. avsätta 1 miljon kronor till projektet\n",
        [("applied", "region:13", 3_000_000), ("budget", "region:13", 1_000_000)],
    ),
    "funder-granted-and-refused": (
        "Beviljade ansökningar 2024\n\nHylte kommun 450 000 kr\nLaholms kommun 300 000 kr\n\n"
        "Avslagna ansökningar\n\nHalmstads kommun 500 000 kr\n",
        [("applied", "kommun:1380", 500_000), ("granted", "kommun:1315", 450_000), ("granted", "kommun:1381", 300_000)],
    ),
}


def _facts(name: str, data: bytes) -> list[tuple[str, str, float]]:
    result = process_bytes(data, name)
    assert result.document.status == "ok", result.document.error
    return sorted((f.role, f.body_id, f.amount) for f in result.tables["facts"])


@pytest.mark.parametrize("stem", sorted(DOCUMENTS))
def test_a_decisions_facts_read_alike_in_every_format(stem: str) -> None:
    text, expected = DOCUMENTS[stem]
    plain = _facts(f"{stem}.txt", text.encode())
    assert plain == sorted(expected)
    assert _facts(f"{stem}.html", as_html(text)) == plain
    assert _facts(f"{stem}.docx", as_docx(text)) == plain
