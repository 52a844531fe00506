"""Phrase tables into regular expressions: the one helper every rule uses to read a word list.

Rules never spell Swedish words out; they read lists from extractors/data/
and turn them into alternations here, longest phrase first so that `mer än`
wins over `mer`, with the same escaping and the same handling of spaces.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from extractors.scan import by_first_character

WHOLE_WORD_BEFORE = r"(?<![\p{L}])"
WHOLE_WORD_AFTER = r"(?![\p{L}])"


def alternation(phrases: Iterable[str], *, space: str | None = None, end_boundary: str | None = None) -> str:
    """`(?:a|b|…)` over the phrases, longest first, each escaped.

    `space`: a pattern put where a phrase has a space (a phrase may wrap a
    line); `end_boundary`: a look-ahead added after phrases that end in a
    letter or digit, so that `kr` does not match the start of `kris`.
    """
    return "(?:" + "|".join(alternatives(phrases, space=space, end_boundary=end_boundary)) + ")"


def within_words(gap: int, pattern: str) -> str:
    """`pattern`, ending as a whole word, after at most `gap` words (the nearest first): a verb or phrase that
    governs what stands just before it (`… ska fördelas`, `… beviljade`). The one form of it every rule uses."""
    return r"(?:\s+\p{L}+){0," + str(int(gap)) + r"}?\s+(?:" + pattern + ")" + WHOLE_WORD_AFTER


def alternatives(phrases: Iterable[str], *, space: str | None = None, end_boundary: str | None = None) -> list[str]:
    """The alternatives of `alternation`, in its order: to put a look-ahead after each of them."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        p = re.escape(phrase)
        if space is not None:
            p = p.replace(r"\ ", space).replace(" ", space)
        if end_boundary and phrase[-1:].isalnum():
            p += end_boundary
        parts.append(p)
    return parts


def any_of(phrases: Iterable[str], *, space: str, end_boundary: str) -> str:
    """A pattern that matches where `alternation(phrases, space=…, end_boundary=…)` does, for a pattern asked
    only whether it matches (not which phrase): the same phrases, under their first letters
    (`scan.by_first_character`), with one look-ahead after those that end in a letter or digit instead of one
    each. Each form is a union of the same phrases, so the same texts match; a few hundred words compile in
    half the time (the money context and its role cues: ~0.03 s of each worker's start)."""
    phrases = set(phrases)
    with_boundary = [p for p in phrases if p[-1:].isalnum()]
    without = [p for p in phrases if not p[-1:].isalnum()]
    parts = [by_first_character(alternatives(with_boundary, space=space)) + end_boundary] if with_boundary else []
    parts += [by_first_character(alternatives(without, space=space))] if without else []
    return "(?:" + "|".join(parts) + ")"


def whole_words(phrases: Iterable[str], *, space: str | None = None) -> str:
    """The phrases as whole words: no letter right before or after."""
    return WHOLE_WORD_BEFORE + alternation(phrases, space=space) + WHOLE_WORD_AFTER


def phrase_key(phrase: str) -> str:
    """How a phrase is looked up once matched: lower case, runs of white space as one space."""
    return " ".join(phrase.lower().split())
