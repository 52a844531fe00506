"""Money mentions: `82,9 miljoner kronor`, `ca 30 mkr`, `knappt 2,3 miljarder kronor`,
`21 000 000 kronor`, `10–20 miljarder kronor`, `12 + 4 miljarder kronor`,
`193 kronor per invånare`, and a bare `43,2 miljoner` where the sentence is
about money.

One compiled `regex` pattern, generated from extractors/data/money.toml, finds
the candidates (≈ 10 MB/s); small checks on the surroundings then reject what
is not money: references (`SFS 2020:193`), counts (`11 miljoner invånare`),
and bare scale words outside a money context.
"""

from __future__ import annotations

import re as stdlib_re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex as re

from extractors import lang
from extractors.amount_anchors import could_start, number_word_anchors, unit_anchors
from extractors.cells import TableCell
from extractors.lexicon import alternation, any_of, phrase_key
from extractors.money_context import SpanOf, kronor_left_out, neighbours, paragraph_under_heading
from extractors.money_groups import MoneyGroups
from extractors.number_words import compound_number_words
from extractors.numerals import DIGIT, ascii_digits, count_digits
from extractors.scan import Anchors, anchor_pattern, anchored_finditer, finals, may_end_a_word

SPACE = r"[ \u00a0\u202f\u2009\u2007]"
WS = r"[\s\u00a0\u202f\u2009\u2007]+"
BOUNDARY = r"(?![\p{L}\d])"  # after a word that ends in a letter or digit: no letter or digit follows
# windows and thresholds, in characters unless said otherwise
# a unit glued to its digits (`4711kr-B`, `3kr2`) with a hyphen, a letter or a digit right after: a code
GLUED_CODE_GUARD = r"(?!(?<=\d\p{L}+)[-\p{L}\d])"
UNIT_REACH = 80  # from the start of an amount to its unit word, at most
CONTEXT_CHARS = 200  # either side of a bare `N miljoner` where money words count, when sentences are not known
COUNT_NOUN_REACH = 40  # after the unit, where a count noun (`invånare`) makes a bare scale word no money
PER_REACH = 60  # after the unit, where `per invånare` says what the amount is per
NOT_MONEY_REACH = 12  # before the number, where a reference word (`SFS`) stands
YEAR_ROW_REACH = 6  # before the number, where the year before it in a header row of years stands
NEGATIVE_REACH = 60  # before the number, where a minus word or a named deficit (`underskott på`) stands
CHANGE_REACH = 60  # before `från 100 till 150 miljoner`, where the verb of change stands
CLOSE_AMOUNT_CHARS = 120  # a bare amount this close after one with its currency, when sentences are not known
MAX_DIGITS = 12  # a number of more digits is an id or a phone number glued together, not money


@dataclass
class AmountMention:
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    currency: str
    qualifier: str
    per: str | None
    explicit_currency: bool
    # filled in by linking
    role: str = "other"
    is_total: bool = False
    body_id: str | None = None
    # how it was written: the digits after the decimal comma and the unit's scale (`56,4 miljoner` → 1, 1e6)
    decimals: int = 0
    scale: float = 1.0
    cell: TableCell | None = None  # where it stands in a table, when the table reader found it


def _alt(words: Iterable[str], *, boundary: bool = True) -> str:
    return alternation(words, space=WS, end_boundary=BOUNDARY if boundary else None)


@dataclass(frozen=True)
class MoneyGrammar:
    """The compiled money rules, built once from money.toml (and the role cues of roles.toml)."""

    rx: re.Pattern
    at: MoneyGroups  # the numbers of rx's groups
    anchors: Anchors
    could_start: stdlib_re.Pattern  # matches wherever rx does: rx is tried only where it matches
    unit_rx: Anchors  # where unit words stand: an amount starts within UNIT_REACH before one
    units: dict[str, tuple[float, str]]  # form → (scale, currency)
    number_words: dict[str, float]
    qualifiers: dict[str, str]
    adjective_qualifiers: dict[str, str]  # `en dryg miljon`: an adjective before the scale word that qualifies
    compound_parts: dict[str, float]  # `halvmiljon`: a part glued to the scale word
    per: dict[str, str]
    per_rx: re.Pattern
    money_context: re.Pattern
    count_after: re.Pattern
    not_money_before: re.Pattern
    not_money_finals: frozenset[str]  # what a word of not_money_before ends in (see `may_end_a_word`)
    definite_endings: tuple[str, ...]
    money_from_scale: float  # a bare scale word this large is money without a money word around it
    minus_signs: frozenset[str]
    negative_before: re.Pattern  # `minus `, `underskott på ` (and a qualifier before them) right before a number
    # the same read from the end (REVERSE): whether there is one, at one try where the window ends, not at each
    # of its characters (negative_before then finds it)
    negative_ends_here: re.Pattern
    negative_finals: frozenset[str]  # what a minus word or a deficit's link ends in (see `may_end_a_word`)
    changed_from: re.Pattern  # `höjs från ` right before a number: a change from one sum to another


