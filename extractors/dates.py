"""Calendar expressions as inclusive date intervals, and a document's own date.

`den 4 mars 2024` → 2024-03-04..2024-03-04 (day); `september 2020` → month;
`2022` → year; `2004–2029`, `mars-7 augusti`, `1960–70 talet` → range;
`första kvartalet 2022` → quarter. A month or day without a year takes the
nearest year written before it in the same paragraph, else the document's
date, else the year the document talks about most (`inferred_year`).

References are not dates: `SFS 2020:193`, `SOU 2018:47`, `prop. 2021/22:1`,
and author–year citations in footnotes (`SKL 2019, 49.`, `SKR 2020a`).
"""

from __future__ import annotations

import bisect
import re as stdlib_re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex as re

from extractors import lang
from extractors.date_anchors import date_anchors, date_could_start
from extractors.date_citations import in_web_address, is_citation
from extractors.date_periods import join_periods
from extractors.date_tense import compares, respective_days, told_before_the_item
from extractors.date_values import DASHES, day_of, glued_after_number, head_end, interpret
from extractors.lexicon import alternation, phrase_key
from extractors.numerals import DIGIT, int_of
from extractors.scan import Anchors, anchored_finditer

# windows, in characters, around a candidate date where the words that decide it stand
AFTER_REACH = 20  # after a match: `:193` of a reference, a count noun, `-talet`
REFERENCE_REACH = 24  # before a match: `SFS`, `prop.`, `organisationsnummer`
MONTH_PREPOSITION_REACH = 25  # before an ambiguous month word (`maj`): `i`, `under`, `från`
RELATIVE_REACH = 30  # after a date: `i år`, `i fjol` counted from the document's date
YEAR_CONTEXT_CHARS = 400  # back to a year written before, without paragraphs (and a sentence's start)
DOCUMENT_DATE_HEAD = 600  # from the top, where a dateline or a memo's date line stands
DATELINE_SLACK = 25  # a date alone on its line: the line holds at most this much more


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    date_start: date
    date_end: date
    granularity: str
    inferred_year: bool


@dataclass(frozen=True)
class DateGrammar:
    """The compiled date rules, built once from dates.toml."""

    period_to: re.Pattern  # ` till `, `–` between two days of one period
    period_and: re.Pattern  # ` och ` between two days …
    period_between: re.Pattern  # … after `mellan (den)`
    rx: re.Pattern
    anchors: Anchors
    could_start: stdlib_re.Pattern  # matches wherever rx does: rx is tried only where it matches
    months: dict[str, int]
    quarters: dict[str, int]
    halves: dict[str, tuple[int, int]]  # a half or a tertial: (its months, which of them in the year)
    ambiguous_months: frozenset[str]
    reference_before: re.Pattern  # `SFS 2020`: a reference, not a year
    count_after: re.Pattern  # `2020 kronor`: a count, not a year
    month_prepositions: re.Pattern  # `i maj`: the ambiguous month is a month
    decade_after: re.Pattern  # `2020-talet` after a bare year
    relative_after: re.Pattern  # `mars–9 juni i år`, `i november i fjol`: group `rel`
    relative_years: dict[str, int]  # `i år` → 0, `i fjol` → −1: added to the document's year
    time_words: frozenset[str]
    et_al: tuple[str, ...]
    citation_close: re.Pattern
    dateline: re.Pattern
    dateline_label: re.Pattern
    year_min: int
    year_max: int
    change_after: re.Pattern  # `steg` right after `mellan 2020 och 2021`
    respective: re.Pattern  # ` respektive ` between a day and a year that takes its day
    month_in: re.Pattern  # a month's name, to read a date's month
    verb_before: re.Pattern  # the word right before a date (a preposition between): group `verb`
    verb_after: re.Pattern  # the word right after it
    past_verbs: frozenset[str]
    past_endings: tuple[str, ...]
    change_before: re.Pattern  # `ökningen` a few words before it
    name_in_sentence: re.Pattern  # `till Region Gävleborg ` right before a year: a name in a sentence


