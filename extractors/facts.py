"""Link mentions into facts: body × role × amount × programme × period — as an ordered list of named deciders.

The unit of evidence is the sentence or list line (extractors/sentences.py).
An amount takes its role from the first role decider that answers
(extractors/linking/role_deciders.py: a cue in its clause, a column header,
the row label, the caption, the list's introduction, …) and its body from the
first body decider that decides (extractors/linking/body_deciders.py: the
table row, the recipient after a verb, the list line, a pair in one sentence,
…, the document's own body). Every fact names the two deciders in `how`.
Totals stated over a list are reconciled with the list's parts in `checks`.

`link` does not change the mentions it is given: it works on copies and
returns them read (role, is_total, body), so an amount's role and body come
from one place, and the same mentions linked twice give the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from extractors import lang
from extractors import roles as role_rules
from extractors.amounts import AmountMention, rounding
from extractors.bodies import BodyMention
from extractors.dates import DateMention
from extractors.lang import Body
from extractors.linking import attributes, decision_dates
from extractors.linking.body_deciders import NAMED_HERE, BodyDecision, decide_body
from extractors.linking.context import AmountContext, DocContext, FunderLookup, amount_context, mark_last_applicants
from extractors.linking.role_deciders import read_roles
from extractors.programmes import ProgrammeMention
from extractors.sentences import SegmentIndex

__all__ = ["Check", "Fact", "FunderLookup", "Linked", "confidence_of", "link", "reconcile"]

# Facts whose measured confidence is below this are not published (linking.toml says why)
MIN_CONFIDENCE = float(lang.linking()["confidence"]["min_confidence"])

# the prior confidence of a body decider, where calibration has measured no fact of its role at all
CONFIDENCE = {
    "table-row": 0.9,
    "bare-line-row": 0.85,
    "recipient-after-verb": 0.9,
    "giver": 0.8,
    "agency-own-work": 0.8,
    "share-of": 0.85,
    "passive-receiver": 0.8,
    "supplied-name": 0.8,
    "assignment": 0.85,
    "decider-in-sentence": 0.85,
    "programme-funder": 0.8,
    "own-budget-named": 0.6,
    "list-line": 0.95,
    "key-value": 0.85,
    "sole-applicant": 0.9,
    "pair-in-sentence": 0.85,
    "lead-applicant": 0.9,
    "sole-recipient": 0.9,
    "own-costs": 0.85,
    "home-organ": 0.7,
    "home-organ-budget": 0.7,
    "reference-back": 0.6,
    "own-document": 0.6,
}
POOLED = "*"  # the calibration cell of every fact of one role
FACT_ROLES = ("applied", "granted", "budget")


@dataclass
class Fact:
    amount: AmountMention
    body: Body
    role: str
    how: str  # the deciders' names: `role=column-header; body=table-row`
    programme: str | None = None
    funder_id: str | None = None
    period: tuple | None = None
    evidence: str = ""
    confidence: float = 0.5
    decision_date: DateMention | None = None  # the day its decision was taken, where the text dates it


@dataclass
class Linked:
    facts: list[Fact]
    checks: list[Check]
    amounts: list[AmountMention]  # copies of the amounts given, with their role, is_total and body


@dataclass
class Check:
    total: AmountMention
    parts: list[AmountMention]

    @property
    def sum_of_parts(self) -> float:
        return sum(p.value for p in self.parts)

    @property
    def difference(self) -> float:
        return self.sum_of_parts - self.total.value

    @property
    def tolerance(self) -> float:
        return rounding(self.total)

    @property
    def ok(self) -> bool:
        return abs(self.difference) <= self.tolerance + 1e-6


def link(
    text: str,
    index: SegmentIndex,
    amounts: list[AmountMention],
    bodies: list[BodyMention],
    dates: list[DateMention],
    programmes: list[ProgrammeMention],
    funder_lookup: FunderLookup,
) -> Linked:
    """Facts and checks from one document's mentions; the amounts come back as read (the inputs stay as given)."""
    amounts = [_copy(a) for a in amounts]
    doc = DocContext(text, index, amounts, bodies, dates, programmes, funder_lookup)
    contexts = [amount_context(doc, a) for a in amounts]
    read_roles(doc, contexts)
    facts = []
    mark_last_applicants(doc, contexts)
    for ctx in contexts:
        fact = _fact(doc, ctx, decide_body(doc, ctx))
        if fact is not None:
            facts.append(fact)
    return Linked(facts, reconcile(text, index, amounts), amounts)


