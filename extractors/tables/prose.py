"""Labels, and the prose lines the table reader can leave uncut.

A row is a short label followed by numbers; most lines of a report are
sentences whose numbers (years, sums already read as amounts) make no row.
`prose_line` tells such a line apart before its numbers are checked one by
one and its pieces cut. It is a sufficient test, never a guess: each of its
conditions is one the layout analysis (layout._row_candidates and
layout._rows_of_line) would reach on the line whatever its numbers turn out
to be, so the line, read as one label cell, gives the same rows (none) and
the same breaks between rows as the full analysis.
"""

from __future__ import annotations

import regex as re

from extractors.tables.defaults import MAX_LABEL_CHARS, MAX_LABEL_WORDS, MIN_LABEL_LETTERS

_LETTER = re.compile(r"\p{L}")
_SENTENCE_END = re.compile(r".*(?:[.!?:;]\s+|\.(?=\p{Lu}))", re.DOTALL)
# after a run: white space, then what layout._continues_sentence skips (` ,;(`), then a lower-case letter
_LOWER_CASE_NEXT = re.compile(r"[ \t]*[ ,;(]*(\p{Ll})")


def _lower_case_next(text: str, end: int, line_end: int) -> bool:
    """Whether a lower-case letter goes on after the number ending at `end`, asked of the letter as
    layout._continues_sentence asks it (str.isalpha and str.islower): `regex` may know a newer Unicode than
    Python, and reads as `\\p{Ll}` a letter Python does not know (U+A7CD, new in Unicode 16)."""
    m = _LOWER_CASE_NEXT.match(text, end, line_end)
    return m is not None and m[1].isalpha() and m[1].islower()


def is_label(text: str) -> bool:
    """Cheapest test first; the letters are found one by one up to the minimum, never all counted."""
    if not (len(text) <= MAX_LABEL_CHARS and 0 < len(text.split()) <= MAX_LABEL_WORDS):
        return False
    return has_letters(text)


def has_letters(text: str) -> bool:
    """At least MIN_LABEL_LETTERS letters: a label has words, not a code or a stray sign."""
    pos = 0
    for _ in range(MIN_LABEL_LETTERS):
        found = _LETTER.search(text, pos)
        if found is None:
            return False
        pos = found.end()
    return True


def label_text(label: str) -> str:
    """A label's own words: the tail after the last sentence end of the prose it may stand in."""
    m = _SENTENCE_END.match(label)
    return label[m.end() :] if m else label


def prose_line(text: str, raw: str, below: str, line_start: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the line `raw` (from `line_start` in `text`; `below`: the next line) gives no row whichever of
    its numbers are a table's cells (`spans`: each number not already read as an amount).

    - No pipe, and it opens with a letter: its first piece is a label, so each number it may keep follows a
      label and is read as a row or a break (never skipped, as a page number before the first label is).
    - Each number is no row's end: a lower-case word goes on after it (`… för 2017 på …`: running prose,
      layout._continues_sentence); or it is the last, with text after it (a row alone before text, which
      only a row before it on the line could save); or the words before it, from the number before it, are
      too many for a label even after their last sentence end (`… under perioden 2017–2021.`): a row's label
      reaches back at least that far, and what follows its last sentence end only grows with it.
    - If none of its numbers is kept it is one label cell; as a label it could take the numbers of the lines
      below it (one cell per line), so it is either no label or the next line opens with a letter (a label).
    """
    if "|" in raw:
        return False
    words = raw.strip()
    if not words or not words[0].isalpha():
        return False
    line_end = line_start + len(raw)
    last = len(spans) - 1
    before = line_start  # where the label before a number begins at the latest
    for k, (start, end) in enumerate(spans):
        if not (
            _lower_case_next(text, end, line_end)
            or (k == last and text[end:line_end].strip())
            or _too_long_for_label(text, before, start - 1 if start > line_start and text[start - 1] in "<>" else start)
        ):
            return False
        before = end
    return not is_label(words) or below.lstrip()[:1].isalpha()


def _too_long_for_label(text: str, start: int, end: int) -> bool:
    own = label_text(text[start:end].strip())
    return len(own) > MAX_LABEL_CHARS or len(own.split()) > MAX_LABEL_WORDS