_YEAR_SPACE = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"  # a year may wrap a line, never cross a blank line


def _alternatives(cfg: dict, months: dict, quarters: dict, halves: dict) -> list[str]:
    """The date pattern's alternatives, one a kind of expression (`_KINDS`), in the order they are tried."""
    abbrev = set(cfg["abbreviations_need_day_or_year"])
    full = [m for m in months if m not in abbrev]
    M_FULL = r"(?<![\p{L}])" + alternation(full) + r"(?![\p{L}])"
    M_ANY = r"(?<![\p{L}])(?:" + alternation(full) + "|" + alternation(abbrev) + r"\.?)(?![\p{L}])"
    Y = rf"(?:19|20){DIGIT}{DIGIT}"
    D = rf"(?:[12]{DIGIT}|3[01]|0?[1-9])"
    DASH = rf"\s*[{DASHES}]\s*"
    YS = _YEAR_SPACE
    NB = r"(?<![\d\p{L}/])"  # not glued to a word, number or "/" (Dnr RS/1234/2024) before
    NA = r"(?![\d])"
    DEN = alternation(cfg["day_article"])
    AR = alternation(cfg["year_word"])
    WEEK = alternation(cfg["week_words"])
    TURN = alternation(cfg["year_turn_words"])
    NUM_CUE = alternation(cfg["numeric_day_cues"])
    BETWEEN = alternation(cfg["between_words"])
    BETWEEN_YEARS = alternation(cfg["between_year_words"])
    AND = alternation(cfg["and_words"])
    TALET = alternation(cfg["decade_suffixes"])
    ARS = alternation(cfg["year_genitive_suffixes"])
    SPAN_BEFORE = r"(?<![\p{L}])" + alternation(cfg["year_span_before"])
    SPAN_TO = alternation(cfg["year_span_to"], space=r"\s+")
    SPAN_INCL = alternation(cfg["year_span_inclusive"], space=r"\s+")
    alts = [
        # an ISO date is one even glued to the word before it (`Gotland2019-12-22 10:09`: place and time run together)
        rf"(?P<iso>(?<![\d/])(?P<iso_y>{Y})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-2]{DIGIT}|3[01])"
        rf"(?:[ T]{DIGIT}{{1,2}}[:.]{DIGIT}{DIGIT}(?::{DIGIT}{DIGIT})?)?{NA})",
        rf"(?P<dmy>{NB}(?P<dmy_d>{D})[./](?P<dmy_m>0?[1-9]|1[0-2])(?:[./-]|\s)(?P<dmy_y>{Y}){NA})",
        # `senast 31/3`: a day and month in numbers after a cue, never a fraction (`2/3 av`)
        rf"(?P<dmn>(?<=(?<![\p{{L}}])(?i:{NUM_CUE})\s+)(?P<dmn_d>{D})/(?P<dmn_m>0?[1-9]|1[0-2])"
        rf"(?![\d/]|[.,]\d|\s+av(?![\p{{L}}])))",
        rf"(?P<dayrange>(?:{DEN}\s+)?{NB}(?P<dr_d1>{D}){DASH}(?P<dr_d2>{D})\s+(?P<dr_m>{M_ANY})"
        rf"(?:{YS}(?P<dr_y>{Y}){NA})?)",
        rf"(?P<mdrange>(?P<mdr_m1>{M_FULL}){DASH}(?P<mdr_d>{D})\s+(?P<mdr_m2>{M_ANY})(?:{YS}(?P<mdr_y>{Y}){NA})?)",
        rf"(?P<dm>(?:{DEN}\s+)?{NB}(?P<dm_d>{D})(?::[ae])?\s+(?P<dm_m>{M_ANY})(?:{YS}(?P<dm_y>{Y}){NA})?)",
        rf"(?P<mrange>(?P<mr_m1>{M_FULL}){DASH}(?P<mr_m2>{M_FULL})(?:{YS}(?P<mr_y>{Y}){NA})?"
        rf"|(?P<mr_a1>{M_ANY}){DASH}(?P<mr_a2>{M_ANY}){YS}(?P<mr_ay>{Y}){NA})",  # abbreviated: with a year only
        rf"(?P<mdy>(?P<mdy_m>{M_ANY})\s+(?P<mdy_d>{D}),\s*(?P<mdy_y>{Y}){NA})",  # a press release's `Okt 21, 2016`
        rf"(?P<my>(?P<my_m>{M_ANY}){YS}(?P<my_y>{Y}){NA})",
        rf"(?P<quarter>(?i:(?P<q_w>{alternation(quarters)}))\s+(?:{AR}\s+)?(?P<q_y>{Y}){NA})",
        rf"(?P<half>(?i:(?P<h_w>{alternation(halves)}))\s+(?:{AR}\s+)?(?P<h_y>{Y}){NA})",
        rf"(?P<week>(?i:{WEEK})\s*(?P<w_n>[1-9]|[1-4]{DIGIT}|5[0-3])(?:\s*,?\s*(?:{AR}\s+)?(?P<w_y>{Y}))?{NA})",
        rf"(?P<yturn>(?i:{TURN})\s+(?P<yt_a>{Y})\s*/\s*(?P<yt_b>{DIGIT}{DIGIT}(?:{DIGIT}{DIGIT})?){NA})",
        rf"(?P<between>(?i:{BETWEEN})\s+(?:(?i:{BETWEEN_YEARS})\s+)?(?P<bt_a>{Y})\s+{AND}\s+(?P<bt_b>{Y}){NA})",
        rf"(?P<yspan>{NB}(?:(?<=(?i:{SPAN_BEFORE})\s+)(?P<ys_a>{Y})\s+(?i:{SPAN_TO})|(?P<ys_c>{Y})\s+(?i:{SPAN_INCL}))"
        rf"\s+(?P<ys_b>{Y}){NA})",
        rf"(?P<yrange>{NB}(?P<yr_a>{Y})(?:{DASH}|(?P<yr_slash>/))(?P<yr_b>{Y}|{DIGIT}{DIGIT})"
        rf"(?P<yr_decade>[\s-]?{TALET})?{NA})",
        rf"(?P<decade>{NB}(?P<dc_y>(?:19|20){DIGIT}0)-{TALET})",
        rf"(?P<year_of>{NB}(?P<yo_y>{Y})\s+{ARS}(?![\p{{L}}]))",
        rf"(?P<year>{NB}(?P<y_y>{Y}){NA})",
        rf"(?P<month>(?P<m_m>{M_FULL}))",
    ]
    return alts


