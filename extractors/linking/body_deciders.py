"""Body deciders: whose sum an amount is — the applicant, the recipient, or the body that distributes it.

Each decider is a function of the document and one amount's context (its
role already read) that returns a `BodyDecision` — a body, or explicitly no
one — or None when it has nothing to say. `BODY_DECIDERS` lists them in the
order they are asked and the first decision stands; where it is no one, the
deciders in `FALLBACK_DECIDERS` may still give the sum to the document's own
body. A decision's name is what `facts.how` shows after `body=`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex as re

from extractors import lang
from extractors import roles as role_rules
from extractors.lang import Body
from extractors.lexicon import alternation
from extractors.linking import helpers
from extractors.linking.context import AmountContext, DocContext
from extractors.linking.decision_clauses import clause_of_organ_decision
from extractors.linking.role_deciders import BARE_LINE_RUN
from extractors.linking.shared_sums import governed_by_sharing

APPLICANT_TYPES = helpers.APPLICANT_TYPES
# bodies that receive a grant only where the sentence leaves no applicant and they do not give it
OTHER_RECIPIENT_TYPES = {"myndighet", "organisation", "delegation"}
HOME_TYPES = helpers.HOME_TYPES
PRONOUN_REACH = 12  # how many sentences back `de`, `ni`, `kommunen` may refer to the last applicant named

# a body right after `till` receives
_TO_BEFORE = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(lang.roles()["recipient"]["to"]) + r")\s+\Z")
_OWN_BUDGET = re.compile(
    r"(?i)\p{L}*(?:" + "|".join(map(re.escape, lang.roles()["own_budget_endings"])) + r")(?![\p{L}])"
)


@dataclass(frozen=True)
class BodyDecision:
    body: Body | None  # None: the sum is no one's fact (a table's `Summa` row)
    name: str  # the decider's name, as `facts.how` shows it


BodyDecider = Callable[[DocContext, AmountContext], BodyDecision | None]


def _decided(body: Body | None, name: str) -> BodyDecision | None:
    return BodyDecision(body, name) if body is not None else None


def _fund_role(ctx: AmountContext) -> bool:
    """A sum applied for or granted to one body (not a total over several)."""
    return ctx.amount.role in ("applied", "granted") and not ctx.amount.is_total


def _generic_decider(doc: DocContext, ctx: AmountContext) -> bool:
    return ctx.seg is not None and helpers.names_generic_decider(doc.text, ctx.seg.start, ctx.seg.end)


# ---------------------------------------------------------------- every role


def table_row(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """The body a table row's label names owns the row's sums, whatever the role."""
    return _decided(ctx.row_body, "table-row")


def recipient_after_verb(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """The body right after a verb that allocates (`avsätts 2 miljoner kronor till Kommuninvest`) receives."""
    if ctx.recipient_at is None or ctx.amount.role != "granted":
        return None
    return BodyDecision(doc.body_starting[ctx.recipient_at].body, "recipient-after-verb")


def named_receiver(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """The body a role decider found receives the sum: the agency the Government strengthens for its own work
    (`agency-own-work`), the body whose share the sum is (`share-of`); named after that decider."""
    if ctx.receiver is None or ctx.amount.role != "granted":
        return None
    return BodyDecision(ctx.receiver, ctx.receiver_by)


def row_without_body(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """A table row whose label names no body (`Summa kommuner`, `Övriga`) is no one's fact: a body named in
    the prose around the table does not own the row."""
    return BodyDecision(None, "row-without-body") if ctx.cell is not None else None


# ---------------------------------------------------------------- budget


def bare_line_row(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """A line that is only a sum, in a table set out one cell a line (the `bare-line` role decider), belongs to
    the body whose name is a line of its own in the same row, above it and below the row before; a row with
    no such line (`Totalsumma`) is no one's fact."""
    if ctx.role_by != "bare-line" or ctx.i is None:
        return None
    for j in range(ctx.i - 1, max(-1, ctx.i - 1 - BARE_LINE_RUN), -1):
        if doc.bare_roles.get(j) is not None and j in doc.amounts_by_seg:
            break  # the row before
        seg = doc.segs[j]
        named = doc.bodies_by_seg.get(j, [])
        if len(named) == 1 and doc.text[seg.start : seg.end].strip() == named[0].text:
            return BodyDecision(named[0].body, "bare-line-row")
    return BodyDecision(None, "bare-line-row")


