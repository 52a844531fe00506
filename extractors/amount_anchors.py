"""Where an amount can start: the anchors the money pattern (extractors.amounts) is tried at, the windows
before unit words they are looked for in, and a small stdlib pattern that must match there too.

The money pattern is a `regex` alternation with look-behinds; tried where no amount starts (a year before a
verb, a footnote's number, `under` before a noun) it fails only after trying each of its alternatives.
"""

from __future__ import annotations

import re as stdlib_re
from collections.abc import Iterable

import regex as re

from extractors.lexicon import alternatives
from extractors.scan import Anchors, stdlib_alternation, word_start_alternation


def number_word_anchors(cfg: dict, number_words: dict[str, float]) -> list[str]:
    """Where a number word or phrase (`tio`, `ett par`) starts an amount: only before a scale or currency
    word, and some (`den`) only before a scale word (`den miljard`, never `den kronan`). One alternative a
    word, so that the anchors can put them under their first letters (extractors.scan.by_first_character)."""
    followers = "|".join(
        [re.escape(f) for f in cfg["number_word_followers"]]
        + [re.escape(f) + r"\b" for f in cfg["number_word_followers_whole"]]
    )
    scale_only = set(cfg["scale_only_number_words"])
    number_phrases = alternatives([w for w in number_words if w not in scale_only], space=r"\s+")
    scales = "|".join(re.escape(f) for f in cfg["scale_followers"])
    return [f"{p}(?=\\s+(?:{followers}))" for p in number_phrases] + [
        f"{p}(?=\\s+(?:{scales}))" for p in alternatives(sorted(scale_only))
    ]


# letters in every Unicode version (Latin, Latin-1 and Latin Extended-A and -B; not × and ÷): what `could_start`
# reads as a letter. Any other character may stand between an amount's words: that reads more, never less.
_SURE_LETTERS = "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"


def could_start(cfg: dict, words: Iterable[str], units: Iterable[str]) -> stdlib_re.Pattern:
    """Where an amount can start: a pattern that matches wherever the money pattern does, and cheaply fails
    at most numbers that are no money (`2021 är`, a footnote's `17. `).

    Up to its unit, every letter of an amount belongs to one of its words (a qualifier, `mellan`, `och`,
    a range's `till`, `respektive`, a number word, `nya`) or to the first part of a compound glued to the
    unit (`välfärds|miljarder`); whatever else stands there (digits, spaces, signs) is no letter. So an
    amount starts with such words and other characters, then characters that are no space glued to a unit
    word. The stdlib engine runs it 3–10× faster than `regex` runs the money pattern; it reads less as a
    letter (`_SURE_LETTERS`), its words as they are or with any white space (where the money pattern wants
    a space), and ignoring case it matches every character `regex` folds to the same letter (and more:
    `ı` for `i`), so wherever the money pattern matches, it does."""
    gap_words = (
        list(words)
        + cfg["range_between"]
        + cfg["range_and"]
        + [j for j in cfg["range_joiners"] if j[0].isalpha()]
        + cfg["each_joiners"]
        + cfg["scale_adjectives"]
    )
    return stdlib_re.compile(
        rf"(?:[^{_SURE_LETTERS}]|{stdlib_alternation(gap_words)})*?\S*?{stdlib_alternation(units)}",
        stdlib_re.IGNORECASE,
    )


def unit_anchors(cfg: dict, units: dict) -> Anchors:
    """Where unit words stand (a number far from any unit cannot start an amount): a unit's first word, a
    unit symbol, a scale word that ends a compound (`välfärdsmiljarder`), or an abbreviation glued to its
    number (`250 000kr`)."""
    unit_words = sorted({f.split()[0].lower() for f in units}, key=len, reverse=True)
    alpha = [stdlib_re.escape(w) for w in unit_words if w[0].isalpha()]
    unit_symbols = [stdlib_re.escape(w) for w in unit_words if not w[0].isalpha()]
    # an abbreviation glued to its number (`250 000kr`): its first letter, then a look-behind for the digit;
    # a hyphen, a letter or a digit right after makes it a code (`4711kr-B`, `12krs`), not money
    glued = [stdlib_re.escape(g) + r"(?<=\d" + stdlib_re.escape(g) + r")(?![-\w])" for g in cfg["glued_units"]]
    heads = [stdlib_re.escape(h) for h in cfg["compound_scale_heads"]]
    return Anchors(word_start_alternation(alpha, unit_symbols + heads + glued))
