"""Run a large pattern only where a match can start.

The `regex` patterns that read Swedish amounts and dates are large
alternations with look-behinds; tried at every character they scan at
≈ 0.3 MB/s. Every match starts at a digit or one of a few words, which a
simple stdlib pattern finds at > 20 MB/s; trying the large pattern only there
keeps `finditer`'s leftmost, non-overlapping results at a fraction of the cost.

The anchor patterns run case-sensitively over a lower-cased copy of the text
(made once per text): a case-insensitive stdlib alternation is 2.5–4× slower
over Swedish text than the same alternation over lower case. Lower-casing
keeps every offset wherever it keeps the length, which is checked; where it
does not (a rare `İ`), the case-insensitive pattern runs on the text itself.
"""

from __future__ import annotations

import re as stdlib_re
import re._constants as sre_constants
import re._parser as sre_parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

ANCHOR_LOOKAHEAD = 32  # characters past a window that an anchor's own look-ahead may need


class Anchors:
    """Where a match may start; `finditer` gives stdlib matches with offsets into the original text."""

    def __init__(self, pattern: str) -> None:
        self.lower = stdlib_re.compile(pattern)
        self._any_case: stdlib_re.Pattern | None = None

    @property
    def any_case(self) -> stdlib_re.Pattern:
        """The pattern ignoring case, compiled when a text first needs it: only a text that lower-casing
        lengthens (a rare `İ`) does, and compiling the large anchors twice cost each worker's start ~0.1 s."""
        if self._any_case is None:
            self._any_case = stdlib_re.compile(self.lower.pattern, stdlib_re.IGNORECASE)
        return self._any_case

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[stdlib_re.Match]:
        low = lowered(text)
        end = len(text) if endpos is None else endpos
        if low is None:
            return self.any_case.finditer(text, pos, end)
        return self.lower.finditer(low, pos, end)


def anchor_pattern(words: Iterable[str], digits: bool = True, extra: Iterable[str] = ()) -> Anchors:
    """Where a match may start: a digit, the first word of a phrase, or an `extra` regex (in lower case)."""
    # a match starts with a phrase's first word ("mer än" may wrap a line)
    alts = sorted({w.lower().split()[0] for w in words if w.strip()}, key=len, reverse=True)
    parts = [r"\d"] if digits else []
    parts += [stdlib_re.escape(w) + (r"(?!\w)" if w[-1].isalnum() else "") for w in alts]
    parts += list(extra)
    return Anchors(r"(?<![\w])" + by_first_character(parts))


_PLAIN_FIRST = stdlib_re.compile(r"[^\\.^$*+?{}\[\]()|]|\\[^\w]")


def _first_literal(alternative: str) -> tuple[str, str] | None:
    """(first character, the rest) of an alternative that opens with one literal character, else None.

    The parser confirms it: the first item must be that literal, not quantified (`a*`), and the alternative
    no alternation of its own (`a|b`)."""
    m = _PLAIN_FIRST.match(alternative)
    if m is None:
        return None
    char = m.group(0)[-1]
    try:
        items = sre_parse.parse(alternative).data
    except stdlib_re.error:  # not a pattern alone (a reference to a group outside it): left where it stands
        return None
    if not items or items[0] != (sre_constants.LITERAL, ord(char)) or _alternates(alternative):
        return None
    return char, alternative[m.end() :]


def _alternates(pattern: str) -> bool:
    """Whether a pattern has a `|` of its own, outside groups and classes (`ab|ac` is no `a` + `b|ac`)."""
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1  # the escaped character is skipped with it
        elif c == "[":  # a class runs to its first `]` that is neither escaped nor its first member (`[]|]`)
            i += 1 + (pattern[i + 1 : i + 2] == "^")
            i += 1 if pattern[i : i + 1] == "]" else 0
            while pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def by_first_character(alternatives: Sequence[str], guard: Callable[[str], str] | None = None) -> str:
    r"""`(?:a|b|…)` with the alternatives that open with the same literal character put under it
    (`s(?:om…|torleks…)`), an equivalent pattern that the stdlib engine tries far faster.

    An alternation tries its alternatives in order at each position: with a few hundred words, hundreds of
    tries per word start, while grouped it tries a few dozen first characters. Alternatives that open with
    different characters (compared in lower case: an anchor runs on a lower-cased copy or ignoring case)
    cannot both match at one position, so moving one past another changes no match; within a group the
    order stays. An alternative that does not open with a literal (`\d`) is a barrier nothing moves past.
    `guard(c)`: a pattern put right after the first character `c` (`word_start_alternation`).
    """
    out: list[str] = []
    after = guard or (lambda c: "")
    groups: dict[str, list[tuple[str, str]]] = {}
    order: list[str] = []

    def flush() -> None:
        for key in order:
            members = groups[key]
            chars = {c for c, _ in members}
            if len(chars) == 1 and len(members) > 1:
                c = members[0][0]
                out.append(stdlib_re.escape(c) + after(c) + "(?:" + "|".join(r for _, r in members) + ")")
            else:
                out.extend(stdlib_re.escape(c) + after(c) + ("(?:" + r + ")" if r else "") for c, r in members)
        groups.clear()
        order.clear()

    for alternative in alternatives:
        split = _first_literal(alternative)
        if split is None:
            flush()
            out.append(alternative if guard is None else f"(?<!\\w)(?:{alternative})")
            continue
        key = split[0].lower()
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(split)
    flush()
    return "(?:" + "|".join(out) + ")"