@lru_cache(maxsize=1)
def grammar() -> MoneyGrammar:
    cfg = lang.money()
    units: dict[str, tuple[float, str]] = {}
    for unit in cfg["unit"]:
        for form in unit["forms"]:
            units[form.lower()] = (float(unit["scale"]), unit["currency"])
    number_words = compound_number_words({k.lower(): float(v) for k, v in cfg["number_words"].items()}, cfg)
    qualifiers = {k.lower(): v for k, v in cfg["qualifiers"].items()}
    per = {k.lower(): v for k, v in cfg["per"].items()}

    digits = (
        rf"(?<![\d\p{{L}}]|\d[.,]|[:/§])"
        rf"(?:{DIGIT}{{1,3}}(?:{SPACE}{DIGIT}{{3}})+(?:,{DIGIT}+)?"  # 21 000 000 / 1 500,50
        rf"|{DIGIT}{{1,3}}(?:\.{DIGIT}{{3}})+(?:,{DIGIT}+)?"  # 1.500.000
        rf"|{DIGIT}+(?:[,.]{DIGIT}+)?)"  # 82,9 / 1.5 / 2020
        r"(?![\d])"
    )
    # the number once, in a DEFINE group called where it stands (it captures nothing; the groups around each call
    # do): its 8 copies made a pattern of 38,000 characters, ~0.2 s to compile at each worker's start
    number_body = f"(?:{digits}|(?<![\\p{{L}}]){_alt(number_words)})"
    number = "(?&number)"
    unit = _alt(units)
    qual = r"(?<![\p{L}])" + _alt(qualifiers)
    symbols = [j for j in cfg["range_joiners"] if not j[0].isalpha()]
    joiner_words = [j for j in cfg["range_joiners"] if j[0].isalpha()]
    joiner = rf"(?:{SPACE}*{alternation(symbols)}{SPACE}*|{WS}{alternation(joiner_words)}{WS})"
    between, and_ = alternation(cfg["range_between"]), alternation(cfg["range_and"])
    # the bounds of "mellan -300 och -2 500 kronor" may carry their signs
    signed = f"(?:[{re.escape(''.join(cfg['minus_signs']))}+](?={DIGIT}))?{number}"
    heads = alternation(cfg["compound_scale_heads"])  # `5 välfärdsmiljarder`: a scale word ending a compound
    pattern = (
        rf"(?(DEFINE)(?P<number>{number_body}))"
        rf"(?P<qual>{qual}{WS})?"
        rf"(?:(?P<between>{between}){WS}(?P<lo_b>{signed}){WS}{and_}{WS}(?P<hi_b>{signed})"
        rf"|(?P<lo>{number})(?:{joiner}(?P<hi>{number}))?"
        rf"|(?P<sum_a>{number}){SPACE}*\+{SPACE}*(?P<sum_b>{number})"
        rf"|(?P<each_a>{number}){WS}{alternation(cfg['each_joiners'])}{WS}(?P<each_b>{number}))"
        rf"{SPACE}*\n?{SPACE}*(?:(?P<adj>{_alt(cfg['scale_adjectives'])}){WS})?"
        rf"(?P<compound>(?-i:\p{{Ll}})\p{{L}}{{2,}}?(?={heads}))?(?P<unit>{unit}){GLUED_CODE_GUARD}"
        rf"(?:{WS}(?P<unit2>{unit}))?"
    )
    # money_context is asked only whether it matches: any_of, which compiles faster
    role_cues = any_of([w for words in lang.roles()["cues"].values() for w in words], space=WS, end_boundary=BOUNDARY)
    negative = (
        rf"(?<![\p{{L}}])(?:(?P<qual>{_alt(qualifiers)}){WS})?"
        rf"(?:(?P<word>{_alt(cfg['minus_words'])})|{_alt(cfg['deficit_words'])}{WS}{_alt(cfg['deficit_links'])}){WS}\Z"
    )
    rx = re.compile(pattern, re.IGNORECASE)  # simple case folding: full folding (VERSION1) doubles the cost
    return MoneyGrammar(
        rx=rx,
        at=MoneyGroups.of(rx),
        anchors=anchor_pattern(list(qualifiers) + cfg["range_between"], extra=number_word_anchors(cfg, number_words)),
        could_start=could_start(cfg, list(number_words) + list(qualifiers), units),
        unit_rx=unit_anchors(cfg, units),
        units=units,
        number_words=number_words,
        qualifiers=qualifiers,
        adjective_qualifiers={k.lower(): v for k, v in cfg["adjective_qualifiers"].items()},
        compound_parts={k.lower(): float(v) for k, v in cfg["compound_scale_parts"].items()},
        per=per,
        per_rx=re.compile(r"\A" + WS + _alt(per), re.IGNORECASE),
        money_context=re.compile(alternation(cfg["money_context"]) + r"|(?<![\p{L}])" + role_cues, re.IGNORECASE),
        count_after=re.compile(r"\A" + WS + _alt(cfg["count_nouns"]), re.IGNORECASE),
        not_money_before=re.compile(
            # `FOI:s 23 miljoner`: an acronym's genitive, not the page abbreviation `s.`
            r"(?<![\p{L}\d:])" + _alt([w.rstrip(".") for w in cfg["not_money_before"]]) + r"\.?" + WS + r"\Z",
            re.IGNORECASE,
        ),
        not_money_finals=finals(cfg["not_money_before"]) | {"."},
        definite_endings=tuple(cfg["definite_unit_endings"]),
        money_from_scale=float(cfg["money_from_scale"]),
        minus_signs=frozenset(cfg["minus_signs"]),
        changed_from=re.compile(
            rf"(?<![\p{{L}}]){_alt(cfg['change_verbs'])}(?:\s+\p{{L}}+){{0,3}}\s+{_alt(cfg['change_from'])}{WS}\Z",
            re.IGNORECASE,
        ),
        negative_before=re.compile(negative, re.IGNORECASE),
        negative_ends_here=re.compile(negative, re.IGNORECASE | re.REVERSE),
        negative_finals=finals(cfg["minus_words"] + cfg["deficit_links"]),
    )


