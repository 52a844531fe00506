"""Small readings of a sentence that several deciders share: who assigns, who funds, who leads, who pairs.

They take text and mentions, not a decider's context, so each can be tested
on its own and a decider stays a few lines that say when it applies.
"""

from __future__ import annotations

from collections.abc import Callable

import regex as re

from extractors import lang
from extractors import roles as role_rules
from extractors.amounts import AmountMention
from extractors.bodies import BodyMention
from extractors.cue_scan import Prefilter, literals
from extractors.lang import Body
from extractors.lexicon import alternation, within_words
from extractors.programmes import ProgrammeMention
from extractors.sentences import Segment, SegmentIndex

FunderLookup = Callable[[str], Body | None]  # a name → the body it names

APPLICANT_TYPES = {"kommun", "region", "lansstyrelse", "kommunalforbund"}
HOME_TYPES = ("kommun", "region")
FUNDER_PREFERENCE = {
    "delegation": 0,
    "myndighet": 1,
    "lansstyrelse": 2,
    "regering": 3,
    "riksdag": 4,
    "eu": 5,
    "organisation": 6,
}
HOME_WINDOW = 400  # the title and the first lines: where a document names whose it is
KEY_VALUE_LINES = 6  # how many lines above a sum its record's recipient line may stand

_ROLES = lang.roles()
# `<regeringen> ger <myndighet> i uppdrag att …`, `uppdrar åt <myndighet> att …`: the one who gives the
# assignment decides the sum
_ASSIGNMENT = re.compile(
    r"(?i)(?<![\p{L}])(?:"
    + alternation(_ROLES["assignment_verbs"])
    + r")\s+[^.;:]{1,80}?\s+(?:"
    + alternation(_ROLES["assignment_objects"])
    + r")(?![\p{L}])|(?<![\p{L}])(?:"
    + alternation(_ROLES["assignment_prepositional_verbs"], space=role_rules.adverb_space())
    + r")\s+[^.;:]{1,80}?\s+att(?![\p{L}])"
)
_DIVIDED_INTRO = re.compile(
    r"(?i)(?<![\p{L}])(?:" + alternation(_ROLES["divided_list"]["intro_words"], space=r"\s+") + r")(?![\p{L}])"
)
_LINE_MARKER = re.compile(r"[\s\d.)•·\-–*]*\Z")
# between an amount and the body it goes to: `12 miljoner kronor till Region Kronoberg`
_PAIR_TO = re.compile(r"\s+(?:" + alternation(_ROLES["pair_to"]) + r")\s+")
_RESPECTIVELY = re.compile(r"(?<![\p{L}])(?:" + alternation(_ROLES["respectively"]) + r")(?![\p{L}])")
_GENERIC_DECIDER = re.compile(
    r"(?i)(?<![\p{L}])(?:" + "|".join(map(re.escape, _ROLES["generic_deciders"])) + r")(?![\p{L}])"
)
_HOME_NAME = re.compile(r"(?i)" + "|".join(map(re.escape, _ROLES["home_name_words"])))
_ORGAN = re.compile(
    r"(?i)(?<![\p{L}])(?:"
    + alternation(_ROLES["home_organs"])
    + r"|\p{L}*(?:"
    + alternation(_ROLES["home_organ_endings"])
    + r"))(?![\p{L}])"
)
# `<organ> beslutar att <Namn> beviljas`: a decision that grants to someone named by a capitalised name
NAMED_OTHER_REACH = 80  # how many characters the grantee's name may run between `att` and the passive verb
_ORGAN_GRANTS_NAMED = re.compile(
    r"(?i)(?<![\p{L}])(?:"
    + alternation(_ROLES["organ_decides_that"])
    + r")\s+(?P<name>(?-i:\p{Lu})[^.;\n]{0,"
    + str(NAMED_OTHER_REACH)
    + r"}?)\s(?:"
    + alternation(_ROLES["named_other_passive_grants"])
    + r")(?![\p{L}])"
)
_CO_APPLICANT = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(_ROLES["co_applicant_words"]) + r")(?![\p{L}])")
_RECIPIENT_LABEL = re.compile(r"(?i)[ \t]*(?:" + alternation(_ROLES["recipient_labels"]) + r")[ \t]*(?::|\s\|)")


def names_generic_decider(text: str, start: int, end: int) -> bool:
    """`kommunerna beslutar`, `varje region`: a decider that is no one body in particular."""
    return bool(_GENERIC_DECIDER.search(text, start, end))


