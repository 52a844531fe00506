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
from pipeline.publish.grants import Statement, consolidate
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

GROUPING = [
    ("exact and its rounding", [statement("a", 12_482_000), statement("b", 12.5e6, 12.45e6, 12.55e6)], [["a", "b"]]),
    ("disjoint amounts", [statement("a", 12_482_000), statement("b", 3.1e6, 3.05e6, 3.15e6)], [["a"], ["b"]]),
    ("another role", [statement("a", 12e6), statement("b", 12e6, role="applied")], [["a"], ["b"]]),
    ("another body", [statement("a", 12e6), statement("b", 12e6, body_id="region:13")], [["a"], ["b"]]),
    (
        "programmes contradict",
        [statement("a", 12e6, programme="kommunakuten"), statement("b", 12e6, programme="återhämtningsbonus")],
        [["a"], ["b"]],
    ),
    (
        "an unknown programme contradicts nothing",
        [statement("a", 12e6, programme="kommunakuten"), statement("b", 12e6)],
        [["a", "b"]],
    ),
    ("periods contradict", [statement("a", 12e6, **Y2024), statement("b", 12e6, **Y2023)], [["a"], ["b"]]),
    (
        "a decision day inside the year",
        [
            statement("a", 12e6, **Y2024),
            statement("b", 12e6, period_start=date(2024, 3, 12), period_end=date(2024, 3, 12)),
        ],
        [["a", "b"]],
    ),
    (
        "every statement must allow the grant's interval",
        [
            statement("wide", 12e6, 10e6, 14e6),
            statement("low", 10.5e6, 10.45e6, 10.55e6),
            statement("high", 13.5e6, 13.45e6, 13.55e6),
        ],
        [["high", "wide"], ["low"]],  # equally precise: the first by id takes the wide one
    ),
]


@pytest.mark.parametrize("name,statements,expected", GROUPING, ids=[g[0] for g in GROUPING])
def test_statements_are_one_grant_when_nothing_tells_them_apart(name, statements, expected):
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
