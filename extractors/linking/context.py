"""What the deciders read: the document once (`DocContext`), and each amount in it (`AmountContext`).

The document's mentions are grouped by sentence once, and a sentence's cues
are read once however many amounts it holds; each amount's context carries
what an earlier decider found for a later one (the recipient a verb names, a
role carried over from the sentence before), typed, so a decider says what it
reads in its signature.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from itertools import takewhile

from extractors import roles as role_rules
from extractors.amounts import AmountMention
from extractors.bodies import BodyMention
from extractors.cells import TableCell
from extractors.dates import DateMention
from extractors.lang import Body
from extractors.linking import helpers
from extractors.linking.helpers import FunderLookup
from extractors.programmes import ProgrammeMention
from extractors.roles import Cue
from extractors.sentences import Segment, SegmentIndex, line_blocks

DISTRIBUTOR_REACH = 8  # how many sentences back the body that distributes may be named
CONTEXT_CHARS = 200  # an amount outside every sentence reads this much text on either side


def _by_segment(index: SegmentIndex, mentions: list) -> dict[int, list]:
    """The mentions by the segment that holds their start (`index.index_at`, the one rule for it)."""
    out: dict[int, list] = {}
    for m in mentions:
        i = index.index_at(m.start)
        if i is not None:
            out.setdefault(i, []).append(m)
    return out


@dataclass
class DocContext:
    """One document's mentions, grouped the ways the deciders look them up."""

    text: str
    index: SegmentIndex
    amounts: list[AmountMention]
    bodies: list[BodyMention]
    dates: list[DateMention]
    programmes: list[ProgrammeMention]
    funder_lookup: FunderLookup
    list_roles: dict[int, str | None] = field(default_factory=dict)  # a list's introduction → its role
    table_roles: dict[int, str | None] = field(default_factory=dict)  # a table → the role its intro gives
    bare_roles: dict[int, str | None] = field(default_factory=dict)  # a line that is only a sum → its role
    previous: tuple[int, str] | None = None  # the sentence and role of the last sum whose role the text gave
    decision_line: tuple[DateMention | None] | None = None  # the day the document's decision line gives, once read

    def __post_init__(self) -> None:
        self.bodies = sorted(self.bodies, key=lambda b: b.start)
        self.body_starts = [b.start for b in self.bodies]
        self.body_starting = {b.start: b for b in self.bodies}
        self.amount_starts = sorted(a.start for a in self.amounts)
        self.bodies_by_seg: dict[int, list[BodyMention]] = _by_segment(self.index, self.bodies)
        self.progs_by_seg: dict[int, list[ProgrammeMention]] = _by_segment(self.index, self.programmes)
        self.dates_by_seg: dict[int, list[DateMention]] = _by_segment(self.index, self.dates)
        self.amounts_by_seg: dict[int, list[AmountMention]] = _by_segment(self.index, self.amounts)
        self.cues = lru_cache(maxsize=None)(self._cues)
        self.cue_reading = lru_cache(maxsize=None)(self._cue_reading)
        self.total_cues = lru_cache(maxsize=None)(self._total_cues)
        self.plural_subject = lru_cache(maxsize=None)(self._plural_subject)
        self.receivers_of = lru_cache(maxsize=None)(self._receivers)
        self.pairs_of = lru_cache(maxsize=None)(self._pairs)
        self.assigner_of = lru_cache(maxsize=None)(self._assigner)
        # what a sentence says before one of its bodies, the same for every sum after it: read once a body
        self.verb_second = lru_cache(maxsize=None)(partial(helpers.verb_second, self.text))
        self.fronted_opening = lru_cache(maxsize=None)(partial(helpers.fronted_opening, self.text))
        self.home = helpers.home_body(self.bodies)

    @property
    def segs(self) -> list[Segment]:
        return self.index.segments

    def _cues(self, start: int, end: int) -> list[Cue]:
        """A sentence's role cues, read once however many amounts it holds."""
        return role_rules.cues_in(self.text, start, end)

    def _cue_reading(self, a_start: int, a_end: int, start: int, end: int) -> tuple[str | None, float, Cue | None]:
        """`roles.classify_by_cue` of an amount in the span [start, end): several deciders ask it of one amount."""
        return role_rules.classify_by_cue(self.text, a_start, a_end, start, end, self.cues(start, end))

    def _total_cues(self, start: int, end: int) -> list[Cue]:
        """A sentence's total cues, read once however many amounts it holds."""
        return role_rules.total_cues_in(self.text, start, end)

    def _plural_subject(self, start: int, end: int) -> bool:
        """Whether a sentence has a plural subject, read once, and only for an amount with no total cue near."""
        return role_rules.plural_subject_in(self.text, start, end)

    def aggregate(self, a_start: int, a_end: int, start: int, end: int) -> bool:
        """`roles.is_aggregate` of an amount in the span [start, end): a total cue near it, or a plural subject
        (asked second: the same answer, and a sentence whose sums all have a total cue near needs no search).
        A sentence without a total cue has none near any of its sums: `near_total` is not asked there."""
        totals = self.total_cues(start, end)
        return (
            bool(totals) and role_rules.near_total(self.text, a_start, a_end, totals) or self.plural_subject(start, end)
        )

    def reading_of(self, ctx: AmountContext) -> tuple[str | None, float, Cue | None]:
        """The amount's cue reading in its span, read once and kept on its context: several role deciders ask it."""
        if ctx.reading is None:
            a = ctx.amount
            ctx.reading = self.cue_reading(a.start, a.end, ctx.start, ctx.end)
        return ctx.reading

    def aggregate_of(self, ctx: AmountContext) -> bool:
        """`aggregate` of the amount in its span, read once and kept on its context (a decider and the role's
        is_total both ask it)."""
        if ctx.is_aggregate is None:
            a = ctx.amount
            ctx.is_aggregate = self.aggregate(a.start, a.end, ctx.start, ctx.end)
        return ctx.is_aggregate

    def _receivers(self, i: int) -> list[BodyMention]:
        """The bodies of sentence i that do not give (`från Formas`, `Vetenskapsrådet har beviljat`)."""
        gives = role_rules.gives
        return [b for b in self.bodies_by_seg.get(i, []) if not gives(self.text, b.start, b.end, b.body.body_type)]

    def _pairs(self, i: int) -> dict[int, Body]:
        """Sentence i's bodies and sums paired in order (helpers.pairs), read once the roles are read."""
        return helpers.pairs(self.text, self.bodies_by_seg.get(i, []), self.amounts_by_seg.get(i, []))

    def _assigner(self, i: int) -> Body | None:
        """Sentence i's assigning body (helpers.assigner): it reads the whole sentence, so once for all its sums."""
        return helpers.assigner(self.text, self.segs[i], self.bodies_by_seg.get(i, []))

    def body_at(self, offset: int) -> bool:
        """Whether a body mention starts at `offset`."""
        return offset in self.body_starting

    def row_body(self, row: tuple[int, int]) -> Body | None:
        """The body a table row's label names: the last one in it (`<län> <kommun>` is the municipality,
        `Disponeras av Länsstyrelsen i <län>` the county board)."""
        k = bisect_left(self.body_starts, row[0])
        inside = list(takewhile(lambda b: b.end <= row[1], self.bodies[k:]))
        return inside[-1].body if inside else None

    def distributor_before(self, i: int, reach: int = 0) -> Body | None:
        """The deciding body named in the nearest sentence before sentence i that distributes or grants (within
        `reach` sentences, DISTRIBUTOR_REACH unless given, and half as many paragraphs): `Vinnova delar ut …`."""
        para = self.segs[i].paragraph
        reach = reach or DISTRIBUTOR_REACH
        for j in range(i - 1, max(-1, i - 1 - reach), -1):
            seg = self.segs[j]
            if para - seg.paragraph > reach // 2:
                break
            if not any(c.role in ("budget", "granted") for c in self.cues(seg.start, seg.end)):
                continue
            body, _ = helpers.funder(self.bodies_by_seg.get(j, []), self.progs_by_seg.get(j, []), self.funder_lookup)
            if body is not None:
                return body
        return None

    def programmes_between(self, start: int, end: int) -> list[ProgrammeMention]:
        """The programme mentions in [start, end)."""
        return [p for p in self.programmes if start <= p.start and p.end <= end]

    def bodies_between(self, start: int, end: int) -> list[BodyMention]:
        """The body mentions in [start, end)."""
        k = bisect_left(self.body_starts, start)
        return list(takewhile(lambda b: b.end <= end, self.bodies[k:]))

    @cached_property
    def headings(self) -> list[tuple[int, int]]:
        """The text's heading lines, in order (extractors/sentences.py `line_blocks`)."""
        return [(b.start, b.end) for b in line_blocks(self.text) if b.kind == "heading"]

    @cached_property
    def heading_starts(self) -> list[int]:
        return [h[0] for h in self.headings]

    def heading_above(self, offset: int) -> tuple[int, int] | None:
        """The last heading that starts before `offset`: the section the offset stands in."""
        k = bisect_left(self.heading_starts, offset)
        return self.headings[k - 1] if k else None


