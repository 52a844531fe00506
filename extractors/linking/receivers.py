"""Small readings of who receives a sum, for the role deciders of who distributes and who receives.

A passive's subject (`<myndighet> tillförs N`), an organ of the body that
decides the sum (`N till socialnämnden`, `socialnämnden får N`), a named
organisation a verb strengthens (`förstärker Kustbevakningen med N`), and a
line that holds nothing but a sum. Like `helpers`, they take text and
mentions, not a decider's context, so each can be tested on its own.
"""

from __future__ import annotations

import re as stdlib_re
from collections.abc import Callable

import regex as re

from extractors import lang
from extractors.amounts import AmountMention
from extractors.bodies import BodyMention
from extractors.cue_scan import Prefilter, literals
from extractors.lang import Body
from extractors.lexicon import alternation
from extractors.linking.helpers import CLAUSE_BOUNDARY, genitive
from extractors.sentences import Segment

_ROLES = lang.roles()
_BOUNDARY = CLAUSE_BOUNDARY  # the end of a clause, as `helpers` reads it


_RECIPIENT = _ROLES["recipient"]
_PASSIVE_VERB = re.compile(r"(?i)(?:" + alternation(_RECIPIENT["passive_verbs"]) + r")\Z")
_SUBJECT_SLOT = re.compile(r"(?i)(?:\s+(?:" + alternation(_RECIPIENT["subject_slot"], space=r"\s+") + r"))*\s+\Z")
_PASSIVE_SUBJECT = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(_RECIPIENT["passive_subjects"]) + r")\Z")
_NAME_AFTER_ATT = re.compile(r"(?<![\p{L}])att\s+\p{Lu}[\p{L}-]+\Z")


def passive_subject(
    text: str, in_seg: list[BodyMention], seg_start: int, verb_start: int, verb_end: int
) -> tuple[bool, Body | None]:
    """`<myndighet> tillförs N`, `att länsstyrelserna var för sig tillförs N`: whether the passive supplying verb at
    [verb_start, verb_end) has its receiver as the subject right before it, and the body, where one is named."""
    if not _PASSIVE_VERB.search(text, verb_start, verb_end):
        return False, None
    slot = _SUBJECT_SLOT.search(text, max(seg_start, verb_start - 40), verb_start)
    subject_end = slot.start() if slot else verb_start
    for b in in_seg:
        if b.end == subject_end and not genitive(b):
            return True, b.body
    lo = max(seg_start, subject_end - 60)
    found = _PASSIVE_SUBJECT.search(text, lo, subject_end) or _NAME_AFTER_ATT.search(text, lo, subject_end)
    return found is not None, None


_OWN_ORGAN = _ROLES["own_organ"]
_TO_OWN_ORGAN = re.compile(
    r"(?:\s+\p{L}+){0,"
    + str(int(_OWN_ORGAN["gap"]))
    + r"}?\s+(?i:"
    + alternation(_OWN_ORGAN["to"])
    + r")\s+(?P<organ>(?:\p{Ll}[\p{L}]*-?\s+(?:och|samt)\s+)?\p{Ll}[\p{L}-]*(?:"
    + alternation(_OWN_ORGAN["endings"])
    + r"))(?![\p{L}])"
)


_ORGAN_WORD = r"(?:\p{L}+-?\s+(?:och|samt)\s+)?\p{L}[\p{L}-]*(?:" + alternation(_OWN_ORGAN["endings"]) + r")"
_ORGAN_RECEIVES = re.compile(
    r"(?<![\p{L}])(?P<organ>"
    + _ORGAN_WORD
    + r")(?:\s+[\p{L}\d]+){0,"
    + str(int(_OWN_ORGAN["subject_gap"]))
    + r"}?\s+(?i:"
    + alternation(_OWN_ORGAN["receiving_verbs"])
    + r")(?![\p{L}])"
)