def organ_acts(text: str, start: int, end: int) -> bool:
    """An organ of the document's own organisation named in [start, end) that does not give the money."""
    return any(not role_rules.gives(text, m.start(), m.end(), "organ") for m in _ORGAN.finditer(text, start, end))


def organ_named(text: str, start: int, end: int) -> bool:
    """An organ of a municipality or region (`regionstyrelsen`, `kultur- och fritidsnämnden`) named in [start, end),
    or a proposal said without one (`Det föreslås att avsätta N`): in the organisation's own paper, its organ's."""
    if _ORGAN.search(text, start, end) is not None:
        return True
    return _HOME_PROPOSAL.search(text, start, end) is not None and _QUOTED_PROPOSAL.search(text, start, end) is None


_HOME_PROPOSAL = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(_ROLES["home_proposals"]) + r")(?![\p{L}])")
# a word of someone else's proposal (a bill, the state) at the start of a word, with or without an ending
_QUOTED_PROPOSAL = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(_ROLES["home_proposal_quoting"]) + r")")


_OWN_COSTS_AFTER = re.compile(
    r"(?i)[ \t]+(?:\p{L}+[ \t]+)?\p{L}*(?:" + alternation(_ROLES["own_cost_endings"]) + r")(?![\p{L}])"
)


def costs_of(text: str, in_seg: list[BodyMention]) -> Body | None:
    """The one body named in the genitive right before its own costs (`Kammarkollegiets kostnader för …`)."""
    owners = {b.body.body_id: b.body for b in in_seg if genitive(b) and _OWN_COSTS_AFTER.match(text, b.end)}
    return next(iter(owners.values())) if len(owners) == 1 else None


def grants_to_named_other(text: str, start: int, end: int) -> bool:
    """`Nämnden beslutar att Vasa Kraft AB beviljas N`: the organ grants the sum to someone it names, so the
    sum is not its own body's (the grantee may be no public body at all)."""
    return bool(_ORGAN_GRANTS_NAMED.search(text, start, end))


_ORGAN_REFUSES = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(_ROLES["organ_refuses"]) + r")(?![\p{L}])")


def refuses_an_application(text: str, start: int, end: int) -> bool:
    """`Nämnden beslutar att avslå ansökan från <förening> om N`: the organ decides on an application made to
    its body, so the applicant is someone else."""
    return bool(_ORGAN_REFUSES.search(text, start, end))


