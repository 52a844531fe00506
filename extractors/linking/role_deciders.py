"""Role deciders: who applies, who receives, who distributes — read from the words around an amount.

Each decider is a function of the document and one amount's context that
returns a role (`applied`, `granted`, `budget`, `other`) or None when it has
nothing to say; `ROLE_DECIDERS` lists them in the order they are asked, and
the first answer decides. Its name is what `facts.how` shows after `role=`.

After every amount has its role, the passes in `TABLE_PASSES` settle what one
amount cannot say alone: a table column shares one role, and `15 + 6
miljarder` shares the reading of its second number.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable

from extractors import recipients, role_scope
from extractors import roles as role_rules
from extractors.linking import helpers, raises, receivers
from extractors.linking.context import AmountContext, DocContext
from extractors.scan import rx as _rx

RoleDecider = Callable[[DocContext, AmountContext], str | None]

CARRY_SEGMENTS = 2  # how many sentences back a cue-less sum looks for the role of the money it goes on about
LIST_INTRO_REACH = 4  # how many sentences above a list (or table) its introduction may stand
FUND_ROLES = ("applied", "granted", "budget")


def giver_distributes(doc: DocContext, ctx: AmountContext) -> str | None:
    """A body that grants, pays out or hands on a sum and names no body that receives it (`Boverket har
    beviljat 20 miljoner kronor till lekplatser`, `Region Gävleborgs kulturnämnd beviljade 3 miljoner kronor till
    sju projekt`) distributes it: the sum is its budget, and the context remembers the giver for the body
    deciders. A named recipient (`… till Hylte kommun`) keeps the sum granted to that recipient, and a total
    of grants made (`Totalt har …`, `… till kommuner och regioner`) stays the aggregate of grants it is."""
    if ctx.cell is not None or ctx.seg is None or ctx.i is None:
        return None
    a = ctx.amount
    giver = helpers.giver_before(doc.text, ctx.in_seg, a.start, ctx.seg.start, doc.verb_second)
    if giver is None and doc.home is not None and helpers.organ_gives_before(doc.text, ctx.seg.start, a.start):
        giver = doc.home  # `Kommunstyrelsen beviljade …` in the municipality's own document
    if giver is None:
        return None
    if any(b.body.body_id != giver.body_id for b in doc.receivers_of(ctx.i)):
        return None
    if doc.aggregate_of(ctx):
        return None  # `Totalt har verket beviljat 40 miljoner`: the sum of grants made, not a sum to hand on
    if helpers.plural_recipients_after(doc.text, a.end, ctx.seg.end):
        return None  # `betalade ut N till kommuner och regioner`: paid to them, an aggregate of grants
    ctx.giver = giver
    return "budget"


STATE_DECIDERS = ("regering", "riksdag")


def received_to_distribute(doc: DocContext, ctx: AmountContext) -> str | None:
    """A sum a body has or receives to hand on (`Tillväxtverket får 50 miljoner kronor att fördela till
    regionerna`, `Länsstyrelsen har 12 miljoner kronor att dela ut`) is that body's budget, not its grant."""
    if ctx.cell is not None or ctx.seg is None:
        return None
    a = ctx.amount
    if not helpers.to_distribute_after(doc.text, a.end, ctx.seg.end):
        return None
    ctx.giver = helpers.subject_before(doc.text, ctx.in_seg, a.start)
    return "budget"


def to_own_organ(doc: DocContext, ctx: AmountContext) -> str | None:
    """A sum that goes to an organ of the body deciding it (`• 4 miljoner kronor till socialnämnden`,
    `7 miljoner kronor går till kultur- och fritidsnämnden`, `socialnämnden får ett tillskott på N`) is a part
    of that body's own budget: a municipality or region does not grant money to itself (class 5 of issue 24, a
    body's own board papers)."""
    if ctx.cell is not None or ctx.seg is None:
        return None
    if any(doc.home is None or b.body.body_id != doc.home.body_id for b in ctx.in_seg):
        return None  # another body named: a giver from outside, or the organ's body, receives (`… från Kulturrådet`)
    a = ctx.amount
    if receivers.to_own_organ(doc.text, a.end, ctx.seg.end, doc.body_at):
        return "budget"
    home = doc.home is not None
    return "budget" if receivers.organ_receives(doc.text, ctx.seg.start, a.start, doc.body_at, home) else None


