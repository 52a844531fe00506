"""The money pattern's groups by number (extractors.amounts): `regex` looks a group's name up at each call of
`match.group("unit")` (0.6 µs; by number 0.15), and the rules of one amount ask a dozen of them."""

from __future__ import annotations

from typing import NamedTuple

import regex as re


class MoneyGroups(NamedTuple):
    """The number of each named group of the money pattern."""

    qual: int
    between: int
    lo_b: int
    hi_b: int
    lo: int
    hi: int
    sum_a: int
    sum_b: int
    each_a: int
    each_b: int
    adj: int
    compound: int
    unit: int
    unit2: int

    @classmethod
    def of(cls, rx: re.Pattern) -> MoneyGroups:
        return cls(**{name: rx.groupindex[name] for name in cls._fields})
