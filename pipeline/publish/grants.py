"""One row per grant across documents: the decision, the press release, the news item and the memo that state it.

A reader who sums `facts` counts a grant once per document that mentions it;
`grants` is what they want to sum. Facts are the same grant when body and
role are equal, their amount intervals (rounding and qualifier, computed at
extraction: `facts.amount_min..amount_max`) overlap, programme, funder
and period do not contradict (an unknown value contradicts nothing), and
something beyond body and role ties them (contract version 3): the same
programme named in both, or an amount so precise that a coincidence is
unlikely. The Government states a great many round sums (`500 miljoner`,
`ca 400 miljoner`); two of them for one body and role are most often two
different things, so a round or approximate sum ties nothing by itself.
The consolidation is greedy in a fixed order, most precise statement first,
so the same facts give the same grants, with the same ids, on every run.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from schemas.contract import GrantRow

# An exact amount written with at least this many significant figures (`103,7 miljoner`, `8 813 425 kronor`) ties
# two statements by itself: a coincidence is unlikely. `500 miljoner` (one figure) or `12 miljoner` (two) does not.
PRECISE_FIGURES = 3


@dataclass(frozen=True)
class Statement:
    """The part of a facts row that decides which grant it states."""

    fact_id: str
    doc_id: str
    body_id: str
    body_name: str
    body_type: str
    role: str
    amount: float
    amount_min: float
    amount_max: float
    currency: str
    programme: str | None
    funder_id: str | None
    period_start: date | None
    period_end: date | None
    confidence: float
    corrections: tuple[str, ...] = ()
    published: date | None = None

    @property
    def width(self) -> float:
        return self.amount_max - self.amount_min

    @property
    def precise(self) -> bool:
        return significant_figures(self.amount, self.amount_min, self.amount_max) >= PRECISE_FIGURES

    def allows(self, value: float) -> bool:
        return self.amount_min <= value <= self.amount_max


def significant_figures(amount: float, low: float, high: float) -> int:
    """The significant figures an exact statement was written with, read from the interval its rounding allows.

    An exact amount's interval is one unit of its last written digit wide (`103,7 miljoner` → 100 000, whole
    kronor → 1; a reviewer's correction: 0, whole kronor), so `amount / width` is the written number without its
    unit (1037); its trailing zeros are not significant (`500 miljoner` → 500 → one figure). An approximate sum
    (`ca`, `drygt`, `knappt`) or a range allows at least a tenth either side, so at most a handful of units
    fit: never three figures.
    """
    width = max(high - low, 1.0)
    steps = amount / width
    whole = round(steps)
    if whole == 0 or abs(steps - whole) > 1e-6 * max(1.0, abs(steps)):
        return 0  # not a whole number of its own units: not an exact statement's interval
    return len(str(abs(whole)).rstrip("0"))


def tied(a: Statement, b: Statement) -> bool:
    """Something beyond body and role says two statements are one grant: one programme named in both, or one
    precise amount that the other statement allows."""
    if a.programme is not None and a.programme == b.programme:
        return True
    return (a.precise and b.allows(a.amount)) or (b.precise and a.allows(b.amount))


@dataclass
class _Grant:
    members: list[Statement] = field(default_factory=list)
    low: float = float("-inf")
    high: float = float("inf")
    programme: str | None = None
    funder_id: str | None = None
    period: tuple[date, date] | None = None

    def fits(self, s: Statement) -> bool:
        """Nothing contradicts: the amounts overlap, programme, funder and period agree (the tie is `_Ties`')."""
        return (
            max(self.low, s.amount_min) <= min(self.high, s.amount_max)
            and _agrees(self.programme, s.programme)
            and _agrees(self.funder_id, s.funder_id)
            and _periods_agree(self.period, _period(s))
        )

    def add(self, s: Statement) -> None:
        self.members.append(s)
        self.low, self.high = max(self.low, s.amount_min), min(self.high, s.amount_max)
        self.programme = self.programme or s.programme
        self.funder_id = self.funder_id or s.funder_id
        p = _period(s)
        if p is not None:
            # the interval every statement allows: `2022` and the decision day `2022-03-04` give the day
            self.period = p if self.period is None else (max(self.period[0], p[0]), min(self.period[1], p[1]))


def _agrees(known: str | None, other: str | None) -> bool:
    return known is None or other is None or known == other


def _period(s: Statement) -> tuple[date, date] | None:
    if s.period_start is None or s.period_end is None:
        return None
    return (s.period_start, s.period_end)


def _periods_agree(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _order(s: Statement) -> tuple:
    """Most precise first, then the earliest document, then the id: a total order that does not depend on
    the order the facts were read in."""
    return (s.width, s.published or date.max, s.fact_id)


class _Ties:
    """The grants of one body, role and currency, indexed by what can tie a statement to them, so a statement
    is compared with the few grants it could join, not with all: a document that repeats one round sum
    thousands of times makes thousands of grants, and must not make a quadratic publish.

    Statements come most precise first (`_order`), so a member that allows a precise statement's amount is
    no wider than that statement and starts at most its width below the amount.
    """

    def __init__(self) -> None:
        self.grants: list[_Grant] = []
        self.by_programme: dict[str, list[int]] = defaultdict(list)
        self.precise: list[tuple[float, int]] = []  # (a precise member's amount, its grant), sorted
        self.members: list[tuple[float, float, int]] = []  # (a member's lowest, highest amount, its grant), sorted

    def candidates(self, s: Statement) -> list[int]:
        """The grants with a member tied to `s` (`tied`), in the order they were made."""
        found: set[int] = set(self.by_programme.get(s.programme, ())) if s.programme is not None else set()
        lo = bisect_left(self.precise, (s.amount_min, -1))
        hi = bisect_right(self.precise, (s.amount_max, len(self.grants)))
        found.update(k for _, k in self.precise[lo:hi])
        if s.precise:
            lo = bisect_left(self.members, (s.amount - s.width, -math.inf, -1))
            hi = bisect_right(self.members, (s.amount, math.inf, len(self.grants)))
            found.update(k for low, high, k in self.members[lo:hi] if low <= s.amount <= high)
        return sorted(found)

    def place(self, s: Statement) -> None:
        k = next((k for k in self.candidates(s) if self.grants[k].fits(s)), None)
        if k is None:
            k = len(self.grants)
            self.grants.append(_Grant())
        grant = self.grants[k]
        if s.programme is not None and grant.programme is None:
            self.by_programme[s.programme].append(k)
        if s.precise:
            insort(self.precise, (s.amount, k))
        insort(self.members, (s.amount_min, s.amount_max, k))
        grant.add(s)


def consolidate(statements: list[Statement]) -> list[GrantRow]:
    """Every statement in exactly one grant; grants in a stable order (body, role, amount, id)."""
    by_key: dict[tuple[str, str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        by_key[(s.body_id, s.role, s.currency)].append(s)
    grants: list[_Grant] = []
    for key in sorted(by_key):
        ties = _Ties()
        for s in sorted(by_key[key], key=_order):
            ties.place(s)
        grants.extend(ties.grants)
    rows = [_row(g) for g in grants]
    _mark_conflicts(rows)
    return sorted(rows, key=lambda r: (r.body_id, r.role, r.amount, r.grant_id))


def _row(g: _Grant) -> GrantRow:
    best = g.members[0]  # the most precise statement: members are added in `_order`
    fact_ids = sorted(s.fact_id for s in g.members)
    doc_ids = sorted({s.doc_id for s in g.members})
    published = [s.published for s in g.members if s.published is not None]
    return GrantRow(
        grant_id=hashlib.sha256("|".join(fact_ids).encode()).hexdigest()[:24],
        body_id=best.body_id,
        body_name=best.body_name,
        body_type=best.body_type,
        role=best.role,
        amount=best.amount,
        amount_min=g.low,
        amount_max=g.high,
        currency=best.currency,
        programme=g.programme,
        funder_id=g.funder_id,
        period_start=g.period[0] if g.period else None,
        period_end=g.period[1] if g.period else None,
        n_documents=len(doc_ids),
        fact_ids=fact_ids,
        doc_ids=doc_ids,
        first_published=min(published) if published else None,
        last_published=max(published) if published else None,
        conflict=False,
        confidence=max(s.confidence for s in g.members),
        corrections=sorted({c for s in g.members for c in s.corrections}),
    )


def _mark_conflicts(rows: list[GrantRow]) -> None:
    """Two grants of one body and role that name the same programme or the same period, contradict in nothing
    else, and are stated by more than one document, but whose amounts differ (one lies outside the other's
    interval): the sources disagree, and a person should look. Two sums that agree but that nothing ties
    (`12 miljoner` twice, no programme) are two grants, not a disagreement; so are two amounts with neither
    programme nor period, and two budgets of one year without a programme (the Government has many);
    one document's two amounts for one body are two things it tells apart itself (two years, two parts)."""
    by_key: dict[tuple[str, str, str], list[GrantRow]] = defaultdict(list)
    for r in rows:
        by_key[(r.body_id, r.role, r.currency)].append(r)
    for group in by_key.values():
        # rows that say the same thing from the same documents are one kind: a document that repeats a sum
        # thousands of times is compared once, and a kind stops looking once it has found a disagreement
        kinds: dict[tuple, list[GrantRow]] = defaultdict(list)
        for r in group:
            if r.programme is not None or _row_period(r) is not None:
                kinds[_kind(r)].append(r)
        found: set[tuple] = set()
        for a in kinds:
            if a in found:
                continue
            for b in kinds:
                if b != a and _conflicting(kinds[a][0], kinds[b][0]):
                    found.update((a, b))
                    break
        for kind in found:
            for r in kinds[kind]:
                r.conflict = True


def _kind(r: GrantRow) -> tuple:
    return (r.amount, r.amount_min, r.amount_max, r.programme, r.funder_id, _row_period(r), tuple(r.doc_ids))


def _conflicting(a: GrantRow, b: GrantRow) -> bool:
    return len(set(a.doc_ids) | set(b.doc_ids)) > 1 and _same_grant_named(a, b) and _disagree(a, b)


def _same_grant_named(a: GrantRow, b: GrantRow) -> bool:
    pa_, pb = _row_period(a), _row_period(b)
    same_programme = a.programme is not None and a.programme == b.programme
    # a deciding body has many budgets in one year: for a budget only the programme ties two amounts together
    named = same_programme or (a.role != "budget" and pa_ is not None and pa_ == pb)
    return named and _agrees(a.programme, b.programme) and _agrees(a.funder_id, b.funder_id) and _periods_agree(pa_, pb)


def _disagree(a: GrantRow, b: GrantRow) -> bool:
    return not (a.amount_min <= b.amount <= a.amount_max and b.amount_min <= a.amount <= b.amount_max)


def _row_period(r: GrantRow) -> tuple[date, date] | None:
    return (r.period_start, r.period_end) if r.period_start and r.period_end else None


def statements_from(facts: list[dict], published: dict[str, date | None]) -> list[Statement]:
    """Facts rows (as dicts, e.g. from `pyarrow.Table.to_pylist`) with their document's date."""
    names = Statement.__dataclass_fields__.keys() - {"published", "corrections"}
    return [
        Statement(
            **{k: f[k] for k in names},
            corrections=tuple(f.get("corrections") or ()),
            published=published.get(f["doc_id"]),
        )
        for f in facts
    ]