def agency_own_work(doc: DocContext, ctx: AmountContext) -> str | None:
    """The Government or the Riksdag strengthening one agency (`Regeringen föreslår att Tullverkets arbete
    förstärks med 20 miljoner kronor`, `… tillförs 5 miljoner kronor för att Konstnärsnämnden ska …`): a sum an
    agency receives for its own work is granted to it, not a budget it distributes. Not where the agency
    hands the money on (`ger Boverket i uppdrag att fördela`, `Boverket delar ut …`) or where a municipality,
    region or county board is named (they receive)."""
    if ctx.cell is not None or ctx.seg is None or ctx.i is None:
        return None
    role, _, _ = doc.reading_of(ctx)
    if role != "budget" or not any(b.body.body_type in STATE_DECIDERS for b in ctx.in_seg):
        return None
    if any(b.body.body_type in helpers.APPLICANT_TYPES for b in ctx.in_seg):
        return None
    agencies = {b.body.body_id: b for b in ctx.in_seg if b.body.body_type == "myndighet"}
    if len(agencies) != 1 or doc.assigner_of(ctx.i) is not None:
        return None
    agency = next(iter(agencies.values()))
    if helpers.gives_after(doc.text, agency.end, ctx.seg.end) or role_rules.gives(
        doc.text, agency.start, agency.end, "myndighet"
    ):
        return None
    ctx.receiver, ctx.receiver_by = agency.body, "agency-own-work"
    return "granted"


def passive_receiver(doc: DocContext, ctx: AmountContext) -> str | None:
    """A passive of supplying whose subject receives (`Polismyndigheten tillförs 400 miljoner kronor`, `att
    länsstyrelserna var för sig tillförs N`): the sum is granted to the subject for its own work,
    not a budget of whoever supplies it (the context remembers the body, where one is named). A sum before
    the verb (`N tillförs regionerna`) is left to its clause's cue."""
    if ctx.cell is not None or ctx.seg is None:
        return None
    a = ctx.amount
    role, _, cue = doc.reading_of(ctx)
    if role != "budget" or cue is None or cue.end > a.start:
        return None
    receives, body = receivers.passive_subject(doc.text, ctx.in_seg, ctx.seg.start, cue.start, cue.end)
    if not receives or (body is not None and body.body_type in STATE_DECIDERS):
        return None
    if body is not None:
        ctx.receiver, ctx.receiver_by = body, "passive-receiver"
    return "granted"


def supplied_name(doc: DocContext, ctx: AmountContext) -> str | None:
    """A named organisation supplied or strengthened directly (`Regeringen förstärker Kustbevakningen med N`,
    `tillför Kustbevakningens verksamhet N`, a budget table's row `Förstärkning av Sametingets arbete | 1 | 1`):
    the sum is granted to it for its own work, also where the body list does not know the name (the context
    remembers the body where it does). A grant noun in its place (`förstärker stödet med N`, `Förstärkning av
    bidrag till …`) is no name: the clause's budget cue stands."""
    if ctx.cell is not None:
        at = receivers.strengthened_in_label(doc.text, *ctx.cell.row_label)
    elif ctx.seg is not None:
        at = receivers.supplied_name(doc.text, ctx.seg.start, ctx.amount.start)
    else:
        return None
    if at is None:
        return None
    named = doc.body_starting.get(at)
    if named is not None and named.body.body_type in STATE_DECIDERS:
        return None
    if named is not None:
        ctx.receiver, ctx.receiver_by = named.body, "supplied-name"
    return "granted"


def share_of(doc: DocContext, ctx: AmountContext) -> str | None:
    """What a decision means for one body is that body's grant: `För Hylte kommun innebär det 3 miljoner
    kronor`, `för Laholms kommuns del blir det 2 miljoner kronor` (the context remembers the body)."""
    if ctx.cell is not None or ctx.seg is None:
        return None
    body = helpers.share_of(doc.text, ctx.in_seg, ctx.amount.start)
    if body is None or body.body_type not in helpers.APPLICANT_TYPES | {"myndighet"}:
        return None
    ctx.receiver, ctx.receiver_by = body, "share-of"
    return "granted"


def fronted_to(doc: DocContext, ctx: AmountContext) -> str | None:
    """A receiver set first: `Till Hylte kommun går 3 miljoner kronor` is that body's grant (the context
    remembers the body). Only a `till` that opens the sentence: a verb of going alone names no receiver."""
    if ctx.cell is not None or ctx.seg is None:
        return None
    body = helpers.fronted_to(doc.text, ctx.in_seg, ctx.seg.start, ctx.amount.start, doc.fronted_opening)
    if body is None or body.body_type not in helpers.APPLICANT_TYPES | {"myndighet"}:
        return None
    ctx.receiver, ctx.receiver_by = body, "fronted-to"
    return "granted"