@dataclass(slots=True)
class AmountContext:
    """One amount as the deciders see it: its sentence, its table cell, and what earlier deciders found."""

    amount: AmountMention
    i: int | None  # its sentence or list line (index into the document's segments)
    seg: Segment | None
    start: int  # the span a cue may stand in: the sentence, or a table cell's row
    end: int
    cell: TableCell | None = None
    row_body: Body | None = None  # the body the cell's row label names
    recipient_at: int | None = None  # where a body named right after the deciding verb starts (`avsätts till X`)
    role_by: str | None = None  # the name of the role decider that decided
    role_note: str | None = None  # the name of the pass over all amounts that changed it since (a column's vote)
    in_seg: list[BodyMention] = field(default_factory=list)
    progs: list[ProgrammeMention] = field(default_factory=list)
    last_applicant: tuple[int, Body] | None = None  # the last municipality or region named before the amount
    receiver: Body | None = None  # the body a role decider found receives the sum …
    receiver_by: str = ""  # … and that decider's name (`agency-own-work`, `share-of`)
    giver: Body | None = None  # the body the sentence says hands the sum on (the `giver-distributes` decider)
    reading: tuple[str | None, float, Cue | None] | None = None  # `DocContext.reading_of`, once read
    is_aggregate: bool | None = None  # `DocContext.aggregate_of`, once read
    receiving: tuple[dict[str, Body], dict[str, Body]] | None = None  # the body deciders' `_receivers`, once read

    @property
    def role_how(self) -> str:
        """The name that decided the role as published: a pass's over the decider's (`none`: no one did)."""
        return self.role_note or self.role_by or "none"

    @property
    def carried_role(self) -> bool:
        """The role came from another sentence: the sentence itself says nothing of the money."""
        return self.role_by in CARRIED

    @property
    def role_from_table(self) -> bool:
        """A table cell whose row says nothing of its own: its role came from the caption, or from nowhere."""
        return self.cell is not None and self.role_by not in OWN_CELL_ROLES

    @property
    def role_from_column(self) -> bool:
        """A table cell that neither its row nor the table's caption gave a role: its column's rows decide."""
        return self.role_from_table and self.role_by not in TABLE_ROLES