@lru_cache(maxsize=1)
def grammar() -> DateGrammar:
    cfg = lang.dates()
    months = {k.lower(): v for k, v in cfg["months"].items()}
    quarters = {k.lower(): v for k, v in cfg["quarters"].items()}
    halves = {k.lower(): (6, v) for k, v in cfg["halves"].items()}
    halves |= {k.lower(): (4, v) for k, v in cfg["tertials"].items()}  # a region's four-month reports
    relative = {phrase_key(k): v for k, v in cfg["relative_years"].items()}
    YS, DEN, AND = _YEAR_SPACE, alternation(cfg["day_article"]), alternation(cfg["and_words"])
    YEAR = rf"(?:19|20){DIGIT}{DIGIT}"
    TALET = alternation(cfg["decade_suffixes"])
    alts = _alternatives(cfg, months, quarters, halves)
    rx = re.compile("|".join(alts), re.IGNORECASE)  # simple case folding: full folding (VERSION1) doubles the cost
    dateline = (
        r"(?im)^[^\n]{0,40}?" + alternation(cfg["dateline_labels"]) + r"?[:\s]*"
        rf"(?:{DEN}\s+)?(?P<date>{YEAR}-[01]{DIGIT}-[0-3]{DIGIT}|{DIGIT}{{1,2}}\s+\p{{L}}+\.?{YS}{YEAR}"
        rf"|\p{{L}}{{3,9}}\.?\s+{DIGIT}{{1,2}},\s*{YEAR})\b"
    )
    pages = alternation(cfg["citation_page_abbreviations"])
    return DateGrammar(
        rx=rx,
        anchors=date_anchors(cfg, months, quarters, halves),
        could_start=date_could_start(cfg, months, quarters, halves),
        period_to=re.compile(r"\s*" + alternation(cfg["period_to_words"]) + r"\s*", re.IGNORECASE),
        period_and=re.compile(r"\s+" + AND + r"\s+", re.IGNORECASE),
        period_between=re.compile(
            r"(?<![\p{L}])" + alternation(cfg["period_and_after"]) + rf"\s+(?:{DEN}\s+)?\Z", re.IGNORECASE
        ),
        months=months,
        quarters=quarters,
        halves=halves,
        ambiguous_months=frozenset(cfg["ambiguous_months"]),
        reference_before=re.compile(  # tied to the end, asked only whether it is there: read from the end
            r"(?<![\p{L}])" + alternation([p.rstrip(".") for p in cfg["reference_prefixes"]]) + r"\.?\s*\Z",
            re.IGNORECASE | re.REVERSE,
        ),
        count_after=re.compile(r"\A\s*" + alternation(cfg["count_nouns_after"]) + r"(?![\p{L}])", re.IGNORECASE),
        month_prepositions=re.compile(
            r"(?<![\p{L}])" + alternation(cfg["month_prepositions"]) + r"\s+\Z", re.IGNORECASE | re.REVERSE
        ),
        decade_after=re.compile(r"\s*[-–]\s*" + TALET),
        relative_after=re.compile(
            r"\s+(?P<rel>" + alternation(relative, space=r"\s+") + r")(?![\p{L}])", re.IGNORECASE
        ),
        relative_years=relative,
        time_words=frozenset(cfg["time_words_before_year"]),
        et_al=tuple(cfg["citation_et_al"]),
        citation_close=re.compile(rf"\s*(?:,\s*\d|[.;)]|,?\s*{pages}\s*\d)"),
        dateline=re.compile(dateline),
        # a label, or `den` alone or after one word, a place (`Stockholm den 12 juni 2021`), not after a clause
        dateline_label=re.compile(
            "(?i)" + alternation(cfg["dateline_label_prefixes"]) + r"|\A\s*(?:\p{L}+[ \t,]+)?" + DEN + r"\s*\Z"
        ),
        year_min=cfg["year_min"],
        year_max=cfg["year_max"],
        respective=re.compile(r"\s+" + alternation(cfg["respective_words"]) + r"\s+\Z", re.IGNORECASE),
        month_in=re.compile(r"(?<![\p{L}])" + alternation(months) + r"(?![\p{L}])", re.IGNORECASE),
        verb_before=re.compile(
            r"(?<![\p{L}])(?P<verb>\p{L}+)\s+(?:" + alternation(cfg["date_prepositions"]) + r"\s+)?\Z", re.IGNORECASE
        ),
        verb_after=re.compile(r"\s+(?P<verb>\p{L}+)"),
        past_verbs=frozenset(w.lower() for w in cfg["past_tense_verbs"]),
        past_endings=tuple(cfg["past_tense_endings"]),
        change_after=re.compile(r"\s+" + alternation(cfg["change_words"]) + r"(?![\p{L}])", re.IGNORECASE),
        name_in_sentence=re.compile(
            r"(?<![\p{L}])" + alternation(cfg["prepositions_before_name"]) + r"(?:\s+\p{Lu}[\p{L}\-]*){1,3}\s+\Z",
            re.REVERSE,  # tied to the end, asked only whether it is there: read from the end
        ),
        change_before=re.compile(
            r"(?<![\p{L}])" + alternation(cfg["change_words"]) + r"(?:\s+\p{L}+){0,3}\s+\Z", re.IGNORECASE
        ),
    )


