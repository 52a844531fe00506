"""The unit a table's caption or header declares for its figures (`Belopp i tkr`, `mnkr`): read with the money
grammar's unit forms (extractors.amounts), apart from the amounts so that the amount rules stay one module."""

from __future__ import annotations

from functools import lru_cache

import regex as re

from extractors.amounts import PER_REACH, _alt, find_amounts, grammar


@lru_cache(maxsize=1)
def _table_unit_rx():
    return re.compile(r"(?<![\p{L}])" + _alt(grammar().units) + r"(?![\p{L}])", re.IGNORECASE)


def caption_unit(caption: str) -> tuple[float, str] | None:
    """The unit a table's caption names for its figures (`Beviljade medel per region, mnkr`, `Belopp i tkr`).

    The last unit word counts, unless it is part of an amount: in `Fördelning
    av 56 miljoner kronor` the unit belongs to the caption's own figure.
    """
    units = grammar().units
    found = list(_table_unit_rx().finditer(caption))
    if not found:
        return None
    own = [(a.start, a.end) for a in find_amounts(caption)]
    found = [
        m
        for m in found
        if not any(s < m.end() and m.start() < e for s, e in own)
        and caption[m.end() : m.end() + 1] != "/"
        and not grammar().per_rx.match(caption[m.end() : m.end() + PER_REACH])
    ]  # a unit of an amount of the caption's own, or of a ratio (`kr/inv.`, `kronor per invånare`), is not the table's
    if not found:
        return None
    m = found[-1]
    scale, cur = units[" ".join(m.group(0).lower().split())]
    if len(found) > 1 and scale == 1 and not caption[found[-2].end() : m.start()].strip():
        # `miljoner kronor`, `tusental kronor`: a scale word, then the currency
        before, _ = units[" ".join(found[-2].group(0).lower().split())]
        scale = before
    return scale, cur or "SEK"