def budget_carried_over(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """A budget whose role came from another sentence (`varav …`, `Året innan …`): its decider is that
    sentence's, not one named here."""
    if ctx.amount.role == "budget" and ctx.carried_role:
        return BodyDecision(None, "budget-carried-over")
    return None


def giver(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """The body that hands the sum on, as the `giver-distributes` role decider found it, decides its budget."""
    if ctx.amount.role != "budget" or ctx.giver is None:
        return None
    return BodyDecision(ctx.giver, "giver")


def assignment(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """The body that gives another an assignment about the sum decides it (`Regeringen ger Boverket i
    uppdrag att fördela 80 miljoner kronor`): the last body named before the verb."""
    if ctx.amount.role != "budget" or ctx.seg is None or ctx.i is None:
        return None
    return _decided(doc.assigner_of(ctx.i), "assignment")


def deciding_body(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """A budget's decider is the deciding body its sentence names (a delegation before an agency before a
    county board before the Government …), or a programme that acts under its own name (`kommunakuten
    skulle fördela …`: the delegation that runs it). Not the usual funder of a programme the sentence only
    names (`Äldrelyftet förstärks med …`): the text does not tie that body to the sum."""
    if ctx.amount.role != "budget":
        return None
    body, named = helpers.funder(ctx.in_seg, ctx.progs, doc.funder_lookup)
    if named:
        return _decided(body, "decider-in-sentence")
    acting = helpers.programme_acts(doc.text, ctx.progs, ctx.amount.start, doc.funder_lookup)
    return _decided(acting, "programme-funder")


def own_budget_named(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """A municipality or region named before its own budget (`Region Västerbotten fördelar kulturbudgeten på
    40 miljoner`), or whose organ sets a sum aside (`avsätter regionstyrelsen i Region Örebro län 9 miljoner`,
    `Hylte kommuns kulturnämnd fördelar 2 miljoner`): the one such body the sentence names before the sum."""
    a = ctx.amount
    if a.role != "budget" or ctx.seg is None:
        return None
    before = [b for b in ctx.in_seg if b.body.body_type in HOME_TYPES and b.end <= a.start]
    if len({b.body.body_id for b in before}) != 1:
        return None
    if _OWN_BUDGET.search(doc.text, ctx.seg.start, ctx.seg.end) or helpers.organ_of(doc.text, before[0]):
        return BodyDecision(before[0].body, "own-budget-named")
    return None


def home_organ_budget(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """In a municipality's or region's own board papers, a sum its organ decides or proposes to spend
    (`Regionstyrelsen föreslår att 5 miljoner kronor avsätts …`, `Nämnden beslutar att anvisa …`) is that
    body's budget, where the sentence names no body (the organ stands for the document's own body)."""
    a = ctx.amount
    if a.role != "budget" or doc.home is None or ctx.seg is None or ctx.in_seg or ctx.carried_role:
        return None
    if _generic_decider(doc, ctx):
        return None
    if not (helpers.organ_named(doc.text, ctx.seg.start, a.start) or clause_of_organ_decision(doc, ctx)):
        return None
    return BodyDecision(doc.home, "home-organ-budget")


# ---------------------------------------------------------------- applied, granted (and other)


def list_line(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """A list line's first body owns its sums (`• Hylte kommun, 2,1 miljoner kronor (sökt 3 mnkr)`) when
    it is a municipality, region or county board; a line led by another body gives no one's fact. A body that
    gives (`<länsstyrelse> beviljar <kommun> N`) does not lead the line: the one after its verb receives."""
    if ctx.amount.role == "budget" or ctx.seg is None or not ctx.seg.is_list_item or not ctx.in_seg:
        return None
    receivers = [b for b in ctx.in_seg if not role_rules.gives(doc.text, b.start, b.end, b.body.body_type)]
    if not receivers and clause_of_organ_decision(doc, ctx):
        return None  # `… beslutar att\n1. ansöka om N från <myndighet>`: the deciding organ's body applies
    first = min(receivers or ctx.in_seg, key=lambda b: b.start)
    return BodyDecision(first.body if first.body.body_type in APPLICANT_TYPES else None, "list-line")


def key_value(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """A decision's fields, one a line (`Sökande: Vänersborgs kommun` … `Beviljat belopp: 750 000 kronor`):
    the recipient line of the same record owns a list line that names no body."""
    if ctx.amount.role == "budget" or ctx.seg is None or ctx.i is None or not ctx.seg.is_list_item or ctx.in_seg:
        return None
    if clause_of_organ_decision(doc, ctx):
        return None  # `… beslutar att\n1. ansöka om N`: a decision's clause, no record of fields
    return BodyDecision(helpers.labelled_recipient(doc.text, doc.index, ctx.i, doc.bodies_by_seg), "key-value")


def grantee_not_a_body(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """`Nämnden beslutar att Kvarkens Energi AB beviljas 400 000 kr … i regionen`: the decision names its
    grantee, and where that name is no public body the sum is no one's fact; a municipality or region named
    elsewhere in the sentence (a place, the project's area) does not receive it."""
    if ctx.amount.role != "granted" or ctx.seg is None:
        return None
    span = helpers.named_grantee(doc.text, ctx.seg.start, ctx.amount.start)
    if span is None or any(span[0] <= b.start < span[1] for b in ctx.in_seg):
        return None
    return BodyDecision(None, "grantee-not-a-body")


def shared_sum(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """`<kommun> är en av 20 kommuner som får dela på N`: a sum shared by many is no one body's."""
    return BodyDecision(None, "shared-sum") if governed_by_sharing(doc, ctx) else None


def sole_applicant(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """The one municipality, region or county board in the sentence that does not give the money."""
    if ctx.amount.role == "budget":
        return None
    applicants, _ = _receivers(doc, ctx)
    return BodyDecision(next(iter(applicants.values())), "sole-applicant") if len(applicants) == 1 else None


def pair_in_sentence(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """Several bodies and as many sums in one sentence, paired in order (`Hylte kommun får 3 miljoner och
    Laholms kommun 2 miljoner`, `… 3 respektive 2 miljoner`, `5 miljoner till X och 4 miljoner till Y`)."""
    if ctx.amount.role == "budget" or ctx.i is None:
        return None
    applicants, _ = _receivers(doc, ctx)
    if len(applicants) <= 1:
        return None
    pairs = doc.pairs_of(ctx.i)
    return BodyDecision(pairs[ctx.amount.start], "pair-in-sentence") if ctx.amount.start in pairs else None


def lead_applicant(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """`Ale kommun och medsökande Lerums kommun beviljas …`: the body named before `medsökande` owns it."""
    if ctx.amount.role == "budget":
        return None
    applicants, _ = _receivers(doc, ctx)
    if len(applicants) <= 1:
        return None
    return _decided(helpers.lead_applicant(doc.text, ctx.in_seg, ctx.amount.start), "lead-applicant")


def own_costs(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """`Av bidraget får högst 2 miljoner kronor gå till Kammarkollegiets kostnader`: a sum for one body's
    own costs (named in the genitive right before them) is granted to it, where no municipality or region is
    named as receiving."""
    if ctx.amount.role != "granted" or ctx.amount.is_total:
        return None
    applicants, _ = _receivers(doc, ctx)
    return None if applicants else _decided(helpers.costs_of(doc.text, ctx.in_seg), "own-costs")


def sole_recipient(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """`Forskare vid Umeå universitet får 6 miljoner kronor från Formas`: an agency, a university or an
    organisation receives when it is the one body left that does not give, and no municipality is named."""
    if ctx.amount.role == "budget" or not _fund_role(ctx):
        return None
    applicants, others = _receivers(doc, ctx)
    if applicants or len(others) != 1:
        return None
    return BodyDecision(next(iter(others.values())), "sole-recipient")


def home_organ(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """`Kommunstyrelsen beslutar att ansöka om …` in a municipality's own memo: an organ of the document's
    body that applies or receives stands for that body. An organ that decides a grant to someone it names
    (`Nämnden beslutar att Kvarkens Energi AB beviljas …`) gives it: no one's fact of its body."""
    if ctx.amount.role == "budget" or doc.home is None or not _fund_role(ctx) or ctx.seg is None:
        return None
    applicants, _ = _receivers(doc, ctx)
    if applicants:
        return None
    if not (helpers.organ_acts(doc.text, ctx.seg.start, ctx.amount.start) or clause_of_organ_decision(doc, ctx)):
        return None
    if helpers.grants_to_named_other(doc.text, ctx.seg.start, ctx.amount.start):
        return BodyDecision(None, "organ-grants-named-other")
    if helpers.refuses_an_application(doc.text, ctx.seg.start, ctx.amount.start):
        return BodyDecision(None, "organ-refuses")  # an application made to the organ's body, not by it
    return BodyDecision(doc.home, "home-organ")


def reference_back(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """A pronoun or a definite noun that refers back (`ni`, `de`, `kommunen`) to the last municipality or
    region named, within PRONOUN_REACH sentences."""
    if ctx.amount.role == "budget" or not _fund_role(ctx) or ctx.seg is None or ctx.i is None:
        return None
    applicants, _ = _receivers(doc, ctx)
    last = ctx.last_applicant
    if applicants or last is None or ctx.i - last[0] > PRONOUN_REACH:
        return None
    if not role_rules.grammar().pronoun.search(doc.text, ctx.seg.start, ctx.seg.end):
        return None
    return BodyDecision(last[1], "reference-back")


# ---------------------------------------------------------------- the document's own body


def own_document(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """A municipality's or region's own document (its annual report, its board's memo, its press release):
    a budget of its own (`driftbudget`, `investeringsram`) or a result that names no one else is its own."""
    a = ctx.amount
    if doc.home is None or a.role not in ("budget", "other") or ctx.in_seg or ctx.cell is not None:
        return None
    if _generic_decider(doc, ctx):
        return None
    own_budget = a.role == "budget" and ctx.seg is not None and _OWN_BUDGET.search(doc.text, ctx.seg.start, ctx.seg.end)
    if a.role == "other" or own_budget:
        return BodyDecision(doc.home, "own-document")
    return None


BODY_DECIDERS: list[BodyDecider] = [
    table_row,
    recipient_after_verb,
    named_receiver,
    row_without_body,
    bare_line_row,
    budget_carried_over,
    giver,
    assignment,
    deciding_body,
    own_budget_named,
    home_organ_budget,
    list_line,
    key_value,
    grantee_not_a_body,
    shared_sum,
    sole_applicant,
    pair_in_sentence,
    lead_applicant,
    own_costs,
    sole_recipient,
    home_organ,
    reference_back,
]
FALLBACK_DECIDERS: list[BodyDecider] = [own_document]
# the deciders that read a body the amount's own sentence or list line names: the only ones that make a fact of
# a sum whose role was carried over from the sentence before
NAMED_HERE = frozenset(
    {
        "recipient-after-verb",
        "agency-own-work",
        "list-line",
        "sole-applicant",
        "pair-in-sentence",
        "lead-applicant",
        "sole-recipient",
    }
)


def decide_body(doc: DocContext, ctx: AmountContext) -> BodyDecision | None:
    """The first body decider's decision; where it is no one (or none decides), the fallback's."""
    decision = None
    for decider in BODY_DECIDERS:
        decision = decider(doc, ctx)
        if decision is not None:
            break
    if decision is None or decision.body is None:
        for decider in FALLBACK_DECIDERS:
            fallback = decider(doc, ctx)
            if fallback is not None:
                return fallback
    return decision


def _receivers(doc: DocContext, ctx: AmountContext) -> tuple[dict[str, Body], dict[str, Body]]:
    """The sentence's municipalities, regions and county boards that do not give the money; and its other
    bodies that may receive (not in the genitive, named before the amount or right after `till`). Read once for
    the amount and kept on its context: seven deciders ask it."""
    if ctx.receiving is None:
        ctx.receiving = _read_receivers(doc, ctx)
    return ctx.receiving


def _read_receivers(doc: DocContext, ctx: AmountContext) -> tuple[dict[str, Body], dict[str, Body]]:
    if ctx.i is None:
        return {}, {}
    receivers = doc.receivers_of(ctx.i)
    applicants = {b.body.body_id: b.body for b in receivers if b.body.body_type in APPLICANT_TYPES}
    others = {
        b.body.body_id: b.body
        for b in receivers
        if b.body.body_type in OTHER_RECIPIENT_TYPES
        and not helpers.genitive(b)  # `Skolverkets kostnader`
        and (b.end <= ctx.amount.start or _TO_BEFORE.search(doc.text, max(0, b.start - 8), b.start))  # `till KTH`
    }
    return applicants, others
