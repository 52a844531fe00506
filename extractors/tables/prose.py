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

from extractors.tables.defaults import COLUMN_LINE_CHARS, MAX_LABEL_CHARS, MAX_LABEL_WORDS, MIN_LABEL_LETTERS

_LETTER = re.compile(r"\p{L}")
# after a run: white space, then what layout._continues_sentence skips (` ,;(`), then a lower-case letter
_LOWER_CASE_NEXT = re.compile(r"[ \t]*[ ,;(]*\p{Ll}")


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


def prose_line(text: str, raw: str, below: str, line_end: int, ends: list[int]) -> bool:
    """Whether the line `raw` (ending at `line_end` in `text`; `below`: the next line) gives no row whichever
    of its numbers are a table's cells (`ends`: where each number not already read as an amount ends).

    - No pipe, and it opens with a letter: its first piece is a label, so each number it may keep follows a
      label and is read as a row or a break (never skipped, as a page number before the first label is).
    - After each number but the last a lower-case word goes on (`… för 2017 på …`): that row is running
      prose (layout._continues_sentence). After the last, a lower-case word, or other text with no number
      after it: a row standing alone before text, which only a row before it on the line could save.
    - Longer than a column header line: whether it holds numbers is never asked of it (`_around`).
    - If none of its numbers is kept it is one label cell; as a label it could take the numbers of the lines
      below it (one cell per line), so it is either no label or the next line opens with a letter (a label).
    """
    if "|" in raw:
        return False
    words = raw.strip()
    if len(words) <= COLUMN_LINE_CHARS or not words[0].isalpha():
        return False
    last = len(ends) - 1
    for k, end in enumerate(ends):
        if _LOWER_CASE_NEXT.match(text, end, line_end):
            continue
        if k < last or not text[end:line_end].strip():
            return False
    return not is_label(words) or below.lstrip()[:1].isalpha()
