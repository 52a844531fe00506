"""Where a date can start: the anchors the date pattern is tried at (extractors.scan), and a small stdlib
pattern that must match there too before the large one is tried.

The date pattern (extractors.dates) is a `regex` alternation of twenty kinds of expression; tried at a
number that opens no date (a footnote's `4`, a list's `3. `), it fails only after trying each of them.
"""

from __future__ import annotations

import re as stdlib_re

import regex as re

from extractors.date_values import DASHES
from extractors.lexicon import alternation
from extractors.scan import Anchors, anchor_pattern, stdlib_alternation

# an ISO date glued to a letter before it: its century first, the letter looked at behind it (a look-behind that
# opened the pattern would be tried at every character of the text, a literal `19`/`20` only where one stands)
_GLUED_ISO_ANCHOR = r"|(?:19|20)(?<=[^\W\d_]..)\d\d-[01]\d-[0-3]\d"


def _words(cfg: dict, months: dict, quarters: dict, halves: dict) -> list[str]:
    """Every word a date may open with."""
    return list(months) + list(quarters) + list(halves) + cfg["week_words"] + cfg["year_turn_words"]


def date_anchors(cfg: dict, months: dict, quarters: dict, halves: dict) -> Anchors:
    """A digit, a month's or a period's first word, `den` or `mellan` before a number, or a glued ISO date."""
    follow_digit = [re.escape(w) + r"(?=\s+\d)" for w in cfg["day_article"] + cfg["between_words"]]
    years_word = alternation(cfg["between_year_words"])
    follow_digit += [re.escape(w) + rf"(?=\s+{years_word}\s+\d)" for w in cfg["between_words"]]
    # and an ISO date glued to the word before it, which the anchors' word boundary would miss
    anchors = anchor_pattern(_words(cfg, months, quarters, halves), extra=follow_digit)
    return Anchors(anchors.lower.pattern + _GLUED_ISO_ANCHOR)


def date_could_start(cfg: dict, months: dict, quarters: dict, halves: dict) -> stdlib_re.Pattern:
    """A pattern that matches wherever the date pattern does, and fails at most numbers that open no date.

    Every kind of date that opens with a number opens with an ASCII digit: a year's `19`/`20`, or a day
    (one or two digits) before its month in numbers (`12/3`, `4.5.`), an ordinal's `:e`, a dash and a day
    (`3–5 maj`) or white space and a month's name; or a period word that opens with a digit (`1:a kvartalet`). Anywhere
    else (a word), it lets the date pattern decide. Ignoring case the stdlib engine matches every
    character `regex` folds to the same letter; its white space holds every one of `regex`."""
    digit_words = [w for w in _words(cfg, months, quarters, halves) if w[:1].isdigit()]
    day_then = rf"(?:[./][0-9]|:[ae]|\s*[{stdlib_re.escape(DASHES)}]\s*[0-9]|\s+{stdlib_alternation(list(months))})"
    alternatives = [r"(?![0-9])", "19", "20", rf"[0-9].?{day_then}"]
    alternatives += [stdlib_alternation(digit_words)] if digit_words else []
    return stdlib_re.compile("|".join(alternatives), stdlib_re.IGNORECASE)
