"""Frames right around a sum that say what it is before any cue does.

A sum compared with another (`N kronor mer än i fjol`) is a difference, whatever verb governs the sentence; a
sentence or clause opened by a partitive of the whole (`Av de N går M till …`) names the whole the parts are
taken from, a budget. The words are data (roles.toml `[frames]`); `extractors.roles.classify_by_cue` asks here
first.
"""

from __future__ import annotations

from functools import cache

import regex as re

from extractors import lang
from extractors.lexicon import alternation

WHOLE_BEFORE_REACH = 20  # characters before a sum: the partitive that opens its clause


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    cfg = lang.roles()["frames"]
    space = r"\s+"
    difference = re.compile(rf"(?i)\s+{alternation(cfg['difference_after'], space=space)}(?![\p{{L}}])")
    # the partitive opens the sentence, a line or a clause (after a comma or a colon)
    whole = re.compile(rf"(?i)(?:\A|(?<=[.:;,\n]\s*))\s*{alternation(cfg['whole_before'], space=space)}\s+\Z")
    return difference, whole


def frame_role(text: str, a_start: int, a_end: int, seg_start: int) -> tuple[str, int, int] | None:
    """The role a frame right around the sum gives it, and where the frame's words are; None without one."""
    difference, whole = _patterns()
    m = difference.match(text, a_end)
    if m is not None:
        return "other", m.start(), m.end()
    m = whole.search(text, max(seg_start, a_start - WHOLE_BEFORE_REACH), a_start)
    if m is not None:
        return "budget", m.start(), m.end()
    return None
