"""Link mentions into facts: body × role × amount × programme × period — the linking rules, as one pure function.

The unit of evidence is the sentence or list line (extractors/sentences.py).
An amount takes its role from cues (extractors/roles.py), its body from the
same list line or sentence, and — where the text refers back (`ni`, `de`,
`regionen`) or a budget's decider was named just before — from the recent
context, with a lower confidence. Totals stated over a list are reconciled
with the list's parts in `checks`.

`link` does not change the mentions it is given: it works on copies and
returns them read (role, is_total, body), so an amount's role and body come
from one place, and the same mentions linked twice give the same facts.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import islice, takewhile

import regex as re

from extractors import lang
from extractors import roles as role_rules
from extractors.amounts import AmountMention, rounding
from extractors.bodies import BodyMention
from extractors.dates import DateMention
from extractors.lang import Body
from extractors.lexicon import alternation
from extractors.programmes import ProgrammeMention
from extractors.scan import rx as _rx
from extractors.sentences import Segment, SegmentIndex

FunderLookup = Callable[[str], Body | None]  # a name → the body it names

APPLICANT_TYPES = {"kommun", "region", "lansstyrelse", "kommunalforbund"}
# bodies that receive a grant only where the sentence leaves no applicant and they do not give it
OTHER_RECIPIENT_TYPES = {"myndighet", "organisation", "delegation"}
FUNDER_PREFERENCE = {
    "delegation": 0,
    "myndighet": 1,
    "lansstyrelse": 2,
    "regering": 3,
    "riksdag": 4,
    "eu": 5,
    "organisation": 6,
}
# `Regeringen ger Socialstyrelsen i uppdrag att betala ut …`: the one who gives the assignment decides the sum
_ASSIGNMENT = re.compile(
    r"(?i)(?<![\p{L}])(?:"
    + alternation(lang.roles()["assignment_verbs"])
    + r")\s+(?P<assignee>[^.;:]{1,80}?)\s+(?:"
    + alternation(lang.roles()["assignment_objects"])
    + r")(?![\p{L}])"
)
# between an amount and the body it goes to: `12 miljoner kronor till Region Kronoberg`
_PAIR_TO = re.compile(r"\s+(?:" + alternation(lang.roles()["pair_to"]) + r")\s+")
# a body right after `till` receives
_TO_BEFORE = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(lang.roles()["recipient"]["to"]) + r")\s+\Z")
_RESPECTIVELY = re.compile(r"(?<![\p{L}])(?:" + alternation(lang.roles()["respectively"]) + r")(?![\p{L}])")
_GENERIC_DECIDER = re.compile(
    r"(?i)(?<![\p{L}])(?:" + "|".join(map(re.escape, lang.roles()["generic_deciders"])) + r")(?![\p{L}])"
)

# confidence by how a fact was linked; see README "Confidence" for the measured calibration
# Facts whose measured confidence is below this are not published: a way of linking that is right less than
# about one time in three (on the documents with gold: a programme's usual funder taken as a budget's body,
# right once in five to nine) costs readers more wrong numbers than it gives right ones.
MIN_CONFIDENCE = 0.3

CONFIDENCE = {
    "list_line": 0.95,
    "sentence": 0.9,
    "budget_sentence": 0.85,
    "programme_funder": 0.8,
    "pronoun": 0.6,
    "budget_context": 0.6,
    "table_row": 0.9,
    "sentence_pairs": 0.85,
    "home_budget": 0.6,
    "home_organ": 0.7,
    "key_value": 0.85,
}


@dataclass
class Fact:
    amount: AmountMention
    body: Body
    role: str
    how: str
    programme: str | None = None
    funder_id: str | None = None
    period: tuple | None = None
    evidence: str = ""
    confidence: float = 0.5


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
    amounts = [replace(a, extra=dict(a.extra)) for a in amounts]
    segs = index.segments
    bodies_by_seg: dict[int, list[BodyMention]] = {}
    for b in bodies:
        i = index.index_at(b.start)
        if i is not None:
            bodies_by_seg.setdefault(i, []).append(b)
    progs_by_seg: dict[int, list[ProgrammeMention]] = {}
    for p in programmes:
        i = index.index_at(p.start)
        if i is not None:
            progs_by_seg.setdefault(i, []).append(p)
    dates_by_seg: dict[int, list[DateMention]] = {}
    for d in dates:
        i = index.index_at(d.start)
        if i is not None:
            dates_by_seg.setdefault(i, []).append(d)
    doc_programme = None
    if programmes:
        counts: dict[str, int] = {}
        for p in programmes:
            counts[p.programme] = counts.get(p.programme, 0) + 1
        doc_programme = max(counts, key=lambda k: (counts[k], k))

    facts: list[Fact] = []
    list_roles: dict[int, str | None] = {}
    table_roles: dict[tuple, str | None] = {}
    # a sentence's cues and total cues, read once however many amounts it holds
    cues = lru_cache(maxsize=None)(lambda s0, s1: role_rules.cues_in(text, s0, s1))
    totals = lru_cache(maxsize=None)(lambda s0, s1: role_rules.totals_in(text, s0, s1))

    # 1. roles and totals
    previous: tuple[int, str] | None = None  # the segment and role of the last amount whose role the text gave
    ordered_bodies = sorted(bodies, key=lambda b: b.start)
    body_starts = [b.start for b in ordered_bodies]
    amount_starts = sorted(a.start for a in amounts)
    body_starting = {b.start: b for b in ordered_bodies}
    body_at = body_starting.__contains__
    for a in amounts:
        i = index.index_at(a.start)
        a.extra["segment"] = i
        seg = segs[i] if i is not None else None
        s0, s1 = (seg.start, seg.end) if seg else (max(0, a.start - 200), min(len(text), a.end + 200))
        row = a.extra.get("row_label")
        if row:
            # a table cell: its row is its sentence (a web page may run a whole table into one)
            s0, s1 = row[0], a.end
            a.extra["row_body"] = _row_body(ordered_bodies, body_starts, row)
        role, _, cue = role_rules.classify_by_cue(text, a.start, a.end, s0, s1, cues(s0, s1))
        if role is not None and cue is not None:
            role, a.extra["recipient_at"] = role_rules.recipient_role(text, cue, role, a.start, a.end, body_at)
        if role is None and a.extra.get("column_header"):
            role = role_rules.heading_role(a.extra["column_header"])  # `Sökt, mnkr` over a table column
        if role is None and row:
            # a cue anywhere in the row's label, a parenthesis too (`ap.1 | Länsstyrelsen i X (ram)`)
            label_cues = cues(row[0], row[1])
            role = label_cues[-1].role if label_cues else None
        if role is None and row:
            a.extra["role_from_table"] = True  # the row says nothing of its own
            role = role_rules.heading_role(a.extra.get("table_header", ""))  # the caption: `Beviljade medel`
            if role is None and a.extra["row_body"] is not None:
                role = "granted"  # a table of bodies and sums, with no word to the contrary: what each one gets
            if role is None:
                a.extra["role_from_column"] = True  # decided below, by the column's other rows
        if role is None and seg is not None and i is not None and seg.is_list_item:
            intro = index.intro_of(i)  # every line of a list shares its introduction, and so its role
            if intro not in list_roles:
                list_roles[intro] = _list_role(text, index, intro, cues)
            role = list_roles[intro]
        if role is None and a.per in role_rules.grammar().per_capita_granted and not row:
            role = "granted"  # `motsvarar 673 kronor per invånare`: what each one receives
        if role is None and not row and i is not None and previous is not None:
            # a sentence that names a sum and no cue goes on about the money of the sentence before it:
            # `Migrationsverket betalade ut 6,2 miljarder 2021. Motsvarande belopp var 9,2 miljarder 2020.`
            prev_seg, prev_role = previous
            if 0 <= i - prev_seg <= CARRY_SEGMENTS and segs[prev_seg].paragraph >= segs[i].paragraph - 1:
                role = prev_role
                a.extra["carried_role"] = True
        if role is None and not row and i and segs[i - 1].paragraph == segs[i].paragraph:
            # … or about the money the sentence before it granted without naming a sum: `12 ansökningar har
            # beviljats stöd. Stödet uppgår till 825 miljoner kronor.`
            before = segs[i - 1]
            k = bisect_left(amount_starts, before.start)
            if k == len(amount_starts) or amount_starts[k] >= before.end:  # it names no sum
                said = [c.role for c in cues(before.start, before.end) if c.role in ("applied", "granted", "budget")]
                if said:
                    role = said[-1]
                    a.extra["carried_role"] = True
        if role is not None and not row and i is not None:
            previous = (i, role)
        a.role = role or "other"
        aggregate = role_rules.is_aggregate(text, a.start, a.end, s0, s1, totals(s0, s1))
        # a table's cells are parts unless their row says total (`Summa kommuner`, `Totalt`)
        # a list line's budget is a part of a budget (`1. Innovativa miljöer: 322 269 Euro`), not a total
        a.is_total = aggregate if row or (seg is not None and seg.is_list_item) else a.role == "budget" or aggregate
    # a table's column has one role: a row without a body or a cue (`Summa kommuner`, `Totalt länet`, a
    # municipality the body list does not know) takes the role its column's other rows have; a sum over
    # rows of different roles (grants and a fee) is none of them; a table of places, not bodies (`Blekinge
    # län 101 392 320 kr`), takes it from the sentence that introduces it, as a list does (`Så här mycket
    # får respektive län:`)
    column_roles: dict[tuple, Counter[str]] = {}
    for a in amounts:
        if a.extra.get("table") is not None and not a.extra.get("role_from_column") and not a.is_total:
            column_roles.setdefault((a.extra["table"], a.extra["column"]), Counter())[a.role] += 1
    for a in amounts:
        if not a.extra.get("role_from_table"):
            continue
        votes = column_roles.get((a.extra["table"], a.extra["column"]))
        if a.is_total and votes and len(votes) > 1:
            a.role = "other"
        elif not a.extra.get("role_from_column"):
            continue
        elif votes:
            a.role = votes.most_common(1)[0][0]
        else:
            key = ("table", a.extra["table"])
            if key not in table_roles:
                first = index.index_at(a.extra["table"])
                table_roles[key] = _list_role(text, index, first - 1, cues) if first else None
            a.role = table_roles[key] or a.role
    # the two numbers of "15 + 6 miljarder" share the second one's reading
    for prev, cur in zip(amounts, amounts[1:]):
        if prev.end <= cur.start and _rx(r"\s*\+\s*").fullmatch(text[prev.end : cur.start]):
            prev.role, prev.is_total = cur.role, cur.is_total

    # 2. bodies and facts
    home = _home_body(bodies)
    amounts_by_seg: dict[int, list[AmountMention]] = {}
    for a in amounts:
        if a.extra.get("segment") is not None:
            amounts_by_seg.setdefault(a.extra["segment"], []).append(a)
    pairs_of = lru_cache(maxsize=None)(lambda i: _pairs(text, bodies_by_seg.get(i, []), amounts_by_seg.get(i, [])))
    receivers_of = lru_cache(maxsize=None)(
        lambda i: [b for b in bodies_by_seg.get(i, []) if not role_rules.gives(text, b.start, b.end, b.body.body_type)]
    )
    last_applicant: tuple[int, Body] | None = None
    body_iter = sorted(bodies, key=lambda b: b.start)
    bi = 0
    for a in amounts:
        while bi < len(body_iter) and body_iter[bi].start < a.start:
            if body_iter[bi].body.body_type in APPLICANT_TYPES:
                last_applicant = (index.index_at(body_iter[bi].start) or 0, body_iter[bi].body)
            bi += 1
        i = a.extra["segment"]
        seg = segs[i] if i is not None else None
        in_seg = bodies_by_seg.get(i, []) if i is not None else []
        progs = progs_by_seg.get(i, []) if i is not None else []
        body: Body | None = None
        how: str | None = None
        if a.extra.get("row_body") is not None:
            body, how = a.extra["row_body"], "table_row"  # the row's label names the body
        elif a.extra.get("recipient_at") is not None and a.role == "granted":
            body, how = body_starting[a.extra["recipient_at"]].body, "sentence"  # `avsätts till SKR`
        elif a.extra.get("row_label"):
            body, how = None, None  # a row without a body (`Summa kommuner`) is no one's fact
        elif a.role == "budget" and a.extra.get("carried_role"):
            body, how = None, None  # a budget carried over from another sum (`varav …`): its decider is that sum's
        elif a.role == "budget":
            body, how = _assigner(text, seg, in_seg) if seg is not None else (None, None)
            if body is None:
                body, how = _funder(in_seg, progs, funder_lookup)
            if body is None and seg is not None and _OWN_BUDGET.search(text, seg.start, seg.end):
                # `Region Kalmar län fördelade kulturbudgeten på drygt 85 miljoner`: the municipality or
                # region named before its own budget
                before = {b.body.body_id: b.body for b in in_seg if b.body.body_type in HOME_TYPES and b.end <= a.start}
                if len(before) == 1:
                    body, how = next(iter(before.values())), "home_budget"
            if (
                body is None
                and not a.extra.get("carried_role")
                and not (seg and _GENERIC_DECIDER.search(text, seg.start, seg.end))
            ):
                body, how = _budget_context(index, i, bodies_by_seg, progs_by_seg, text, funder_lookup, cues)
        else:
            # the bodies that give (`från Formas`, `Vetenskapsrådet har beviljat`) do not receive
            receivers = receivers_of(i) if i is not None else []
            applicants = {b.body.body_id: b.body for b in receivers if b.body.body_type in APPLICANT_TYPES}
            others = {
                b.body.body_id: b.body
                for b in receivers
                if b.body.body_type in OTHER_RECIPIENT_TYPES
                and not _genitive(b)  # `Boverkets kostnader`
                and (b.end <= a.start or _TO_BEFORE.search(text, max(0, b.start - 8), b.start))  # … `till KTH`
            }
            if seg is not None and seg.is_list_item and in_seg:
                first = min(in_seg, key=lambda b: b.start)
                if first.body.body_type in APPLICANT_TYPES:
                    body, how = first.body, "list_line"
            elif seg is not None and i is not None and seg.is_list_item and not in_seg:
                # a decision's fields, one a line: `Sökande: Malmö stad` … `Beviljat belopp: 2 400 000 kronor`
                labelled = _labelled_recipient(text, index, i, bodies_by_seg)
                if labelled is not None:
                    body, how = labelled, "key_value"
            elif len(applicants) == 1:
                body, how = next(iter(applicants.values())), "sentence"
            elif len(applicants) > 1 and i is not None and a.start in pairs_of(i):
                body, how = pairs_of(i)[a.start], "sentence_pairs"
            elif len(applicants) > 1 and (lead := _lead_applicant(text, in_seg, a.start)) is not None:
                body, how = lead, "sentence"
            elif not applicants and len(others) == 1 and a.role in ("applied", "granted") and not a.is_total:
                # `Forskare vid Lunds universitet får 12 miljoner kronor från Formas`: an agency, a university
                # or an organisation receives when it is the one body left that does not give
                body, how = next(iter(others.values())), "sentence"
            elif (
                not applicants
                and home is not None
                and a.role in ("applied", "granted")
                and not a.is_total
                and seg is not None
                and _organ_acts(text, seg.start, a.start)
            ):
                body, how = home, "home_organ"  # `Kommunstyrelsen beslutar att ansöka om …` in Ljusdal's memo
            elif (
                not applicants
                and a.role in ("applied", "granted")
                and not a.is_total
                and seg is not None
                and role_rules.grammar().pronoun.search(text, seg.start, seg.end)
                and last_applicant
                and i is not None
                and i - last_applicant[0] <= 12
            ):
                body, how = last_applicant[1], "pronoun"
        if (
            body is None
            and home is not None
            and a.role in ("budget", "other")
            and not in_seg
            and not a.extra.get("row_label")
            and not (seg and _GENERIC_DECIDER.search(text, seg.start, seg.end))
        ):
            # a municipality's or region's own document (its annual report, its board's memo, its press
            # release): a budget or a result that names no one else is the organisation's own
            own_budget = a.role == "budget" and seg is not None and _OWN_BUDGET.search(text, seg.start, seg.end)
            if a.role == "other" or own_budget:
                body, how = home, ("home_budget" if own_budget else None)
        if body is not None and a.role != "budget":
            a.is_total = False
        a.body_id = body.body_id if body else None
        if body is None or how is None or a.role not in ("applied", "granted", "budget"):
            continue
        if a.is_total and a.role != "budget":
            continue
        programme = progs[0].programme if progs else doc_programme
        funder = None
        for p in progs or [pp for pp in programmes if pp.programme == programme]:
            fb = funder_lookup(p.funder_name) if p.funder_name else None
            if fb:
                funder = fb.body_id
                break
        if funder is None:
            funders = [
                b.body for b in in_seg if b.body.body_type in FUNDER_PREFERENCE and b.body.body_id != body.body_id
            ]
            if funders:
                funder = min(funders, key=lambda f: FUNDER_PREFERENCE[f.body_type]).body_id
        if a.role == "budget":
            funder = body.body_id
        period = None
        ds = dates_by_seg.get(i, []) if i is not None else []
        if a.extra.get("column_year"):
            y = a.extra["column_year"]  # a column of a year (`Kommunen 2017`)
            period = (date(y, 1, 1), date(y, 12, 31))
        elif ds and not a.extra.get("row_label"):
            period = (min(d.date_start for d in ds), max(d.date_end for d in ds))
        if a.extra.get("row_label"):
            evidence = _row_evidence(text, a)
        else:
            evidence = index.text_of(seg) if seg else text[max(0, a.start - 100) : a.end + 100]
        if a.extra.get("carried_role") and how not in ("sentence", "list_line", "sentence_pairs"):
            continue  # a role carried over from the sentence before: only a body this sentence names makes a fact
        confidence = confidence_of(how, a.role)
        if confidence < MIN_CONFIDENCE:
            continue  # a way of linking that is wrong far more often than right publishes no fact
        facts.append(Fact(a, body, a.role, how, programme, funder, period, evidence, confidence))

    return Linked(facts, reconcile(text, index, amounts), amounts)


CARRY_SEGMENTS = 2  # how many sentences back a cue-less sum looks for the role of the money it goes on about
HOME_WINDOW = 400  # the title and the first lines: where a document names whose it is
HOME_TYPES = ("kommun", "region")


_HOME_NAME = re.compile(r"(?i)" + "|".join(map(re.escape, lang.roles()["home_name_words"])))
_OWN_BUDGET = re.compile(
    r"(?i)\p{L}*(?:" + "|".join(map(re.escape, lang.roles()["own_budget_endings"])) + r")(?![\p{L}])"
)


_ORGAN = re.compile(
    r"(?i)(?<![\p{L}])(?:"
    + alternation(lang.roles()["home_organs"])
    + r"|\p{L}*(?:"
    + alternation(lang.roles()["home_organ_endings"])
    + r"))(?![\p{L}])"
)


def _organ_acts(text: str, start: int, end: int) -> bool:
    """An organ of the document's own organisation named in [start, end) that does not give the money."""
    return any(not role_rules.gives(text, m.start(), m.end(), "organ") for m in _ORGAN.finditer(text, start, end))


