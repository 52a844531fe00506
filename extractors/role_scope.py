"""Which words of a sentence speak of one sum: the cue noun a sum states the size of, and parentheses.

Kept apart from extractors/roles.py so that module stays a readable size; roles.py asks these while it picks
the cue that governs an amount (within `reach` characters, its CUE_REACH).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import regex as re

from extractors import lang
from extractors.lexicon import alternation, whole_words, within_words
from extractors.scan import rx

if TYPE_CHECKING:
    from extractors.roles import Cue

NAMES_SUM = rx(r"(?i)\A\s+(?:på|om)\s+(?:\p{L}+\s+)?\Z")


def naming_cue(text: str, cues: list[Cue], a_start: int) -> Cue | None:
    """A cue noun whose size the sum states (`potten på N`, `en ansökan om drygt N`): it names the sum, and a
    nearer cue of the clause after it (`Av potten på N får <kommun> M`) speaks of another sum."""
    for c in cues:
        if c.end <= a_start and NAMES_SUM.match(text[c.end : a_start]):
            return c
    return None


def in_other_parenthesis(text: str, cue: Cue, a_start: int, seg_start: int, seg_end: int, reach: int) -> bool:
    """A cue inside parentheses that do not hold the amount speaks of another amount: `(sökt 208,8 mnkr)`."""
    open_ = text.rfind("(", max(seg_start, cue.start - reach), cue.start)
    if open_ < 0 or text.rfind(")", open_, cue.start) >= 0:
        return False
    close = text.find(")", cue.end, min(seg_end, cue.end + reach))
    if close < 0:
        return False
    return not (open_ < a_start < close)


def parenthesis_around(
    text: str, a_start: int, a_end: int, seg_start: int, seg_end: int, reach: int
) -> tuple[int, int] | None:
    """The parenthesis (open, close) the amount stands in, within its sentence."""
    open_ = text.rfind("(", max(seg_start, a_start - reach), a_start)
    if open_ < 0 or text.rfind(")", open_, a_start) >= 0:
        return None
    close = text.find(")", a_end, min(seg_end, a_end + reach))
    return (open_, close) if close >= 0 else None


@lru_cache(maxsize=1)
def _offered_total() -> tuple[re.Pattern, re.Pattern]:
    cfg = lang.roles()
    offered = cfg["offered_total"]
    between = int(offered["words_between"])
    return re.compile(
        r"(?i)\A[\s\-•*–]*"
        + whole_words(cfg["total_cues"], space=r"\s+")
        + r"\s+(?:"
        + alternation(offered["modals"])
        + r")\s+(?:(?:"
        + alternation(offered["hedges"])
        + r")\s+)?\Z"
    ), re.compile("(?i)" + within_words(between, alternation(offered["passives"])))


def offered_total(text: str, seg_start: int, a_start: int, a_end: int, seg_end: int) -> bool:
    """`Totalt kan N beviljas`, `Sammanlagt kan högst N delas ut`: a total that opens the sentence, a modal, the
    sum and a passive of giving, with no body as the subject: what a round has on offer, a budget."""
    before, after = _offered_total()
    return before.match(text[seg_start:a_start]) is not None and after.match(text, a_end, seg_end) is not None
