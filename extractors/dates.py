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
import calendar
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import regex as re

from extractors import lang
from extractors.lexicon import alternation, phrase_key
from extractors.scan import Anchors, anchor_pattern, anchored_finditer
from extractors.scan import rx as _rx


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
    months: dict[str, int]
    quarters: dict[str, int]
    halves: dict[str, int]
    ambiguous_months: frozenset[str]
    reference_before: re.Pattern  # `SFS 2020`: a reference, not a year
    count_after: re.Pattern  # `2020 kronor`: a count, not a year
    month_prepositions: re.Pattern  # `i maj`: the ambiguous month is a month
    decade_after: re.Pattern  # `2020-talet` after a bare year
    this_year_after: re.Pattern  # `mars–7 augusti i år`
    time_words: frozenset[str]
    et_al: tuple[str, ...]
    citation_close: re.Pattern
    dateline: re.Pattern
    dateline_label: re.Pattern
    year_min: int
    year_max: int


@lru_cache(maxsize=1)
def grammar() -> DateGrammar:
    cfg = lang.dates()
    months = {k.lower(): v for k, v in cfg["months"].items()}
    abbrev = set(cfg["abbreviations_need_day_or_year"])
    full = [m for m in months if m not in abbrev]
    M_FULL = r"(?<![\p{L}])" + alternation(full) + r"(?![\p{L}])"
    M_ANY = r"(?<![\p{L}])(?:" + alternation(full) + "|" + alternation(abbrev) + r"\.?)(?![\p{L}])"
    Y = r"(?:19|20)\d\d"
    D = r"(?:[12]\d|3[01]|0?[1-9])"
    DASH = r"\s*[–—-]\s*"
    YS = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"  # a year may wrap a line, never cross a blank line
    quarters = {k.lower(): v for k, v in cfg["quarters"].items()}
    halves = {k.lower(): v for k, v in cfg["halves"].items()}
    relative = {phrase_key(k): v for k, v in cfg["relative_years"].items()}
    NB = r"(?<![\d\p{L}/])"  # not glued to a word, number or "/" (Dnr RS/1234/2024) before
    NA = r"(?![\d])"
    DEN = alternation(cfg["day_article"])
    AR = alternation(cfg["year_word"])
    WEEK = alternation(cfg["week_words"])
    TURN = alternation(cfg["year_turn_words"])
    BETWEEN = alternation(cfg["between_words"])
    AND = alternation(cfg["and_words"])
    TALET = alternation(cfg["decade_suffixes"])
    ARS = alternation(cfg["year_genitive_suffixes"])
    alts = [
        rf"(?P<iso>{NB}(?P<iso_y>{Y})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-2]\d|3[01])"
        rf"(?:[ T]\d{{1,2}}[:.]\d\d(?::\d\d)?)?{NA})",
        rf"(?P<dmy>{NB}(?P<dmy_d>{D})[./](?P<dmy_m>0?[1-9]|1[0-2])(?:[./]|\s)(?P<dmy_y>{Y}){NA})",
        rf"(?P<dayrange>(?:{DEN}\s+)?{NB}(?P<dr_d1>{D}){DASH}(?P<dr_d2>{D})\s+(?P<dr_m>{M_ANY})"
        rf"(?:{YS}(?P<dr_y>{Y}){NA})?)",
        rf"(?P<mdrange>(?P<mdr_m1>{M_FULL}){DASH}(?P<mdr_d>{D})\s+(?P<mdr_m2>{M_ANY})(?:{YS}(?P<mdr_y>{Y}){NA})?)",
        rf"(?P<dm>(?:{DEN}\s+)?{NB}(?P<dm_d>{D})(?::[ae])?\s+(?P<dm_m>{M_ANY})(?:{YS}(?P<dm_y>{Y}){NA})?)",
        rf"(?P<mrange>(?P<mr_m1>{M_FULL}){DASH}(?P<mr_m2>{M_FULL})(?:{YS}(?P<mr_y>{Y}){NA})?)",
        rf"(?P<my>(?P<my_m>{M_ANY}){YS}(?P<my_y>{Y}){NA})",
        rf"(?P<quarter>(?i:(?P<q_w>{alternation(quarters)}))\s+(?:{AR}\s+)?(?P<q_y>{Y}){NA})",
        rf"(?P<half>(?i:(?P<h_w>{alternation(halves)}))\s+(?:{AR}\s+)?(?P<h_y>{Y}){NA})",
        rf"(?P<week>(?i:{WEEK})\s*(?P<w_n>[1-9]|[1-4]\d|5[0-3])(?:\s*,?\s*(?:{AR}\s+)?(?P<w_y>{Y}))?{NA})",
        rf"(?P<yturn>(?i:{TURN})\s+(?P<yt_a>{Y})\s*/\s*(?P<yt_b>\d\d(?:\d\d)?){NA})",
        rf"(?P<between>(?i:{BETWEEN})\s+(?P<bt_a>{Y})\s+{AND}\s+(?P<bt_b>{Y}){NA})",
        rf"(?P<yrange>{NB}(?P<yr_a>{Y})(?:{DASH}|(?P<yr_slash>/))(?P<yr_b>{Y}|\d\d)(?P<yr_decade>[\s-]?{TALET})?{NA})",
        rf"(?P<decade>{NB}(?P<dc_y>(?:19|20)\d0)-{TALET})",
        rf"(?P<year_of>{NB}(?P<yo_y>{Y})\s+{ARS}(?![\p{{L}}]))",
        rf"(?P<year>{NB}(?P<y_y>{Y}){NA})",
        rf"(?P<month>(?P<m_m>{M_FULL}))",
    ]
    rx = re.compile("|".join(alts), re.IGNORECASE)  # simple case folding: full folding (VERSION1) doubles the cost
    anchor_words = list(months) + list(quarters) + list(halves) + cfg["week_words"] + cfg["year_turn_words"]
    follow_digit = [re.escape(w) + r"(?=\s+\d)" for w in cfg["day_article"] + cfg["between_words"]]
    this_year = [k for k, v in relative.items() if v == 0]
    dateline = (
        r"(?im)^[^\n]{0,40}?" + alternation(cfg["dateline_labels"]) + r"?[:\s]*"
        rf"(?:{DEN}\s+)?(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d|\d{{1,2}}\s+\p{{L}}+\.?{YS}(?:19|20)\d\d)\b"
    )
    pages = alternation(cfg["citation_page_abbreviations"])
    return DateGrammar(
        rx=rx,
        anchors=anchor_pattern(anchor_words, extra=follow_digit),
        period_to=re.compile(r"\s*" + alternation(cfg["period_to_words"]) + r"\s*", re.IGNORECASE),
        period_and=re.compile(r"\s+" + AND + r"\s+", re.IGNORECASE),
        period_between=re.compile(
            r"(?<![\p{L}])" + alternation(cfg["period_and_after"]) + rf"\s+(?:{DEN}\s+)?\Z", re.IGNORECASE
        ),
        months=months,
        quarters=quarters,
        halves=halves,
        ambiguous_months=frozenset(cfg["ambiguous_months"]),
        reference_before=re.compile(
            r"(?<![\p{L}])" + alternation([p.rstrip(".") for p in cfg["reference_prefixes"]]) + r"\.?\s*\Z",
            re.IGNORECASE,
        ),
        count_after=re.compile(r"\A\s*" + alternation(cfg["count_nouns_after"]) + r"(?![\p{L}])", re.IGNORECASE),
        month_prepositions=re.compile(
            r"(?<![\p{L}])" + alternation(cfg["month_prepositions"]) + r"\s+\Z", re.IGNORECASE
        ),
        decade_after=re.compile(r"\s*[-–]\s*" + TALET),
        this_year_after=re.compile(r"\s+" + alternation(this_year, space=r"\s+") + r"(?![\p{L}])", re.IGNORECASE),
        time_words=frozenset(cfg["time_words_before_year"]),
        et_al=tuple(cfg["citation_et_al"]),
        citation_close=re.compile(rf"\s*(?:,\s*\d|[.;)]|,?\s*{pages}\s*\d)"),
        dateline=re.compile(dateline),
        dateline_label=re.compile("(?i)" + alternation(cfg["dateline_label_prefixes"]) + "|" + DEN + r"\s*\Z"),
        year_min=cfg["year_min"],
        year_max=cfg["year_max"],
    )