def _home_body(bodies: list[BodyMention]) -> Body | None:
    """The municipality or region whose document this is: the only one its opening names as an organisation
    (`Kalmar kommuns årsredovisning`, `Region Halland`), not as a place (`sjukhuset i Enköping`)."""
    named = {
        b.body.body_id: b.body
        for b in bodies
        if b.start < HOME_WINDOW and b.body.body_type in HOME_TYPES and _HOME_NAME.search(b.text)
    }
    return next(iter(named.values())) if len(named) == 1 else None


_CO_APPLICANT = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(lang.roles()["co_applicant_words"]) + r")(?![\p{L}])")


_RECIPIENT_LABEL = re.compile(r"(?i)[ \t]*(?:" + alternation(lang.roles()["recipient_labels"]) + r")[ \t]*(?::|\s\|)")
KEY_VALUE_LINES = 6  # how many lines above a sum its record's recipient line may stand


def _labelled_recipient(text: str, index: SegmentIndex, i: int, bodies_by_seg: dict) -> Body | None:
    """The body of the nearest line above, in the same record (no blank line between), that a recipient label
    opens (`Sökande:`, `Projektägare:`, `Stödmottagare:`)."""
    segs = index.segments
    for j in range(i - 1, max(-1, i - 1 - KEY_VALUE_LINES), -1):
        if segs[j].paragraph != segs[i].paragraph or not segs[j].is_list_item:
            return None
        if _RECIPIENT_LABEL.match(text, segs[j].start) and bodies_by_seg.get(j):
            return min(bodies_by_seg[j], key=lambda b: b.start).body
    return None


