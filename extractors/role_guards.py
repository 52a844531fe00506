"""Cues that stand only in the right company (roles.toml [cue_guard]).

Some cues name a role only when the sum is their object: asking (`ber om N`, `bad <regeringen> om N`) is an
application where the sum follows `om`, not where `om` opens a question (`ber om besked om N kommer`) or an
infinitive stands between (`ber <regeringen> att utreda om N räcker`); `kan få N` is a grant where `få` takes the
sum, not where it is an auxiliary (`kan få betala N`, `kan få böter på N`). An offer is a grant, an offer to do
something (`erbjuds att köpa … för N`) is not. And money used (`som användes till …`) in a relative clause after
a sum tells what was done with money the main verb already gave its role.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from extractors import lang
from extractors import role_patterns as parts
from extractors.lexicon import phrase_key


@dataclass(frozen=True)
class CueGuard:
    sum_follows: frozenset[str]  # cues that count only with the sum right after them
    sum_after: re.Pattern  # the sum right after a cue: maybe a lead word (`upp till`, `drygt`), then a number
    not_before_infinitive: frozenset[str]  # cues that do not count before `att` and an infinitive
    infinitive_after: re.Pattern
    separable_breakers: re.Pattern  # a word between a separable verb and its particle that ends the verb's reach
    relative_defers: frozenset[str]  # cues that in a relative clause after the sum do not give its role


@lru_cache(maxsize=1)
def guard() -> CueGuard:
    cfg = lang.roles()["cue_guard"]
    numbers = [w for w in lang.money()["number_words"] if " " not in w.strip()] + cfg["sum_openings"]
    return CueGuard(
        sum_follows=frozenset(phrase_key(w) for w in cfg["sum_follows"]),
        sum_after=re.compile(
            r"\s+(?:" + parts.phrases(cfg["sum_lead"]) + r"\s+){0,2}(?:\d|" + parts.phrases(numbers) + r"(?![\p{L}]))",
            re.IGNORECASE,
        ),
        not_before_infinitive=frozenset(phrase_key(w) for w in cfg["not_before_infinitive"]),
        infinitive_after=re.compile(r"\s+(?:" + parts.phrases(cfg["infinitive_markers"]) + r")(?![\p{L}])", re.I),
        separable_breakers=re.compile(
            r"(?<![\p{L}])(?:" + parts.phrases(cfg["separable_breakers"]) + r")(?![\p{L}])", re.IGNORECASE
        ),
        relative_defers=frozenset(phrase_key(w) for w in cfg["relative_defers"]),
    )


def cue_stands(key: str, text: str, end: int, seg_end: int) -> bool:
    """Whether the cue `key` that ends at `end` names a role in the company it stands in."""
    g = guard()
    if key in g.sum_follows and not g.sum_after.match(text, end, seg_end):
        return False
    return not (key in g.not_before_infinitive and g.infinitive_after.match(text, end, seg_end))


def separable_reaches(text: str, verb_end: int, particle_start: int) -> bool:
    """Whether a separable verb reaches its particle over the words between (not over `att`, another `om`)."""
    return guard().separable_breakers.search(text, verb_end, particle_start) is None


def defers_in_relative(key: str) -> bool:
    return key in guard().relative_defers
