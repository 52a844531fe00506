r"""What a digit is, in one place, and the value of a number written in digits.

A Swedish document writes its numbers in the ASCII digits; some PDFs and OCR write the full-width ones
(`１２ ５００`), the same digits in a wide font. `text.toml` `digit_sets` lists the sets that are read. Every
pattern that reads a digit (an amount, a date, a table cell, a broken number a reader regroups) uses
`DIGIT`, or `DIGIT_CHARS` inside a class, and every value taken from such text goes through `ascii_digits`
(`int_of`, amounts.parse_number), which writes each of those digits in ASCII for int() and float(). So
whatever a pattern takes for a digit, the conversion knows, and reading a number never raises. A document's
text has its full-width digits written in ASCII when it is read (pipeline/read/normalize.py), so that the
rules that spell digits out (a year's `19`/`20`, a month's `0[1-9]`) read a full-width date as well; `DIGIT`
keeps the full-width set for text that bidrag did not read (the spaCy component), and because `regex`
matches a class of two ranges about as fast as `\d`, and `[0-9]` alone some 2.5 times slower.

Why not `\d`: the `regex` module knows a newer Unicode than Python (regex 2026: digits of Unicode 15 and 16
such as U+10D40..U+10D49 GARAY; Python 3.11: Unicode 14), so `\d` took digits that int() refuses, and one
such table cell or year failed its whole document. Digits of other scripts (Arabic-Indic, Devanagari) are
left out deliberately: no Swedish amount is written in them, the words around them are none the Swedish
rules read, and every further set slows every number pattern. They are text: never a number and never an
error. A set added to `digit_sets` is read everywhere at once.

`\d` stays in lookarounds only (`(?![\d\p{L}])`, `(?<![\d,.])`) and in the tests of what follows a match
(`-\d` after a year): there it says what a number must not be glued to, and a digit of any script counts, so
that a run holding one digit that is not read is no number at all rather than the part of it that is. The
readers' other `\d` (stdlib `re`: Python's own digits) only decide where a line or page breaks, never a value.
"""

from __future__ import annotations

import re

from extractors import lang


def _digit_sets() -> tuple[str, ...]:
    """The sets of `text.toml` `digit_sets`, each checked to be ten characters, 0 to 9, none in two sets."""
    sets = tuple(lang.text()["digit_sets"])
    chars = "".join(sets)
    if any(len(s) != 10 for s in sets) or len(set(chars)) != len(chars) or "0123456789" not in sets:
        raise ValueError("text.toml digit_sets: each set is ten distinct digits, 0 to 9, the ASCII ones among them")
    return sets


def _class_body(sets: tuple[str, ...]) -> str:
    """The inside of a character class of every digit in `sets`: a range where a set's code points run on."""
    parts = []
    for digits in sets:
        if all(ord(b) - ord(a) == 1 for a, b in zip(digits, digits[1:])):
            parts.append(f"{re.escape(digits[0])}-{re.escape(digits[-1])}")
        else:
            parts.append("".join(re.escape(ch) for ch in digits))
    return "".join(parts)


DIGIT_SETS = _digit_sets()
DIGIT_CHARS = _class_body(DIGIT_SETS)  # inside a class: `[{DIGIT_CHARS}\s]`; the same in `re` and `regex`
DIGIT = f"[{DIGIT_CHARS}]"  # one digit that is read, in place of `\d`
_TO_ASCII = str.maketrans({ch: str(value) for digits in DIGIT_SETS for value, ch in enumerate(digits)})
_NOT_ASCII = _class_body(tuple(s for s in DIGIT_SETS if s != "0123456789"))
_OTHER_DIGIT = re.compile(f"[{_NOT_ASCII}]" if _NOT_ASCII else "(?!)")  # a digit read that is not ASCII


def ascii_digits(text: str) -> str:
    """`text` with every digit `DIGIT` accepts written in ASCII (`１２,５` → `12,5`), one character for one, so
    every offset stays; all else as it was. The one conversion between the digits the patterns read and the
    ones int() and float() read. A document's text is written so when it is read (pipeline/read/normalize.py),
    so that the rules that spell digits out (a year's `19`/`20`, a month's `0[1-9]`) read a full-width date
    too. A text without such a digit (looked for by a stdlib search, far faster than a translation) is
    returned as it is."""
    if text.isascii() or not _OTHER_DIGIT.search(text):
        return text
    return text.translate(_TO_ASCII)


def int_of(digits: str) -> int:
    """The value of a run of digits a pattern took with `DIGIT` (a year, a month, a day, a column's year)."""
    return int(ascii_digits(digits))


def count_digits(text: str) -> int:
    """How many digits `DIGIT` accepts `text` holds."""
    if text.isascii():
        return sum(ch.isdigit() for ch in text)
    return sum(ord(ch) in _TO_ASCII for ch in text)
