"""Finding a sentence's role cues fast, with the same matches the one large cue pattern gives.

The cue pattern (extractors/roles.py) is one case-insensitive alternation of some
350 phrases; tried at a word where a phrase may start, the `regex` engine walks
every branch (≈ 15 µs), and most such words are common ones (`har`, `till`,
`att`) that open only a few phrases. Where a match may start is found by the
phrases' first words (extractors/scan.py `Anchors`), so here each first word
gets the pattern of only the phrases that can match where it stands: those whose
first word begins with it, or that it begins with. The others cannot match there
(their first word differs from the text in a letter), and dropping a branch that
cannot match never changes which branch the engine takes, so the matches are
the same, branch for branch, in the same order.

That argument reads the text through `str.lower()`, as the anchors do. It holds
for a text whose every character lower-cases to its case fold (`plain`); a text
with a character that does not (the long `ſ`, a ligature, `ß`) is scanned with
the one large pattern, as before.
"""

from __future__ import annotations

import re as stdlib_re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import groupby

import regex as re

from extractors.lexicon import WHOLE_WORD_AFTER, WHOLE_WORD_BEFORE
from extractors.scan import ANCHOR_LOOKAHEAD, Anchors, anchor_pattern, anchored_finditer, lowered


def ordered_alternatives(phrases: Sequence[str] | dict[str, str], space: str) -> list[tuple[str, str]]:
    """(phrase, its escaped pattern) longest first, the order and escaping of `lexicon.alternation`."""
    out = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        out.append((phrase, re.escape(phrase).replace(r"\ ", space).replace(" ", space)))
    return out


def whole_word_pattern(parts: Sequence[str]) -> str:
    """The escaped phrases as one pattern of whole words (`lexicon.whole_words`, from parts already ordered)."""
    return WHOLE_WORD_BEFORE + "(?:" + "|".join(parts) + ")" + WHOLE_WORD_AFTER


class PatternsByFirstWord:
    """For each phrase's first word (lower case), the pattern of the phrases that may match where it stands:
    the phrases whose first word begins with it or that it begins with, in the large pattern's order.

    Each is compiled when a text first asks for it: a document reads a few dozen of some 300 first words, and
    compiling them all cost every worker about a third of a second before its first document."""

    def __init__(self, alternatives: list[tuple[str, str]], flags: int) -> None:
        self._alternatives = [(phrase.lower().split()[0], part) for phrase, part in alternatives]
        self._firsts = {first for first, _ in self._alternatives}
        self._flags = flags
        self._compiled: dict[str, re.Pattern] = {}

    def get(self, word: str) -> re.Pattern | None:
        """The word's pattern, or None when no phrase opens with a word it begins or that begins it."""
        pattern = self._compiled.get(word)
        if pattern is None and word in self._firsts:
            parts = [part for first, part in self._alternatives if first.startswith(word) or word.startswith(first)]
            pattern = self._compiled[word] = re.compile(whole_word_pattern(parts), self._flags)
        return pattern


def cue_patterns(phrases: dict[str, str], space: str, totals: list[str]) -> dict:
    """The cue pattern (case-insensitive whole words, `space` between a phrase's words), its part for each
    first word, and its anchors; and the same of the total cues (white space between their words), whose
    anchors are found in the same scan of a text: the fields of `roles.RoleGrammar` that find cues."""
    alternatives = ordered_alternatives(phrases, space)
    total_alternatives = ordered_alternatives(totals, r"\s+")
    cue_anchors, total_anchors = word_anchors(phrases, totals)
    return {
        "cue_rx": re.compile(whole_word_pattern([p for _, p in alternatives]), re.IGNORECASE),
        "cue_by_first_word": PatternsByFirstWord(alternatives, re.IGNORECASE),
        "cue_anchors": cue_anchors,
        "total_rx": re.compile(whole_word_pattern([p for _, p in total_alternatives]), re.IGNORECASE),
        "total_by_first_word": PatternsByFirstWord(total_alternatives, re.IGNORECASE),
        "total_anchors": total_anchors,
    }