# the pattern's top-level groups, one a kind of date expression
_KINDS = (
    "iso", "dmy", "dmn", "dayrange", "mdrange", "dm", "mrange", "mdy", "my", "quarter", "half", "week",
    "yturn", "between", "yspan", "yrange", "decade", "year_of", "year", "month",
)  # fmt: skip


def find_dates(
    text: str,
    reference: date | None = None,
    paragraph_of: Callable[[int], int] | None = None,
    skip_spans: Sequence[tuple[int, int]] = (),
) -> list[DateMention]:
    """All calendar expressions in `text`.

    `reference` is the document's own date (resolves `i år`, and years that
    are not written when the context gives none); `paragraph_of(offset)`
    returns where to start looking back for a written year (the sentence
    two before, within the paragraph); `skip_spans` are
    (start, end) spans of other mentions (money) that a date may not overlap.
    """
    gram = grammar()
    found = _expressions(text, skip_spans)
    years = YearContext.of(text, found, reference, paragraph_of)
    out: list[DateMention] = []
    for m, kind in found:
        s, e = m.span()
        try:
            res = interpret(m, kind, gram.months, gram.quarters, gram.halves, years.infer)
        except (ValueError, KeyError):
            continue
        if res is None:
            continue
        start_d, end_d, gran, inferred = res
        if not (gram.year_min <= start_d.year <= gram.year_max and gram.year_min <= end_d.year <= gram.year_max):
            continue
        if kind == "between" and compares(text, s, e, gram):
            out.extend(_years_compared(m))
        elif end_d >= start_d:
            out.append(DateMention(s, e, text[s:e], start_d, end_d, gran, inferred))
    out = _glued_years(text, out, gram.year_min, gram.year_max)
    for i in respective_days(text, [(d.end, d.start, d.granularity) for d in out], gram):
        before, year = out[i - 1].date_start, out[i]  # `den 30 april 2023 respektive 2024`
        day = day_of(year.date_start.year, before.month, before.day)
        out[i] = DateMention(year.start, year.end, year.text, day, day, "day", False)
    return join_periods(text, out, gram)


