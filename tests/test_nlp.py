"""The spaCy pipeline assembled from extractors/config.cfg gives the same mentions as the rules."""

from __future__ import annotations

import pytest

from extractors.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_pipeline_is_blank_swedish_with_bidrag_components(nlp):
    assert nlp.lang == "sv"
    assert nlp.pipe_names == ["bidrag_bodies", "bidrag_amounts", "bidrag_dates"]


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


def test_same_mentions_as_the_archive_pipeline(nlp, seeds_dir):
    from extractors.bodies import find_bodies
    from pipeline.read.normalize import normalize

    for path in sorted(seeds_dir.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8")).text
        doc = nlp(text)
        assert [s.kb_id_ for s in doc.spans["bidrag_bodies"]] == [m.body.body_id for m in find_bodies(text)]