def rounding(a: AmountMention) -> float:
    """Half a unit of the last digit the amount was written with: `56,4 miljoner` → 50 000; whole kronor → 0,5.

    `30 miljoner` in a news item and `29 876 000 kronor` in the decision are the same sum told at two
    precisions; this is the slack the shorter one allows.
    """
    return 0.5 * a.scale * (10**-a.decimals) if a.scale > 1 else 0.5


@cache
def _qualifier_bounds() -> dict[str, tuple[float, float]]:
    return {q: (float(lo), float(hi)) for q, (lo, hi) in lang.money()["qualifier_bounds"].items()}


def bounds(a: AmountMention) -> tuple[float, float]:
    """The interval of values the statement allows, from its rounding, its range and its qualifier
    (`knappt 1,8 miljarder` → 1,44..1,85 miljarder); the factors are data (money.toml `qualifier_bounds`)."""
    low_factor, high_factor = _qualifier_bounds()[a.qualifier]
    slack = rounding(a)
    top = a.value_max if a.value_max is not None else a.value
    low, high = (a.value - slack) * low_factor, (top + slack) * high_factor
    return (min(low, high), max(low, high))


_NO_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\u2007")  # the spaces that group a number's digits
_THOUSANDS_POINTS = re.compile(rf"{DIGIT}{{1,3}}(?:\.{DIGIT}{{3}})+(?:,{DIGIT}+)?")
_AFTER_COMMA, _AFTER_POINT = re.compile(rf",({DIGIT}+)$"), re.compile(rf"\.({DIGIT}{{1,2}})$")
_DIGIT = re.compile(DIGIT)