class _WordScan:
    """One scan of a text for the first words of several sets of anchors. Every word is letters and digits and
    matched whole (`w(?!\\w)` after no word character), so at most one word matches anywhere and whole words do
    not overlap; a word after a character that is no word character is found with that character, which lets
    the scan skip within words, and a word at the very start is looked for there."""

    def __init__(self, sets: list[frozenset[str]]) -> None:
        tree = _letter_tree(sorted(frozenset().union(*sets)))
        self.at_start = stdlib_re.compile(tree)
        self.after_other = stdlib_re.compile(r"\W(" + tree + ")")
        self.sets = sets
        self.located = lru_cache(maxsize=4)(self._located)

    def _located(self, text: str) -> list[tuple[list[int], list[str]]] | None:
        """For each set, where its words start in the text and the words (lower case); None where lower case
        would move offsets."""
        low = lowered(text)
        if low is None:
            return None
        first = self.at_start.match(low)
        hits = [(0, first.group())] if first else []
        hits += [(m.start(1), m.group(1)) for m in self.after_other.finditer(low)]
        found: list[tuple[list[int], list[str]]] = [([], []) for _ in self.sets]
        for at, word in hits:  # one pass over the hits for every set
            for among, (starts, words) in zip(self.sets, found):
                if word in among:
                    starts.append(at)
                    words.append(word)
        return found


class WordAnchors(Anchors):
    """Anchors whose every branch is a whole word (`word_anchors`). Whole words do not overlap, so the anchors
    a scan of one sentence finds are those a scan of the whole text finds in it (a word no longer than
    ANCHOR_LOOKAHEAD ends before the scan of a sentence stops): the text is scanned once (`located`), and
    each sentence looks its anchors up."""

    def __init__(self, pattern: str, scan: _WordScan, slot: int) -> None:
        super().__init__(pattern)
        self.scan, self.slot = scan, slot

    def located(self, text: str) -> tuple[list[int], list[str]] | None:
        """Where the anchors start in the text, and their words (lower case); None where lower case moves offsets."""
        found = self.scan.located(text)
        return found[self.slot] if found is not None else None


def word_anchors(*phrase_lists: Iterable[str]) -> list[Anchors]:
    """For each list, `scan.anchor_pattern(phrases, digits=False)`, its alternation of first words set out as a
    tree of their letters, and all lists found in one scan of a text. Where every first word is letters and
    digits, each branch is a whole word, so at most one branch matches anywhere and their order does not
    matter; tried one letter at a time, a word start costs a few steps instead of one per word (≈ 300)."""
    lists = [list(phrases) for phrases in phrase_lists]
    sets = [frozenset(p.lower().split()[0] for p in phrases if p.strip()) for phrases in lists]
    if not all(w.isalnum() and len(w) <= ANCHOR_LOOKAHEAD for words in sets for w in words):
        return [anchor_pattern(phrases, digits=False) for phrases in lists]
    scan = _WordScan(sets)
    return [WordAnchors(r"(?<![\w])" + _letter_tree(sorted(words)), scan, k) for k, words in enumerate(sets)]


def _letter_tree(words: list[str]) -> str:
    """The words (sorted, distinct, not empty) as one pattern of nested groups by their next letter."""
    branches = []
    if "" in words:
        branches.append(r"(?!\w)")
    for letter, group in groupby([w for w in words if w], key=lambda w: w[0]):
        branches.append(stdlib_re.escape(letter) + _letter_tree([w[1:] for w in group]))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@lru_cache(maxsize=4)
def plain(text: str) -> bool:
    """Whether reading the text in lower case is reading it case-insensitively: every character's lower case is
    its case fold, one character long (cached per text, as `scan.lowered` is). Both keep the length only if
    every character maps to one, so equal strings mean equal characters, position by position."""
    low = lowered(text)
    # one character for one character both ways: then each character's lower case is its case fold
    return low is not None and text.casefold() == low


