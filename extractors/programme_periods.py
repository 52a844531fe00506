"""Whether a span of years is a programme's name or the time a sum is for.

A programme named with its years (`landsbygdsprogrammet 2014–2020`, `Interreg Sverige–Norge 2021–2027`) gives
those years to what it has, not to every grant made inside it: a grant's period is the date its sentence tells
besides the name, or none. Only the programme's own money (a budget), with no other date beside it, is for the
span the name gives. The words are data (extractors/data/dates.toml: `programme_name_endings`,
`programme_name_heads`, `programme_name_joins`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex as re

from extractors import lang
from extractors.dates import DateMention
from extractors.lexicon import alternation

PROGRAMME_NAME_REACH = 80  # before a span of years: the programme's name, with a few capitalised words
NAME_WORDS_MAX = 3  # capitalised words between the programme's word and its years (`för Övre Norrland`)


@cache
def _programme_before() -> re.Pattern:
    cfg = lang.dates()
    endings = alternation(cfg["programme_name_endings"])
    heads = alternation(cfg["programme_name_heads"])
    joins = alternation(cfg["programme_name_joins"])
    word = rf"(?i:(?<![\p{{L}}])\p{{L}}*{endings}|(?<![\p{{L}}]){heads})"
    capitalised = rf"(?:\s+\p{{Lu}}[\p{{L}}\-–+]*){{1,{NAME_WORDS_MAX}}}"
    # the programme's word in any case; the words of its name after it capitalised, as a name's are
    return re.compile(rf"{word}(?:\s+(?i:{joins}))?{capitalised}\s+\Z|{word}\s+\Z")


def names_a_programme(text: str, date: DateMention) -> bool:
    """A span of more than one year written right after a programme's name: part of the name."""
    programme_before = _programme_before()
    if date.date_start.year == date.date_end.year:
        return False
    return programme_before.search(text, max(0, date.start - PROGRAMME_NAME_REACH), date.start) is not None


def dates_of_the_fact(text: str, dates: Sequence[DateMention], role: str | None) -> list[DateMention]:
    """The dates of a sentence that say what its sum is for: a programme's years only for the programme's own
    money (a budget) with no other date beside them."""
    named = [d for d in dates if names_a_programme(text, d)]
    if not named:
        return list(dates)
    told = [d for d in dates if d not in named]
    return told if told or role != "budget" else named
