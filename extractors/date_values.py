"""What a matched date expression denotes: its first and last day, its granularity, and whether its year was
inferred. Kept apart from the grammar (dates.py) that finds the expressions."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

import regex as re

from extractors.numerals import DIGIT, int_of

# the dashes a span is written with, typographic ones too: en and em dash, hyphen, non-breaking hyphen,
# figure dash and minus (what a PDF's or a word processor's text gives for `2010–2012`)
DASHES = "–—\u2010\u2011\u2012\u2212-"


def day_of(y: int, m: int, d: int) -> date:
    """The day written; a day past the month's end (`31 april`, `29 februari 2023`) is read as the month's last
    day, what the writer meant, rather than lost."""
    return date(y, m, min(d, calendar.monthrange(y, m)[1]))


def _month_bounds(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


Interval = tuple[date, date, str, bool]  # first day, last day, granularity, year inferred


def interpret(
    m: re.Match, kind: str, months: dict, quarters: dict, halves: dict, infer_year: Callable
) -> Interval | None:
    """The interval a match of `kind` denotes; `infer_year(start, end)` gives a year the text does not write
    (None: no year known, and the expression is dropped)."""
    g = m.group

    def month_no(word: str) -> int:
        return months[word.lower().rstrip(".")]

    def year_or_infer(v: str | None) -> tuple[int, bool]:
        if v:
            return int_of(v), False
        y = infer_year(m.start(), m.end())
        if y is None:
            raise ValueError("no year")
        return y, True

    if kind in _WITH_DAYS:
        return _days(g, kind, month_no, year_or_infer)
    if kind == "mrange":
        y, inf = year_or_infer(g("mr_y") or g("mr_ay"))
        first, last = g("mr_m1") or g("mr_a1"), g("mr_m2") or g("mr_a2")
        return _month_bounds(y, month_no(first))[0], _month_bounds(y, month_no(last))[1], "range", inf
    if kind == "my":
        a, b = _month_bounds(int_of(g("my_y")), month_no(g("my_m")))
        return a, b, "month", False
    if kind == "month":
        y, inf = year_or_infer(None)
        a, b = _month_bounds(y, month_no(g("m_m")))
        return a, b, "month", inf
    if kind == "quarter":
        q = quarters[" ".join(g("q_w").lower().split())]
        y = int_of(g("q_y"))
        return _month_bounds(y, 3 * q - 2)[0], _month_bounds(y, 3 * q)[1], "quarter", False
    if kind == "half":
        size, h = halves[" ".join(g("h_w").lower().split())]
        y = int_of(g("h_y"))
        return _month_bounds(y, size * (h - 1) + 1)[0], _month_bounds(y, size * h)[1], "range", False
    return _years(g, kind)


_WITH_DAYS = frozenset({"iso", "dmy", "dmn", "dayrange", "mdrange", "dm", "mdy", "week"})


def _days(g: Callable, kind: str, month_no: Callable, year_or_infer: Callable) -> Interval | None:
    """Expressions that name a day: `2024-03-04`, `4 mars`, `3–5 maj`, `mars–7 augusti`, `Okt 21, 2016`, weeks."""
    if kind == "iso":
        d = date(int_of(g("iso_y")), int_of(g("iso_m")), int_of(g("iso_d")))
        return d, d, "day", False
    if kind == "dmy":
        d = day_of(int_of(g("dmy_y")), int_of(g("dmy_m")), int_of(g("dmy_d")))
        return d, d, "day", False
    if kind == "dmn":
        y, inf = year_or_infer(None)
        d = day_of(y, int_of(g("dmn_m")), int_of(g("dmn_d")))
        return d, d, "day", inf
    if kind == "mdy":
        d = day_of(int_of(g("mdy_y")), month_no(g("mdy_m")), int_of(g("mdy_d")))
        return d, d, "day", False
    if kind == "dayrange":
        y, inf = year_or_infer(g("dr_y"))
        mo = month_no(g("dr_m"))
        return date(y, mo, int_of(g("dr_d1"))), date(y, mo, int_of(g("dr_d2"))), "range", inf
    if kind == "mdrange":
        y, inf = year_or_infer(g("mdr_y"))
        a = _month_bounds(y, month_no(g("mdr_m1")))[0]
        return a, date(y, month_no(g("mdr_m2")), int_of(g("mdr_d"))), "range", inf
    if kind == "dm":
        y, inf = year_or_infer(g("dm_y"))
        d = day_of(y, month_no(g("dm_m")), int_of(g("dm_d")))
        return d, d, "day", inf
    y, inf = year_or_infer(g("w_y"))
    monday = date.fromisocalendar(y, int_of(g("w_n")), 1)
    return monday, monday + timedelta(days=6), "range", inf


def _years(g: Callable, kind: str) -> Interval | None:
    """Expressions of whole years: `2022`, `2022 års`, `2004–2029`, `åren 2010 till 2012`, `2020-talet`."""
    if kind == "yturn":
        a = int_of(g("yt_a"))
        return date(a, 12, 1), date(a + 1, 1, 31), "range", False
    if kind == "between":
        return date(int_of(g("bt_a")), 1, 1), date(int_of(g("bt_b")), 12, 31), "range", False
    if kind == "yspan":
        a, b = int_of(g("ys_a") or g("ys_c")), int_of(g("ys_b"))
        return (date(a, 1, 1), date(b, 12, 31), "range", False) if b > a else None
    if kind == "yrange":
        a = int_of(g("yr_a"))
        b_raw = g("yr_b")
        b = int_of(b_raw) if len(b_raw) == 4 else (a // 100) * 100 + int_of(b_raw)
        if g("yr_decade"):
            return date(a, 1, 1), date(b + 9, 12, 31), "range", False
        if b <= a or (g("yr_slash") and b != a + 1):
            return None  # `2022/2023` (a school or financial year) spans two years; `2015/2019` is no range
        return date(a, 1, 1), date(b, 12, 31), "range", False
    if kind == "decade":
        a = int_of(g("dc_y"))
        return date(a, 1, 1), date(a + 9, 12, 31), "range", False
    if kind in ("year", "year_of"):
        y = int_of(g("y_y") or g("yo_y"))
        return date(y, 1, 1), date(y, 12, 31), "year", False
    return None


_NAME_DATE = re.compile(rf"(?<![\d])((?:19|20){DIGIT}{DIGIT})-(0[1-9]|1[0-2])-(0[1-9]|[12]{DIGIT}|3[01])(?![\d])")


def date_in_file_name(name: str) -> date | None:
    """A whole day in a file's name (`beslut-2023-05-17.pdf`), as archives and downloads name items after
    their date: the item's own date when its text prints none. Only the last part of a path counts."""
    m = _NAME_DATE.search(re.split(r"[/\\]", name)[-1])
    if not m:
        return None
    try:
        return date(int_of(m.group(1)), int_of(m.group(2)), int_of(m.group(3)))
    except ValueError:
        return None  # `2023-02-30`: no day


def head_end(text: str, head: int) -> int:
    """Where the first `head` characters other than line breaks end: a reader that keeps each line a paragraph
    of its own (a Word file, a web page) writes a blank line where plain text has one line break, and a date
    line near the top must stand in the head in every format."""
    seen = 0
    for i, ch in enumerate(text):
        if ch != "\n":
            seen += 1
            if seen > head:
                return i
    return len(text)


def glued_after_number(text: str, s: int) -> bool:
    """A digit and `-` or `:` right before offset `s` (`212000-2031`): read from the two characters, not by a
    search from the text's start, so a long text stays linear."""
    return s >= 2 and text[s - 2].isdecimal() and text[s - 1] in "-:"