def _copy(a: AmountMention) -> AmountMention:
    """A shallow copy, as `replace` made, without re-running __init__: what `copy.copy` makes of a dataclass
    (a new object, its fields' values the same objects), without its general machinery."""
    new = object.__new__(type(a))
    new.__dict__.update(a.__dict__)
    return new


def _fact(doc: DocContext, ctx: AmountContext, decision: BodyDecision | None) -> Fact | None:
    """The amount's body (also on the amount row) and, where its role and body make one, its fact."""
    a = ctx.amount
    body = decision.body if decision is not None else None
    if body is not None and a.role != "budget":
        a.is_total = False
    a.body_id = body.body_id if body else None
    if body is None or decision is None or a.role not in FACT_ROLES:
        return None
    if a.is_total and a.role != "budget":
        return None
    if ctx.carried_role and decision.name not in NAMED_HERE:
        return None  # a role carried over from the sentence before: only a body this sentence names makes a fact
    how = f"role={ctx.role_how}; body={decision.name}"
    confidence = confidence_of(how, a.role)
    if confidence < MIN_CONFIDENCE:
        return None  # a way of linking that is wrong far more often than right publishes no fact
    programme = attributes.programme_of(doc, ctx) if doc.programmes else None
    return Fact(
        a,
        body,
        a.role,
        how,
        programme.programme if programme else None,
        attributes.funder_of(doc, ctx, body, programme),
        attributes.period_of(doc, ctx),
        attributes.evidence_of(doc, ctx),
        confidence,
        decision_dates.decision_date_of(doc, ctx),
    )


@lru_cache(maxsize=1)
def _calibrated() -> dict[tuple[str, str], float]:
    """The fitted cells; a cell measured on fewer facts than the minimum speaks for nothing (its parent does)."""
    least = int(lang.linking()["confidence"]["min_facts_per_cell"])
    return {
        (row["how"], row["role"]): float(row["confidence"])
        for row in lang.confidence()
        if row["how"] == POOLED or int(row["facts"]) >= least
    }


def confidence_of(how: str, role: str) -> float:
    """The share of facts linked this way, in this role, that were right on the dev documents
    (extractors/data/confidence.csv, from benchmarks/calibrate.py): the cell of both deciders, else of the body
    decider, else every fact of the role; the body decider's prior where the role was never measured."""
    table = _calibrated()
    body = next((p.strip() for p in how.split(";") if p.strip().startswith("body=")), "")
    for cell in (how, body, POOLED):
        if (cell, role) in table:
            return table[(cell, role)]
    return CONFIDENCE[body.removeprefix("body=")]


def reconcile(text: str, index: SegmentIndex, amounts: list[AmountMention]) -> list[Check]:
    """A stated total followed by a list of its parts: do they add up?"""
    checks = []
    segs = index.segments
    seg_of = [index.index_at(a.start) for a in amounts]
    for k, total in enumerate(amounts):
        if not total.is_total:
            continue
        ti = seg_of[k]
        if ti is None or segs[ti].is_list_item:
            continue
        # the list that follows (list lines with a body, same role), before the next prose total
        parts: list[AmountMention] = []
        last_part_seg = ti
        for a, ai in zip(islice(amounts, k + 1, None), islice(seg_of, k + 1, None)):
            if ai is None:
                break
            if segs[ai].is_list_item and a.body_id and a.role == total.role:
                if parts and ai - last_part_seg > 2:
                    break
                parts.append(a)
                last_part_seg = ai
            elif parts or segs[ai].paragraph - segs[ti].paragraph > 6:
                break
        if len(parts) < 2:
            continue
        stated = role_rules.aggregate_count(text, segs[ti].start, segs[ti].end, total.start, total.end)
        if stated is not None and stated != len(parts):
            continue
        checks.append(Check(total, parts))
    # one check per list: keep the total nearest the list
    by_list: dict[int, Check] = {}
    for c in checks:
        key = c.parts[0].start
        if key not in by_list or c.total.start > by_list[key].total.start:
            by_list[key] = c
    return sorted(by_list.values(), key=lambda c: c.total.start)
