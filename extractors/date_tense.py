"""What the words around a date say about its time: two years compared, or a month told in the past.

Small rules of written Swedish that the date reader (extractors/dates.py) asks about a match; their words
are data (extractors/data/dates.toml: `change_words`, `past_tense_verbs`, `past_tense_endings`,
`date_prepositions`), compiled once into the date grammar that is passed in; the exceptions to the preterite
(`not_past_tense`, `participle_copulas`, `participle_joins`) are compiled here once.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

import regex as re

from extractors import lang
from extractors.lexicon import alternation

if TYPE_CHECKING:
    from extractors.dates import DateGrammar

PAST_VERB_REACH = 40  # before a date without a year: the verb that tells it, and a preposition
COPULA_REACH = 60  # before a form in -ade: `ska vara`, `bli färdigställda och` that make it a participle
CHANGE_REACH = 40  # before `mellan 2020 och 2021`: a word of change that makes it two years compared


def compares(text: str, start: int, end: int, g: DateGrammar) -> bool:
    """A word of change right after `mellan 2020 och 2021` or a few words before it: two years compared
    (`Mellan 2020 och 2021 steg kostnaderna`, `ökningen mellan 2020 och 2021`), not one span."""
    return bool(g.change_after.match(text, end) or g.change_before.search(text, max(0, start - CHANGE_REACH), start))


def told_before_the_item(text: str, start: int, end: int, reference: date, g: DateGrammar) -> bool:
    """A month later in the year than the item's own date, told in the past tense: the year before the item's
    (`sedan ansökan öppnade i november`, in an item of June). The verb stands right before the date (a
    preposition between) or right after it (`Den 8 december tecknade parterna …`)."""
    exceptions = _tense_exceptions()
    month = g.month_in.search(text, start, end)
    if month is None or g.months[month.group(0).lower()] <= reference.month:
        return False
    before = g.verb_before.search(text, max(0, start - PAST_VERB_REACH), start)
    after = g.verb_after.match(text, end)
    return any(
        v is not None and is_preterite(text, v.start("verb"), v.group("verb"), g, exceptions) for v in (before, after)
    )


def is_past(word: str, g: DateGrammar) -> bool:
    """A verb in the past tense: one of the listed verbs, or one with a past ending (`öppnade`, `fattades`)."""
    word = word.lower()
    return word in g.past_verbs or word.endswith(g.past_endings)


def is_preterite(text: str, at: int, word: str, g: DateGrammar, words: _TenseExceptions) -> bool:
    """The word at `at` is a verb in the preterite: past in form (`is_past`), written in lower case unless it
    opens a sentence or a line (a capitalised word inside a sentence is a name), no listed noun with a past
    ending (`spade`), and no participle after a copula (`ska vara förbrukade`, `bli färdigställda och
    redovisade`: a state to come)."""
    if not is_past(word, g) or (word[:1].isupper() and not word.isupper() and not opens_a_sentence(text, at)):
        return False
    low = word.lower()
    if low in g.past_verbs:
        return True
    if low in words.not_past:
        return False
    return words.copula_before.search(text, max(0, at - COPULA_REACH), at) is None


SENTENCE_ENDS = ".!?:\n"  # what stands before a sentence's or a line's first word (white space aside)


def opens_a_sentence(text: str, at: int) -> bool:
    """The word at `at` opens the text, a line or a sentence: its capital is the sentence's, not a name's
    (`Beviljades i november: …`)."""
    before = text[max(0, at - PAST_VERB_REACH) : at].rstrip(" \t")
    return not before or before[-1] in SENTENCE_ENDS


class _TenseExceptions:
    """The exceptions to the preterite's endings, compiled once from extractors/data/dates.toml."""

    def __init__(self, cfg: dict) -> None:
        self.not_past = frozenset(w.lower() for w in cfg["not_past_tense"])
        copula, join = alternation(cfg["participle_copulas"]), alternation(cfg["participle_joins"])
        # the copula, then at most one participle joined by `och`, right before the form in -ade
        self.copula_before = re.compile(rf"(?<![\p{{L}}]){copula}\s+(?:\p{{L}}+,?\s+{join}\s+)?\Z", re.IGNORECASE)


@cache
def _tense_exceptions() -> _TenseExceptions:
    return _TenseExceptions(lang.dates())


def respective_days(text: str, spans: list[tuple[int, int, str]], g: DateGrammar) -> list[int]:
    """Of dates as (end, start, granularity) in order, the years that take the day of the date before them:
    `senast den 30 april 2023 respektive 2024` is the 30th of April of each year."""
    return [
        i
        for i in range(1, len(spans))
        if spans[i][2] == "year"
        and spans[i - 1][2] == "day"
        and g.respective.match(text[spans[i - 1][0] : spans[i][1]])
    ]