def _lead_applicant(text: str, in_seg: list[BodyMention], before: int) -> Body | None:
    """`Lidingö stad och medsökande Stockholms stad beviljas …`: the body named before `medsökande`."""
    named = sorted(
        (b for b in in_seg if b.body.body_type in APPLICANT_TYPES and b.end <= before), key=lambda b: b.start
    )
    if len(named) < 2:
        return None
    first, second = named[0], named[1]
    return first.body if _CO_APPLICANT.search(text, first.end, second.start) else None


def _pairs(text: str, in_seg: list[BodyMention], amounts: list[AmountMention]) -> dict[int, Body]:
    """`Region Kronoberg får 12,5 miljoner och Region Halland drygt 9 miljoner`: a sentence that names each body
    just before its amount, each amount just before `till` its body, or all bodies and then their amounts
    `respektive`, pairs them in order. Only when every
    amount in the sentence has its own body that way; otherwise no pairs (amount start → body)."""
    money = sorted((a for a in amounts if a.role in ("applied", "granted") and not a.is_total), key=lambda a: a.start)
    named = sorted((b for b in in_seg if b.body.body_type in APPLICANT_TYPES), key=lambda b: b.start)
    if len(money) < 2 or len(money) != len(named):
        return {}
    if all(b.end <= a.start for b, a in zip(named, money)) and all(
        a.start >= b.end and (k + 1 == len(named) or a.end <= named[k + 1].start)
        for k, (b, a) in enumerate(zip(named, money))
    ):
        return {a.start: b.body for b, a in zip(named, money)}
    if named[-1].end <= money[0].start and _RESPECTIVELY.search(text, money[-2].end, money[-1].start):
        return {a.start: b.body for b, a in zip(named, money)}  # `X och Y får 12 respektive 9 miljoner`
    if all(
        a.end <= b.start and _PAIR_TO.fullmatch(text, a.end, b.start) and (k == 0 or named[k - 1].end <= a.start)
        for k, (b, a) in enumerate(zip(named, money))
    ):
        return {a.start: b.body for b, a in zip(named, money)}
    return {}