def _is_citation(text: str, start: int, end: int) -> bool:
    """`Statskontoret 2019, 7ff.` / `Calmfors 2020.` / `Häggroth et al 2020` — an author and a year."""
    before = text[max(0, start - 40) : start]
    m = _rx(r"([\p{L}][\p{L}\-:]*\.?)\s+\Z").search(before)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    g = grammar()
    if word.lower() in g.time_words:
        return False
    after = text[end : end + 12]
    if _rx(r"[a-z](?![\p{L}])").match(after):
        return True  # 2020a
    if before.rstrip().endswith(g.et_al):
        return True
    # a footnote line starts with its number: look back a line's width at most, not to the start of a long line
    line_start = text.rfind("\n", max(0, start - 300), start) + 1
    in_note = (line_start > 0 or start <= 300) and _rx(r"\s*\d{1,3}\.?\s").match(text, line_start, start) is not None
    if in_note and _rx(r"(?:,\s*\d|\.(?:\s*\n|\s*$|\s+\p{Lu}))").match(after):
        return True  # a reference line: "42. Institutet för framtidsstudier 2018."
    if not word[0].isupper():
        return False
    # a citation closes with a page reference, a period, a semicolon or the line
    return bool(g.citation_close.match(after))


def _day(y: int, m: int, d: int) -> date:
    """The day written; a day past the month's end (`31 april`, `29 februari 2023`) is read as the month's last
    day, what the writer meant, rather than lost."""
    return date(y, m, min(d, calendar.monthrange(y, m)[1]))


