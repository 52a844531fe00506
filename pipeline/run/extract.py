"""Run every extractor over one normalized text and link the results into rows.

Cheap regex scans run on the whole text; linking works per sentence. The
output is plain dicts in the contract's columns, so a document's result can be
cached and published without this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import regex as re

from extractors import facts as linking
from extractors import lang
from extractors.amounts import bounds, find_amounts
from extractors.blocks import Block, read_blocks
from extractors.bodies import bodies_by_siblings, find_bodies, gazetteer, is_place_name
from extractors.dates import find_dates
from extractors.lang import Body
from extractors.programmes import find_programmes
from extractors.sentences import SegmentIndex, line_blocks
from extractors.tables import find_tables, table_amounts
from pipeline.read.formats import Format
from schemas.contract import AmountRow, BodyRow, CheckRow, DateRow, FactRow, fact_id, mention_id


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


@cache
def _funder_by_name():
    entries, _, _ = gazetteer()
    out = {}
    for e in entries.values():
        if e.body is not None:
            out.setdefault(e.body.name.lower(), e.body)
    return out


def funder_lookup(name: str) -> Body | None:
    return _funder_by_name().get(name.lower()) if name else None


# a decision list is mostly its list lines; a report with a table of grants is mostly prose
DECISION_LIST_SHARE = 0.25


def classify_kind(text: str, fmt: Format, n_pages: int | None, list_lines: int, segments: int = 0) -> str:
    """news / report / memo / decision / other, from cue words near the top and the shape of the text."""
    cues = lang.text()["doc_kinds"]
    head = text[:1500].lower()

    def score(kind: str) -> int:
        return sum(1 for c in cues[kind] if re.search(r"(?<![\p{L}])" + re.escape(c) + r"(?![\p{L}])", head))

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


def extract(doc_id: str, text: str, page_of: Callable[[int], int | None], reference: date | None) -> Extraction:
    """The document's rows, and its count of list lines and of all segments (for classify_kind)."""
    lines = line_blocks(text)
    index = SegmentIndex(text, lines)

    def sentence_of(offset: int):
        s = index.at(offset)
        return (s.start, s.end) if s else (max(0, offset - 200), min(len(text), offset + 200))

    def year_window(offset: int):
        """Where to look back for a year: two sentences before, within the paragraph."""
        i = index.index_at(offset)
        if i is None:
            return max(0, offset - 400)
        para = index.segments[i].paragraph
        j = i
        while j > 0 and i - j < 2 and index.segments[j - 1].paragraph == para:
            j -= 1
        return index.segments[j].start

    amounts = find_amounts(text, sentence_of)
    bodies = find_bodies(text, sentence_of)
    body_spans = [(b.start, b.end) for b in bodies]

    def names_body(start: int, end: int) -> bool:
        return any(start <= s and e <= end for s, e in body_spans) or is_place_name(text[start:end])

    tables = find_tables(text, [(a.start, a.end) for a in amounts])
    in_tables = table_amounts(text, tables, names_body)
    rows = [(*a.extra["row_label"], a.extra["table"]) for a in in_tables if a.extra.get("row_label")]
    if rows:
        bodies = sorted(bodies + bodies_by_siblings(text, rows, bodies), key=lambda b: b.start)
    amounts = sorted(amounts + in_tables, key=lambda a: a.start)
    dates = find_dates(text, reference, year_window, [(a.start, a.end) for a in amounts])
    programmes = find_programmes(text)
    linked = linking.link(text, index, amounts, bodies, dates, programmes, funder_lookup)
    facts, checks, amounts = linked.facts, linked.checks, linked.amounts

    def mention(start: int, end: int) -> dict:
        return {
            "doc_id": doc_id,
            "mention_id": mention_id(doc_id, start, end),
            "text": text[start:end],
            "char_start": start,
            "char_end": end,
            "page": page_of(start),
        }

    out = Extraction(blocks=read_blocks(text, page_of, tables, lines))
    for a in amounts:
        seg = index.at(a.start)
        out.amounts.append(
            AmountRow(
                **mention(a.start, a.end),
                value=float(a.value),
                value_max=a.value_max,
                currency=a.currency,
                qualifier=a.qualifier,
                per=a.per,
                role=a.role,
                is_total=bool(a.is_total),
                body_id=a.body_id,
                sentence=index.text_of(seg) if seg else text[a.start : a.end],
            )
        )
    for b in bodies:
        out.bodies.append(
            BodyRow(
                **mention(b.start, b.end),
                body_id=b.body.body_id,
                name=b.body.name,
                body_type=b.body.body_type,
                code=b.body.code,
            )
        )
    for d in dates:
        out.dates.append(
            DateRow(
                **mention(d.start, d.end),
                date_start=d.date_start,
                date_end=d.date_end,
                granularity=d.granularity,
                inferred_year=bool(d.inferred_year),
            )
        )
    for f in facts:
        out.fact_paths.append(f.how)
        mid = mention_id(doc_id, f.amount.start, f.amount.end)
        low, high = bounds(f.amount)
        out.facts.append(
            FactRow(
                fact_id=fact_id(doc_id, mid, f.body.body_id, f.role),
                doc_id=doc_id,
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
                amount_min=low,
                amount_max=high,
            )
        )
    for c in checks:
        out.checks.append(
            CheckRow(
                doc_id=doc_id,
                total_mention_id=mention_id(doc_id, c.total.start, c.total.end),
                total=float(c.total.value),
                part_mention_ids=[mention_id(doc_id, p.start, p.end) for p in c.parts],
                n_parts=len(c.parts),
                sum_of_parts=float(c.sum_of_parts),
                difference=float(c.difference),
                ok=bool(c.ok),
            )
        )
    out.list_lines = sum(1 for s in index.segments if s.is_list_item)
    out.segments = len(index.segments)
    return out


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
