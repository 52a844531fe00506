"""How a place name reads: an area or the body, and which body a name that is both a municipality and a region means.

ANNOTATION.md: a county, region or municipality named as an area (where a project, a company, a property or
an event is; a heading that groups others; a postal address) is not a body. Written Swedish marks the area
with a preposition of place before the name (`ett projekt i X`); the body itself acts, receives, or is the
home of an organ or a post (`X kommun beviljas`, `till X`, `nämnden i X`). The words are data
(body_patterns.toml, `[areas]`); this module reads them. A name that is both (`Jönköping`, `Örebro`) in a
list or table is decided by its siblings: the rows named without doubt.
"""

from __future__ import annotations

import re as stdlib_re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

import regex as re

from extractors import lang
from extractors.lang import Body
from extractors.lexicon import alternation, whole_words

AREA_LOOKBACK = 60  # characters before a name searched for `<word> i `
PROPER_NAME_LOOKBACK = 60  # characters before a place name searched for the two words of another name
SIBLINGS_THAT_DECIDE = 3  # rows of a list or table named without doubt before they decide an ambiguous one
PARENTHESIS_MAX_CHARS = 40  # a parenthesis after a list's name (`X (12 miljoner), Y …`) keeps the list whole
COORDINATED_SIBLINGS_THAT_DECIDE = 2  # names without doubt in a sentence's list before it makes a word a name


@dataclass(frozen=True)
class AreaRules:
    """The words that make a place name an area, compiled once from body_patterns.toml."""

    preposition_before: re.Pattern  # `ett projekt i X`: group `word` is the word before the preposition
    organ_or_post_endings: tuple[str, ...]  # `nämnden i X`, `strateg i X`: the body after all
    postcode_before: re.Pattern  # `123 45 Ort`: a postal address names a town
    coordination: re.Pattern  # `, ` `och` `samt` between two names of one list
    compass_after: re.Pattern  # `X i norr`: a point on the map
    place_list_before: re.Pattern  # `på följande orter: X`: a list of places
    company_marker: re.Pattern  # `AB`, `förening`: the line names a company or an association
    board_head: re.Pattern  # `länsstyrelserna i ` right before a county's name
    islands: frozenset[str]  # municipalities named after their island, lower case
    island_preposition_before: re.Pattern  # `på ` before an island: group `word` as for preposition_before


@lru_cache(maxsize=1)
def area_rules() -> AreaRules:
    cfg = lang.body_patterns()["areas"]
    return AreaRules(
        preposition_before=re.compile(
            r"(?i)(?:(?<![\p{L}])(?<word>\p{L}+)[ \t,]+)?(?<![\p{L}])"
            + alternation(cfg["prepositions"])
            + r"(?:[ \t]+|[ \t]*:?[ \t]*\n[ \t]*(?:[-•–*·][ \t]*)?)\Z"  # `i X`, `i\nX`, `i:\n- X`
        ),
        organ_or_post_endings=tuple(w.lower() for w in cfg["organ_or_post_endings"]),
        postcode_before=re.compile(cfg["postcode_before"]),
        coordination=re.compile(
            r"(?i)\A(?:[ \t]*\([^()\n]{1,"
            + str(PARENTHESIS_MAX_CHARS)
            + r"}\))?"
            + r"(?:\s*,\s*(?:[-•–*·][ \t]*)?|\s+"
            + alternation(cfg["coordinating_words"])
            + r"\s+)\Z"
        ),  # `, ` (also between the items of a bulleted list: `,\n- `) or `och`, maybe after a parenthesis
        company_marker=re.compile(whole_words(cfg["company_markers"])),
        place_list_before=re.compile(
            r"(?i)(?<![\p{L}])" + alternation(cfg["place_nouns_before_list"]) + r"[ \t]*:\s*(?:[-•–*·][ \t]*)?\Z",
            re.REVERSE,  # asked only whether it is there: read from the end
        ),
        compass_after=re.compile(r"(?i)[ \t]+" + alternation(cfg["compass_after"]) + r"(?![\p{L}])"),
        islands=frozenset(w.lower() for w in cfg["island_municipalities"]),
        island_preposition_before=re.compile(
            r"(?i)(?:(?<![\p{L}])(?<word>\p{L}+)[ \t,]+)?(?<![\p{L}])"
            + re.escape(cfg["island_preposition"])
            + r"[ \t]+\Z"
        ),
        # tied to the end, asked only whether it is there: read from the end (one try, not one a character)
        board_head=re.compile(r"(?i)(?<![\p{L}])" + alternation(cfg["county_board_heads"]) + r"\s+\Z", re.REVERSE),
    )


