"""What a fact carries besides its body and role: programme, funder, period and the evidence to show.

Each is read from the amount's own sentence or table row first; the
document as a whole is only a last resort, and a note says where it is one.
"""

from __future__ import annotations

from datetime import date

from extractors.lang import Body
from extractors.linking.context import AmountContext, DocContext
from extractors.linking.helpers import FUNDER_PREFERENCE

EVIDENCE_CHARS = 100  # an amount outside every sentence shows this much text on either side as evidence


def programme_of(doc: DocContext, ctx: AmountContext) -> str | None:
    """The programme the sentence names, else the one the document names most often."""
    return ctx.progs[0].programme if ctx.progs else doc.doc_programme


def funder_of(doc: DocContext, ctx: AmountContext, body: Body, programme: str | None) -> str | None:
    """The body that decides or pays: a budget's own decider; else the usual funder of the programme, else
    the deciding body the sentence names besides the fact's own body (an agency before a county board …)."""
    if ctx.amount.role == "budget":
        return body.body_id
    for p in ctx.progs or [pp for pp in doc.programmes if pp.programme == programme]:
        fb = doc.funder_lookup(p.funder_name) if p.funder_name else None
        if fb:
            return fb.body_id
    funders = [b.body for b in ctx.in_seg if b.body.body_type in FUNDER_PREFERENCE and b.body.body_id != body.body_id]
    if funders:
        return min(funders, key=lambda f: FUNDER_PREFERENCE[f.body_type]).body_id
    return None


def period_of(doc: DocContext, ctx: AmountContext) -> tuple[date, date] | None:
    """A table column's year (`Beviljat 2024`), else the span of the dates in the sentence (not a row's)."""
    if ctx.cell is not None and ctx.cell.column_year:
        y = ctx.cell.column_year
        return (date(y, 1, 1), date(y, 12, 31))
    ds = doc.dates_by_seg.get(ctx.i, []) if ctx.i is not None else []
    if ds and ctx.cell is None:
        return (min(d.date_start for d in ds), max(d.date_end for d in ds))
    return None


def evidence_of(doc: DocContext, ctx: AmountContext) -> str:
    """The sentence or list line; a table row with its column's header (`Hylte kommun | 120 (Beviljat)`)."""
    a = ctx.amount
    if ctx.cell is not None:
        row = doc.text[ctx.cell.row_label[0] : a.end]
        header = ctx.cell.column_header
        return f"{row} ({header})" if header else row
    if ctx.seg is not None:
        return doc.index.text_of(ctx.seg)
    return doc.text[max(0, a.start - EVIDENCE_CHARS) : a.end + EVIDENCE_CHARS]