def named_grantee(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where `… beslutar att <Namn> beviljas` names its grantee in [start, end): the name's span."""
    m = _ORGAN_GRANTS_NAMED.search(text, start, end)
    return m.span("name") if m else None


def home_body(bodies: list[BodyMention]) -> Body | None:
    """The municipality or region whose document this is: the only one its opening names as an organisation
    (`Kalmar kommuns årsredovisning`, `Region Halland`), not as a place (`sjukhuset i Enköping`)."""
    named = {
        b.body.body_id: b.body
        for b in bodies
        if b.start < HOME_WINDOW and b.body.body_type in HOME_TYPES and _HOME_NAME.search(b.text)
    }
    return next(iter(named.values())) if len(named) == 1 else None


def labelled_recipient(text: str, index: SegmentIndex, i: int, bodies_by_seg: dict) -> Body | None:
    """The body of the nearest line above, in the same record (no blank line between), that a recipient label
    opens (`Sökande:`, `Projektägare:`, `Stödmottagare:`)."""
    segs = index.segments
    for j in range(i - 1, max(-1, i - 1 - KEY_VALUE_LINES), -1):
        if segs[j].paragraph != segs[i].paragraph or not segs[j].is_list_item:
            return None
        if _RECIPIENT_LABEL.match(text, segs[j].start) and bodies_by_seg.get(j):
            return min(bodies_by_seg[j], key=lambda b: b.start).body
    return None


def lead_applicant(text: str, in_seg: list[BodyMention], before: int) -> Body | None:
    """`<kommun A> och medsökande <kommun B> beviljas …`: the body named before `medsökande`."""
    named = sorted(
        (b for b in in_seg if b.body.body_type in APPLICANT_TYPES and b.end <= before), key=lambda b: b.start
    )
    if len(named) < 2:
        return None
    first, second = named[0], named[1]
    return first.body if _CO_APPLICANT.search(text, first.end, second.start) else None


def pairs(text: str, in_seg: list[BodyMention], amounts: list[AmountMention]) -> dict[int, Body]:
    """`Region Kronoberg får 12,5 miljoner och Region Halland drygt 9 miljoner`: a sentence that names each body
    just before its amount, each amount just before `till` its body, or all bodies and then their amounts
    `respektive`, pairs them in order. Only when every amount in the sentence has its own body that way;
    otherwise no pairs (amount start → body)."""
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


def assigner(text: str, seg: Segment, in_seg: list[BodyMention]) -> Body | None:
    """The body that gives another an assignment about the sum (`<regeringen> ger <myndighet> i uppdrag att
    <task> N`, `uppdrar åt <myndighet> att <task> N`): the last body named before the verb."""
    m = _ASSIGNMENT.search(text, seg.start, seg.end)
    if m is None:
        return None
    before = [b for b in in_seg if b.end <= m.start()]
    return before[-1].body if before else None


def funder(
    in_seg: list[BodyMention], progs: list[ProgrammeMention], funder_lookup: FunderLookup
) -> tuple[Body | None, bool]:
    """The body that decides a sum, and whether the sentence names it (False: its programme's usual funder).

    A body the sentence names as its subject decides (`beslutade regeringen att förstärka …`); one in the
    genitive does not (`regeringens <substantiv> att <program> skulle fördela …`): there the programme's
    funder does, and the genitive only where nothing else is named."""
    named = [b for b in in_seg if b.body.body_type in FUNDER_PREFERENCE]
    candidates = [b.body for b in named if not genitive(b)]
    if not candidates:
        for p in progs:
            fb = funder_lookup(p.funder_name) if p.funder_name else None
            if fb:
                candidates.append(fb)
    if not candidates:
        candidates = [b.body for b in named]
    if not candidates:
        return None, False
    best = min(candidates, key=lambda b: FUNDER_PREFERENCE[b.body_type])
    return best, any(b.body is best for b in in_seg)


def genitive(b: BodyMention) -> bool:
    """`regeringens`, `Socialstyrelsens`: the name with an -s its official form does not have."""
    return b.text.endswith("s") and not b.body.name.endswith("s") and b.text.lower() != b.body.name.lower()


_GIVER = lang.linking()["giver"]
_GIVING_VERB = within_words(
    _GIVER["verb_gap"],
    # not a participle the subject got (`<kommun> fick beviljat N`): then it receives
    r"(?<!(?<![\p{L}])"
    + alternation(_ROLES["giver"]["received_before"])
    + r"\s+)"
    + alternation(_ROLES["giver"]["giving_verbs"])
    + r"|att\s+(?:"
    + alternation(_ROLES["giver"]["giving_infinitives"])
    + r")(?!\s+(?-i:\p{Lu}))",
)
_GIVES_AFTER = re.compile(_GIVING_VERB, re.IGNORECASE)
_ORGAN_AFTER_GENITIVE = re.compile(
    r"(?:\s+\p{L}+){0,"
    + str(int(_GIVER["organ_gap"]) - 1)
    + r"}?\s+\p{L}*(?:"
    + alternation(_GIVER["organ_endings"])
    + r")(?![\p{L}])",
    re.IGNORECASE,
)
CLAUSE_BOUNDARY = re.compile(r"[,;:()]|\s[-–]\s")  # the end of a clause
_BOUNDARY = CLAUSE_BOUNDARY
# a giving verb right before a body, after words that open the clause (`Den 4 maj beviljade `)
_VERB_FIRST = re.compile(r"(?i)\S\s+(?:" + alternation(_ROLES["giver"]["giving_verbs"]) + r")\s+\Z")
# one word at the head of a clause that is an organisation's definite noun: the subject, not an adverbial
_SUBJECT_OPENER = re.compile(
    r"(?i)\A[\s\p{P}]*[\p{L}-]*(?:" + alternation(_ROLES["giver"]["subject_endings"]) + r")\s+\S+\s+\Z"
)


# every `_VERB_FIRST` ends in one of its verbs and white space (its phrases have one space between words)
_VERB_LAST = Prefilter(literals(_ROLES["giver"]["giving_verbs"], space=r"\ ") + r"\s+\Z")


def _verb_second(text: str, seg_start: int, body_start: int) -> bool:
    """A giving verb right before the clause's first body with something else opening the clause (`I dag
    beviljade <region> …`): the body is the subject set after the verb. Not where the opener is one word that
    names an organisation the body list does not know (`Arvsfonden ger <kommun> N`): that is the subject, and
    the body after the verb receives."""
    if not _VERB_LAST.may_match(text, seg_start, body_start) or not _VERB_FIRST.search(text, seg_start, body_start):
        return False
    return _SUBJECT_OPENER.match(text[seg_start:body_start]) is None


def verb_second(text: str, seg_start: int, body_start: int) -> bool:
    """`_verb_second`: it reads the sentence up to its first body, the same for every sum after that body."""
    return _verb_second(text, seg_start, body_start)


def giver_before(
    text: str,
    in_seg: list[BodyMention],
    before: int,
    seg_start: int,
    second: Callable[[int, int], bool] | None = None,
) -> Body | None:
    """The body (or its organ, `Region Norrbottens kulturnämnd`) named as the subject of a giving verb
    (`har beviljat`, `betalade ut`, `delar ut`) before `before`, in the same clause: the last such. Also the
    subject after the verb where something else opens the clause (`I dag beviljade Region Norrbottens
    kulturnämnd …`: the verb second, its subject third), when no body stands before the verb. `second`:
    `verb_second` of the text, as the caller keeps it for the sentence (read here where none is given)."""
    found = None
    for k, b in enumerate(in_seg):
        if b.end > before:
            break
        end = b.end
        inverted = k == 0 and (second(seg_start, b.start) if second else _verb_second(text, seg_start, b.start))
        if genitive(b):
            organ = _ORGAN_AFTER_GENITIVE.match(text, end, before)
            if organ is None:
                continue  # `Boverkets pengar delas ut`: a genitive is no subject
            end = organ.end()
        verb = _GIVES_AFTER.match(text, end, before)
        if (verb is not None or inverted) and not _BOUNDARY.search(text, b.end, before):
            found = b.body
    return found


def organ_gives_before(text: str, start: int, before: int) -> bool:
    """An organ of the document's own body as the subject of a giving verb (`Kommunstyrelsen beviljade …`)."""
    for m in _ORGAN.finditer(text, start, before):
        verb = _GIVES_AFTER.match(text, m.end(), before)
        if verb is not None and not _BOUNDARY.search(text, m.end(), before):
            return True
    return False


_PLURAL_RECIPIENTS = re.compile(
    r"(?i)\s+(?:"
    + alternation(_ROLES["recipient"]["to"])
    + r")\s+(?:(?:"
    + alternation(_ROLES["plural_determiners"])
    + r")\s+)?(?:"
    + alternation(_ROLES["plural_bodies"])
    + r")(?![\p{L}])"
)


def plural_recipients_after(text: str, start: int, end: int) -> bool:
    """`… till kommuner och regioner`, `… till landets kommuner` in the clause after an amount."""
    stop = _BOUNDARY.search(text, start, end)
    return any(True for _ in _PLURAL_RECIPIENTS.finditer(text, start, stop.start() if stop else end))


_PROGRAMME_ACTS = re.compile(within_words(_GIVER["verb_gap"], alternation(_GIVER["programme_acts"])), re.IGNORECASE)


def programme_acts(text: str, progs: list[ProgrammeMention], before: int, funder_lookup: FunderLookup) -> Body | None:
    """The body that runs a programme named as the subject of a distributing verb before `before`
    (`<program> skulle fördela N`): the programme's name stands for its body there."""
    for p in progs:
        if p.end <= before and p.funder_name and _PROGRAMME_ACTS.match(text, p.end, before):
            body = funder_lookup(p.funder_name)
            if body is not None:
                return body
    return None


def gives_after(text: str, start: int, end: int) -> bool:
    """A giving verb right after `start` (`Boverket delar ut`, `… har beviljat`): the body before it gives."""
    return _GIVES_AFTER.match(text, start, end) is not None


_ORGAN_IN = re.compile(r"(?i)\s+i\s+\Z")


def organ_of(text: str, b: BodyMention) -> bool:
    """The body is named as the owner of an organ: `kommunstyrelsen i Hylte kommun`, `Hylte kommuns kulturnämnd`."""
    if genitive(b) and _ORGAN_AFTER_GENITIVE.match(text, b.end):
        return True
    k = b.start
    m = _ORGAN_IN.search(text, max(0, k - 4), k)
    if m is None:
        return False
    organ_end = m.start()
    return any(o.end() == organ_end for o in _ORGAN.finditer(text, max(0, organ_end - 40), organ_end))


_SHARE = lang.linking()["share"]
_SHARE_BEFORE = re.compile(r"(?i)(?<![\p{L}])(?:" + alternation(_SHARE["before"]) + r")\s+\Z")
_SHARE_AFTER = re.compile(
    r"(?i)(?:\s+(?:"
    + alternation(_SHARE["part_words"])
    + r"))?\s*,?\s+(?:"
    + alternation(_SHARE["verbs"])
    + r")(?![\p{L}])"
)


def share_of(text: str, in_seg: list[BodyMention], before: int) -> Body | None:
    """`För Hylte kommun innebär det 3 miljoner kronor`, `för Laholms kommuns del blir det …`: the body whose
    share the sum after the verb is (the last such before `before`)."""
    found = None
    for b in in_seg:
        if b.end > before:
            break
        if _SHARE_BEFORE.search(text, max(0, b.start - 8), b.start) and _SHARE_AFTER.match(text, b.end, before):
            found = b.body
    return found


_FRONTED = lang.linking()["fronted_to"]
_FRONTED_BEFORE = re.compile(r"(?i)(?:\A|[\n.!?:]\s*|^\s*)(?:" + alternation(_FRONTED["before"]) + r")\s+\Z")
_FRONTED_AFTER = re.compile(r"(?i)\s+(?:" + alternation(_FRONTED["verbs"]) + r")(?![\p{L}])")


def fronted_opening(text: str, seg_start: int, body_start: int) -> bool:
    """A `till` that opens the sentence right before the body at `body_start`: the same for every sum after it."""
    return _FRONTED_BEFORE.search(text[seg_start:body_start]) is not None


def fronted_to(
    text: str,
    in_seg: list[BodyMention],
    seg_start: int,
    before: int,
    opening: Callable[[int, int], bool] | None = None,
) -> Body | None:
    """`Till Hylte kommun går 2 miljoner kronor`: a body after a `till` that opens the sentence, then a verb of
    going, receives the sum after the verb. Not a `till` inside the sentence (`går till …` has its own cue).
    `opening`: `fronted_opening` of the text, as the caller keeps it for each body (read here where none is given)."""
    for b in in_seg:
        if b.end > before:
            break
        opens = opening(seg_start, b.start) if opening else fronted_opening(text, seg_start, b.start)
        if opens and _FRONTED_AFTER.match(text, b.end, before):
            return b.body
    return None


_TO_DISTRIBUTE = lang.linking()["to_distribute"]
_TO_DISTRIBUTE_AFTER = re.compile("(?i)" + within_words(_TO_DISTRIBUTE["gap"], alternation(_TO_DISTRIBUTE["phrases"])))
_FROM_OR_TO_BEFORE = re.compile(
    r"(?i)(?<![\p{L}])(?:" + alternation(_ROLES["recipient"]["to"] + _ROLES["giver"]["from_words"]) + r")\s+\Z"
)


def to_distribute_after(text: str, end: int, seg_end: int) -> bool:
    """`… 50 miljoner kronor att fördela`: the sum is handed on."""
    m = _TO_DISTRIBUTE_AFTER.match(text, end, seg_end)
    return m is not None and not _BOUNDARY.search(text, end, m.end())


def subject_before(text: str, in_seg: list[BodyMention], before: int) -> Body | None:
    """The last body named before `before` that is not the object of `till`, `från`, `av`: the subject."""
    found = None
    for b in in_seg:
        if b.end > before:
            break
        if not _FROM_OR_TO_BEFORE.search(text, max(0, b.start - 8), b.start) and not genitive(b):
            found = b.body
    return found


def divides_among_list(text: str, intro: Segment) -> bool:
    """An introduction of how money is divided, ending with a colon (`Så här fördelas pengarna:`)."""
    said = text[intro.start : intro.end].rstrip()
    return said.endswith(":") and _DIVIDED_INTRO.search(said) is not None


def line_leader(text: str, line: Segment, in_seg: list[BodyMention]) -> Body | None:
    """The body that opens a list line, after its bullet or number (`2. Region Halland 4 mnkr`)."""
    first = min(in_seg, key=lambda b: b.start, default=None)
    if first is None or not _LINE_MARKER.fullmatch(text, line.start, first.start):
        return None
    return first.body
