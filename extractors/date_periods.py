"""Two dates written as the ends of one period are one range: `3 maj till 16 augusti 2024`,
`mellan den 15 januari 2020 och den 30 juni 2022`, `mars 2024 – februari 2025`.

Asked by the date reader (extractors/dates.py) after every date of a text is found; the words between the
ends are data (extractors/data/dates.toml: `period_to_words`, `and_words`, `period_and_after`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from extractors.date_values import DASHES, day_of
from extractors.scan import rx as _rx

if TYPE_CHECKING:
    from extractors.dates import DateGrammar, DateMention

PERIOD_BETWEEN_REACH = 20  # before the first day of `mellan … och …`


def join_periods(text: str, found: list[DateMention], g: DateGrammar) -> list[DateMention]:
    """Two days joined by `till` (or `och` after `mellan`), or two months with their years joined by a dash,
    are one period: `3 maj till 16 augusti 2024`,
    `mellan den 15 januari 2020 och den 30 juni 2022`. The first takes the second's year when it has none."""
    out: list[DateMention] = []
    for d in found:
        prev = out[-1] if out else None
        if prev is not None and _months_of_one_period(text, prev, d):
            out[-1] = replace(prev, end=d.end, text=text[prev.start : d.end], date_end=d.date_end, granularity="range")
            continue
        if (
            prev is not None
            and prev.granularity == "day"
            and d.granularity == "day"
            and (
                g.period_to.fullmatch(text, prev.end, d.start)
                or (
                    g.period_and.fullmatch(text, prev.end, d.start)
                    and g.period_between.search(text, max(0, prev.start - PERIOD_BETWEEN_REACH), prev.start)
                )
            )
        ):
            first = prev.date_start
            if prev.inferred_year and not d.inferred_year:
                first = day_of(d.date_start.year, first.month, first.day)
                if first > d.date_start:
                    first = day_of(first.year - 1, first.month, first.day)  # `15 december till 15 januari 2024`
            if first <= d.date_end:
                out[-1] = replace(
                    prev,
                    end=d.end,
                    text=text[prev.start : d.end],
                    date_start=first,
                    date_end=d.date_end,
                    granularity="range",
                    inferred_year=d.inferred_year,
                )
                continue
        out.append(d)
    return out


def _months_of_one_period(text: str, first: DateMention, second: DateMention) -> bool:
    """Two months, each with its year, joined by a dash are one period (`mars 2024 – februari 2025`)."""
    return (
        first.granularity == second.granularity == "month"
        and not (first.inferred_year or second.inferred_year)
        and first.date_end < second.date_start
        and bool(_rx(rf"\s*[{DASHES}]\s*").fullmatch(text, first.end, second.start))
    )
