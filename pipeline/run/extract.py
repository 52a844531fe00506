"""Run every extractor over one normalized text and turn the mentions into the contract's rows.

The scans and linking are put together in `extractors.mentions`; this
module makes rows of what they found, so a document's result can be cached
and published without the extractors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import regex as re

from extractors import lang
from extractors.amounts import AmountMention, bounds
from extractors.blocks import Block, read_blocks
from extractors.bodies import BodyMention
from extractors.dates import DateMention
from extractors.facts import Check, Fact
from extractors.mentions import find_mentions, funder_lookup
from extractors.sentences import SegmentIndex
from pipeline.read.formats import Format
from schemas.contract import AmountRow, BodyRow, CheckRow, DateRow, FactRow, fact_id, mention_id

__all__ = ["Extraction", "classify_kind", "extract", "funder_lookup"]

PageOf = Callable[[int], int | None]


@dataclass
class Extraction:
    """A document's rows, and the shape of its text that the document kind is told from."""

    amounts: list[AmountRow] = field(default_factory=list)
    bodies: list[BodyRow] = field(default_factory=list)
    dates: list[DateRow] = field(default_factory=list)
    facts: list[FactRow] = field(default_factory=list)
    checks: list[CheckRow] = field(default_factory=list)
    list_lines: int = 0
    segments: int = 0
    fact_paths: list[str] = field(default_factory=list)  # how each fact was linked (for calibration)
    blocks: list[Block] = field(default_factory=list)  # the document's structure (extractors/blocks.py)

    def tables(self) -> dict[str, list]:
        return {
            "amounts": self.amounts,
            "bodies": self.bodies,
            "dates": self.dates,
            "facts": self.facts,
            "checks": self.checks,
        }


# a decision list is mostly its list lines; a report with a table of grants is mostly prose
DECISION_LIST_SHARE = 0.25


@lru_cache(maxsize=256)
def _cue_word(cue: str) -> re.Pattern:
    """A cue of a document kind as a word of its own (no letter just before or after it)."""
    return re.compile(r"(?<![\p{L}])" + re.escape(cue) + r"(?![\p{L}])")


def classify_kind(text: str, fmt: Format, n_pages: int | None, list_lines: int, segments: int = 0) -> str:
    """news / report / memo / decision / other, from cue words near the top and the shape of the text."""
    cues = lang.text()["doc_kinds"]
    head = text[:1500].lower()

    def score(kind: str) -> int:
        # the cue as a substring first: the pattern matches only where it stands
        return sum(1 for c in cues[kind] if c in head and _cue_word(c).search(head))

    memo, decision, report, news = score("memo"), score("decision"), score("report"), score("news")
    if decision >= 1 and list_lines >= 3 and len(text) < 20000 and list_lines >= DECISION_LIST_SHARE * segments:
        return "decision"
    if memo >= 2 or (memo >= 1 and fmt.word_processor):
        return "memo"
    if ((n_pages or 0) >= 3 and memo < 2) or len(text) > 30000 or report >= 3:
        return "report"
    if fmt.web_page or news >= 1:
        return "news"
    if memo >= 1:
        return "memo"
    return "other"


def extract(doc_id: str, text: str, page_of: PageOf, reference: date | None) -> Extraction:
    """The document's rows, and its count of list lines and of all segments (for classify_kind)."""
    found = find_mentions(text, reference)
    rows = _RowMaker(doc_id, text, page_of)
    out = Extraction(blocks=read_blocks(text, page_of, found.tables, found.lines))
    out.amounts = [rows.amount(a, found.index) for a in found.amounts]
    out.bodies = [rows.body(b) for b in found.bodies]
    out.dates = [rows.date(d) for d in found.dates]
    out.facts = [rows.fact(f) for f in found.linked.facts]
    out.fact_paths = [f.how for f in found.linked.facts]
    out.checks = [rows.check(c) for c in found.linked.checks]
    out.list_lines = sum(1 for s in found.index.segments if s.is_list_item)
    out.segments = len(found.index.segments)
    return out