def _month_bounds(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


# the pattern's top-level groups, one a kind of date expression
_KINDS = (
    "iso", "dmy", "dayrange", "mdrange", "dm", "mrange", "my", "quarter", "half", "week",
    "yturn", "between", "yrange", "decade", "year_of", "year", "month",
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
    rx, months, quarters, halves, anchors = gram.rx, gram.months, gram.quarters, gram.halves, gram.anchors
    ambiguous, ref_before = gram.ambiguous_months, gram.reference_before
    count_after, preps = gram.count_after, gram.month_prepositions
    ymin, ymax = gram.year_min, gram.year_max
    found: list[tuple[re.Match, str]] = []
    skip = sorted(skip_spans)
    skip_starts = [a for a, _ in skip]
    # a date cannot start inside a money mention: try the pattern only between them
    gaps, prev_end = [], 0
    for a, b in skip:
        if a > prev_end:
            gaps.append((prev_end, a))
        prev_end = max(prev_end, b)
    gaps.append((prev_end, len(text)))
    for m in anchored_finditer(rx, anchors, text, windows=gaps):
        kind = m.lastgroup if m.lastgroup in _KINDS else next((k for k in _KINDS if m.group(k)), None)
        if kind is None:
            continue
        s, e = m.span()
        k = bisect.bisect_left(skip_starts, e)
        if k and skip[k - 1][1] > s or (k >= 2 and skip[k - 2][1] > s):
            continue  # overlaps a money mention
        before = text[max(0, s - 12) : s]
        after = text[e : e + 20]
        if ref_before.search(before):
            continue
        if kind in ("year", "yrange", "year_of", "between", "my", "dm") and _rx(r"\s*[:/]\s*\d").match(after):
            continue  # SFS 2020:193, prop. 2021/22:1
        if kind in ("year", "yrange") and (_is_citation(text, s, e) or count_after.match(after)):
            continue
        if kind == "year" and (gram.decade_after.match(after) or _rx(r"-\p{L}").match(after)):
            continue  # `2020-talet` is read as a decade; `Natura 2000-områden` is a name
        if kind == "month":
            word = m.group("m_m").lower()
            if word in ambiguous and not preps.search(text[max(0, s - 25) : s]):
                continue
            if m.group("m_m")[0].isupper() and word in ambiguous and s > 0 and text[s - 1] not in "\n":
                continue  # Mars, Maj as names mid-sentence
        found.append((m, kind))

    out: list[DateMention] = []
    years_written: list[tuple[int, int]] = []  # (offset, year)
    all_years: Counter[int] = Counter()
    for m, _kind in found:
        for g in (
            "iso_y",
            "dmy_y",
            "dr_y",
            "mdr_y",
            "dm_y",
            "mr_y",
            "my_y",
            "q_y",
            "h_y",
            "w_y",
            "yt_a",
            "bt_b",
            "yr_b",
            "dc_y",
            "yo_y",
            "y_y",
        ):
            v = m.group(g)
            if v and len(v) == 4:
                years_written.append((m.start(), int(v)))
                all_years[int(v)] += 1
    dominant = None
    if all_years:
        top = max(all_years.values())
        dominant = max(y for y, c in all_years.items() if c == top)

    def infer_year(offset: int, end: int) -> int | None:
        # the nearest year written just before (this or the two previous sentences of the paragraph)
        window_start = paragraph_of(offset) if paragraph_of else max(0, offset - 400)
        prior = [y for o, y in years_written if window_start <= o < offset]
        if prior:
            return prior[-1]
        # "mars–7 augusti i år": this year, i.e. the document's year
        if gram.this_year_after.match(text[end : end + 30]) or reference is None:
            return reference.year if reference else dominant
        return reference.year

    for m, kind in found:
        s, e = m.span()
        try:
            res = _interpret(m, kind, months, quarters, halves, infer_year, reference)
        except (ValueError, KeyError):
            continue
        if res is None:
            continue
        start_d, end_d, gran, inferred = res
        if not (ymin <= start_d.year <= ymax and ymin <= end_d.year <= ymax) or end_d < start_d:
            continue
        t = text[s:e]
        out.append(DateMention(s, e, t, start_d, end_d, gran, inferred))
    out = _glued_years(text, out, ymin, ymax)
    return _join_periods(text, out)


def _join_periods(text: str, found: list[DateMention]) -> list[DateMention]:
    """Two days joined by `till` (or `och` after `mellan`) are one period: `3 maj till 16 augusti 2024`,
    `mellan den 15 januari 2020 och den 30 juni 2022`. The first takes the second's year when it has none."""
    g = grammar()
    out: list[DateMention] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.granularity == "day"
            and d.granularity == "day"
            and (
                g.period_to.fullmatch(text, prev.end, d.start)
                or (
                    g.period_and.fullmatch(text, prev.end, d.start)
                    and g.period_between.search(text, max(0, prev.start - 20), prev.start)
                )
            )
        ):
            first = prev.date_start
            if prev.inferred_year and not d.inferred_year:
                first = _day(d.date_start.year, first.month, first.day)
                if first > d.date_start:
                    first = _day(first.year - 1, first.month, first.day)  # `15 december till 15 januari 2024`
            if first <= d.date_end:
                out[-1] = DateMention(
                    prev.start, d.end, text[prev.start : d.end], first, d.date_end, "range", d.inferred_year
                )
                continue
        out.append(d)
    return out


def _glued_years(text: str, found: list[DateMention], ymin: int, ymax: int) -> list[DateMention]:
    """Column headers of years that a PDF's text layer glued together (`Anslag/ap2016201720182019`): years
    only where the run splits into consecutive years, nothing else."""
    extra = []
    for m in _GLUED_YEARS.finditer(text):
        run = m.group(0)
        years = [int(run[i : i + 4]) for i in range(0, len(run), 4)]
        if any(b != a + 1 for a, b in zip(years, years[1:])) or not all(ymin <= y <= ymax for y in years):
            continue
        for i, y in enumerate(years):
            s = m.start() + 4 * i
            extra.append(DateMention(s, s + 4, str(y), date(y, 1, 1), date(y, 12, 31), "year", False))
    if not extra:
        return found
    return sorted(found + extra, key=lambda d: d.start)


_GLUED_YEARS = re.compile(r"(?<!\d)(?:(?:19|20)\d\d){2,8}(?!\d)")


def _interpret(
    m: re.Match, kind: str, months: dict, quarters: dict, halves: dict, infer_year: Callable, reference: date | None
) -> tuple[date, date, str, bool] | None:
    g = m.group
    s = m.start()

    def month_no(word: str) -> int:
        return months[word.lower().rstrip(".")]

    def year_or_infer(v: str | None) -> tuple[int, bool]:
        if v:
            return int(v), False
        y = infer_year(s, m.end())
        if y is None:
            raise ValueError("no year")
        return y, True

    if kind == "iso":
        d = date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
        return d, d, "day", False
    if kind == "dmy":
        d = _day(int(g("dmy_y")), int(g("dmy_m")), int(g("dmy_d")))
        return d, d, "day", False
    if kind == "dayrange":
        y, inf = year_or_infer(g("dr_y"))
        mo = month_no(g("dr_m"))
        return date(y, mo, int(g("dr_d1"))), date(y, mo, int(g("dr_d2"))), "range", inf
    if kind == "mdrange":
        y, inf = year_or_infer(g("mdr_y"))
        a = _month_bounds(y, month_no(g("mdr_m1")))[0]
        return a, date(y, month_no(g("mdr_m2")), int(g("mdr_d"))), "range", inf
    if kind == "dm":
        y, inf = year_or_infer(g("dm_y"))
        d = _day(y, month_no(g("dm_m")), int(g("dm_d")))
        return d, d, "day", inf
    if kind == "mrange":
        y, inf = year_or_infer(g("mr_y"))
        return _month_bounds(y, month_no(g("mr_m1")))[0], _month_bounds(y, month_no(g("mr_m2")))[1], "range", inf
    if kind == "my":
        a, b = _month_bounds(int(g("my_y")), month_no(g("my_m")))
        return a, b, "month", False
    if kind == "quarter":
        q = quarters[" ".join(g("q_w").lower().split())]
        y = int(g("q_y"))
        return _month_bounds(y, 3 * q - 2)[0], _month_bounds(y, 3 * q)[1], "quarter", False
    if kind == "half":
        h = halves[" ".join(g("h_w").lower().split())]
        y = int(g("h_y"))
        return _month_bounds(y, 6 * h - 5)[0], _month_bounds(y, 6 * h)[1], "range", False
    if kind == "week":
        y, inf = year_or_infer(g("w_y"))
        monday = date.fromisocalendar(y, int(g("w_n")), 1)
        return monday, monday + timedelta(days=6), "range", inf
    if kind == "yturn":
        a = int(g("yt_a"))
        return date(a, 12, 1), date(a + 1, 1, 31), "range", False
    if kind == "between":
        return date(int(g("bt_a")), 1, 1), date(int(g("bt_b")), 12, 31), "range", False
    if kind == "yrange":
        a = int(g("yr_a"))
        b_raw = g("yr_b")
        b = int(b_raw) if len(b_raw) == 4 else (a // 100) * 100 + int(b_raw)
        if g("yr_decade"):
            return date(a, 1, 1), date(b + 9, 12, 31), "range", False
        if b <= a or (g("yr_slash") and b != a + 1):
            return None  # `2022/2023` (a school or financial year) spans two years; `2015/2019` is no range
        return date(a, 1, 1), date(b, 12, 31), "range", False
    if kind == "decade":
        a = int(g("dc_y"))
        return date(a, 1, 1), date(a + 9, 12, 31), "range", False
    if kind in ("year", "year_of"):
        y = int(g("y_y") or g("yo_y"))
        return date(y, 1, 1), date(y, 12, 31), "year", False
    if kind == "month":
        y, inf = year_or_infer(None)
        a, b = _month_bounds(y, month_no(g("m_m")))
        return a, b, "month", inf
    return None


def document_date(text: str, head: int = 600) -> date | None:
    """The document's own date from a dateline, `Publicerad …` or a memo's date line near the top."""
    window = text[:head]
    g = grammar()
    for m in g.dateline.finditer(window):
        line_start = window.rfind("\n", 0, m.start("date")) + 1
        line = window[line_start : window.find("\n", m.end("date")) if "\n" in window[m.end("date") :] else len(window)]
        # a date alone on its line, or after a publishing/date label, or "Ort den …"
        label = g.dateline_label.search(window[line_start : m.start("date")])
        alone = len(line.strip()) <= len(m.group("date")) + 25
        # the text opens with it (`2016-04-13 Finansdepartementet …`), or its title ends with it
        # (`Uppsnabbat regionstyrelsen 28 april 2020`)
        first = not window[: m.start("date")].strip()
        title = not window[:line_start].strip() and not line[m.end("date") - line_start :].strip()
        if not (label or alone or first or title):
            continue
        # the date as its line reads: the start of a period (`publicerades under perioden 21 januari 2019
        # och 8 juli 2021`) is not the document's date
        found = [d for d in find_dates(line) if d.start <= m.start("date") - line_start < d.end]
        if found and found[0].granularity == "day":
            return found[0].date_start
    return None
