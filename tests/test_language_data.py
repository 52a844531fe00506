"""Every entry of the language tables is read by a rule, and every phrase in a phrase table does what its row says.

A row that does nothing (a phrase no rule can match, a key no code reads) is a
lie to the next person who edits the data; these tests fail on it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from extractors import lang, role_guards
from extractors.amounts import find_amounts
from extractors.dates import find_dates
from extractors.lexicon import phrase_key
from extractors.roles import cues_in, heading_role, totals_in
from tests.conftest import ROOT

# columns kept for people, not read by a rule, each with why it stays
FOR_PEOPLE = {
    "bodies.csv[].source": "where a body's name and type were taken from",
    "municipalities.csv[].lanskod": "the county a municipality lies in, as SCB gives it",
    "confidence.csv[].facts": "how many facts a confidence was measured on (benchmarks/calibrate.py)",
    "confidence.csv[].right": "how many of them were right",
    "linking.toml.confidence.shrink": "read by benchmarks/calibrate.py when it fits confidence.csv, not by a rule",
}


def test_every_entry_of_every_language_table_is_read(sample_archive, seeds_dir):
    root, _ = sample_archive
    files = [str(p) for p in sorted(root.rglob("*")) if p.is_file()] + [str(p) for p in sorted(seeds_dir.iterdir())]
    out = subprocess.run(
        [sys.executable, "-m", "tests.data_usage", *files], cwd=ROOT, capture_output=True, text=True, check=True
    )
    usage = json.loads(out.stdout)
    assert len(usage["exist"]) > 200  # every table was loaded and walked
    unread = sorted(set(usage["exist"]) - set(usage["seen"]) - set(FOR_PEOPLE))
    assert unread == [], f"language data that no rule reads: {unread}"


def _rows(table: dict) -> list[tuple[str, object]]:
    return sorted(table.items())


@pytest.mark.parametrize("month,number", _rows(lang.dates()["months"]))
def test_every_month_name_is_a_date(month, number):
    text = f"Beslutet togs den 4 {month} 2024 av nämnden."
    found = find_dates(text)
    assert [(d.date_start, d.granularity) for d in found] == [(date(2024, number, 4), "day")]


@pytest.mark.parametrize("phrase,quarter", _rows(lang.dates()["quarters"]))
def test_every_quarter_phrase_is_a_quarter(phrase, quarter):
    found = find_dates(f"Pengarna betalas ut {phrase} 2023.")
    assert [(d.date_start.month, d.date_end.month) for d in found] == [(3 * quarter - 2, 3 * quarter)]


@pytest.mark.parametrize("phrase,half", _rows(lang.dates()["halves"]))
def test_every_half_year_phrase_is_a_range(phrase, half):
    found = find_dates(f"Uppföljningen sker {phrase} 2023.")
    assert [(d.date_start.month, d.date_end.month) for d in found] == [(6 * half - 5, 6 * half)]


@pytest.mark.parametrize("phrase,offset", _rows(lang.dates()["relative_years"]))
def test_every_relative_year_gives_a_date_its_year_and_is_no_date_itself(phrase, offset):
    found = find_dates(f"Regionen betalar ut pengarna den 7 augusti {phrase}.", reference=date(2022, 5, 3))
    assert [(d.text, d.date_start, d.inferred_year) for d in found] == [
        ("den 7 augusti", date(2022 + offset, 8, 7), True)
    ]


@pytest.mark.parametrize("phrase,qualifier", _rows(lang.money()["qualifiers"]))
def test_every_qualifier_qualifies_an_amount(phrase, qualifier):
    found = find_amounts(f"Kommunen får {phrase} 5 miljoner kronor i bidrag.")
    assert [(a.qualifier, a.value) for a in found] == [(qualifier, 5e6)]


@pytest.mark.parametrize("phrase,value", _rows(lang.money()["number_words"]))
def test_every_number_word_is_a_number(phrase, value):
    found = find_amounts(f"Staten ger {phrase} miljoner kronor till satsningen.")
    assert [a.value for a in found] == [value * 1e6]


@pytest.mark.parametrize("phrase,lemma", _rows(lang.money()["per"]))
def test_every_per_phrase_gives_its_unit(phrase, lemma):
    found = find_amounts(f"Bidraget är 193 kronor {phrase} i år.")
    assert [a.per for a in found] == [lemma]


UNIT_FORMS = [(form, unit["scale"], unit["currency"]) for unit in lang.money()["unit"] for form in unit["forms"]]


@pytest.mark.parametrize("form,scale,currency", UNIT_FORMS)
def test_every_unit_form_is_money(form, scale, currency):
    found = find_amounts(f"Bidraget till regionen är 12 {form} enligt beslutet.")
    assert [(a.value, a.currency) for a in found] == [(12 * scale, currency or "SEK")]


CUES = [(phrase, role) for role, phrases in lang.roles()["cues"].items() for phrase in phrases]


@pytest.mark.parametrize("phrase,role", CUES)
def test_every_role_cue_is_found_with_its_role(phrase, role):
    """The role its row in roles.toml names, not the role the compiled grammar happens to hold. A cue that counts
    only with the sum right after it (roles.toml [cue_guard] sum_follows) is given one."""
    after = " 5" if phrase_key(phrase) in role_guards.guard().sum_follows else ""
    text = f"x {phrase}{after} y"
    cues = cues_in(text, 0, len(text))
    assert [(text[c.start : c.end], c.role) for c in cues] == [(phrase, role)]


HEADINGS = [(phrase, role) for role, phrases in lang.roles()["headings"].items() for phrase in phrases]


@pytest.mark.parametrize("phrase,role", HEADINGS)
def test_every_heading_word_gives_its_role(phrase, role):
    assert heading_role(f"Följande {phrase}:") == role


@pytest.mark.parametrize("table", ["cues", "headings"])
def test_no_phrase_is_listed_under_two_roles(table):
    """A phrase under two roles would make one of its rows a lie: the rows above could not both hold."""
    roles_of: dict[str, set[str]] = {}
    for role, phrases in lang.roles()[table].items():
        for phrase in phrases:
            roles_of.setdefault(phrase_key(phrase), set()).add(role)
    assert {p: r for p, r in roles_of.items() if len(r) > 1} == {}


@pytest.mark.parametrize("phrase", lang.roles()["total_cues"])
def test_every_total_cue_is_found(phrase):
    text = f"x {phrase} y"
    cues, _ = totals_in(text, 0, len(text))
    assert [text[c.start : c.end] for c in cues] == [phrase]


def _word_lists(table: dict, where: str = "roles.toml") -> list[tuple[str, list]]:
    found = []
    for key, value in table.items():
        if isinstance(value, dict):
            found += _word_lists(value, f"{where}.{key}")
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            found.append((f"{where}.{key}", value))
    return found


@pytest.mark.parametrize("where,words", _word_lists(lang.roles()))
def test_no_word_is_listed_twice_in_one_list(where, words):
    """A word listed twice says nothing the first did, and hides which of the two a reader should edit."""
    keys = [phrase_key(w) for w in words]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


@pytest.mark.parametrize("adverb", lang.roles()["adverb_slot"])
def test_an_adverb_between_a_cues_words_keeps_the_cue(adverb):
    text = f"x går {adverb} till y"
    assert [(text[c.start : c.end], c.role) for c in cues_in(text, 0, len(text))] == [(f"går {adverb} till", "granted")]