def _years_compared(m: re.Match) -> list[DateMention]:
    """The two years of `mellan 2020 och 2021` when compared: each its own date."""
    out = []
    for group in ("bt_a", "bt_b"):
        y = int_of(m.group(group))
        s, e = m.span(group)
        out.append(DateMention(s, e, m.group(group), date(y, 1, 1), date(y, 12, 31), "year", False))
    return out


def _expressions(text: str, skip_spans: Sequence[tuple[int, int]]) -> list[tuple[re.Match, str]]:
    """Every match of the date pattern, with its kind, that is a date where it stands: not inside a money
    mention, a reference (`SFS 2020:193`), a citation, a count (`2020 kronor`) or a name (`Mars`)."""
    gram = grammar()
    skip = sorted(skip_spans)
    skip_starts = [a for a, _ in skip]
    # a date cannot start inside a money mention: try the pattern only between them
    gaps, prev_end = [], 0
    for a, b in skip:
        if a > prev_end:
            gaps.append((prev_end, a))
        prev_end = max(prev_end, b)
    gaps.append((prev_end, len(text)))
    found: list[tuple[re.Match, str]] = []
    for m in anchored_finditer(gram.rx, gram.anchors, text, windows=gaps, could_start=gram.could_start):
        kind = m.lastgroup if m.lastgroup in _KINDS else next((k for k in _KINDS if m.group(k)), None)
        if kind is None:
            continue
        s, e = m.span()
        k = bisect.bisect_left(skip_starts, e)
        if k and skip[k - 1][1] > s or (k >= 2 and skip[k - 2][1] > s):
            continue  # overlaps a money mention
        if _is_a_date_here(text, m, kind):
            found.append((m, kind))
    return found


_REFERENCE_KINDS = frozenset({"year", "yrange", "year_of", "between", "my", "dm"})
_NUMBER_OF_REFERENCE = re.compile(r"\s*(?:/\s*\d|:\d)")  # `:193` of `SFS 2020:193`, `/22:1` of `prop. 2021/22:1`
_NAME_AFTER_YEAR = re.compile(r"-\p{L}|\+(?!\s*\d)")  # `Natura 2000-områden`, `Norra Sverige 2030+`
_NUMBER_AFTER_DASH = re.compile(r"-\d")  # `2024-00123`