def names_an_area(text: str, s: int, e: int) -> bool:
    """Whether the place name at s..e is written as an area: after a preposition of place (`ett projekt i X`,
    `företag inom X kommun`) unless the word before it is an organ of the body or a post in it (`nämnden i X`,
    `ekonomichef i X kommun`); before a point of the compass (`X i norr`); first in a list of places
    (`orter: X`); in a postal address; or alone on a line (`X`, `X:`) above text about others."""
    rules = area_rules()
    window = text[max(0, s - AREA_LOOKBACK) : s]
    if rules.postcode_before.search(window) or is_place_heading(text, s, e):
        return True
    if rules.compass_after.match(text, e, e + AREA_LOOKBACK) or rules.place_list_before.search(window):
        return True  # `från X i norr till Y i söder`, `på följande orter: X, Y`
    m = rules.preposition_before.search(window)
    if m is None and text[s:e].lower() in rules.islands:
        m = rules.island_preposition_before.search(window)  # `på Gotland`
    if m is None:
        return False
    return not (m.group("word") or "").lower().endswith(rules.organ_or_post_endings)


def coordinated_with(text: str, area_end: int, s: int) -> bool:
    """Whether the name at s is joined to an area that ends at `area_end` (`i X och Y`, `i X, Y samt Z`):
    one list of places, all areas. `area_end` < 0: no area before."""
    return area_end >= 0 and area_rules().coordination.match(text[area_end:s]) is not None


def heads_a_board_list(text: str, s: int) -> bool:
    """Whether a county's name at s follows the head of a list of county boards (`länsstyrelserna i X`,
    `Länsstyrelsen i X, Y och Z län`): the county names the board, not an area."""
    return area_rules().board_head.search(text, max(0, s - AREA_LOOKBACK), s) is not None


_LAST_WORD = stdlib_re.compile(r"(\w+)\Z")


def board_written_with_county_word(text: str, board_end: int) -> bool:
    """Whether the county board ending at `board_end` wrote its county with `län` (`Länsstyrelsen i Kalmar
    län`): such a list repeats `län` for each county, so a bare name joined after it that a municipality also
    bears is the municipality (`… län och Kalmar`), not a second board."""
    m = _LAST_WORD.search(text, max(0, board_end - AREA_LOOKBACK), board_end)
    return m is not None and m.group(1).lower() in _county_words()


@lru_cache(maxsize=1)
def _county_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lang.body_patterns()["county_words_after"])


_TWO_WORDS_BEFORE = stdlib_re.compile(r"(\S+)[ \t]+(\S+)[ \t]+\Z")


def ends_a_proper_name(text: str, s: int) -> bool:
    """A place name right after a capitalised word inside a sentence ends another name (a company's, a
    project's, a network's), not a body's."""
    m = _TWO_WORDS_BEFORE.search(text, max(0, s - PROPER_NAME_LOOKBACK), s)
    if m is None:
        return False
    before, word = m.group(1), m.group(2)
    if not (word[:1].isupper() and word.isalpha() and not word.isupper()):
        return False
    return before[-1:].isalnum() or before[-1:] in ",)"