def bounded_matches(
    pattern: re.Pattern, by_first_word: PatternsByFirstWord, anchors: Anchors, text: str, start: int, end: int
) -> Iterator[re.Match]:
    """`scan.anchored_finditer(pattern, anchors, text, windows=[(start, end)], bounded=True)`: the leftmost
    non-overlapping matches that start at an anchor and end within [start, end), each tried with the pattern
    of its anchor's first word where the text is `plain`."""
    located = anchors.located(text) if isinstance(anchors, WordAnchors) else None
    if located is None:
        yield from anchored_finditer(pattern, anchors, text, windows=[(start, end)], bounded=True)
        return
    starts, words = located
    narrowing = plain(text)
    pos = start
    for k in range(bisect_left(starts, start), bisect_left(starts, end)):
        at = starts[k]
        if at < pos:
            continue
        narrow = by_first_word.get(words[k]) if narrowing else None
        m = (narrow or pattern).match(text, at, end)
        if m is not None and m.end() > m.start():
            yield m
            pos = m.end()


class Prefilter:
    """A cheap necessary condition for a costly `regex` pattern: a stdlib pattern over the lower-cased text that
    finds a match within every window where the costly one does (each use says why it is implied), so a window
    where it finds none needs no costly search. A text that is not `plain` it cannot tell: the costly search runs.
    """

    def __init__(self, pattern: str, gate: str | None = None, opens_at_gate: bool = False) -> None:
        self.rx = stdlib_re.compile(pattern)
        self.gate = stdlib_re.compile(gate) if gate else None
        # every match of the pattern starts at a match of the gate, or in the white space right before one
        # (`\s+kommunerna`): no match starts before the gate's first less that white space
        self.opens_at_gate = opens_at_gate and self.gate is not None
        # the bound searches, taken once: `may_match` is asked some ten times for every amount of a document
        self._rx_search = self.rx.search
        self._gate_search = self.gate.search if self.gate is not None else None

    def _rx_from(self, low: str, start: int, end: int) -> int:
        """Where the pattern's search in [start, end) may begin: -1 where the gate finds nothing; where every
        match opens at the gate's (`opens_at_gate`), the gate's first match less the white space before it (no
        match starts before); else `start`. The look-behind there reads the text before it, as from `start`.
        A gate is a plainer pattern found within every window where the prefilter is (a look-behind before an
        alternation keeps the stdlib engine from skipping to the alternatives' first letters; the gate has none)."""
        gate = self._gate_search
        if gate is None:
            return start
        found = gate(low, start, end)
        if found is None:
            return -1
        at = found.start()
        if not self.opens_at_gate or low[at].isspace():
            return start  # a gate that opens with white space: the run before it says nothing
        while at > start and low[at - 1].isspace():  # `str.isspace` is the stdlib's `\s` of a str pattern
            at -= 1
        return at

    def may_match(self, text: str, start: int, end: int) -> bool:
        """False only where the costly pattern cannot match within [start, end)."""
        last, low = _LAST_READ  # `plain_lowered`, its answer for the text being read taken without a call
        if last is not text:
            low = plain_lowered(text)
        if low is None:
            return True
        at = self._rx_from(low, start, end)
        return at >= 0 and self._rx_search(low, at, end) is not None

    def first(self, text: str, start: int, end: int) -> int:
        """Where the prefilter's first match in [start, end) starts: -1 where there is none (the costly pattern
        cannot match), `start` where the text is not `plain` (it may match anywhere)."""
        low = plain_lowered(text)
        if low is None:
            return start
        at = self._rx_from(low, start, end)
        m = self._rx_search(low, at, end) if at >= 0 else None
        return m.start() if m else -1


class AnyPrefilter:
    """Several prefilters as one: a window may match where any of them may. Asked one after another, the
    plainer first, they cost less than one alternation of them all, which the stdlib engine tries branch by
    branch at every character once a branch opens with a look-behind."""

    def __init__(self, *parts: Prefilter) -> None:
        self.parts = parts

    def may_match(self, text: str, start: int, end: int) -> bool:
        """False only where none of the parts may match within [start, end)."""
        return any(part.may_match(text, start, end) for part in self.parts)