def _row_body(ordered: list[BodyMention], starts: list[int], row: tuple[int, int]) -> Body | None:
    """The body a table row's label names: the last one in it (`Blekinge län Karlshamn` is Karlshamn,
    `Disponeras av Länsstyrelsen i Uppsala län` the county board)."""
    k = bisect_left(starts, row[0])
    inside = list(takewhile(lambda b: b.end <= row[1], ordered[k:]))
    return inside[-1].body if inside else None


def _row_evidence(text: str, a: AmountMention) -> str:
    """A table row as evidence: its caption, its column's header and the row itself."""
    row = text[a.extra["row_label"][0] : a.end]
    header = a.extra.get("column_header")
    return f"{row} ({header})" if header else row


@lru_cache(maxsize=1)
def _calibrated() -> dict[tuple[str, str], float]:
    return {(row["how"], row["role"]): float(row["confidence"]) for row in lang.confidence()}


def confidence_of(how: str, role: str) -> float:
    """The share of facts linked this way, in this role, that were right on the documents with gold
    (extractors/data/confidence.csv, from benchmarks/calibrate.py); the path's prior where none were seen."""
    return _calibrated().get((how, role), CONFIDENCE[how])


def _list_role(text: str, index: SegmentIndex, j: int, cues: Callable) -> str | None:
    """The role set by the sentence or heading that introduces a list, looking back from segment j."""
    looked = 0
    while j >= 0 and looked < 4:
        seg = index.segments[j]
        if seg.is_list_item:
            j -= 1
            continue
        role, _ = role_rules.classify(text, seg.end, seg.end, seg.start, seg.end, cues(seg.start, seg.end))
        heading = role_rules.heading_role(text[seg.start : seg.end])
        if heading or role in ("applied", "granted", "budget"):
            return heading if heading and (role is None or role == "other" or looked == 0 and heading) else role
        looked += 1
        j -= 1
    return None


