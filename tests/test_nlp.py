"""The spaCy pipeline assembled from extractors/config.cfg gives exactly the archive pipeline's mentions."""

from __future__ import annotations

import pytest

from extractors.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_pipeline_is_blank_swedish_with_bidrag_components(nlp):
    assert nlp.lang == "sv"
    assert nlp.pipe_names == ["bidrag_mentions"]


@pytest.mark.parametrize(
    "text,bodies,amounts,dates",
    [
        (
            "Region Västernorrland har ansökt om 77,7 miljoner kronor den 4 mars 2024.",
            [("Region Västernorrland", "region:22")],
            [77_700_000],
            [("den 4 mars 2024", "day")],
        ),
        (
            "Bjurholms kommun, 103,7 miljoner kronor (sökt 208,8 mnkr)",
            [("Bjurholms kommun", "kommun:2403")],
            [103_700_000, 208_800_000],
            [],
        ),
        (
            "Socialstyrelsen delar ut drygt 249 miljoner kronor under 2021.",
            [("Socialstyrelsen", "myndighet:socialstyrelsen")],
            [249_000_000],
            [("2021", "year")],
        ),
    ],
)
def test_pipe_over_batches(nlp, text, bodies, amounts, dates):
    docs = list(nlp.pipe([text, text], batch_size=2))
    for doc in docs:
        assert [(s.text, s.kb_id_) for s in doc.spans["bidrag_bodies"]] == bodies
        assert [s._.value for s in doc.spans["bidrag_amounts"]] == amounts
        assert [(s.text, s.label_) for s in doc.spans["bidrag_dates"]] == dates
        assert [e.kb_id_ for e in doc.ents] == [b for _, b in bodies]


def _published(output, table: str, columns: list[str]) -> dict[str, list[tuple]]:
    """doc_id → the sorted (char_start, char_end, *columns) of a published mention table."""
    import pyarrow.parquet as pq

    out: dict[str, list[tuple]] = {}
    for row in pq.read_table(output / table).to_pylist():
        out.setdefault(row["doc_id"], []).append((row["char_start"], row["char_end"], *(row[c] for c in columns)))
    return {doc_id: sorted(rows) for doc_id, rows in out.items()}


def _spans(doc, key: str, attributes: list[str]) -> list[tuple]:
    return sorted((s.start_char, s.end_char, *(getattr(s._, a) for a in attributes)) for s in doc.spans[key])


@pytest.mark.parametrize("archive", ["seeds", "corpus"])
def test_the_spans_are_the_published_mentions(nlp, archive, request):
    """Over real documents, each span group holds exactly the rows the archive publishes: same offsets, same
    values, the amounts' linked role and body, the dates' start and end (the document's date given)."""
    import hashlib

    from pipeline.read.document import read_text
    from pipeline.run.files import list_files
    from tests.conftest import shared_path

    root = shared_path("corpus", "docs") if archive == "corpus" else request.getfixturevalue("seeds_dir")
    output = request.getfixturevalue("corpus_output" if archive == "corpus" else "seeds_output")
    tables = {
        "amounts": ("bidrag_amounts", ["value", "role", "body_id"]),
        "bodies": ("bidrag_bodies", ["body_id"]),
        "dates": ("bidrag_dates", ["date_start", "date_end"]),
    }
    published = {t: _published(output, t, columns) for t, (_, columns) in tables.items()}
    compared, differ = 0, {t: 0 for t in tables}  # counts only: per-document output of check documents stays unseen
    for path in list_files(root):
        data = path.read_bytes()
        doc_id = hashlib.sha256(data).hexdigest()
        if doc_id not in published["bodies"] and doc_id not in published["amounts"]:
            continue  # a document without mentions (or not read) has nothing to compare
        got = read_text(data, path.name)
        doc = nlp.make_doc(got.norm.text)
        doc._.published = got.reference
        doc = nlp(doc)
        for table, (key, columns) in tables.items():
            differ[table] += _spans(doc, key, columns) != published[table].get(doc_id, [])
        compared += 1
    assert differ == {t: 0 for t in tables}
    assert compared >= (40 if archive == "corpus" else 5)
