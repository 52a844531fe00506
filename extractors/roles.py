"""What an amount is: applied for, granted, a budget to distribute, or other.

Swedish puts the cue near the amount (`har ansökt om 77,7 miljoner`, `16
regioner får dela på 56,4 miljoner`, `750 miljoner kronor att fördela`) or in a
relative clause right after it (`83 miljoner kronorna som ni har sökt`,
`249 miljoner kronor som nu delas ut`). So: a cue in such a clause wins;
otherwise the nearest cue in the sentence, where crossing a clause boundary
(`,`, `medan`, `men`, `–`) costs distance. A list line with no cue of its own
takes the role of the sentence or heading that introduces the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from extractors import lang
from extractors.scan import anchor_pattern, anchored_finditer, lowered
from extractors.scan import rx as _rx


@dataclass
class Cue:
    start: int
    end: int
    role: str  # applied | granted | budget | other


def _alt(words: Iterable[str]) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        parts.append(re.escape(w).replace(r"\ ", r"\s+"))
    return "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=1)
def _grammar():
    cfg = lang.roles()
    by_word: dict[str, str] = {}
    for role in ("other", "budget", "granted", "applied"):  # later roles win a tie of the same word
        for w in cfg["cues"][role]:
            by_word[" ".join(w.lower().split())] = role
    cue_rx = re.compile(r"(?<![\p{L}])" + _alt(by_word) + r"(?![\p{L}])", re.IGNORECASE)
    total_rx = re.compile(r"(?<![\p{L}])" + _alt(cfg["total_cues"]) + r"(?![\p{L}])", re.IGNORECASE)
    own = re.compile(r"(?<![\p{L}])" + _alt(cfg["own_money_subjects"]) + r"\s+\Z", re.IGNORECASE)
    heading_words = {}
    for role, words in cfg["headings"].items():
        for w in words:
            heading_words[" ".join(w.lower().split())] = role
    heading_rx = re.compile(r"(?<![\p{L}])" + _alt(heading_words) + r"(?![\p{L}])", re.IGNORECASE)
    cue_anchors = anchor_pattern(by_word, digits=False)
    total_anchors = anchor_pattern(cfg["total_cues"], digits=False)
    return by_word, cue_rx, total_rx, own, heading_words, heading_rx, cue_anchors, total_anchors


_BOUNDARY = re.compile(r",\s|;|\s–\s|\s-\s|(?<![\p{L}])(?:medan|men|samtidigt som|varav)(?![\p{L}])", re.IGNORECASE)
_RELATIVE = re.compile(r"[\s\p{L}]{0,15}?(?<![\p{L}])som\s+", re.IGNORECASE)
_PLURAL_BODIES = ("kommuner", "regioner", "kommunerna", "regionerna", "län")
_COLLECTIVES = ("kommunerna", "regionerna", "sektorn", "kommunsektorn", "kommunsektorns")
_AGGREGATE = re.compile(
    r"(?i)(?<![\p{L}])(?:\d+|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|alla|samtliga|landets|länets|"
    r"\p{Lu}\p{Ll}+s)\s+(?:av\s+landets\s+)?(?:" + "|".join(_PLURAL_BODIES) + r")(?![\p{L}])"
    r"|(?<![\p{L}])(?:" + "|".join(_COLLECTIVES) + r")(?![\p{L}])"
)
# every _AGGREGATE match holds one of these: a sentence without any needs no regex
_AGGREGATE_NEEDLES = ("kommuner", "regioner", "län", "sektorn")
assert all(any(n in w for n in _AGGREGATE_NEEDLES) for w in _PLURAL_BODIES + _COLLECTIVES)


def cues_in(text: str, start: int, end: int) -> list[Cue]:
    by_word, cue_rx, *_, cue_anchors, _ = _grammar()
    return [
        Cue(m.start(), m.end(), by_word[" ".join(m.group(0).lower().split())])
        for m in anchored_finditer(cue_rx, cue_anchors, text, windows=[(start, end)], bounded=True)
    ]


def _distance(text: str, a_start: int, a_end: int, cue: Cue) -> float:
    if cue.end <= a_start:
        lo, hi = cue.end, a_start
    elif cue.start >= a_end:
        lo, hi = a_end, cue.start
    else:
        return 0
    crossings = len(_BOUNDARY.findall(text, lo, hi))
    return (hi - lo) + 60 * crossings


def _in_other_parenthesis(text: str, cue: Cue, a_start: int, seg_start: int, seg_end: int) -> bool:
    """A cue inside parentheses that do not hold the amount speaks of another amount: `(sökt 208,8 mnkr)`."""
    open_ = text.rfind("(", seg_start, cue.start)
    if open_ < 0 or text.rfind(")", open_, cue.start) >= 0:
        return False
    close = text.find(")", cue.end, seg_end)
    if close < 0:
        return False
    return not (open_ < a_start < close)


def classify(
    text: str, a_start: int, a_end: int, seg_start: int, seg_end: int, cues: list[Cue] | None = None
) -> tuple[str | None, float]:
    """The role the sentence gives the amount, or None if it gives none; and a distance."""
    by_word, cue_rx, _, own, *_ = _grammar()
    # a relative clause right after the amount: "… kronorna som ni har sökt"
    rel = _RELATIVE.match(text, a_end, seg_end)
    if rel:
        pos = rel.end()
        for _ in range(5):
            m = cue_rx.match(text, pos, seg_end)
            if m:
                return by_word[" ".join(m.group(0).lower().split())], 0.0
            nxt = _rx(r"\p{L}+[ \t]+").match(text[pos:seg_end])
            if not nxt:
                break
            pos += nxt.end()
    if cues is None:
        cues = cues_in(text, seg_start, seg_end)
    cues = [c for c in cues if not _in_other_parenthesis(text, c, a_start, seg_start, seg_end)]
    if not cues:
        return None, 1e9
    best = min(cues, key=lambda c: _distance(text, a_start, a_end, c))
    role = best.role
    if role == "budget" and own.search(text[max(seg_start, best.start - 30) : best.start]):
        role = "other"  # "kommunerna avsätter ca 1 mkr": a local body's own money
    return role, _distance(text, a_start, a_end, best)


def heading_role(text: str) -> str | None:
    """The role a heading or an introducing sentence gives the list under it."""
    heading_words, heading_rx = _grammar()[4:6]
    m = heading_rx.search(text)
    if m:
        return heading_words[" ".join(m.group(0).lower().split())]
    return None


def totals_in(text: str, seg_start: int, seg_end: int) -> tuple[list[Cue], bool]:
    """A sentence's total cues (`totalt`, `sammanlagt`, `dela på`) and whether it has a plural subject."""
    grammar = _grammar()
    total_rx, total_anchors = grammar[2], grammar[-1]
    cues = [
        Cue(m.start(), m.end(), "total")
        for m in anchored_finditer(total_rx, total_anchors, text, windows=[(seg_start, seg_end)], bounded=True)
    ]
    low = (lowered(text) or text.lower())[seg_start:seg_end]
    if not any(n in low for n in _AGGREGATE_NEEDLES):
        return cues, False
    return cues, bool(_AGGREGATE.search(text, seg_start, seg_end))


