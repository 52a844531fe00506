"""The day a fact's decision was taken: from its own sentence, or from the document's decision line.

A decision is dated where the text says when the deciding body decided: a
day in the same sentence as a decision verb (`Nämnden beslutade den 3 maj
2024 att bevilja …`), or the document's decision line (`Beslutet fattades den
2 februari 2024`, a protocol's `Sammanträdesdatum`, a memo's `Beslutsdatum`),
which dates every decision the document states. A day only: a month or a year
dates a period, not a decision. The words are data (linking.toml).
"""

from __future__ import annotations

import re as stdlib_re
from collections.abc import Callable
from functools import lru_cache

import regex as re

from extractors import lang
from extractors.cue_scan import literals, plain_lowered
from extractors.dates import DateMention
from extractors.lexicon import alternation
from extractors.linking.context import AmountContext, DocContext

LABEL_LINE_CHARS = 40  # a label line this short may have its day on the next line (`Sammanträdesdatum` / `2024-…`)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    cfg = lang.linking()["decision_date"]
    verbs = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(cfg["verbs"]) + r")(?![\p{L}])")
    lines = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(cfg["lines"]) + r")(?![\p{L}])")
    return verbs, lines


@lru_cache(maxsize=1)
def _line_words() -> stdlib_re.Pattern:
    """The decision line's words in lower case: every match of its pattern is one of them (see `_no_line_word`)."""
    return stdlib_re.compile(literals(lang.linking()["decision_date"]["lines"], space=r"\ "))


def _no_line_word(doc: DocContext) -> Callable[[int, int], bool]:
    """Whether no decision line word starts in [start, end), asked of the segments in order: one stdlib search
    of the lower-cased text finds the next such word for every segment before it (a text that is not
    `plain` says nothing, and each segment is searched)."""
    low = plain_lowered(doc.text)
    ahead = -1  # where the first line word at or after the last start asked begins

    def no_word(start: int, end: int) -> bool:
        nonlocal ahead
        if low is None:
            return False
        if ahead < start:
            m = _line_words().search(low, start)
            ahead = m.start() if m else len(low)
        return ahead >= end

    return no_word


def _days(dates: list[DateMention]) -> list[DateMention]:
    return [d for d in dates if d.granularity == "day"]


def in_sentence(doc: DocContext, ctx: AmountContext) -> DateMention | None:
    """The day nearest a decision verb in the amount's own sentence (not a table row: it has none)."""
    if ctx.seg is None or ctx.i is None or ctx.cell is not None:
        return None
    days = _days(doc.dates_by_seg.get(ctx.i, []))
    if not days:
        return None
    verbs, _ = _patterns()
    said = list(verbs.finditer(doc.text, ctx.seg.start, ctx.seg.end))
    if not said:
        return None
    return min(days, key=lambda d: min(abs(d.start - v.start()) for v in said))


def decision_line(doc: DocContext) -> DateMention | None:
    """The day on the document's first decision line, or on the line right after a short label line."""
    if doc.decision_line is not None:
        return doc.decision_line[0]
    _, lines = _patterns()
    found = None
    no_word = _no_line_word(doc)
    for i, seg in enumerate(doc.segs):
        if no_word(seg.start, seg.end) or not lines.search(doc.text, seg.start, seg.end):
            continue
        days = _days(doc.dates_by_seg.get(i, []))
        if not days and seg.end - seg.start <= LABEL_LINE_CHARS and i + 1 < len(doc.segs):
            days = _days(doc.dates_by_seg.get(i + 1, []))
        if days:
            found = days[0]
            break
    doc.decision_line = (found,)
    return found


def decision_date_of(doc: DocContext, ctx: AmountContext) -> DateMention | None:
    """The date of the decision a fact states: its sentence's, else the document's decision line's."""
    return in_sentence(doc, ctx) or decision_line(doc)