def offered_total(doc: DocContext, ctx: AmountContext) -> str | None:
    """A total on offer, no body its subject (`Totalt kan N beviljas`, `Sammanlagt kan N delas ut`): what a
    round has to give is a budget, though `beviljas` alone reads as a grant (`Hylte kommun kan beviljas N`)."""
    if ctx.cell is not None or ctx.seg is None:
        return None
    a = ctx.amount
    return "budget" if role_scope.offered_total(doc.text, ctx.start, a.start, a.end, ctx.end) else None


def raised_grant(doc: DocContext, ctx: AmountContext) -> str | None:
    """An increase given to a body is granted to it: `höja bidraget till <region> med N`, `bidraget till
    <kommun> höjs med N` (the context remembers the body). A raise that names no body (`anslaget höjs med N`)
    is left to its clause's cue."""
    if ctx.cell is not None or ctx.seg is None:
        return None
    body = raises.raised_grant_body(doc.text, ctx.in_seg, ctx.seg, ctx.amount.start)
    if body is None:
        return None
    ctx.receiver, ctx.receiver_by = body, "raised-grant"
    return "granted"


def clause_cue(doc: DocContext, ctx: AmountContext) -> str | None:
    """A cue in the amount's own clause (`sökt`, `beviljas`, `fördelar`), the nearest that governs it: the
    sentence says what the money is. A verb that allocates to a named body (`avsätts till SKR`) makes the sum
    that body's grant, and the context remembers where the body stands for the body deciders."""
    a = ctx.amount
    role, _, cue = doc.reading_of(ctx)
    if role is not None and cue is not None:
        role, ctx.recipient_at = recipients.recipient_role(
            doc.text, cue, role, a.start, a.end, doc.body_at, lambda k: doc.body_starting[k].end
        )
    return role


def column_header(doc: DocContext, ctx: AmountContext) -> str | None:
    """A table column's header names its role (`Sökt, mnkr`, `Beviljat belopp`): every cell under it has it."""
    if ctx.cell is None or not ctx.cell.column_header:
        return None
    return role_rules.heading_role(ctx.cell.column_header)


def row_label(doc: DocContext, ctx: AmountContext) -> str | None:
    """A cue anywhere in a table row's label, a parenthesis too (`ap.1 | Länsstyrelsen i X (ram)`): the row
    says what its sums are."""
    if ctx.cell is None:
        return None
    label = ctx.cell.row_label
    label_cues = doc.cues(label[0], label[1])
    return label_cues[-1].role if label_cues else None


def caption(doc: DocContext, ctx: AmountContext) -> str | None:
    """The table's caption or header above it names the role of its sums (`Beviljade medel 2024`)."""
    if ctx.cell is None:
        return None
    return role_rules.heading_role(ctx.cell.table_header)


def bodies_table(doc: DocContext, ctx: AmountContext) -> str | None:
    """A table of bodies and sums with no word to the contrary: what each one gets."""
    return "granted" if ctx.cell is not None and ctx.row_body is not None else None


PARENTHESIS_GAP = 3  # characters between an amount and the parenthesis that qualifies it


def parenthesis_counterpart(doc: DocContext, ctx: AmountContext) -> str | None:
    """A parenthesis governs only itself: in `Hylte kommun, 2,1 miljoner kronor (sökt 3 mnkr)` the sum in the
    parenthesis is what was applied for, and the sum it follows is the other one, what was granted — whatever
    the list's introduction says of applications."""
    a = ctx.amount
    if ctx.seg is None:
        return None
    open_ = doc.text.find("(", a.end, min(ctx.end, a.end + PARENTHESIS_GAP + 1))
    if open_ < 0 or doc.text[a.end : open_].strip(" \t,"):
        return None
    close = doc.text.find(")", open_, ctx.end)
    if close < 0:
        return None
    k = bisect_left(doc.amount_starts, open_)
    if k == len(doc.amount_starts) or doc.amount_starts[k] >= close:
        return None  # no sum of its own in the parenthesis
    said = [c.role for c in doc.cues(open_, close) if c.role in FUND_ROLES]
    return "granted" if said and said[0] == "applied" else None


def divided_list_line(doc: DocContext, ctx: AmountContext) -> str | None:
    """A list under an introduction of how money is divided (`Så här fördelas pengarna:`, `Fördelningen
    blir:`): a line led by a municipality, a region or a county board is that body's share, granted to it,
    not the budget of whoever divides the money."""
    if ctx.seg is None or ctx.i is None or not ctx.seg.is_list_item:
        return None
    leader = helpers.line_leader(doc.text, ctx.seg, ctx.in_seg)
    if leader is None or leader.body_type not in helpers.APPLICANT_TYPES:
        return None
    intro = doc.index.intro_of(ctx.i)
    if intro < 0 or not helpers.divides_among_list(doc.text, doc.segs[intro]):
        return None
    return "granted"


