"""What a fact carries besides its body and role: programme, funder, period and the evidence to show.

Each is read from the amount's own sentence or table row first; the
document as a whole is only a last resort, and a note says where it is one.
"""

from __future__ import annotations

from datetime import date

from extractors.lang import Body
from extractors.linking.context import AmountContext, DocContext
from extractors.linking.helpers import FUNDER_PREFERENCE
from extractors.programme_periods import dates_of_the_fact
from extractors.programmes import ProgrammeMention

TABLE_CAPTION_CHARS = 400  # the caption and prose right above a table: where it says whose distribution it is
TABLE_DISTRIBUTOR_REACH = 16  # a table's caption, header and cells of a heading run are sentences too
EVIDENCE_CHARS = 100  # an amount outside every sentence shows this much text on either side as evidence


def programme_of(doc: DocContext, ctx: AmountContext) -> ProgrammeMention | None:
    """The programme the text ties to the sum: named in its sentence or list line, in the introduction of its
    list, in its table's caption, or in the heading it stands under — not anywhere else in the document (a
    programme of one paragraph is not every sum's)."""
    if ctx.progs:
        return ctx.progs[0]
    if ctx.seg is not None and ctx.seg.is_list_item and ctx.i is not None:
        intro = doc.progs_by_seg.get(doc.index.intro_of(ctx.i), [])
        if intro:
            return intro[0]
    if ctx.cell is not None:
        captioned = doc.programmes_between(ctx.cell.table - TABLE_CAPTION_CHARS, ctx.cell.table)
        if captioned:
            return captioned[-1]
    heading = doc.heading_above(ctx.amount.start)
    if heading is not None:
        named = doc.programmes_between(*heading)
        if named:
            return named[0]
    return None


def funder_of(doc: DocContext, ctx: AmountContext, body: Body, programme: ProgrammeMention | None) -> str | None:
    """The body that decides or pays: a budget's own decider; else the usual funder of the programme the text
    ties to the sum; else a deciding body named with the sum besides the fact's own body (an agency before a
    county board …). For a table's cell that is the body named in the caption or the prose right above the
    table (the agency whose distribution it is), never another row of the table."""
    if ctx.amount.role == "budget":
        return body.body_id
    if programme is not None:
        same = [p for p in doc.programmes if p.programme == programme.programme and p.funder_name]
        for p in [programme, *same]:
            fb = doc.funder_lookup(p.funder_name) if p.funder_name else None
            if fb:
                return fb.body_id
    if ctx.cell is not None:
        named = doc.bodies_between(ctx.cell.table - TABLE_CAPTION_CHARS, ctx.cell.table)
        first = doc.index.index_at(ctx.cell.table)
        distributor = doc.distributor_before(first, TABLE_DISTRIBUTOR_REACH) if first is not None else None
        if distributor is not None and distributor.body_id != body.body_id:
            return distributor.body_id  # the body the prose above says distributes the table's money
    else:
        named = ctx.in_seg
    funders = [b.body for b in named if b.body.body_type in FUNDER_PREFERENCE and b.body.body_id != body.body_id]
    if funders:
        return min(funders, key=lambda f: FUNDER_PREFERENCE[f.body_type]).body_id
    return None


def period_of(doc: DocContext, ctx: AmountContext) -> tuple[date, date] | None:
    """A table column's year (`Beviljat 2024`), else the span of the dates in the sentence (not a row's)."""
    if ctx.cell is not None and ctx.cell.column_year:
        y = ctx.cell.column_year
        return (date(y, 1, 1), date(y, 12, 31))
    ds = doc.dates_by_seg.get(ctx.i, []) if ctx.i is not None else []
    ds = dates_of_the_fact(doc.text, ds, ctx.amount.role) if ds else ds  # a programme's years name it
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