# nothing (or a heading's colon), or a date and time glued to a place tag: `Ort2019-12-22 10:09`
_DATELINE_TAIL = stdlib_re.compile(r":?\s*(?:\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}[:.]\d{2})?)?\s*")
_NUMBER_LINE = stdlib_re.compile(r"[\d\s.,:\-–%()]*(?:kr|kronor|tkr|mkr|mnkr|\s)*")
HEADING_FOLLOWED_BY_WORDS = 3  # the line after a place heading says more than this many words
TAG_TAIL = 40  # characters after a place tag where its line must end (room for a glued date and time)


def _opens_its_line(text: str, s: int) -> bool:
    """Nothing but spaces between the line's start and s (read back over the spaces only, not the line)."""
    j = s
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j == 0 or text[j - 1] == "\n"


def is_place_heading(text: str, s: int, e: int) -> bool:
    """A place name alone on its line (or with a date glued on, a news item's place tag), followed by a line
    that says more than one name or one number, or names a company or an association (`Norrsken AB | 120`):
    a heading or tag for what happens there, or over those who receive, not the body. A
    line of a list of names, or a label over its number in a table set one cell a line, stays a body."""
    if not _opens_its_line(text, s):
        return False
    line_end = text.find("\n", e, e + TAG_TAIL)  # only a date may follow the name on its line
    line_end = len(text) if line_end < 0 and len(text) <= e + TAG_TAIL else line_end
    if line_end < 0 or not _DATELINE_TAIL.fullmatch(text[e:line_end]):
        return False
    following = _next_line(text, line_end)
    if not following or _NUMBER_LINE.fullmatch(following):
        return False
    over_companies = area_rules().company_marker.search(following) is not None
    if text[e:line_end].strip() == ":":
        return over_companies  # `X:` may label what X itself receives; over companies it heads them
    return len(following.split()) > HEADING_FOLLOWED_BY_WORDS or over_companies


def _next_line(text: str, pos: int) -> str:
    """The first line after `pos` that holds more than white space, stripped ('' at the text's end). Reads
    only as far as that line: it runs for every place name."""
    while pos < len(text):
        end = text.find("\n", pos + 1)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if line:
            return line
        pos = end
    return ""


class Mention(Protocol):
    start: int
    end: int
    body: Body


M = TypeVar("M", bound=Mention)


LINE_OPENER_WIDTH = 12  # characters a list marker and its spaces may take before a line's name
# white space, a list marker, or a rank in a table's first column (`3 | X | 120`)
_LINE_OPENER = stdlib_re.compile(r"[ \t]*(?:[•·*\-–]|\d{1,2}[.)]|\d{1,3}[ \t]*\|)?[ \t]*")
_FILLER_LINE = stdlib_re.compile(r"[\d\s.,:;|%()\-–]*")  # a blank line, or only numbers: a table's other cells


def line_lists(text: str, mentions: Sequence[M]) -> list[list[M]]:
    """The mentions that open the lines of one list or table, in groups: lines that each start with a body's
    name, with nothing between them but blank lines and lines of numbers (a table set one cell a line)."""
    groups: list[list[M]] = []
    current: list[M] = []
    last_line_end = -1
    for m in sorted(mentions, key=lambda m: m.start):
        line_start = text.rfind("\n", max(0, m.start - LINE_OPENER_WIDTH), m.start) + 1
        if (line_start == 0 and m.start > LINE_OPENER_WIDTH) or not _LINE_OPENER.fullmatch(text[line_start : m.start]):
            continue
        between = text[last_line_end:line_start] if last_line_end >= 0 else None
        if between is None or not _FILLER_LINE.fullmatch(between):
            if len(current) > 1:
                groups.append(current)
            current = []
        current.append(m)
        newline = text.find("\n", m.end)
        last_line_end = len(text) if newline < 0 else newline
    if len(current) > 1:
        groups.append(current)
    return groups