def word_start_alternation(alternatives: Sequence[str], rest: Sequence[str] = ()) -> str:
    r"""`(?<!\w)(?:…alternatives…)|(?:…rest…)`, each under its first characters, written so that each
    alternative opens with its literal first character `c`, the look-behind after it (`c(?<!\wc)`: a `c` with
    no word character before it, the same test). The same matches, tried in the same order; but where every
    alternative of a pattern opens with a literal, the stdlib engine skips in C each position whose character
    opens none, where a look-behind first makes it try the whole pattern at every character (the units before
    amounts: 0.12 -> 0.06 ms a page)."""

    def not_after_word(c: str) -> str:
        return r"(?<!\w" + stdlib_re.escape(c) + ")"

    first = by_first_character(alternatives, guard=not_after_word)
    return first if not rest else first[:-1] + "|" + by_first_character(rest)[3:]


def stdlib_alternation(phrases: Iterable[str]) -> str:
    """The phrases as a stdlib alternation, longest first (`lexicon.alternation`'s order), any white space
    where they have a space (a superset of every space the `regex` patterns allow there)."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return by_first_character([stdlib_re.escape(p).replace(r"\ ", r"\s+") for p in ordered])


@lru_cache(maxsize=4)
def lowered(text: str) -> str | None:
    """The text in lower case when that keeps every offset, else None (cached: every extractor scans it)."""
    low = text.lower()
    return low if len(low) == len(text) else None


def anchored_finditer(
    pattern: Any,
    anchors: Anchors,
    text: str,
    keep: Callable[[Any], bool] | None = None,
    windows: Sequence[tuple[int, int]] | None = None,
    bounded: bool = False,
    could_start: Any = None,
) -> Iterator:
    """Leftmost non-overlapping matches of `pattern` that start at an anchor (and pass `keep(start)`).

    `windows`, sorted non-overlapping (start, end) spans, limits where an
    anchor may start; a match that starts inside a window may run past it,
    unless `bounded` (a cue must end within its sentence). `could_start`: a
    small pattern that matches wherever `pattern` does (and elsewhere): at an
    anchor where it does not match, `pattern` is not tried. A large pattern
    costs most where it fails, trying each of its alternatives.
    """
    pos = 0
    spans = windows if windows is not None else [(0, len(text))]
    for w_start, w_end in spans:
        if w_end <= pos:
            continue
        # the anchor's own look-ahead may need a few characters past the window
        for a in anchors.finditer(text, max(w_start, pos), min(len(text), w_end + ANCHOR_LOOKAHEAD)):
            start = a.start()
            if start >= w_end:
                break
            if start < pos or (keep is not None and not keep(start)):
                continue
            end = w_end if bounded else len(text)
            if could_start is not None and could_start.match(text, start, end) is None:
                continue
            m = pattern.match(text, start, end)
            if m is not None and m.end() > m.start():
                yield m
                pos = m.end()


@lru_cache(maxsize=1024)
def rx(pattern: str) -> stdlib_re.Pattern:
    """A compiled `regex` pattern, compiled once: module-level `regex.match(str, …)` pays a cache lookup each call."""
    import regex

    return regex.compile(pattern)


def finals(words: list[str]) -> frozenset[str]:
    """How the words end (their stop left out), in lower case and case-folded (`ſ` reads as `s`): the last two
    letters of a word that ends in two letters, else its last character alone."""
    out: set[str] = set()
    for word in (w.rstrip(".") for w in words):
        end = word[-2:] if len(word) >= 2 and word[-2:].isalpha() else word[-1:]
        out |= {end.lower(), end.casefold()} if end else set()
    return frozenset(out)


def may_end_a_word(text: str, lo: int, end: int, finals: frozenset[str]) -> bool:
    """Whether a pattern `<a listed word> <white space> \\Z` may match text[lo:end]: a necessary condition, asked
    before the pattern (the words before a number: `SFS `, `minus `; a pattern tied to the end costs µs a try, and
    most numbers have no such word before them). Before the white space that ends the window must stand the
    end of a listed word (`finals`): its last character alone, or its last two. ASCII is compared in lower
    case, which is how `regex` ignores its case; anything else, or a window of white space only, leaves it to
    the pattern. A word lies within the window, so one character of it leaves only the one-character ends.
    White space as str.isspace reads it: a character `regex` reads as space that isspace does not is not
    ASCII (the answer is then yes); one isspace reads as space that `regex` does not ends no match either."""
    k = end - 1
    while k >= lo and text[k].isspace():
        k -= 1
    if k < lo:
        return True
    last = text[k]
    if not last.isascii() or last.lower() in finals:
        return True
    two = text[k - 1 : k + 1] if k > lo else ""
    return bool(two) and (not two.isascii() or two.lower() in finals)