def is_aggregate(
    text: str, a_start: int, a_end: int, seg_start: int, seg_end: int, totals: tuple[list[Cue], bool] | None = None
) -> bool:
    """A total cue near the amount, or a plural subject (`16 regioner`); `totals` is totals_in() of the sentence."""
    total_cues, plural_subject = totals if totals is not None else totals_in(text, seg_start, seg_end)
    return plural_subject or any(_distance(text, a_start, a_end, c) < 80 for c in total_cues)


def aggregate_count(text: str, seg_start: int, seg_end: int, a_start: int, a_end: int) -> int | None:
    """`fem regioner … 239,5 miljoner`: how many bodies a total is said to cover (nearest phrase in its clause)."""
    words = {
        "två": 2,
        "tre": 3,
        "fyra": 4,
        "fem": 5,
        "sex": 6,
        "sju": 7,
        "åtta": 8,
        "nio": 9,
        "tio": 10,
        "elva": 11,
        "tolv": 12,
    }
    best = None
    for m in _rx(r"(?i)(?<![\p{L}\d])(\d+|\p{L}+)\s+(?:av\s+landets\s+)?(?:regioner|kommuner|län)(?![\p{L}])").finditer(
        text[seg_start:seg_end]
    ):
        w = m.group(1).lower()
        n = int(w) if w.isdigit() else words.get(w)
        if n is None:
            continue
        d = _distance(text, a_start, a_end, Cue(seg_start + m.start(), seg_start + m.end(), "count"))
        if best is None or d < best[0]:
            best = (d, n)
    return best[1] if best else None