@dataclass
class _RowMaker:
    """One document's mentions as the contract's rows: the columns every mention row shares are made once here."""

    doc_id: str
    text: str
    page_of: PageOf

    def mention(self, start: int, end: int) -> dict:
        return {
            "doc_id": self.doc_id,
            "mention_id": mention_id(self.doc_id, start, end),
            "text": self.text[start:end],
            "char_start": start,
            "char_end": end,
            "page": self.page_of(start),
        }

    def amount(self, a: AmountMention, index: SegmentIndex) -> AmountRow:
        seg = index.at(a.start)
        return AmountRow(
            **self.mention(a.start, a.end),
            value=float(a.value),
            value_max=a.value_max,
            currency=a.currency,
            qualifier=a.qualifier,
            per=a.per,
            role=a.role,
            is_total=bool(a.is_total),
            body_id=a.body_id,
            sentence=index.text_of(seg) if seg else self.text[a.start : a.end],
        )

    def body(self, b: BodyMention) -> BodyRow:
        return BodyRow(
            **self.mention(b.start, b.end),
            body_id=b.body.body_id,
            name=b.body.name,
            body_type=b.body.body_type,
            code=b.body.code,
        )

    def date(self, d: DateMention) -> DateRow:
        return DateRow(
            **self.mention(d.start, d.end),
            date_start=d.date_start,
            date_end=d.date_end,
            granularity=d.granularity,
            inferred_year=bool(d.inferred_year),
        )

    def fact(self, f: Fact) -> FactRow:
        mid = mention_id(self.doc_id, f.amount.start, f.amount.end)
        low, high = bounds(f.amount)
        return FactRow(
            fact_id=fact_id(self.doc_id, mid, f.body.body_id, f.role),
            doc_id=self.doc_id,
            body_id=f.body.body_id,
            body_name=f.body.name,
            body_type=f.body.body_type,
            role=f.role,
            amount=float(f.amount.value),
            currency=f.amount.currency,
            amount_mention_id=mid,
            programme=f.programme,
            funder_id=f.funder_id,
            period_start=f.period[0] if f.period else None,
            period_end=f.period[1] if f.period else None,
            evidence=f.evidence,
            confidence=f.confidence,
            how=f.how,
            decision_date=f.decision_date.date_start if f.decision_date else None,
            decision_date_mention_id=(
                mention_id(self.doc_id, f.decision_date.start, f.decision_date.end) if f.decision_date else None
            ),
            amount_min=low,
            amount_max=high,
        )

    def check(self, c: Check) -> CheckRow:
        return CheckRow(
            doc_id=self.doc_id,
            total_mention_id=mention_id(self.doc_id, c.total.start, c.total.end),
            total=float(c.total.value),
            part_mention_ids=[mention_id(self.doc_id, p.start, p.end) for p in c.parts],
            n_parts=len(c.parts),
            sum_of_parts=float(c.sum_of_parts),
            difference=float(c.difference),
            ok=bool(c.ok),
        )


SURE_OCR = 90.0  # a recognised word with this confidence (0–100) or more is read as surely as a text layer


def weigh_ocr_confidence(ext: Extraction, unsure: list[tuple[int, int, float]]) -> None:
    """Lower the confidence of facts whose amount or body stands on words OCR was unsure of.

    A fact's words are its amount's mention and the nearest mention of its body; the least sure of the
    recognised words among them scales the confidence (a word read at 45 of 100 halves it)."""
    if not unsure or not ext.facts:
        return
    spans: dict[str, list[tuple[int, int]]] = {}
    for b in ext.bodies:
        spans.setdefault(b.body_id, []).append((b.char_start, b.char_end))
    for fact in ext.facts:
        start, end = (int(v) for v in fact.amount_mention_id.rsplit(":", 2)[1:])
        words = [(start, end)]
        near = min(spans.get(fact.body_id, []), key=lambda s: abs(s[0] - start), default=None)
        if near is not None:
            words.append(near)
        least = min(
            (conf for s, e, conf in unsure if any(s < we and ws < e for ws, we in words)),
            default=SURE_OCR,
        )
        fact.confidence = round(fact.confidence * min(1.0, least / SURE_OCR), 4)
