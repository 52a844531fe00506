"""Text normalization shared by every format, with a page map that survives it.

All offsets in the published tables point into the text this module returns,
so every change to the text happens here, once, before extraction. Page breaks
travel through the rewrites as a sentinel character that no rule touches and
that is removed last, which is how the page of a mention stays known even when
a word hyphenated across a page break is joined.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from extractors import lang
from extractors.lexicon import alternation
from extractors.numerals import ascii_digits

PAGE_SENTINEL = "\x0c"
PAGE_JOIN = "\n" + PAGE_SENTINEL

# Words that follow a suspended compound ("hälso- och sjukvård"): keep the hyphen.
_SUSPENDED_NEXT = alternation(lang.text()["suspended_compound_next"]) + r"\b"

_PDFIUM_HYPHEN = re.compile("\ufffe" + r"(?=(\s*)(" + _SUSPENDED_NEXT + "))?")
# Patterns begin with the literal they look for and check the character before it after it
# ("-(?<=[a-z]-)"): a leading look-behind makes `re` try the whole pattern at every character.
_LINE_END_HYPHEN = re.compile(
    r"-(?<=[a-zåäöéü]-)[ \t]*\n[ \t]*(" + PAGE_SENTINEL + r"?)[ \t]*(?!" + _SUSPENDED_NEXT + r")(?=[a-zåäöéü])"
)
# A hyphen after a capital or digit is part of the word ("EU-\nkommissionen", "covid-\n19").
_LINE_END_REAL_HYPHEN = re.compile(
    r"-(?:(?<=[A-ZÅÄÖ0-9]-)[ \t]*\n[ \t]*(" + PAGE_SENTINEL + r"?)[ \t]*(?=[a-zåäö0-9])"
    r"|(?<=[a-zåäö]-)[ \t]*\n[ \t]*(" + PAGE_SENTINEL + r"?)[ \t]*(?=\d))"
)
# runs of two or more spaces (or any tab); a lone no-break or thin space groups digits and stays
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\u2007]{2,}|\t")
_WIDE_SPACES = "\t\u00a0\u2009\u202f\u2007"
_DOUBLE_SPACE = re.compile("  +")  # _SPACES where only plain spaces occur: found by its literal prefix
_MANY_NEWLINES = re.compile(r"\n[ \t]*(?:" + PAGE_SENTINEL + r")?[ \t]*\n(?:[ \t]*\n)+")
# A number a line break split inside its digit groups (`415` at a line's end, `000 000 kronor` on the next):
# the break becomes a space where the next line goes on with three-digit groups and a money unit.
_UNIT_WORDS = sorted({f for u in lang.money()["unit"] for f in u["forms"] if f[0].isalpha()}, key=len, reverse=True)
_SPLIT_NUMBER = re.compile(
    r"\n(?:(?<=(?<![\d,.])\d\n)|(?<=(?<![\d,.])\d\d\n)|(?<=(?<![\d,.])\d\d\d\n))"
    r"(?=\d{3}(?:[ \u00a0]\d{3})*(?:,\d+)?[ \u00a0]*(?:" + alternation(_UNIT_WORDS) + r")(?![^\W\d_]))",
    re.IGNORECASE,
)
# … and in a table a PDF ran into lines of text (`Borlänge 21 604 118 Mora 10 482` / `195 Orsa 7 913 064`):
# a line that ends in a space-grouped number, and a next line that goes on with three-digit groups and the
# next row's label (a capital), is one number split by the break; so is a row's label at a line's end and its
# number on the next (`… Totalt länet` / `344 120 576 Gotlands län …`). Both are found from the line break
# (a literal the scan jumps to), then the text before it is checked.
_BREAK_BEFORE_GROUPS = re.compile(r"\n(?=(\d{1,3})((?:[ \u00a0]\d{3})*)[ \u00a0]([^\W\d_]))")
_ENDS_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0]\d{3})*[ \u00a0]\d{1,3}\Z")


def _joined_break(m: re.Match) -> str:
    """A space for a line break inside a flattened table's number or between a row's label and its number."""
    head, groups, label = m.group(1), m.group(2), m.group(3)
    if not label.isupper():
        return m.group(0)
    before = m.string[max(0, m.start() - 40) : m.start()]
    if len(head) == 3 and _ENDS_GROUPED.search(before):
        return " "  # `Mora 10 482` / `195 Orsa`
    if groups and before[-1:].isalpha():
        return " "  # `Totalt länet` / `344 120 576 Gotlands län`
    return m.group(0)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")


@dataclass
class NormalizedText:
    text: str
    page_starts: list[int] = field(default_factory=list)  # offset where each page begins

    def page_of(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)


def _pdfium_hyphen(match: re.Match) -> str:
    return "-" if match.group(2) else ""


def normalize(raw: str, *, join_hyphenation: bool = True) -> NormalizedText:
    """NFC, full-width digits in ASCII, soft hyphens out, line-end hyphenation joined, whitespace tidied.

    Page breaks in `raw` are marked with PAGE_JOIN (see join_pages).
    """
    text = ascii_digits(unicodedata.normalize("NFC", raw))  # full-width digits as the ASCII ones they are
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    text = _PDFIUM_HYPHEN.sub(_pdfium_hyphen, text)
    if join_hyphenation:
        text = _LINE_END_HYPHEN.sub(lambda m: m.group(1), text)
        text = _LINE_END_REAL_HYPHEN.sub(lambda m: "-" + (m.group(1) or m.group(2) or ""), text)
    plain_spaces = not any(c in text for c in _WIDE_SPACES)
    text = (_DOUBLE_SPACE if plain_spaces else _SPACES).sub(" ", text)
    # after _SPACES a blank next to a line break is one space: no line begins or ends with one
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    text = _SPLIT_NUMBER.sub(" ", text)
    text = _BREAK_BEFORE_GROUPS.sub(_joined_break, text)
    text = _MANY_NEWLINES.sub(lambda m: "\n\n" + (PAGE_SENTINEL if PAGE_SENTINEL in m.group(0) else ""), text)
    text = text.strip(" \n")

    # remove the sentinels last, remembering where pages start
    page_starts: list[int] = []
    if PAGE_SENTINEL in text:
        parts = text.split(PAGE_SENTINEL)
        page_starts.append(0)
        pos = 0
        for part in parts[:-1]:
            pos += len(part)
            page_starts.append(pos)
        text = "".join(parts)
        shift = len(text) - len(text.lstrip(" \n"))
        text = text.strip(" \n")
        page_starts = [max(0, p - shift) for p in page_starts]
    return NormalizedText(text=text, page_starts=page_starts)


def join_pages(pages: list[str]) -> str:
    return PAGE_JOIN.join(pages)