def _is_a_date_here(text: str, m: re.Match, kind: str) -> bool:
    """What the words around a match say: a reference, a citation, a count, a decade, a name, or a date."""
    gram = grammar()
    s, e = m.span()
    after = text[e : e + AFTER_REACH]
    if gram.reference_before.search(text[max(0, s - REFERENCE_REACH) : s]):
        return False
    # each pattern after the match is asked only where `after` holds the character it needs (`/`, `:`, a dash)
    if kind in _REFERENCE_KINDS and ("/" in after or ":" in after) and _NUMBER_OF_REFERENCE.match(after):
        return False  # SFS 2020:193, prop. 2021/22:1 (a label `2021: 5 miljoner` is a year)
    if kind in ("year", "yrange") and (is_citation(text, s, e, gram) or gram.count_after.match(after)):
        return False
    if kind == "year" and (
        (("-" in after or "–" in after) and gram.decade_after.match(after))
        or (after[:1] in ("-", "+") and _NAME_AFTER_YEAR.match(after))
    ):
        return False  # `2020-talet` is read as a decade; `Natura 2000-områden`, `Norra Sverige 2030+` are names
    if in_web_address(text, s, e):
        return False
    if kind == "year" and (glued_after_number(text, s) or (after[:1] == "-" and _NUMBER_AFTER_DASH.match(after))):
        return False  # a part of a number: an organisation's (`212000-2031`), a standard's, a case's (`2024-00123`)
    if kind == "month":
        word = m.group("m_m").lower()
        before = text[max(0, s - MONTH_PREPOSITION_REACH) : s]
        if word in gram.ambiguous_months and not gram.month_prepositions.search(before):
            return False
        if m.group("m_m")[0].isupper() and word in gram.ambiguous_months and s > 0 and text[s - 1] not in "\n":
            return False  # Mars, Maj as names mid-sentence
    return True


# the groups that hold a written four-digit year, in every kind of expression
_YEAR_GROUPS = (
    "iso_y", "dmy_y", "dr_y", "mdr_y", "dm_y", "mr_y", "mr_ay", "mdy_y", "my_y", "q_y", "h_y", "w_y", "yt_a", "bt_b",
    "ys_b", "yr_b", "dc_y", "yo_y", "y_y",
)  # fmt: skip


@lru_cache(maxsize=1)
def _year_groups() -> dict[str, tuple[str, ...]]:
    """Each kind's groups of `_YEAR_GROUPS`, in their order: the groups of the other kinds' alternatives are
    empty in its match."""
    g = grammar()
    alts = _alternatives(lang.dates(), g.months, g.quarters, g.halves)
    named = [set(re.findall(r"\(\?P<(\w+)>", alt)) for alt in alts]
    assert [next(n for n in _KINDS if f"(?P<{n}>" in alt) for alt in alts] == list(_KINDS)
    return {kind: tuple(y for y in _YEAR_GROUPS if y in names) for kind, names in zip(_KINDS, named)}