def parse_number(s: str) -> float:
    """`21 000 000` → 21e6, `82,9` → 82.9, `1.500` → 1500, `tio` → 10, `-4 000` → -4000 (a range's bound)."""
    if s.isascii() and s.isdigit():
        return float(s)  # most numbers (`2020`, `295`): no sign, no word, no space, no comma or point to read
    g = grammar()
    if s[:1] in g.minus_signs or s[:1] == "+":
        return (-1 if s[0] in g.minus_signs else 1) * parse_number(s[1:])
    number_words = g.number_words
    key = " ".join(s.lower().split())
    if key in number_words:
        return number_words[key]
    s = s.translate(_NO_SPACES)
    if "." in s and _THOUSANDS_POINTS.fullmatch(s):
        s = s.replace(".", "")
    return float(ascii_digits(s).replace(",", "."))  # every digit the pattern took, in the digits float() reads


def _decimals(s: str) -> int:
    """The decimals a number was written with: every digit after a decimal comma (`2,205 miljoner`), one or
    two after a point (`1.500` is thousands), and for a number word the decimals its value needs (`en halv
    miljard` is 0,5 miljarder, not a rounding of 0 or 1)."""
    if s.isascii() and s.isdigit():
        return 0  # a plain run of digits (`295`): no comma, no point
    s = s.strip()
    m = ("," in s and _AFTER_COMMA.search(s)) or ("." in s and _AFTER_POINT.search(s))
    if m:
        return len(m.group(1))
    if _DIGIT.search(s):
        return 0
    try:
        _, _, fraction = f"{abs(parse_number(s)):g}".partition(".")
    except ValueError:
        return 0
    return len(fraction)


def find_amounts(text: str, sentence_of: SpanOf | None = None) -> list[AmountMention]:
    """All money mentions in `text`, in order.

    `sentence_of(offset) -> (start, end)` gives the sentence around an offset,
    used to decide whether a bare `N miljoner` is money; without it a window
    of CONTEXT_CHARS characters is used.
    """
    g = grammar()
    out: list[AmountMention] = []
    last_currency = "SEK"
    windows = _unit_windows(text, g.unit_rx)
    if not windows:
        return out
    for m in anchored_finditer(g.rx, g.anchors, text, windows=windows, could_start=g.could_start):
        scale, currency, end = _unit(m, g)
        qualifier = g.adjective_qualifiers.get((m.group(g.at.adj) or "").lower(), "exact")  # `en dryg miljon`
        if m.group(g.at.qual):
            qualifier = g.qualifiers[" ".join(m.group(g.at.qual).strip().lower().split())]
        negative, start, said_qualifier = _sign(text, m.start(), m, g)
        if said_qualifier:  # "cirka minus 12 miljarder"
            qualifier = g.qualifiers[phrase_key(said_qualifier)]
        if _reference_or_year_before(text, start, m, g):
            continue
        pieces = _pieces(m, start, end, g, _changed(text, m, start, g))
        if negative and len(pieces) > 1:
            negative = False  # "-15 + 6 miljarder": which piece the sign belongs to is not certain
        money = _currency(text, m, (start, end), (scale, currency), last_currency, out, sentence_of)
        if money is None:
            continue
        currency, explicit = money
        per = None
        pm = g.per_rx.match(text[end : end + PER_REACH])
        if pm:
            per = g.per[phrase_key(pm.group(0))]
        for ps, pe, lo, hi in pieces:
            written = _written(text, m, (ps, pe, lo, hi), scale, currency, explicit, per, negative)
            if written is not None:
                written.qualifier = qualifier if ps == start else "exact"
                out.append(written)
        last_currency = currency
    if sentence_of is not None:  # `… 100 000 kronor och konsthallen 200 000.`: the unit left out
        left_out = [
            AmountMention(s, e, text[s:e], parse_number(text[s:e]), None, cur, "exact", None, False)
            for s, e, cur in kronor_left_out(text, out, sentence_of)
        ]
        out = sorted(out + left_out, key=lambda a: a.start)
    return out


