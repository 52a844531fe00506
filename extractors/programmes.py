"""Named grant schemes (programmes.csv): `kommunakuten`, `återhämtningsbonus`, …

A programme names the money, not a body; its funder (the body that decides or
pays) comes from the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from extractors import lang
from extractors.lexicon import phrase_key, whole_words
from extractors.scan import Anchors, anchor_pattern, anchored_finditer


@dataclass
class ProgrammeMention:
    start: int
    end: int
    programme: str
    funder_name: str | None


@dataclass(frozen=True)
class ProgrammeGrammar:
    rx: re.Pattern
    anchors: Anchors
    by_alias: dict[str, tuple[str, str | None]]  # alias → (programme, funder name)


@lru_cache(maxsize=1)
def grammar() -> ProgrammeGrammar:
    by_alias: dict[str, tuple[str, str | None]] = {}
    for row in lang.programmes():
        for alias in [row["programme"]] + [a for a in row["aliases"].split("|") if a]:
            by_alias[phrase_key(alias)] = (row["programme"], row["funder_name"] or None)
    rx = re.compile(whole_words(by_alias, space=r"\s+"), re.IGNORECASE)
    return ProgrammeGrammar(rx, anchor_pattern(by_alias, digits=False), by_alias)


def find_programmes(text: str) -> list[ProgrammeMention]:
    g = grammar()
    out = []
    for m in anchored_finditer(g.rx, g.anchors, text):
        programme, funder = g.by_alias[phrase_key(m.group(0))]
        out.append(ProgrammeMention(m.start(), m.end(), programme, funder))
    return out
