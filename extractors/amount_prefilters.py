"""What the money rules (extractors.amounts) read fast: a match's groups by number, and a cheap necessary
condition asked before a costly pattern.

`regex` looks a group's name up at each call of `match.group("unit")` (0.6 µs; by number 0.15), and the rules
of one amount ask a dozen of them; the patterns that read the words before a number (`SFS `, `minus `) cost
µs each, and most numbers have no such word before them.
"""

from __future__ import annotations

from typing import NamedTuple

import regex as re


class MoneyGroups(NamedTuple):
    """The number of each named group of the money pattern."""

    qual: int
    between: int
    lo_b: int
    hi_b: int
    lo: int
    hi: int
    sum_a: int
    sum_b: int
    each_a: int
    each_b: int
    adj: int
    compound: int
    unit: int
    unit2: int

    @classmethod
    def of(cls, rx: re.Pattern) -> MoneyGroups:
        return cls(**{name: rx.groupindex[name] for name in cls._fields})


def finals(words: list[str]) -> frozenset[str]:
    """How the words end (their stop left out), in lower case and case-folded (`ſ` reads as `s`): the last two
    letters of a word that ends in two letters, else its last character alone."""
    out: set[str] = set()
    for word in (w.rstrip(".") for w in words):
        end = word[-2:] if len(word) >= 2 and word[-2:].isalpha() else word[-1:]
        out |= {end.lower(), end.casefold()} if end else set()
    return frozenset(out)


def may_end_a_word(text: str, lo: int, end: int, finals: frozenset[str]) -> bool:
    """Whether a pattern `<a listed word> <white space> \\Z` may match text[lo:end]: a necessary condition, asked
    before the pattern (which costs µs an amount). Before the white space that ends the window must stand the
    end of a listed word (`finals`): its last character alone, or its last two. ASCII is compared in lower
    case, which is how `regex` ignores its case; anything else, or a window of white space only, leaves it to
    the pattern. A word lies within the window, so one character of it leaves only the one-character ends.
    White space as str.isspace reads it: a character `regex` reads as space that isspace does not is not
    ASCII (the answer is then yes); one isspace reads as space that `regex` does not ends no match either."""
    k = end - 1
    while k >= lo and text[k].isspace():
        k -= 1
    if k < lo:
        return True
    last = text[k]
    if not last.isascii() or last.lower() in finals:
        return True
    two = text[k - 1 : k + 1] if k > lo else ""
    return bool(two) and (not two.isascii() or two.lower() in finals)