def _assigner(text: str, seg: Segment, in_seg: list[BodyMention]) -> tuple[Body | None, str | None]:
    """The body that gives another an assignment about the sum (`Regeringen ger Socialstyrelsen i uppdrag att
    betala ut 423 miljoner kronor`): the last body named before the verb."""
    m = _ASSIGNMENT.search(text, seg.start, seg.end)
    if m is None:
        return None, None
    before = [b for b in in_seg if b.end <= m.start()]
    return (before[-1].body, "budget_sentence") if before else (None, None)


def _funder(
    in_seg: list[BodyMention], progs: list[ProgrammeMention], funder_lookup: FunderLookup
) -> tuple[Body | None, str | None]:
    named = [b for b in in_seg if b.body.body_type in FUNDER_PREFERENCE]
    # a body the sentence names as its subject decides (`beslutade regeringen att förstärka …`); one in the
    # genitive does not (`regeringens intention att kommunakuten skulle fördela …`): there the programme's
    # funder does, and the genitive only where nothing else is named
    candidates = [b.body for b in named if not _genitive(b)]
    if not candidates:
        for p in progs:
            fb = funder_lookup(p.funder_name) if p.funder_name else None
            if fb:
                candidates.append(fb)
    if not candidates:
        candidates = [b.body for b in named]
    if not candidates:
        return None, None
    best = min(candidates, key=lambda b: FUNDER_PREFERENCE[b.body_type])
    how = "budget_sentence" if any(b.body is best for b in in_seg) else "programme_funder"
    return best, how