class WordsEndingIn:
    """The matches of a pattern of whole words that end in one of some endings after letters of their own
    (`\\p{L}{2,}(?:kostnader|…)` between no letters: `driftskostnader`), found without trying the pattern at
    every character (≈ 0.5 µs a character in the `regex` engine, where the pattern's look-behind stops it
    from skipping ahead).

    Where every ending is letters only, a match is a whole run of letters, and one holds an ending; so the
    runs to try are those around the places the endings' stdlib prefilter (`any_literal`, over the lower-cased
    text, as `Prefilter` reads it) finds, and at each run's start the pattern itself is tried. A run that
    starts before the window is none of the window's matches (the look-behind sees the letter before it).
    An ending with anything but letters, or a text that is not `plain`, is searched with the pattern."""

    _RUN_BEFORE = re.compile(r"(?r)\p{L}*")  # the letters right before an offset, read backwards

    def __init__(self, pattern: re.Pattern, endings: Iterable[str]) -> None:
        words = list(endings)
        self.pattern = pattern
        self.by_runs = bool(words) and all(w.isalpha() for w in words)
        self.endings = stdlib_re.compile(any_literal(words)) if self.by_runs else None

    def matches(self, text: str, start: int, end: int) -> list[re.Match]:
        """`list(pattern.finditer(text, start, end))`."""
        low = plain_lowered(text) if self.endings is not None else None
        if self.endings is None or low is None:
            return list(self.pattern.finditer(text, start, end))
        out = []
        tried = -1
        for found in self.endings.finditer(low, start, end):
            run = self._RUN_BEFORE.match(text, 0, found.start())
            at = run.start() if run is not None else found.start()
            if at < start or at == tried:
                continue
            tried = at
            m = self.pattern.match(text, at, end)
            if m is not None:
                out.append(m)
        return out


_LAST_READ: tuple[str | None, str | None] = (None, None)


def plain_lowered(text: str) -> str | None:
    """The text in lower case where it is `plain`, else None. The last text's answer is kept by identity (the
    text itself is held, so no other text can take its identity): every sentence of a document asks it."""
    global _LAST_READ
    last, low = _LAST_READ  # one tuple, read and replaced whole: threads never see half of it
    if last is text:
        return low
    low = lowered(text) if plain(text) else None
    _LAST_READ = (text, low)
    return low


def any_literal(words: Iterable[str]) -> str:
    """The words in lower case as one stdlib alternation that finds a match wherever `literals(words)` does: a
    word another one begins is left out (where the longer matches, the shorter matches at the same place), and
    no group wraps it, so the engine skips to the words' first letters."""
    lowered_words = sorted({w.lower() for w in words})
    kept = [w for k, w in enumerate(lowered_words) if not any(w.startswith(v) for v in lowered_words[:k])]
    return "|".join(stdlib_re.escape(w).replace(r"\ ", r"\s+") for w in kept)


def literal_tree(words: Iterable[str]) -> str:
    """The words in lower case as one stdlib group of nested groups by their next letter (white space as
    `\\s+`): it matches what `literals(words)` matches, also before more pattern, and the engine tries one
    branch a letter instead of every word at every character."""
    return "(?:" + _literal_tree(sorted({w.lower() for w in words})) + ")"


def _literal_tree(words: list[str]) -> str:
    ends_here = "" in words
    branches = []
    for letter, group in groupby([w for w in words if w], key=lambda w: w[0]):
        unit = r"\s+" if letter == " " else stdlib_re.escape(letter)
        branches.append(unit + _literal_tree([w[1:] for w in group]))
    if not branches:
        return ""
    if len(branches) == 1 and not ends_here:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


def literals(words: Iterable[str], space: str = r"\s+") -> str:
    """The words in lower case as one stdlib alternation, white space between a phrase's words as `space`."""
    escaped = [stdlib_re.escape(w.lower()).replace(r"\ ", space) for w in sorted(set(words), key=len, reverse=True)]
    return "(?:" + "|".join(escaped) + ")"
