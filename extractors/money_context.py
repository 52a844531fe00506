"""Where a bare scale word (`43 miljoner`) finds the words that make it money, beyond its own sentence.

`extractors.amounts` reads a bare `N miljoner` as money only when the text around it is about money. Its
own sentence comes first; these helpers give the text a reader also takes in: the paragraph under a news
heading, and the sentences right beside it in its paragraph.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

import regex as re

from extractors import lang
from extractors.lexicon import alternation
from extractors.numerals import DIGIT

SpanOf = Callable[[int], tuple[int, int]]  # an offset → the (start, end) of its sentence


class Sum(Protocol):
    """What these rules read of an amount already found (extractors.amounts.AmountMention)."""

    start: int
    end: int
    value: float
    value_max: float | None
    currency: str
    explicit_currency: bool
    scale: float


HEADING_CONTEXT_CHARS = 400  # of the paragraph under a heading, read as the heading's context

_BLANK_LINE = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*\n\s*")
_SPACES = re.compile(r"[ \t\n]*")


def paragraph_under_heading(text: str, s0: int, s1: int) -> str:
    """The first paragraph under a heading, or "" when `text[s0:s1]` is no heading (a line without a full stop
    before a blank line). A news heading (`24 miljoner till nya laddstationer`) tells in short what the
    paragraph under it tells with its money words."""
    line = text[s0:s1].rstrip()
    gap = _BLANK_LINE.match(text, s1)
    if not line or line[-1] in ".!?;:," or gap is None:
        return ""
    below = gap.end()
    stop = text.find("\n\n", below, below + HEADING_CONTEXT_CHARS)
    return text[below : stop if stop >= 0 else below + HEADING_CONTEXT_CHARS]


def neighbours(text: str, s0: int, s1: int, sentence_of: SpanOf) -> str:
    """The sentences right before and after `text[s0:s1]` in its paragraph, which often tell what a bare
    `120 miljoner` is (`en pott på 330 miljoner att fördela. Av dessa går 120 miljoner till …`). Not across a
    paragraph break: there a bare count (`3 miljoner skäl`) would read the next item's money words."""
    out = []
    if s0 > 1:
        p0, p1 = sentence_of(s0 - 2)
        if p1 <= s0 and "\n\n" not in text[p1:s0]:
            out.append(text[p0:p1])
    nxt = _SPACES.match(text, s1).end()  # not `text[s1:].lstrip()`: a copy of the rest of the text per sum
    if nxt < len(text) and "\n\n" not in text[s1:nxt]:
        n0, n1 = sentence_of(nxt)
        if n0 >= s1:
            out.append(text[n0:n1])
    return " ".join(out)


def kronor_left_out(text: str, found: Sequence[Sum], sentence_of: SpanOf) -> list[tuple[int, int, str]]:
    """`A får 300 000 kronor och B 200 000.`: a grouped number that closes a clause later in the sentence of a
    sum in kronor is a sum in kronor whose unit the sentence leaves out, as (start, end, currency). A count
    names its noun (`2 000 invånare`), so only a number that ends its clause counts."""
    out: list[tuple[int, int, str]] = []
    clause_end = _clause_end()
    spans = sorted((b.start, b.end) for b in found)
    starts = [b[0] for b in spans]
    added: dict[int, list[tuple[int, int]]] = {}  # per sentence end: the numbers this rule took there
    for a in found:
        if not (a.explicit_currency and a.scale == 1 and a.value_max is None and abs(a.value) >= 1000):
            continue
        _, s1 = sentence_of(a.start)
        # only the sums inside this sentence can overlap a number in it: the document's other sums are not asked,
        # so a long list stays linear
        taken = spans[bisect_left(starts, a.start) : bisect_left(starts, s1)] + added.setdefault(s1, [])
        for m in _GROUPED.finditer(text, a.end, s1):
            if clause_end.match(text, m.end()) and not any(s < m.end() and m.start() < e for s, e in taken):
                out.append((m.start(), m.end(), a.currency))
                taken.append((m.start(), m.end()))
                added[s1].append((m.start(), m.end()))
    return out


# a number in groups of three (`200 000`), not glued to a word, a sign or another number
_GROUPED = re.compile(rf"(?<![\d\p{{L}},.:/–\-]){DIGIT}{{1,3}}(?:[ \u00a0]{DIGIT}{{3}})+(?![\d\p{{L}}]|[.,]\d)")


@lru_cache(maxsize=1)
def _clause_end() -> re.Pattern:
    """A clause ends after a number: a stop, a comma, or a word that joins the next clause (money.toml)."""
    joiners = alternation(lang.money()["clause_joiners"])
    return re.compile(r"[ \u00a0]*(?:[.;),]|[ \u00a0]+" + joiners + r"(?![\p{L}])|\Z)", re.IGNORECASE)
