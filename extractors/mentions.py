"""Every extractor over one text, in the order their results feed each other: the document's mentions, linked.

The one place the scans are put together: amounts and bodies first (each
with the sentence it stands in), tables read from where the amounts are,
bodies found again from table rows, dates (told apart from amounts), the
programmes, and then linking. `pipeline.run.extract` turns the result into
the contract's rows; `extractors.nlp` puts the same mentions into spaCy's
`doc.spans`, so a spaCy user and the archive see the same mentions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex as re

from extractors import facts as linking
from extractors.amounts import AmountMention, find_amounts
from extractors.areas import is_place_name
from extractors.bodies import BodyMention, find_bodies
from extractors.dates import DateMention, find_dates
from extractors.gazetteer import gazetteer
from extractors.lang import Body
from extractors.list_bodies import bodies_by_siblings
from extractors.programmes import ProgrammeMention, find_programmes
from extractors.sentences import SegmentIndex, line_blocks
from extractors.tables import find_tables, table_amounts

# where no sentence is found around a mention (it should not happen): this many characters either side
SENTENCE_FALLBACK_CHARS = 200
# a year is looked for this many sentences back, within the paragraph …
YEAR_SENTENCES_BACK = 2
# … or, where the offset is in no sentence, this many characters back
YEAR_FALLBACK_CHARS = 400
# … and never back past a line that opens with a capital: a heading or label line above (`Stöd 2019`) runs into
# the sentence under it where no full stop ends it, but a Word file or a web page keeps it a paragraph of its
# own, and so does a reader: its year is not the next line's (the last such break before the date: `(?r)`)
_NEW_LINE_UNIT = re.compile(r"(?r)\n(?=\p{Lu})")


@dataclass
class Mentions:
    """One text's mentions as the archive publishes them, with what was read on the way."""

    lines: list  # the text's lines as blocks (extractors.sentences.line_blocks)
    index: SegmentIndex  # sentences and list lines
    tables: list  # extractors.tables.Table: the tables found in the text
    amounts: list[AmountMention]  # as linked: with role, is_total and body
    bodies: list[BodyMention]
    dates: list[DateMention]
    programmes: list[ProgrammeMention]
    linked: linking.Linked  # facts and checks


@cache
def _funder_by_name() -> dict[str, Body]:
    entries, _, _ = gazetteer()
    out: dict[str, Body] = {}
    for e in entries.values():
        if e.body is not None:
            out.setdefault(e.body.name.lower(), e.body)
    return out


def funder_lookup(name: str) -> Body | None:
    """The body a programme's funder name names, from the gazetteer (None: not a body bidrag knows)."""
    return _funder_by_name().get(name.lower()) if name else None


def sentence_finder(text: str, index: SegmentIndex) -> Callable[[int], tuple[int, int]]:
    """(start, end) of the sentence or list line an offset stands in: the evidence a mention is read with."""

    def sentence_of(offset: int) -> tuple[int, int]:
        s = index.at(offset)
        if s:
            return (s.start, s.end)
        return (max(0, offset - SENTENCE_FALLBACK_CHARS), min(len(text), offset + SENTENCE_FALLBACK_CHARS))

    return sentence_of


def year_window_finder(index: SegmentIndex) -> Callable[[int], int]:
    """Where to look back for a date's year: two sentences before, within the paragraph (`_same_paragraph`)."""

    def year_window(offset: int) -> int:
        i = index.index_at(offset)
        if i is None:
            return max(0, offset - YEAR_FALLBACK_CHARS)
        para = index.segments[i].paragraph
        j = i
        while j > 0 and i - j < YEAR_SENTENCES_BACK and _same_paragraph(index, j - 1, j, para):
            j -= 1
        start = index.segments[j].start
        line = _NEW_LINE_UNIT.search(index.text, start, offset)
        return line.end() if line else start

    return year_window


def _same_paragraph(index: SegmentIndex, before: int, at: int, para: int) -> bool:
    """Two sentences in one paragraph: no blank line between them, and no line break either. A sentence that
    ends its line ends a paragraph for the year it lends: a Word file or a web page keeps each such line a
    paragraph of its own, and plain text must read the same (a sentence wrapped over lines is one sentence)."""
    seg = index.segments
    return seg[before].paragraph == para and "\n" not in index.text[seg[before].end : seg[at].start]


@dataclass
class Scanned:
    """One text's mentions before linking: what the linking rules read (tests ask one decider at a time)."""

    lines: list
    index: SegmentIndex
    tables: list
    amounts: list[AmountMention]
    bodies: list[BodyMention]
    dates: list[DateMention]
    programmes: list[ProgrammeMention]


def scan(text: str, reference: date | None = None) -> Scanned:
    """Every mention of one (normalized) text, not yet linked; `reference`: the document's date."""
    lines = line_blocks(text)
    index = SegmentIndex(text, lines)
    sentence_of = sentence_finder(text, index)
    amounts = find_amounts(text, sentence_of)
    bodies = find_bodies(text, sentence_of)
    body_spans = [(b.start, b.end) for b in bodies]

    def names_body(start: int, end: int) -> bool:
        return any(start <= s and e <= end for s, e in body_spans) or is_place_name(text[start:end])

    tables = find_tables(text, [(a.start, a.end) for a in amounts])
    in_tables = table_amounts(text, tables, names_body)
    rows = [(*a.cell.row_label, a.cell.table) for a in in_tables if a.cell is not None]
    if rows:
        bodies = sorted(bodies + bodies_by_siblings(text, rows, bodies), key=lambda b: b.start)
    amounts = sorted(amounts + in_tables, key=lambda a: a.start)
    dates = find_dates(text, reference, year_window_finder(index), [(a.start, a.end) for a in amounts])
    return Scanned(lines, index, tables, amounts, bodies, dates, find_programmes(text))


def find_mentions(text: str, reference: date | None = None) -> Mentions:
    """Every mention of one (normalized) text, linked; `reference`: the document's date, for years left out."""
    s = scan(text, reference)
    linked = linking.link(text, s.index, s.amounts, s.bodies, s.dates, s.programmes, funder_lookup)
    return Mentions(s.lines, s.index, s.tables, linked.amounts, s.bodies, s.dates, s.programmes, linked)