def list_intro(doc: DocContext, ctx: AmountContext) -> str | None:
    """Every line of a list shares its introduction, and so its role (`Följande kommuner beviljas stöd:`)."""
    if ctx.seg is None or ctx.i is None or not ctx.seg.is_list_item:
        return None
    intro = doc.index.intro_of(ctx.i)
    if intro not in doc.list_roles:
        doc.list_roles[intro] = introduced_role(doc, intro)
    return doc.list_roles[intro]


BARE_LINE_RUN = 4  # lines from one line that is only a sum to the next of its column (a name and a count between)
HEADER_REACH = 6  # lines above such a line where the header of its column may stand
HEADER_WORDS = 8  # a header is a short line without a full stop, not a sentence


def bare_line(doc: DocContext, ctx: AmountContext) -> str | None:
    """A line that holds only a sum — a web page's table set out one cell a line (a name, a count, a sum), or
    a headline's figure under its heading — takes the role of the short header line above it (`Total beviljad
    summa`, `Så mycket får regionen`); the next such line within BARE_LINE_RUN lines is the next row of the
    same column and shares it."""
    if ctx.cell is not None or ctx.seg is None or ctx.i is None or ctx.seg.is_list_item:
        return None
    if not receivers.only_the_sum(doc.text, ctx.seg, ctx.amount):
        return None
    for j in range(ctx.i - 1, max(-1, ctx.i - 1 - BARE_LINE_RUN), -1):
        if doc.bare_roles.get(j):
            doc.bare_roles[ctx.i] = doc.bare_roles[j]
            return doc.bare_roles[j]
    role = None
    for j in range(ctx.i - 1, max(-1, ctx.i - 1 - HEADER_REACH), -1):
        line = doc.text[doc.segs[j].start : doc.segs[j].end]
        if len(line.split()) <= HEADER_WORDS and not line.rstrip().endswith("."):
            role = role_rules.heading_role(line)
            if role:
                break
    doc.bare_roles[ctx.i] = role
    return role


def per_capita(doc: DocContext, ctx: AmountContext) -> str | None:
    """A sum per inhabitant (`motsvarar 410 kronor per invånare`) is what each one receives."""
    if ctx.cell is None and ctx.amount.per in role_rules.grammar().per_capita_granted:
        return "granted"
    return None


def previous_sum(doc: DocContext, ctx: AmountContext) -> str | None:
    """A sentence that names a sum and no cue goes on about the money of the sentence before it (`Verket
    betalade ut 3,1 miljarder i fjol. Året innan var beloppet 2,4 miljarder.`): the role of the last sum whose
    role the text gave, within CARRY_SEGMENTS sentences and the same or the next paragraph."""
    if ctx.cell is not None or ctx.i is None or doc.previous is None:
        return None
    prev_seg, prev_role = doc.previous
    segs = doc.segs
    if 0 <= ctx.i - prev_seg <= CARRY_SEGMENTS and segs[prev_seg].paragraph >= segs[ctx.i].paragraph - 1:
        return prev_role
    return None


def sentence_before(doc: DocContext, ctx: AmountContext) -> str | None:
    """… or about the money the sentence before it granted without naming a sum (`Nio föreningar har fått
    bidrag. Bidragen uppgår till 2,3 miljoner kronor.`): that sentence's last cue of money."""
    i = ctx.i
    if ctx.cell is not None or not i or doc.segs[i - 1].paragraph != doc.segs[i].paragraph:
        return None
    before = doc.segs[i - 1]
    k = bisect_left(doc.amount_starts, before.start)
    if k < len(doc.amount_starts) and doc.amount_starts[k] < before.end:
        return None  # it names a sum of its own
    said = [c.role for c in doc.cues(before.start, before.end) if c.role in FUND_ROLES]
    return said[-1] if said else None


ROLE_DECIDERS: list[tuple[str, RoleDecider]] = [
    ("giver-distributes", giver_distributes),
    ("received-to-distribute", received_to_distribute),
    ("to-own-organ", to_own_organ),
    ("agency-own-work", agency_own_work),
    ("passive-receiver", passive_receiver),
    ("supplied-name", supplied_name),
    ("share-of", share_of),
    ("fronted-to", fronted_to),
    ("offered-total", offered_total),
    ("raised-grant", raised_grant),
    ("clause-cue", clause_cue),
    ("column-header", column_header),
    ("row-label", row_label),
    ("caption", caption),
    ("bodies-table", bodies_table),
    ("parenthesis-counterpart", parenthesis_counterpart),
    ("divided-list-line", divided_list_line),
    ("list-intro", list_intro),
    ("bare-line", bare_line),
    ("per-capita", per_capita),
    ("previous-sum", previous_sum),
    ("sentence-before", sentence_before),
]