def _genitive(b: BodyMention) -> bool:
    """`regeringens`, `Socialstyrelsens`: the name with an -s its official form does not have."""
    return b.text.endswith("s") and not b.body.name.endswith("s") and b.text.lower() != b.body.name.lower()


def _budget_context(
    index: SegmentIndex,
    i: int,
    bodies_by_seg: dict,
    progs_by_seg: dict,
    text: str,
    funder_lookup: FunderLookup,
    cues: Callable,
    reach: int = 8,
) -> tuple[Body | None, str | None]:
    """A budget sentence without a decider: the decider named in a recent distributing sentence."""
    if i is None:
        return None, None
    para = index.segments[i].paragraph
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        seg = index.segments[j]
        if para - seg.paragraph > 4:
            break
        role = None
        for c in cues(seg.start, seg.end):
            if c.role in ("budget", "granted"):
                role = c.role
        if role is None:
            continue
        body, _ = _funder(bodies_by_seg.get(j, []), progs_by_seg.get(j, []), funder_lookup)
        if body is not None:
            return body, "budget_context"
    return None, None


def reconcile(text: str, index: SegmentIndex, amounts: list[AmountMention]) -> list[Check]:
    """A stated total followed by a list of its parts: do they add up?"""
    checks = []
    segs = index.segments
    seg_of = [a.extra.get("segment") for a in amounts]
    for k, total in enumerate(amounts):
        if not total.is_total:
            continue
        ti = seg_of[k]
        if ti is None or segs[ti].is_list_item:
            continue
        # the list that follows (list lines with a body, same role), before the next prose total
        parts: list[AmountMention] = []
        last_part_seg = None
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