def decide_by_siblings(group: Sequence[Mention], both: dict[int, tuple[Body, Body]]) -> None:
    """In a list or table whose other rows are regions, a name that is both (`Jönköping`, `Kalmar`; `both`:
    start → (municipality, region)) is the region; where they are municipalities, the municipality. The rows
    named without doubt decide, from SIBLINGS_THAT_DECIDE of them and only by a majority."""
    types = Counter(m.body.body_type for m in group if m.start not in both)
    regions, municipalities = types["region"], types["kommun"]
    for m in group:
        if m.start not in both:
            continue
        municipality, region = both[m.start]
        if regions >= SIBLINGS_THAT_DECIDE and regions > municipalities:
            m.body = region
        elif municipalities >= SIBLINGS_THAT_DECIDE and municipalities > regions:
            m.body = municipality


def held_by_coordination(group: Sequence[M], held: set[int]) -> list[M]:
    """The names of a list inside a sentence held back as common words (`Rättvik, Leksand och Mora`), where
    every other name of the list is without doubt a municipality, and from COORDINATED_SIBLINGS_THAT_DECIDE
    of them: a list of municipalities."""
    certain = [m.body.body_type for m in group if m.start not in held]
    if len(certain) < COORDINATED_SIBLINGS_THAT_DECIDE or set(certain) != {"kommun"}:
        return []
    return [m for m in group if m.start in held]


def coordinated_lists(text: str, mentions: Sequence[M]) -> list[list[M]]:
    """The mentions joined into one list inside a sentence (`A, B och C`): nothing between two of them but a
    comma or a coordinating word. Groups of two or more, in order."""
    groups: list[list[M]] = []
    current: list[M] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if current and coordinated_with(text, current[-1].end, m.start):
            current.append(m)
            continue
        if len(current) > 1:
            groups.append(current)
        current = [m]
    if len(current) > 1:
        groups.append(current)
    return groups


def decide_by_coordination(group: Sequence[Mention], both: dict[int, tuple[Body, Body]]) -> None:
    """In a list inside a sentence (`Stockholm, Göteborg och Malmö`; `Kronoberg, Jönköping och Halland`), a name
    that is both a municipality and a region is what every name beside it without doubt is, where they agree."""
    types = {m.body.body_type for m in group if m.start not in both}
    if types not in ({"kommun"}, {"region"}):
        return
    for m in group:
        if m.start in both:
            municipality, region = both[m.start]
            m.body = region if types == {"region"} else municipality


_ROW_TAIL = stdlib_re.compile(r"[ \t:;|\-–]*(?:\d[^\n]*)?(?:\n|\Z)")  # the rest of a list's line: a number, or nothing


def held_by_siblings(text: str, group: Sequence[M], held: set[int]) -> list[M]:
    """The names of `group` held back as common words (`held`: their starts; `Boden`, `Mora`) that stand alone
    or before a number on their line, where the other lines of the list name municipalities without doubt: a
    list of municipalities, each line one. From SIBLINGS_THAT_DECIDE such lines, by a majority over regions."""
    types = Counter(m.body.body_type for m in group if m.start not in held)
    if types["kommun"] < SIBLINGS_THAT_DECIDE or types["kommun"] <= types["region"]:
        return []
    return [m for m in group if m.start in held and _ROW_TAIL.match(text, m.end)]


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    names = {m["short_name"] for m in lang.municipalities()} | {m["name"] for m in lang.municipalities()}
    for c in lang.counties():
        names.add(c["county_name"])
        names.update(n for n in c["region_short_names"].split("|") if n)
    return frozenset(n.lower() for n in names)


def is_place_name(label: str) -> bool:
    """Whether a table row's label is a municipality's, county's or region's name (`Stockholms län`, `Gotland`):
    in a list of such rows a bare name stands for a body, even where the text alone would not say which."""
    return " ".join(label.split()).lower() in _place_names()
