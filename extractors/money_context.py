"""Where a bare scale word (`43 miljoner`) finds the words that make it money, beyond its own sentence.

`extractors.amounts` reads a bare `N miljoner` as money only when the text around it is about money. Its
own sentence comes first; these helpers give the text a reader also takes in: the paragraph under a news
heading, and the sentences right beside it in its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SpanOf = Callable[[int], tuple[int, int]]  # an offset → the (start, end) of its sentence

HEADING_CONTEXT_CHARS = 400  # of the paragraph under a heading, read as the heading's context

_BLANK_LINE = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*\n\s*")


def paragraph_under_heading(text: str, s0: int, s1: int) -> str:
    """The first paragraph under a heading, or "" when `text[s0:s1]` is no heading (a line without a full stop
    before a blank line). A news heading (`24 miljoner till nya laddstationer`) tells in short what the
    paragraph under it tells with its money words."""
    line = text[s0:s1].rstrip()
    gap = _BLANK_LINE.match(text, s1)
    if not line or line[-1] in ".!?;:," or gap is None:
        return ""
    below = gap.end()
    stop = text.find("\n\n", below, below + HEADING_CONTEXT_CHARS)
    return text[below : stop if stop >= 0 else below + HEADING_CONTEXT_CHARS]


def neighbours(text: str, s0: int, s1: int, sentence_of: SpanOf) -> str:
    """The sentences right before and after `text[s0:s1]` in its paragraph, which often tell what a bare
    `120 miljoner` is (`en pott på 330 miljoner att fördela. Av dessa går 120 miljoner till …`). Not across a
    paragraph break: there a bare count (`3 miljoner skäl`) would read the next item's money words."""
    out = []
    if s0 > 1:
        p0, p1 = sentence_of(s0 - 2)
        if p1 <= s0 and "\n\n" not in text[p1:s0]:
            out.append(text[p0:p1])
    nxt = len(text) - len(text[s1:].lstrip(" \t\n"))
    if nxt < len(text) and "\n\n" not in text[s1:nxt]:
        n0, n1 = sentence_of(nxt)
        if n0 >= s1:
            out.append(text[n0:n1])
    return " ".join(out)
