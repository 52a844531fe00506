"""The table reader's words, compiled once from extractors/data/money.toml (`[table]` and the money rules)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from extractors import lang
from extractors.lexicon import alternation

SPACE = "[ \u00a0\u202f\u2009\u2007]"


@dataclass(frozen=True)
class TableGrammar:
    money_header: re.Pattern
    count_header: re.Pattern
    money_context: re.Pattern
    not_a_cell_after: re.Pattern  # a number followed by these is prose (`70 procent`, `12 miljoner`)
    caption_start: re.Pattern  # `Tabell 1:`: a caption, not a column header
    reference_before: re.Pattern  # `Utgiftsområde 7`, `SFS 2020:`: the number names something
    # the same words as a look-behind, matched at the number (`.match(text, start)`): it holds wherever
    # reference_before finds them in a window, and is cheaper than searching the window
    reference_behind: re.Pattern


@lru_cache(maxsize=1)
def grammar() -> TableGrammar:
    cfg = lang.money()
    table = cfg["table"]
    follow = [f for u in cfg["unit"] for f in u["forms"]] + list(cfg["count_nouns"]) + list(table["prose_after"])
    reference = (
        r"(?<!\p{L})(?:" + alternation(list(cfg["not_money_before"]) + list(table["reference_words"])) + rf"){SPACE}*"
    )
    return TableGrammar(
        money_header=re.compile(r"(?<!\p{L})" + alternation(table["money_headers"]) + r"(?!\p{L})", re.IGNORECASE),
        count_header=re.compile(
            r"(?<!\p{L})" + alternation(list(cfg["count_headers"]) + list(table["count_headers"])), re.IGNORECASE
        ),
        money_context=re.compile(alternation(cfg["money_context"]), re.IGNORECASE),
        reference_before=re.compile(reference + r"\Z", re.IGNORECASE),
        reference_behind=re.compile(rf"(?<={reference})", re.IGNORECASE),
        caption_start=re.compile(alternation(table["caption_words"]) + r"(?!\p{L})", re.IGNORECASE),
        not_a_cell_after=re.compile(rf"{SPACE}*(?:" + alternation(follow) + r")(?![\p{L}/])", re.IGNORECASE),
    )
