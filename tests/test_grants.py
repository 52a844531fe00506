"""`grants`: one row per grant across documents, every fact in exactly one, sources that disagree flagged.

The rules are tables of statements; the acceptance case is a family of our own
documents about one decision (tests/fixtures/families.py): the decision as a
PDF with exact kronor, the press release as a web page with rounded millions,
and a news item as DOCX with `cirka` and one sum that disagrees.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from extractors.amounts import bounds, find_amounts
from pipeline.publish.grants import PRECISE_FIGURES, Statement, consolidate, significant_figures
from pipeline.run.loop import run_archive
from tests.fixtures import families


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("103,7 miljoner kronor", 103_650_000, 103_750_000),
        ("21 000 000 kronor", 20_999_999.5, 21_000_000.5),
        ("ca 30 mkr", 29_500_000 * 0.9, 30_500_000 * 1.1),
        ("drygt 9 miljoner kronor", 8_500_000, 9_500_000 * 1.25),
        ("knappt 2,3 miljarder kronor", 2_250_000_000 * 0.8, 2_350_000_000),
        ("10–20 miljarder kronor", 9_500_000_000, 20_500_000_000),
        ("en halv miljard kronor", 450_000_000, 550_000_000),  # a number word's half is its last digit
        ("2,205 miljoner kronor", 2_204_500, 2_205_500),  # every decimal after a comma counts
    ],
)
def test_an_amount_allows_the_interval_its_rounding_and_qualifier_allow(text, low, high):
    (a,) = find_amounts(text)
    assert bounds(a) == pytest.approx((low, high))


def statement(fact_id, amount, low=None, high=None, **kw):
    base = dict(
        doc_id=f"doc-{fact_id}",
        body_id="region:07",
        body_name="Region Kronoberg",
        body_type="region",
        role="granted",
        currency="SEK",
        programme=None,
        funder_id=None,
        period_start=None,
        period_end=None,
        confidence=0.9,
    )
    base.update(kw)
    return Statement(
        fact_id=fact_id,
        amount=amount,
        amount_min=amount - 0.5 if low is None else low,
        amount_max=amount + 0.5 if high is None else high,
        **base,
    )


Y2024 = dict(period_start=date(2024, 1, 1), period_end=date(2024, 12, 31))
Y2023 = dict(period_start=date(2023, 1, 1), period_end=date(2023, 12, 31))
DAY = dict(period_start=date(2024, 3, 12), period_end=date(2024, 3, 12))


def said(fact_id, text, **kw):
    """A statement as a document writes it: the amount, its rounding and its qualifier read from the words."""
    (a,) = find_amounts(text)
    low, high = bounds(a)
    return statement(fact_id, a.value, low, high, **kw)


@pytest.mark.parametrize(
    "text,figures",
    [
        ("103,7 miljoner kronor", 4),
        ("8 813 425 kronor", 7),
        ("8 813 tkr", 4),
        ("12,5 miljarder kronor", 3),
        ("1 950 000 kronor", 3),
        ("21 000 000 kronor", 2),
        ("500 miljoner kronor", 1),
        ("400 000 000 kronor", 1),
        ("tio miljoner kronor", 1),
        ("en halv miljard kronor", 1),
    ],
)
def test_an_exact_amount_has_the_significant_figures_it_was_written_with(text, figures):
    s = said("a", text)
    assert significant_figures(s.amount, s.amount_min, s.amount_max) == figures
    assert s.precise == (figures >= PRECISE_FIGURES)


@pytest.mark.parametrize(
    "text",
    ["ca 423 miljoner kronor", "drygt 9 miljoner kronor", "knappt 1,8 miljarder kronor", "10–20 miljarder kronor"],
)
def test_an_approximate_amount_or_a_range_is_never_precise(text):
    assert not said("a", text).precise


ONE_GRANT = [
    ("exact kronor and its rounding in millions", said("a", "12 482 000 kronor"), said("b", "12,5 miljoner kronor")),
    (
        "precise millions and an approximate sum",
        said("a", "103,7 miljoner kronor"),
        said("b", "cirka 100 miljoner kronor"),
    ),
    ("exact kronor and `drygt`", said("a", "9 120 500 kronor"), said("b", "drygt 9 miljoner kronor")),
    ("a table's thousands and a sentence's millions", said("a", "8 813 tkr"), said("b", "8,8 miljoner kronor")),
    (
        "round sums of one named programme",
        said("a", "500 miljoner kronor", programme="kommunakuten"),
        said("b", "500 000 000 kronor", programme="kommunakuten"),
    ),
    (
        "approximate sums of one named programme",
        said("a", "ca 423 miljoner kronor", programme="återhämtningsbonus"),
        said("b", "drygt 400 miljoner kronor", programme="återhämtningsbonus"),
    ),
    (
        "a precise sum where only one names the programme",
        said("a", "103,7 miljoner kronor", programme="kommunakuten"),
        said("b", "103,7 miljoner kronor"),
    ),
    (
        "a decision day inside the year of one programme",
        said("a", "12 miljoner kronor", programme="kommunakuten", **Y2024),
        said("b", "12 miljoner kronor", programme="kommunakuten", **DAY),
    ),
]

TWO_GRANTS = [
    ("round sums, no programme", said("a", "500 miljoner kronor"), said("b", "500 miljoner kronor")),
    ("round sums in kronor and in millions", said("a", "400 000 000 kronor"), said("b", "400 miljoner kronor")),
    ("a round sum and an approximate one", said("a", "400 000 000 kronor"), said("b", "ca 423 miljoner kronor")),
    ("two approximate sums", said("a", "cirka 12 miljoner kronor"), said("b", "drygt 12 miljoner kronor")),
    ("two-figure exact sums", said("a", "12 miljoner kronor"), said("b", "12 000 000 kronor")),
    (
        "a programme named in one only, round sums",
        said("a", "100 miljoner kronor", programme="skolmiljarden"),
        said("b", "100 000 000 kronor"),
    ),
    (
        "different programmes, precise sums",
        said("a", "103,7 miljoner kronor", programme="kommunakuten"),
        said("b", "103,7 miljoner kronor", programme="återhämtningsbonus"),
    ),
    (
        "precise sums, different periods",
        said("a", "103,7 miljoner kronor", **Y2023),
        said("b", "103,7 miljoner kronor", **Y2024),
    ),
    (
        "one programme, different periods",
        said("a", "500 miljoner kronor", programme="kommunakuten", **Y2023),
        said("b", "500 miljoner kronor", programme="kommunakuten", **Y2024),
    ),
    ("a precise sum the other does not allow", said("a", "12 482 000 kronor"), said("b", "12,6 miljoner kronor")),
    (
        "a precise sum, another role",
        said("a", "103,7 miljoner kronor"),
        said("b", "103,7 miljoner kronor", role="applied"),
    ),
    (
        "a precise sum, another body",
        said("a", "103,7 miljoner kronor"),
        said("b", "103,7 miljoner kronor", body_id="region:13"),
    ),
    (
        "one programme, another funder",
        said("a", "500 miljoner kronor", programme="kommunakuten", funder_id="myndighet:socialstyrelsen"),
        said("b", "500 miljoner kronor", programme="kommunakuten", funder_id="myndighet:kammarkollegiet"),
    ),
]


@pytest.mark.parametrize("name,a,b", ONE_GRANT, ids=[c[0] for c in ONE_GRANT])
def test_statements_tied_beyond_body_and_role_are_one_grant(name, a, b):
    for pair in ([a, b], [b, a]):
        (grant,) = consolidate(pair)
        assert grant.fact_ids == ["a", "b"]
        assert grant.amount_min <= grant.amount <= grant.amount_max


@pytest.mark.parametrize("name,a,b", TWO_GRANTS, ids=[c[0] for c in TWO_GRANTS])
def test_statements_nothing_ties_stay_two_grants(name, a, b):
    for pair in ([a, b], [b, a]):
        assert sorted(g.fact_ids for g in consolidate(pair)) == [["a"], ["b"]]


GROUPING = [
    *[(name, [a, b], [["a", "b"]]) for name, a, b in ONE_GRANT],
    *[(name, [a, b], [["a"], ["b"]]) for name, a, b in TWO_GRANTS],
    (
        "every statement must allow the grant's interval",
        [
            statement("wide", 12e6, 10e6, 14e6),
            statement("low", 10.5e6, 10.45e6, 10.55e6),
            statement("high", 13.5e6, 13.45e6, 13.55e6),
        ],
        [["high", "wide"], ["low"]],  # equally precise: the first by id takes the wide one
    ),
    (
        "a news item's rounding joins the decision it rounds",
        [
            said("decision", "12 482 000 kronor"),
            said("press", "12,5 miljoner kronor"),
            said("news", "cirka 12 miljoner kronor"),
        ],
        [["decision", "news", "press"]],
    ),
    (
        "a round sum joins only the grant whose programme it names",
        [
            said("a", "500 miljoner kronor", programme="kommunakuten"),
            said("b", "500 miljoner kronor", programme="kommunakuten"),
            said("c", "500 miljoner kronor"),
        ],
        [["a", "b"], ["c"]],
    ),
]


@pytest.mark.parametrize("name,statements,expected", GROUPING, ids=[g[0] for g in GROUPING])
def test_every_statement_is_in_exactly_one_grant(name, statements, expected):
    grants = consolidate(statements)
    assert sorted(g.fact_ids for g in grants) == sorted(expected)


def test_grants_do_not_depend_on_the_order_facts_are_read_in():
    flat = [replace(s, fact_id=f"{k}-{s.fact_id}") for k, case in enumerate(GROUPING) for s in case[1]]
    first = consolidate(list(flat))
    for seed in range(5):
        random.Random(seed).shuffle(flat)
        again = consolidate(list(flat))
        assert [(g.grant_id, g.fact_ids, g.amount) for g in again] == [
            (g.grant_id, g.fact_ids, g.amount) for g in first
        ]


@pytest.mark.parametrize(
    "a,b,conflict",
    [
        (
            statement("a", 2.25e6, programme="god och nära vård"),
            statement("b", 3.1e6, programme="god och nära vård"),
            True,
        ),
        (statement("a", 2.25e6, **Y2024), statement("b", 3.1e6, **Y2024), True),
        (statement("a", 2.25e6), statement("b", 3.1e6), False),  # nothing ties them to one grant
        (said("a", "12 miljoner kronor", **Y2024), said("b", "12 miljoner kronor", **Y2024), False),  # they agree
        (statement("a", 2.25e6, **Y2024), statement("b", 3.1e6, **Y2024, doc_id="doc-a"), False),  # one document
        (
            statement("a", 2e9, role="budget", **Y2024),
            statement("b", 3e9, role="budget", **Y2024),
            False,  # a government has many budgets in a year
        ),
    ],
)
def test_a_conflict_is_two_sources_that_disagree_about_one_grant(a, b, conflict):
    grants = consolidate([a, b])
    assert len(grants) == 2
    assert [g.conflict for g in grants] == [conflict, conflict]


@pytest.fixture(scope="module")
def family_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("family")
    for name, make in families.FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(make())
    return root


@pytest.fixture(scope="module")
def family_output(family_root, tmp_path_factory):
    root = family_root
    out = tmp_path_factory.mktemp("out")
    run_archive(root, out, use_cache=False)
    return out


def test_a_family_of_documents_gives_one_grant_per_decision_line(family_output: Path):
    facts = pd.read_parquet(family_output / "facts")
    grants = pd.read_parquet(family_output / "grants")
    documents = pd.read_parquet(family_output / "documents")
    assert len(grants) < len(facts)
    # every fact in exactly one grant
    members = [f for ids in grants.fact_ids for f in ids]
    assert sorted(members) == sorted(facts.fact_id)
    uri = dict(zip(documents.doc_id, documents.source_uri))
    for g in families.GRANTS:
        rows = grants[(grants.body_id == g.body_id) & (grants.amount == g.exact)]
        assert len(rows) == 1, g.name
        row = rows.iloc[0]
        stated_by = 1 + (g.press is not None) + (g.news is not None)
        assert row.n_documents == stated_by, g.name
        assert row.amount_min <= g.exact <= row.amount_max
        assert row.programme == families.PROGRAMME
        assert row.first_published == date(2024, 3, 12)  # the decision's date
        assert any("beslut" in uri[d] for d in row.doc_ids)


def test_sources_that_disagree_are_flagged_and_kept_apart(family_output: Path):
    grants = pd.read_parquet(family_output / "grants")
    body_id, _, _ = families.DISAGREEING
    gotland = grants[grants.body_id == body_id].sort_values("amount")
    assert list(gotland.amount) == [2_250_000, 3_100_000]
    assert gotland.conflict.all()
    assert not grants[grants.body_id != body_id].conflict.any()


def test_grant_ids_are_the_same_on_every_run(family_root: Path, family_output: Path, tmp_path: Path):
    run_archive(family_root, tmp_path / "out", use_cache=False)
    first = pd.read_parquet(family_output / "grants").sort_values("grant_id")
    again = pd.read_parquet(tmp_path / "out" / "grants").sort_values("grant_id")
    assert list(first.grant_id) == list(again.grant_id)
    assert list(first.amount) == list(again.amount)


def written_figures(text: str) -> int:
    """Significant figures of an amount as the document wrote it, read from its digits (`103,7 miljoner` → 4,
    `500 miljoner` → 1): counted from the surface text, apart from how `grants` reads them from the interval."""
    digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0").rstrip("0")
    return len(digits)


def test_every_grant_told_by_several_documents_is_tied_by_a_programme_or_a_precise_amount(corpus_output: Path):
    grants = pd.read_parquet(corpus_output / "grants")
    facts = pd.read_parquet(corpus_output / "facts").set_index("fact_id")
    amounts = pd.read_parquet(corpus_output / "amounts").set_index("mention_id")

    def precise(f) -> bool:
        a = amounts.loc[f.amount_mention_id]
        return a.qualifier == "exact" and pd.isna(a.value_max) and written_figures(a.text) >= PRECISE_FIGURES

    def tie(x, y) -> bool:
        shared = x.programme is not None and x.programme == y.programme
        holds = (precise(x) and y.amount_min <= x.amount <= y.amount_max) or (
            precise(y) and x.amount_min <= y.amount <= x.amount_max
        )
        return shared or holds

    several = grants[grants.n_documents > 1]
    assert len(several) > 0
    for g in several.itertuples():
        members = [facts.loc[f] for f in g.fact_ids]
        # the documents are one grant only through ties between them: start at one, follow ties to the rest
        reached, frontier = {members[0].doc_id}, [members[0]]
        while frontier:
            x = frontier.pop()
            for y in members:
                if y.doc_id not in reached and tie(x, y):
                    reached.add(y.doc_id)
                    frontier += [m for m in members if m.doc_id == y.doc_id]
        assert reached == set(g.doc_ids), (g.body_id, g.role, g.amount, [m.evidence[:60] for m in members])
    members = [f for ids in grants.fact_ids for f in ids]
    assert sorted(members) == sorted(facts.index)  # every fact in exactly one grant


def test_the_sample_archive_tells_one_grant_in_a_decision_and_a_news_item(sample_output: Path):
    grants = pd.read_parquet(sample_output / "grants")
    documents = pd.read_parquet(sample_output / "documents")
    kind = dict(zip(documents.doc_id, documents.doc_kind))
    told_twice = grants[grants.n_documents == 2]
    kinds = [sorted(kind[d] for d in g.doc_ids) for g in told_twice.itertuples()]
    assert ["decision", "news"] in kinds
    granted = told_twice[told_twice.role == "granted"]
    assert len(granted) == 1 and granted.amount_min.iloc[0] <= granted.amount.iloc[0] <= granted.amount_max.iloc[0]
