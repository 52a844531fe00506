"""What the words around a year say it is instead of a date: an author's year in a citation (`Calmfors 2020.`,
`SKL 2019, 49.`), or a part of a link or a file's name (`…/nyhet-2019-05-24`, `fordelning-2024.xlsx`).

Read by extractors.dates for every match of its date pattern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.scan import rx as _rx

if TYPE_CHECKING:
    from extractors.dates import DateGrammar

# windows, in characters, around a candidate date where the words that decide it stand
CITATION_AUTHOR_REACH = 40  # before a year: an author's name (`Calmfors 2020`)
CITATION_TAIL_REACH = 12  # after a year: `2020a`, `, 7ff.` of a reference
FOOTNOTE_LINE_REACH = 300  # back to the start of a footnote line, at most (not to the start of a long line)
WEB_ADDRESS_REACH = 120  # around a date: the rest of a link or a file name it stands in


def is_citation(text: str, start: int, end: int, g: DateGrammar) -> bool:
    """`Statskontoret 2019, 7ff.` / `Calmfors 2020.` / `Häggroth et al 2020` — an author and a year."""
    before = text[max(0, start - CITATION_AUTHOR_REACH) : start]
    # read from the end (`(?r)`): one try where the text ends, not one at each of 40 characters; a pattern tied to
    # the end finds the same match either way (the word's run is the same from both sides)
    m = _rx(r"(?r)([\p{L}][\p{L}\-:]*\.?)\s+\Z").search(before)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if word.lower() in g.time_words:
        return False
    after = text[end : end + CITATION_TAIL_REACH]
    if _rx(r"[a-z](?![\p{L}])").match(after):
        return True  # 2020a
    if before.rstrip().endswith(g.et_al):
        return True
    # a footnote line starts with its number: look back a line's width at most, not to the start of a long line
    line_start = text.rfind("\n", max(0, start - FOOTNOTE_LINE_REACH), start) + 1
    # a footnote's number is followed by its source's name (`17. Konjunkturinstitutet 2021.`); a count or a
    # day opening a line (`13 föreningar …`, `23 december 2021 tecknade …`) is no footnote number
    numbered = _rx(r"\s*\d{1,3}\.?\s+\p{Lu}").match(text, line_start, start) is not None
    in_note = (line_start > 0 or start <= FOOTNOTE_LINE_REACH) and numbered
    if in_note and _rx(r"(?:,\s*\d|\.(?:\s*\n|\s*$|\s+\p{Lu}))").match(after):
        return True  # a reference line: "17. Konjunkturinstitutet 2021."
    if not word[0].isupper() or _in_running_text(before, g):
        return False
    # a citation closes with a page reference, a period, a semicolon or the line
    return bool(g.citation_close.match(after))


def _in_running_text(before: str, g: DateGrammar) -> bool:
    """A name after a preposition is a place or a body in a sentence (`till Region Gävleborg 2021.`,
    `i Norrbotten 2022.`), not the author that opens a reference."""
    return g.name_in_sentence.search(before) is not None


# a web address, an e-mail address or a file's name: the characters that mark one in a run without spaces
_WEB_ADDRESS = r"(?i)(?:https?://|www\.|@|\.(?:pdf|docx?|xlsx?|csv|html?|aspx?|php)(?![\p{L}\d]))"


def in_web_address(text: str, start: int, end: int) -> bool:
    """A date inside a link or a file's name (`…/nyhet-2019-05-24`, `fordelning-2024.xlsx`) names a page or a
    file, not a time the text speaks of: the run of characters without spaces around it is an address."""
    before = _rx(r"(?r)\S*\Z").search(text, max(0, start - WEB_ADDRESS_REACH), start)  # from the end: as _is_citation
    after = _rx(r"\S*").match(text, end, end + WEB_ADDRESS_REACH)
    run = (before.group(0) if before else "") + text[start:end] + (after.group(0) if after else "")
    return _rx(_WEB_ADDRESS).search(run) is not None