# every organ both patterns read ends in one of the endings, matched as written (no case folded): where none
# stands, neither can match
_ORGAN_ENDING = stdlib_re.compile("|".join(map(stdlib_re.escape, _OWN_ORGAN["endings"])))


def organ_receives(text: str, seg_start: int, before: int, names_body_at: Callable[[int], bool], home: bool) -> bool:
    """`socialnämnden får ett tillskott på N`: an organ (not a body of its own) is the subject of a receiving
    verb in the clause before the sum at `before`; a capitalised organ only in a home body's own document."""
    if not _ORGAN_ENDING.search(text, seg_start, before):
        return False
    for m in _ORGAN_RECEIVES.finditer(text, seg_start, before, overlapped=True):
        organ = m.start("organ")
        if _BOUNDARY.search(text, m.end(), before) or names_body_at(organ):
            continue
        if text[organ].islower() or home:
            return True
    return False


def to_own_organ(text: str, end: int, seg_end: int, names_body_at: Callable[[int], bool]) -> bool:
    """`N till socialnämnden`, `N går till barn- och utbildningsnämnden`: the sum ending at `end` goes to an
    organ (a lower-case word, not a capitalised agency's name, nor a body of its own such as `länsstyrelsen i
    <län>`) of the body that decides it."""
    if not _ORGAN_ENDING.search(text, end, seg_end):
        return False
    m = _TO_OWN_ORGAN.match(text, end, seg_end)
    return m is not None and not _BOUNDARY.search(text, end, m.end()) and not names_body_at(m.start("organ"))


_BARE_BEFORE = re.compile(r"[\s•·*\-–]*")
_BARE_AFTER = re.compile(r"[\s.]*")


def only_the_sum(text: str, seg: Segment, amount: AmountMention) -> bool:
    """Whether the line or sentence holds nothing but the sum (a bullet before it, a full stop after it)."""
    return bool(
        _BARE_BEFORE.fullmatch(text, seg.start, amount.start) and _BARE_AFTER.fullmatch(text, amount.end, seg.end)
    )


_SUPPLIED = _ROLES["supplied_name"]
_CAPITALISED_NAME = r"(?P<name>\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+){0,3})"  # up to four capitalised words
_SUPPLIED_NAME = re.compile(
    r"(?i:(?<![\p{L}])(?:"
    + alternation(_SUPPLIED["verbs"])
    + r"))\s+"
    + _CAPITALISED_NAME
    + r"(?:s\s+(?i:"
    + alternation(_SUPPLIED["own_work"])
    + r"))?(?:\s+(?i:"
    + alternation(_SUPPLIED["by"])
    + r"))?\s+\Z"
)


_SUPPLIED_NOUN = re.compile(
    r"(?i:(?<![\p{L}])(?:"
    + alternation(_SUPPLIED["nouns"])
    + r")\s+(?:"
    + alternation(_SUPPLIED["noun_to"])
    + r"))\s+"
    + _CAPITALISED_NAME
    + r"s\s+(?i:"
    + alternation(_SUPPLIED["own_work"])
    + r")(?![\p{L}])"
)


# every `_SUPPLIED_NAME` opens with one of its verbs
_SUPPLIED_VERB = Prefilter(literals(_SUPPLIED["verbs"]))


def strengthened_in_label(text: str, start: int, end: int) -> int | None:
    """`Förstärkning av Sametingets arbete …` in a table row's label: where the name whose own work the row's
    sums strengthen starts (None: the label names no such work)."""
    m = _SUPPLIED_NOUN.search(text, start, end)
    return m.start("name") if m else None


def supplied_name(text: str, seg_start: int, before: int) -> int | None:
    """`förstärker Kustbevakningen med N`, `tillför Kustbevakningens verksamhet N`: where the capitalised name
    that a supplying verb right before the sum at `before` strengthens starts (None: no such name)."""
    lo = max(seg_start, before - 120)
    if not _SUPPLIED_VERB.may_match(text, lo, before):
        return None
    m = _SUPPLIED_NAME.search(text, lo, before)
    return m.start("name") if m else None