# the role deciders whose role comes from outside the amount's own sentence
CARRIED = frozenset({"previous-sum", "sentence-before"})
# the role deciders that read a table cell's own words (its clause, its column header, its row label)
OWN_CELL_ROLES = frozenset({"clause-cue", "column-header", "row-label", "supplied-name"})
# the role deciders that read the table as a whole
TABLE_ROLES = frozenset({"caption", "bodies-table"})


def amount_context(doc: DocContext, a: AmountMention) -> AmountContext:
    """The amount's sentence (or table row) and the mentions in it."""
    i = doc.index.index_at(a.start)
    seg = doc.segs[i] if i is not None else None
    if seg is not None:
        start, end = seg.start, seg.end
    else:
        start, end = max(0, a.start - CONTEXT_CHARS), min(len(doc.text), a.end + CONTEXT_CHARS)
    ctx = AmountContext(a, i, seg, start, end, cell=a.cell)
    if a.cell is not None:
        # a table cell: its row is its sentence (a web page may run a whole table into one)
        ctx.start, ctx.end = a.cell.row_label[0], a.end
        ctx.row_body = doc.row_body(a.cell.row_label)
    if i is not None:
        ctx.in_seg = doc.bodies_by_seg.get(i, [])
        ctx.progs = doc.progs_by_seg.get(i, [])
    return ctx


def mark_last_applicants(doc: DocContext, contexts: list[AmountContext]) -> None:
    """Give each context the last municipality, region or county board named before its amount (for the
    deciders that read a reference back), in one pass over amounts and bodies in order."""
    last: tuple[int, Body] | None = None
    bi = 0
    for ctx in contexts:
        while bi < len(doc.bodies) and doc.bodies[bi].start < ctx.amount.start:
            b = doc.bodies[bi]
            if b.body.body_type in helpers.APPLICANT_TYPES:
                last = (doc.index.index_at(b.start) or 0, b.body)
            bi += 1
        ctx.last_applicant = last