def decide_role(doc: DocContext, ctx: AmountContext) -> str:
    """The first role decider's answer (`other` when none answers); the amount's is_total read with it."""
    a = ctx.amount
    role = None
    for name, decider in ROLE_DECIDERS:
        role = decider(doc, ctx)
        if role is not None:
            ctx.role_by = name
            break
    if role is not None and ctx.cell is None and ctx.i is not None:
        doc.previous = (ctx.i, role)
    a.role = role or "other"
    aggregate = doc.aggregate_of(ctx)
    # a table's cells are parts unless their row says total (`Summa kommuner`, `Totalt`); a list line's budget
    # is a part of a budget (`1. <insatsområde>: N Euro`), not a total
    in_list = ctx.seg is not None and ctx.seg.is_list_item
    a.is_total = aggregate if ctx.cell is not None or in_list else a.role == "budget" or aggregate
    return a.role


def introduced_role(doc: DocContext, j: int) -> str | None:
    """The role set by the sentence or heading that introduces a list, looking back from segment j."""
    looked = 0
    text = doc.text
    while j >= 0 and looked < LIST_INTRO_REACH:
        seg = doc.segs[j]
        if seg.is_list_item:
            j -= 1
            continue
        role, _ = role_rules.classify(text, seg.end, seg.end, seg.start, seg.end, doc.cues(seg.start, seg.end))
        heading = role_rules.heading_role(text[seg.start : seg.end])
        if heading or role in FUND_ROLES:
            return heading if heading and (role is None or role == "other" or looked == 0 and heading) else role
        looked += 1
        j -= 1
    return None


def column_vote(doc: DocContext, contexts: list[AmountContext]) -> None:
    """A table's column has one role: a row without a body or a cue (`Summa kommuner`, `Totalt länet`, a
    municipality the body list does not know) takes the role its column's other rows have; a sum over rows of
    different roles (grants and a fee) is none of them; a table of places, not bodies (`Kronobergs län
    88 000 kr`), takes it from the sentence that introduces it, as a list does (`Så här fördelas pengarna:`)."""
    votes_of: dict[tuple[int, int], Counter[str]] = {}
    for ctx in contexts:
        if ctx.cell is not None and not ctx.role_from_column and not ctx.amount.is_total:
            votes_of.setdefault((ctx.cell.table, ctx.cell.column), Counter())[ctx.amount.role] += 1
    for ctx in contexts:
        a, cell = ctx.amount, ctx.cell
        if cell is None or not ctx.role_from_table:
            continue
        votes = votes_of.get((cell.table, cell.column))
        if a.is_total and votes and len(votes) > 1:
            a.role, ctx.role_note = "other", "mixed-column"
        elif not ctx.role_from_column:
            continue
        elif votes:
            a.role, ctx.role_note = votes.most_common(1)[0][0], "column-vote"
        else:
            if cell.table not in doc.table_roles:
                first = doc.index.index_at(cell.table)
                doc.table_roles[cell.table] = introduced_role(doc, first - 1) if first else None
            if doc.table_roles[cell.table]:
                a.role, ctx.role_note = doc.table_roles[cell.table] or a.role, "table-intro"


# what stands between the two numbers of `15 + 6`; matched in place (no anchor or look-around in it, so matching
# between two offsets is matching the text cut there), not on a copy of the text between every two sums
_PLUS = _rx(r"\s*\+\s*")


def plus_pair(doc: DocContext, contexts: list[AmountContext]) -> None:
    """The two numbers of `15 + 6 miljarder` share the second one's reading."""
    for prev, cur in zip(contexts, contexts[1:]):
        p, c = prev.amount, cur.amount
        if p.end <= c.start and _PLUS.fullmatch(doc.text, p.end, c.start):
            p.role, p.is_total = c.role, c.is_total
            prev.role_note = "plus-pair"


TABLE_PASSES = [column_vote, plus_pair]


def read_roles(doc: DocContext, contexts: list[AmountContext]) -> None:
    """Every amount's role and is_total: the deciders one amount at a time, then the passes over them all."""
    for ctx in contexts:
        decide_role(doc, ctx)
    for settle in TABLE_PASSES:
        settle(doc, contexts)