def _unit_windows(text: str, unit_rx: Anchors) -> list[tuple[int, int]]:
    """Where amounts may start: at most UNIT_REACH characters before a unit word (anchors are looked for
    only there)."""
    windows: list[tuple[int, int]] = []
    for u in unit_rx.finditer(text):
        lo, hi = max(0, u.start() - UNIT_REACH + 1), u.start() + 1
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _unit(m: re.Match, g: MoneyGrammar) -> tuple[float, str, int]:
    """The scale and currency of the amount's unit words, and where they end (`miljoner kronor`)."""
    scale, currency = g.units[" ".join(m.group(g.at.unit).lower().split())]
    scale *= g.compound_parts.get((m.group(g.at.compound) or "").lower(), 1.0)  # `en halvmiljon`
    end = m.end(g.at.unit)
    if m.group(g.at.unit2):
        s2, c2 = g.units[" ".join(m.group(g.at.unit2).lower().split())]
        if currency == "" and c2 and s2 == 1:
            currency = c2
            end = m.end(g.at.unit2)
        # a currency then a scale word ("5 kr miljoner") does not happen: the second unit is ignored
    return scale, currency, end


def _reference_or_year_before(text: str, start: int, m: re.Match, g: MoneyGrammar) -> bool:
    """A reference (`SFS 2020:193`) or a header row of years right before the number: not money."""
    # the reference word ends in white space right before the number (any white space `regex` reads is one)
    lo = max(0, start - NOT_MONEY_REACH)
    if (
        text[start - 1 : start].isspace()
        and may_end_a_word(text, lo, start, g.not_money_finals)
        and g.not_money_before.search(text[lo:start])
    ):
        return True
    # `2022 2023 2024 kr/inv.`: the last of a header row of years, not money (a year ends where the number does)
    end = m.end(g.at.lo) if m.group(g.at.lo) else start
    return text[max(0, end - 4) : end - 2] in _CENTURIES and bool(
        _YEAR_AFTER_YEAR.search(text, max(0, start - YEAR_ROW_REACH), end)
    )


def _changed(text: str, m: re.Match, start: int, g: MoneyGrammar) -> bool:
    """`höjs från 100 till 150 miljoner`: a sum changed from one to the other, two sums, not a range."""
    if not m.group(g.at.hi) or text[m.end(g.at.lo) : m.start(g.at.hi)].strip().lower() != "till":
        return False
    return bool(g.changed_from.search(text, max(0, start - CHANGE_REACH), start))


def _pieces(
    m: re.Match, start: int, end: int, g: MoneyGrammar, changed: bool = False
) -> list[tuple[int, int, str, str | None]]:
    """The amounts a match states, as (start, end, number, upper bound): two for a sum (`12 + 4 miljarder`),
    for two sums told together (`3 respektive 4 miljoner`) and for a sum changed (`från 100 till 150`)."""
    at = g.at
    if changed:
        return [(start, m.end(at.lo), m.group(at.lo), None), (m.start(at.hi), end, m.group(at.hi), None)]
    if m.group(at.sum_a):
        first = (m.start(at.sum_a), m.end(at.sum_a), m.group(at.sum_a), None)
        return [first, (m.start(at.sum_b), end, m.group(at.sum_b), None)]
    if m.group(at.each_a):  # a qualifier before the first sum is its own (`knappt 3 respektive 4 miljoner`)
        return [
            (start, m.end(at.each_a), m.group(at.each_a), None),
            (m.start(at.each_b), end, m.group(at.each_b), None),
        ]
    if m.group(at.between):
        return [(start, end, m.group(at.lo_b), m.group(at.hi_b))]
    return [(start, end, m.group(at.lo), m.group(at.hi))]


