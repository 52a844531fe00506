"""Sentences, list lines and paragraphs: the units that evidence and linking use.

Wrapped PDF lines are not sentence ends; a blank line, a list item, a line
ending in sentence punctuation and a period before a capital are. Footnote
markers glued to a period ("… 2018.1 Skillnaderna") still end the sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex as re

from extractors import lang
from extractors.lexicon import alternation
from extractors.scan import rx as _rx

# lengths, in characters unless said otherwise
HEADING_CHARS = 120  # a run of lines read as a heading is at most this long
HEADING_MAX_WORDS = 6  # a short line before a capitalised one is a heading up to this many words
LIST_LINE_CHARS = 120  # a `label: text` or `label | text` line is a list line up to this length
NAME_NUMBER_LINE_CHARS = 160  # a `name, number` line is a list line up to this length
MAX_LIST_LINE = 200  # a longer line is prose, whatever it looks like
# No real sentence is longer; a longer run without a sentence end (a flattened table, a text of one
# line) is cut at white space, so that the work per sentence, and each row's evidence, stay bounded.
MAX_SENTENCE = 600
MAX_ITEM = 400  # a list item wrapped over lines is joined up to this length


@dataclass(frozen=True)
class LineBlock:
    kind: str  # heading | paragraph | list_item
    start: int
    end: int
    paragraph: int  # which run of lines between blank lines it is in
    marked: bool = False  # a list item with a marker (`• `, `1. `, `– `), not a row of cells or a label and a sum


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    paragraph: int
    is_list_item: bool  # a list line or table row: its own unit for linking


def list_item_pattern() -> Any:
    """A line that opens with a list marker (`• `, `1. `, `– `, `a) `), as text.toml writes it."""
    return _patterns()[1]


@lru_cache(maxsize=1)
def _patterns():
    cfg = lang.text()
    abbrev = {a.lower() for a in cfg["abbreviations"]}
    list_item = re.compile(cfg["list_item_pattern"])
    return abbrev, list_item


_SENT_END = re.compile(r"[.!?…]+[\"”»’)]*(?:\d{1,2}(?=\s))?(?=\s+[\"”«“(]?[A-ZÅÄÖ0-9–-])")
_LIST_LINE_BODY = re.compile(r"^[^\n]{2,80}?(?::|\s\|)\s+\S")
# "Bjurholms kommun, 103,7 miljoner kronor (sökt 208,8 mnkr)": a name, a comma, a number
_NAME_COMMA_NUMBER = re.compile(
    r"^\p{Lu}[^\n,.]{1,60},\s+(?:" + alternation(lang.text()["approx_before_number"]) + r"\s+)?\d"
)


# "Kronobergs län 51 204 330 kr": a label and a sum, nothing else — a line of a list or a flattened table
_LABEL_THEN_SUM = re.compile(r"^\p{Lu}[^\n\d.!?:;]{1,60}\s\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?:\s\p{L}{1,7}\.?)?$")
# "16 000 000 kr" alone on its line: the last cell of a row in a table set out one cell a line. A PDF leaves
# no blank line between such rows (text and web pages do), so the sum ends its row's run of lines.
_ONLY_SUM_LINE = re.compile(r"^\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?\s\p{L}{1,7}\.?$")


@lru_cache(maxsize=8)
def _list_line_test(capitalised: bool, colon: bool, comma: bool) -> Any:
    """A list line opens with a list marker, is a label and a sum, a short `label: text` or `label | text`, or
    a `name, number`: one pattern of the alternatives a line can match (it matches where one of them does).
    The marker is always tried; a label and a sum and a name with its comma open with a capital letter
    (`_capital_first`), a name also needs a comma and a short line; `label: text` needs a short line with a
    colon or a pipe."""
    _, list_item = _patterns()
    tests = [list_item.pattern]
    if capitalised:
        tests.append(_LABEL_THEN_SUM.pattern)
    if colon:
        tests.append(_LIST_LINE_BODY.pattern)
    if capitalised and comma:
        tests.append(_NAME_COMMA_NUMBER.pattern)
    return re.compile("|".join(f"(?:{p})" for p in tests))


def _is_list_line(line: str) -> bool:
    """A line of a list or table row (`_list_line_test`), and not too long for one: one pattern match, of the
    tests the line can pass."""
    n = len(line)
    if n >= MAX_LIST_LINE:
        return False
    if " | " in line:
        return True
    test = _list_line_test(
        _capital_first(line),
        n < LIST_LINE_CHARS and (":" in line or "|" in line),
        n < NAME_NUMBER_LINE_CHARS and "," in line,
    )
    return test.match(line) is not None


_CAPITAL = re.compile(r"\p{Lu}")


def _capital_first(line: str) -> bool:
    """Whether the line opens with `\\p{Lu}`: str.isupper holds for every capital Python's Unicode knows, and
    `regex` may know a newer one (U+A7CB, new in Unicode 16), asked of it only where the letter is not ASCII."""
    first = line[:1]
    return first.isupper() or (not first.isascii() and _CAPITAL.match(first) is not None)


_DASH_LINE = re.compile(r"^\s*[–—-]\s")
_DASH_SPACE = re.compile(r"[–—-]\s")  # in every line _DASH_LINE matches: the lines worth a look


def _lone_dash_lines(text: str) -> set[int]:
    """Starts of lines that open with a dash but are not list items: `– Samverkan är något som uppmuntras,
    säger …` is a quote, as Swedish news writes one. A dash line is a list item when a neighbouring line
    (past blank lines) is one too, or the line before it ends with a colon. Only the lines with a dash
    before a space are looked at, and the lines around them."""
    lone = set()
    seen = set()
    for m in _DASH_SPACE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if start in seen:
            continue
        seen.add(start)
        end = _line_end(text, start)
        if not _DASH_LINE.match(text[start:end].strip()):
            continue
        before, after = _line_before(text, start), _line_after(text, end)
        if not (before.endswith(":") or _DASH_LINE.match(before) or _DASH_LINE.match(after)):
            lone.add(start)
    return lone


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _line_before(text: str, start: int) -> str:
    """The nearest line above the line at `start` that is not blank, stripped ("" if none)."""
    while start > 0:
        end, start = start - 1, text.rfind("\n", 0, start - 1) + 1
        words = text[start:end].strip()
        if words:
            return words
    return ""


def _line_after(text: str, end: int) -> str:
    """The nearest line below the line ending at `end` that is not blank, stripped ("" if none)."""
    while end < len(text):
        start = end + 1
        end = _line_end(text, start)
        words = text[start:end].strip()
        if words:
            return words
    return ""


_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")


def line_blocks(text: str) -> list[LineBlock]:
    """The text's paragraphs, headings and list items, in order: the structure every reader writes (paragraphs
    apart by a blank line, a list item or table row on a line of its own), read back. A paragraph's span is its
    lines as written (sentences are cut from it); a list item's is trimmed, and holds the lines a narrow column
    wrapped it over."""
    blocks: list[LineBlock] = []
    lone_dashes = _lone_dash_lines(text) if ("–" in text or "- " in text or "—" in text) else set()
    para = 0
    pos = 0
    for chunk in _PARAGRAPH_BREAK.split(text):
        if not chunk or chunk.isspace():
            pos += len(chunk)
            if "\n\n" in chunk.replace(" ", ""):
                para += 1
            continue
        _chunk_blocks(text, chunk, pos, para, lone_dashes, blocks)
        pos += len(chunk)
    return blocks


def _chunk_blocks(text: str, chunk: str, pos: int, para: int, lone_dashes: set[int], blocks: list[LineBlock]) -> None:
    """The blocks of the lines between two blank lines (`chunk`, from `pos`): a list line stands alone, other
    lines flow together into runs (paragraphs and headings)."""
    _, list_item = _patterns()
    run_start = -1  # none open
    run_end = 0
    run_end_line = ""  # the run's last line, stripped
    run_lines = 0
    in_item = False  # the last line was (part of) a list item that a column may have wrapped
    start = pos
    for ln in chunk.split("\n"):
        end = start + len(ln)
        stripped = ln.strip()
        if (
            in_item
            and blocks
            and not list_item.match(stripped)
            and _continues_item(text[blocks[-1].start : blocks[-1].end], stripped)
        ):
            # `• Ånge kommun får 12,4 miljoner kronor (sökt` / `30,1 mnkr)`: one item, wrapped by a column
            last = blocks[-1]
            _, e = trim(text, start, end)
            blocks[-1] = LineBlock("list_item", last.start, e, last.paragraph, last.marked)
        elif start not in lone_dashes and _is_list_line(stripped):
            in_item = False
            _flush_run(text, run_start, run_end, run_lines, para, blocks)
            run_start = -1
            s, e = trim(text, start, end)
            if e > s:
                in_item = bool(list_item.match(stripped))
                blocks.append(LineBlock("list_item", s, e, para, in_item))
        else:
            in_item = False
            if run_start < 0:
                run_start, run_lines = start, 0
            elif _is_heading(run_end_line, stripped):
                _flush_run(text, run_start, run_end, run_lines, para, blocks)
                run_start, run_lines = start, 0
            run_end = end
            run_end_line = stripped
            run_lines += 1
            # a digit first (str.isdigit holds for every \d Python's Unicode knows; `regex` may know newer digits,
            # U+10D40 in Unicode 16: the pattern decides where the first character is not ASCII)
            first = stripped[:1]
            if run_lines > 1 and (first.isdigit() or not first.isascii()) and _ONLY_SUM_LINE.match(stripped):
                _flush_run(text, run_start, run_end, run_lines, para, blocks)
                run_start = -1
        start = end + 1
    _flush_run(text, run_start, run_end, run_lines, para, blocks)


def _flush_run(text: str, start: int, end: int, lines: int, para: int, blocks: list[LineBlock]) -> None:
    """The run of lines [start, end) as a heading or a paragraph (none when start < 0)."""
    if start >= 0:
        kind = "heading" if lines <= 2 and _is_heading_run(text[start:end]) else "paragraph"
        blocks.append(LineBlock(kind, start, end, para))


def segment(text: str, lines: list[LineBlock] | None = None) -> list[Segment]:
    """Sentences of the paragraphs and headings, and each list item whole (`lines`: line_blocks(text))."""
    abbrev, _ = _patterns()
    segments: list[Segment] = []
    for block in line_blocks(text) if lines is None else lines:
        if block.kind == "list_item":
            segments.append(Segment(block.start, block.end, block.paragraph, True))
        else:
            _split_sentences(text, block.start, block.end, block.paragraph, abbrev, segments)
    return segments


def _continues_item(item: str, line: str) -> bool:
    """A line that goes on with the list item above: it starts in lower case, with a digit or a parenthesis,
    and the item has not ended its sentence (or it closes the item's open parenthesis)."""
    if not line or len(item) > MAX_ITEM:
        return False
    opens = item.count("(") > item.count(")")
    ended = item.rstrip()[-1:] in ".!?;"
    first = line[0]
    return (opens or not ended) and (first.islower() or first.isdigit() or first == "(")


def _is_heading_run(run: str) -> bool:
    """Lines that read as a heading on their own: short (a narrow column may wrap it), capitalised, without
    a sentence's end. Its first and last letters are asked first: they are those of its words joined."""
    tail = run.rstrip()
    if not tail or tail[-1] in ".!?:;,":
        return False
    head = tail.lstrip()
    if not (head[0].isupper() or head[0].isdigit()):  # `1 miljard till vården`
        return False
    run = " ".join(head.split())
    return len(run) <= HEADING_CHARS and not _rx(r"[.!?]\s").search(run)


def _is_heading(prev: str, nxt: str) -> bool:
    """A short line with no sentence punctuation, followed by a capitalised line (both stripped)."""
    if not prev or not nxt or not nxt[0].isupper():
        return False
    if prev[-1] in ".,;:–-(" or prev[-1].isdigit():
        return False
    return len(prev.split()) <= HEADING_MAX_WORDS and prev[0].isupper()


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) without the white space at its ends."""
    if s < e and not text[s].isspace() and not text[e - 1].isspace():
        return s, e  # most spans: nothing to trim
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_SPACE_DIGIT = re.compile(r"\s+\d")


def _split_sentences(text: str, start: int, end: int, para: int, abbrev: Any, out: list) -> None:
    """The sentences of text[start:end] (the pattern is bounded at `end` as it would be by the block's own
    string, which is not copied)."""
    cut = start
    for m in _SENT_END.finditer(text, start, end):
        # the token before the punctuation
        i = m.start()
        j = i
        while j > start and not text[j - 1].isspace():
            j -= 1
        token = text[j:i].lower().strip('("”')
        if token in abbrev or (len(token) == 1 and token.isalpha()):
            continue
        stop = m.end()
        if text[i] == "." and token.replace(".", "").isdigit() and _SPACE_DIGIT.match(text, stop, end):
            continue  # "1. " numbering or a decimal split across spacing
        s, e = trim(text, cut, stop)
        if 0 < e - s <= MAX_SENTENCE:
            out.append(Segment(s, e, para, False))  # most sentences: as _append_sentence would add them
        else:
            _append_sentence(text, cut, stop, para, out)
        cut = stop
    # line-level breaks: a line ending in ':' or a heading-like short line
    _append_sentence(text, cut, end, para, out)


def _append_sentence(text: str, start: int, end: int, para: int, out: list) -> None:
    s, e = trim(text, start, end)
    while e - s > MAX_SENTENCE:
        cut = s + MAX_SENTENCE
        space = text.rfind(" ", s + MAX_SENTENCE // 2, cut)
        cut = space if space > s else cut
        a, b = trim(text, s, cut)
        if b > a:
            out.append(Segment(a, b, para, False))
        s, e = trim(text, cut, e)
    if e > s:
        out.append(Segment(s, e, para, False))


class SegmentIndex:
    """Find the segment that holds an offset."""

    def __init__(self, text: str, lines: list[LineBlock] | None = None) -> None:
        self.text = text
        self.segments = segment(text, lines)
        self._starts = [s.start for s in self.segments]
        self._reach = [max(s.end, s.start + 1) for s in self.segments]  # an empty segment holds its start
        self._intro: list[int] | None = None
        self._texts: dict[tuple[int, int], str] = {}

    def intro_of(self, i: int) -> int:
        """The segment before list line i that is not itself a list line (-1: none); one pass for all."""
        if self._intro is None:
            intro, last = [], -1
            for j, seg in enumerate(self.segments):
                intro.append(last)
                if not seg.is_list_item:
                    last = j
            self._intro = intro
        return self._intro[i]

    def text_of(self, seg: Segment) -> str:
        """The segment's text, one string object however many rows quote it (a dense list quotes it thousands
        of times: copies would cost memory in proportion to rows × sentence length)."""
        key = (seg.start, seg.end)
        cached = self._texts.get(key)
        if cached is None:
            cached = self._texts[key] = self.text[seg.start : seg.end]
        return cached

    def index_at(self, offset: int) -> int | None:
        i = bisect_right(self._starts, offset) - 1  # the last segment that starts at or before offset
        return i if i >= 0 and offset < self._reach[i] else None

    def at(self, offset: int) -> Segment | None:
        i = bisect_right(self._starts, offset) - 1
        return self.segments[i] if i >= 0 and offset < self._reach[i] else None
