"""A raise of a grant names whose grant it is: `höja bidraget till <region> med N`, `bidraget till <kommun>
höjs med N`, `<kommun>s bidrag höjs med N`. Kept apart from the other linking helpers because it reads its
own words (roles.toml `[raise]`) and nothing of theirs."""

from __future__ import annotations

import regex as re

from extractors import lang
from extractors.bodies import BodyMention
from extractors.cue_scan import Prefilter, literals
from extractors.lang import Body
from extractors.lexicon import alternation
from extractors.sentences import Segment

# `höja bidraget till <region> med N`: a grant noun and its preposition right before a body, a raising verb in
# the clause, and `med` (a word at most between) right before the sum
_RAISE = lang.roles()["raise"]
_RAISED_NOUN_BEFORE = re.compile(
    r"(?i)(?<![\p{L}])(?:" + alternation(_RAISE["nouns"]) + r")\s+(?:" + alternation(_RAISE["to"]) + r")\s+\Z"
)
# a grant noun right after a name that ends in the genitive, not followed by `till <receiver>` (the body gives)
_RAISED_NOUN_AFTER_GENITIVE = re.compile(
    r"(?i)(?<=\p{L}(?:"
    + alternation(_RAISE["genitive_endings"])
    + r"))\s+(?:"
    + alternation(_RAISE["genitive_nouns"])
    + r")(?![\p{L}])(?!\s+(?:"
    + alternation(_RAISE["genitive_given_to"])
    + r")(?![\p{L}]))"
)
_RAISE_VERB = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(_RAISE["verbs"]) + r")(?![\p{L}])")
_RAISED_BY_BEFORE = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(_RAISE["by"]) + r")\s+(?:\p{L}+\s+)?\Z")
# every `_RAISED_BY_BEFORE` holds one of its words
_RAISED_BY_WORD = Prefilter(literals(_RAISE["by"]))


RAISE_REACH = 120  # characters between a raised grant's body and its sum


def raised_grant_body(text: str, in_seg: list[BodyMention], seg: Segment, a_start: int) -> Body | None:
    """The body whose grant a raise increases (`höja bidraget till <region> med N`, `bidraget till <kommun>
    höjs med N`, `<kommun>s bidrag höjs med N`): named after a grant noun and its preposition, or in the genitive
    before one, before the sum, in a clause with a raising verb and `med` right before the sum."""
    lo = max(seg.start, a_start - 30)
    if not _RAISED_BY_WORD.may_match(text, lo, a_start) or not _RAISED_BY_BEFORE.search(text, lo, a_start):
        return None
    for b in reversed([b for b in in_seg if b.end <= a_start and a_start - b.end <= RAISE_REACH]):
        inflected = b.text.lower() != b.body.name.lower()
        genitive = inflected and _RAISED_NOUN_AFTER_GENITIVE.match(text, b.end) is not None
        if not (genitive or _RAISED_NOUN_BEFORE.search(text, max(seg.start, b.start - 40), b.start)):
            continue
        if _RAISE_VERB.search(text, seg.start, a_start) and not re.search(r"[.;:]", text[b.end : a_start]):
            return b.body
    return None