@dataclass
class YearContext:
    """What gives a date without a year its year: the item's own date, a year written before it, or the
    year the document names most."""

    text: str
    reference: date | None
    paragraph_of: Callable[[int], int] | None
    years_written: list[tuple[int, int]]  # (offset, year)
    dominant: int | None

    @classmethod
    def of(
        cls,
        text: str,
        found: list[tuple[re.Match, str]],
        reference: date | None,
        paragraph_of: Callable[[int], int] | None,
    ) -> YearContext:
        groups = _year_groups()  # only the groups of its own kind can hold a match's year
        written = [(m.start(), int_of(v)) for m, k in found for g in groups[k] if (v := m.group(g)) and len(v) == 4]
        counts = Counter(y for _, y in written)
        top = max(counts.values(), default=0)
        dominant = max((y for y, c in counts.items() if c == top), default=None)
        return cls(text, reference, paragraph_of, written, dominant)

    def infer(self, offset: int, end: int) -> int | None:
        """The document's own date (a news item's dateline) outranks a year written in an earlier sentence,
        often another time the item speaks of; a year in the same sentence qualifies the date, and `i år`,
        `i fjol` after it count from the item's date. Without a date of its own, the nearest year written
        before (this or the two previous sentences of the paragraph), else the year named most."""
        gram, reference = grammar(), self.reference
        relative = gram.relative_after.match(self.text[end : end + RELATIVE_REACH])
        if relative and reference is not None:
            return reference.year + gram.relative_years[phrase_key(relative.group("rel"))]
        if reference is not None:
            window_start = _sentence_start(self.text, offset)
        else:
            window_start = self.paragraph_of(offset) if self.paragraph_of else max(0, offset - YEAR_CONTEXT_CHARS)
        prior = [y for o, y in self.years_written if window_start <= o < offset]
        if prior:
            return prior[-1]
        if reference is not None:
            before_item = told_before_the_item(self.text, offset, end, reference, gram)
            return reference.year - 1 if before_item else reference.year
        return self.dominant


_SENTENCE_END = re.compile(r"[.!?]\s+(?=\p{Lu}|\d)|\n")


def _sentence_start(text: str, offset: int, lookback: int = YEAR_CONTEXT_CHARS) -> int:
    """Where the sentence (or line) around an offset starts: after the last full stop or line break."""
    start = max(0, offset - lookback)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, offset)]
    return ends[-1] if ends else start


def _glued_years(text: str, found: list[DateMention], ymin: int, ymax: int) -> list[DateMention]:
    """Column headers of years that a PDF's text layer glued together (`Anslag/ap2016201720182019`): years
    only where the run splits into consecutive years, nothing else."""
    extra = []
    for m in _GLUED_YEARS.finditer(text):
        run = m.group(0)
        years = [int_of(run[i : i + 4]) for i in range(0, len(run), 4)]
        if any(b != a + 1 for a, b in zip(years, years[1:])) or not all(ymin <= y <= ymax for y in years):
            continue
        for i, y in enumerate(years):
            s = m.start() + 4 * i
            extra.append(DateMention(s, s + 4, str(y), date(y, 1, 1), date(y, 12, 31), "year", False))
    if not extra:
        return found
    return sorted(found + extra, key=lambda d: d.start)


_GLUED_YEARS = re.compile(rf"(?<!\d)(?:(?:19|20){DIGIT}{DIGIT}){{2,8}}(?!\d)")


def document_date(text: str, head: int = DOCUMENT_DATE_HEAD) -> date | None:
    """The document's own date from a dateline, `Publicerad …` or a memo's date line near the top (`head`
    counts characters, not line breaks: see `head_end`)."""
    window = text[: head_end(text, head)]
    g = grammar()
    for m in g.dateline.finditer(window):
        line_start = window.rfind("\n", 0, m.start("date")) + 1
        line = window[line_start : window.find("\n", m.end("date")) if "\n" in window[m.end("date") :] else len(window)]
        # a date alone on its line, or after a publishing/date label, or "Ort den …"
        label = g.dateline_label.search(window[line_start : m.start("date")])
        alone = len(line.strip()) <= len(m.group("date")) + DATELINE_SLACK
        # the text opens with it (`2016-04-13 Finansdepartementet …`), or its title ends with it
        # (`Kort om regionstyrelsen 14 maj 2021`)
        first = not window[: m.start("date")].strip()
        title = not window[:line_start].strip() and not line[m.end("date") - line_start :].strip()
        if not (label or alone or first or title):
            continue
        # the date as its line reads: the start of a period (`publicerades under perioden 5 maj 2015
        # och 12 mars 2022`) is not the document's date
        found = [d for d in find_dates(line) if d.start <= m.start("date") - line_start < d.end]
        if found and found[0].granularity == "day":
            return found[0].date_start
    return None