def _currency(
    text: str,
    m: re.Match,
    span: tuple[int, int],
    unit: tuple[float, str],
    last_currency: str,
    out: list[AmountMention],
    sentence_of: SpanOf | None,
) -> tuple[str, bool] | None:
    """The amount's currency and whether the text names it, or None when a bare scale word is no money."""
    g = grammar()
    (start, end), (scale, currency) = span, unit
    if currency:
        return currency, True
    if g.count_after.match(text[end : end + COUNT_NOUN_REACH]):
        return None  # `11 miljoner invånare`
    if m.group(g.at.compound) or m.group(g.at.adj) or scale >= g.money_from_scale:
        # `5 välfärdsmiljarder`, `sex nya miljoner`, `en halv miljard till kommunerna`: billions are money in
        # public finance, and new or extra millions are
        return "SEK", True
    # a bare scale word: money only when the sentence is about money
    if sentence_of:
        s0, s1 = sentence_of(start)
    else:
        s0, s1 = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    context = text[s0:start] + " " + text[end:s1] + " " + paragraph_under_heading(text, s0, s1)
    if sentence_of:
        context += " " + neighbours(text, s0, s1, sentence_of)
    definite = m.group(g.at.unit).lower().endswith(g.definite_endings)  # "de 8 miljarderna": said before
    if not (
        g.money_context.search(context)
        or _previous_amount_close(out, start, text, sentence_of)
        or (definite and any(a.explicit_currency for a in out))
    ):
        return None
    return last_currency, False


def _written(
    text: str,
    m: re.Match,
    piece: tuple[int, int, str, str | None],
    scale: float,
    currency: str,
    explicit: bool,
    per: str | None,
    negative: bool,
) -> AmountMention | None:
    """One amount as written, or None where its numbers are no money (`2020-2021 kronor`, an id)."""
    ps, pe, lo, hi = piece
    g = grammar()
    try:
        value = parse_number(lo) * scale
        value_max = parse_number(hi) * scale if hi else None
    except ValueError:
        return None
    if value_max is not None and value_max < value:
        if not m.group(g.at.between):
            return None  # "2020-2021 kronor" style accidents; not a range of money
        value, value_max = value_max, value  # "mellan -300 och -2 500": a range runs low to high
    if _too_many_digits(lo):
        return None
    if negative and value_max is None:
        value = -value
    written = AmountMention(ps, pe, text[ps:pe], round(value, 2), None, currency, "exact", per, explicit)
    written.value_max = round(value_max, 2) if value_max is not None else None
    written.decimals, written.scale = _decimals(lo), scale
    return written


def _sign(text: str, start: int, m: re.Match, g: MoneyGrammar) -> tuple[bool, int, str | None]:
    """Whether the amount starting at `start` is negative, where its mention starts, and a qualifier said
    before the minus word (`cirka minus 12 miljarder`).

    Only an unqualified single number takes a sign: a minus glued to it and not closing a range
    (`10-20`), or a minus word or a named deficit right before it. A minus word is part of the
    amount's text (`minus 589 miljoner kronor`); a deficit's noun is not (`underskott på`).
    """
    if m.group(g.at.qual) or m.group(g.at.between) or m.group(g.at.hi):
        return False, start, None
    if start > 0 and text[start - 1] in g.minus_signs:
        before = text[start - 2] if start > 1 else " "
        if not (before.isalnum() or before in g.minus_signs or before in ".,"):
            return True, start - 1, None
        return False, start, None
    lo = max(0, start - NEGATIVE_REACH)
    if not may_end_a_word(text, lo, start, g.negative_finals) or g.negative_ends_here.search(text, lo, start) is None:
        return False, start, None
    said = g.negative_before.search(text, lo, start)
    if said is None:
        return False, start, None
    if said.group("word"):
        return True, said.start("qual") if said.group("qual") else said.start("word"), said.group("qual")
    return True, start, None


def _previous_amount_close(out: list[AmountMention], start: int, text: str, sentence_of: SpanOf | None) -> bool:
    """A bare `192,8 miljoner` right after `56,4 miljoner` in the same sentence."""
    if not out:
        return False
    prev = out[-1]
    if sentence_of:
        return sentence_of(prev.start) == sentence_of(start) and prev.explicit_currency
    return start - prev.end < CLOSE_AMOUNT_CHARS and prev.explicit_currency


_CENTURIES = ("19", "20")
_YEAR_AFTER_YEAR = re.compile(rf"(?<!\d)(?:19|20){DIGIT}{DIGIT}[ \u00a0]+(?:19|20){DIGIT}{DIGIT}\Z")


def _too_many_digits(number: str) -> bool:
    """A run of more than MAX_DIGITS digits is an id or a phone number glued together, not money."""
    return len(number) > MAX_DIGITS and count_digits(number) > MAX_DIGITS
