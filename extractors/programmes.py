"""Named grant schemes (programmes.csv): `kommunakuten`, `återhämtningsbonus`, …

A programme names the money, not a body; its funder (the body that decides or
pays) comes from the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from extractors import lang
from extractors.scan import anchor_pattern, anchored_finditer


@dataclass
class ProgrammeMention:
    start: int
    end: int
    programme: str
    funder_name: str | None


@lru_cache(maxsize=1)
def _grammar():
    by_alias: dict[str, tuple[str, str | None]] = {}
    for row in lang.programmes():
        for alias in [row["programme"]] + [a for a in row["aliases"].split("|") if a]:
            by_alias[" ".join(alias.lower().split())] = (row["programme"], row["funder_name"] or None)
    alts = sorted(by_alias, key=len, reverse=True)
    rx = re.compile(
        r"(?<![\p{L}])(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts) + r")(?![\p{L}])",
        re.IGNORECASE,
    )
    return rx, by_alias, anchor_pattern(by_alias, digits=False)


def find_programmes(text: str) -> list[ProgrammeMention]:
    rx, by_alias, anchors = _grammar()
    out = []
    for m in anchored_finditer(rx, anchors, text):
        programme, funder = by_alias[" ".join(m.group(0).lower().split())]
        out.append(ProgrammeMention(m.start(), m.end(), programme, funder))
    return out
