"""What an amount is: applied for, granted, a budget to distribute, or other.

Swedish puts the cue near the amount (`har ansökt om N`, `<tal> regioner får
dela på N`, `N att fördela`) or in a relative clause right after it (`N
kronorna som <subjekt> har sökt`, `N som nu delas ut`). So: a cue in such a
clause wins; otherwise the nearest cue in the sentence, where crossing a clause boundary
(`,`, `medan`, `men`, `–`) costs distance. A list line with no cue of its own
takes the role of the sentence or heading that introduces the list.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

import regex as re

from extractors import cue_scan, lang, role_frames, role_guards
from extractors import role_patterns as parts
from extractors.lexicon import alternation, phrase_key, whole_words
from extractors.numerals import int_of
from extractors.role_patterns import adverb_space as adverb_space
from extractors.role_prefilters import RELATIVE_GAP, prefilters
from extractors.role_scope import NAMES_SUM, in_other_parenthesis, naming_cue, parenthesis_around
from extractors.scan import Anchors, lowered
from extractors.scan import rx as _rx


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    role: str  # applied | granted | budget | other | neutral (a phrase that only holds its words)


@dataclass(frozen=True)
class RoleGrammar:
    """The compiled role rules, built once from roles.toml (and the number words of money.toml)."""

    cue_role: dict[str, str]  # phrase → applied | granted | budget | other
    cue_rx: re.Pattern
    cue_by_first_word: cue_scan.PatternsByFirstWord  # the part of cue_rx that may match where its first word stands
    cue_anchors: Anchors
    total_rx: re.Pattern
    total_by_first_word: cue_scan.PatternsByFirstWord
    total_anchors: Anchors
    own_money_before: re.Pattern  # `kommunerna avsätter`: a local body's own money
    heading_role: dict[str, str]
    heading_rx: re.Pattern
    boundary: re.Pattern  # what ends a cue's clause
    relative: re.Pattern  # `som` right after an amount
    aggregate: re.Pattern  # a plural subject: `16 regioner`, `kommunerna`
    aggregate_needles: tuple[str, ...]  # every aggregate match holds one: a sentence without any needs no regex
    counted: re.Pattern  # `fem regioner`
    numbers: dict[str, int]  # number words that count bodies
    pronoun: re.Pattern
    granted_after: re.Pattern  # `… kronor till regionerna`
    budget_noun_before: re.Pattern  # `Kulturbudget på `
    total_before_reach: int  # `Totalt N till …`: how far before the sum its total cue may stand
    budget_subject_before: re.Pattern  # `Investeringsbudgeten för 2026 uppgår till `
    grant_subject_before: re.Pattern  # `Stödet till Hylte kommun uppgår till `
    per_capita_granted: frozenset[str]
    separable: re.Pattern | None  # `delar i år ut`: a particle verb with words between
    counted_nouns: frozenset[str]
    counted_before: re.Pattern  # a number right before a cue noun: `58 ansökningar`
    ceiling_infinitives: frozenset[str]
    ceiling_before: re.Pattern  # a modal or `möjlighet att` ending the text before an infinitive cue
    governed_nouns: frozenset[str]  # `anslag`: a noun that takes the role of the verb before it
    governing_breaker: re.Pattern  # `… del av ` ending a verb or the gap after it: a part of the whole, not governed
    giver_before: re.Pattern  # `från `, `av ` ending the text before a body: it gives
    giver_after: re.Pattern  # ` har beviljat` right after a body: it gives
    signature_before: re.Pattern  # ` - ` before a body that ends its line: a page title's site name
    place_types: frozenset[str]  # body types whose bare names are also places
    allocation_verbs: frozenset[str]  # `avsätts`: set aside — for a body, if one follows
    allocation_object: re.Pattern  # what may stand between such a verb and its body (`till`)
    plural_body_at: re.Pattern  # `regionerna` right here
    going_to: frozenset[str]  # `går till`: granted — unless a purpose follows
    distributing_to: frozenset[str]  # `fördelas till`: granted to bodies, else a round's budget
    meant_to_go: frozenset[str]  # `ska gå till`: granted to bodies, else a budget (not in a relative clause)
    distributing_active: frozenset[str]  # `delar ut N till`: granted to a named body, else the cue's budget
    plural_body_in: re.Pattern  # `regionerna`, `kommuner` anywhere (after `till`)
    recipient_reach: int
    purpose_after: re.Pattern  # `en`, `ett`, `att` right after
    governing_reach: int
    adverb_in_key: re.Pattern  # an adverb between the words of a matched cue: dropped to look the cue up
    assignment_task: re.Pattern  # an assignment's frame, `att` and a task of handing money on: a budget
    spread: re.Pattern  # `fördelat över tre år`: money spread over time, no role
    other_compound: re.Pattern  # `driftskostnader`, `hyresintäkter`: a compound cost or income word
    other_compound_words: cue_scan.WordsEndingIn  # its matches, found at the words that hold an ending
    # cheap necessary conditions of the costly patterns above (extractors/role_prefilters.py says why)
    other_compound_pre: cue_scan.Prefilter
    spread_pre: cue_scan.Prefilter
    assignment_task_pre: cue_scan.Prefilter
    separable_pre: cue_scan.Prefilter
    aggregate_pre: cue_scan.Prefilter
    budget_noun_before_pre: cue_scan.Prefilter
    subject_before_pre: cue_scan.Prefilter
    boundary_pre: cue_scan.Prefilter
    sentence_phrases_pre: cue_scan.AnyPrefilter
    relative_pre: cue_scan.Prefilter
    relative_reach: int  # where a relative pronoun right after the sum ends at the latest


@lru_cache(maxsize=1)
def grammar() -> RoleGrammar:
    cfg = lang.roles()
    cue_role: dict[str, str] = {}
    for role in ("neutral", "other", "budget", "granted", "applied"):  # later roles win a tie of the same word
        for w in cfg["cues"][role]:
            cue_role[phrase_key(w)] = role
    heading: dict[str, str] = {}
    for role, words in cfg["headings"].items():
        for w in words:
            heading[phrase_key(w)] = role
    numbers = {
        phrase_key(w): int(v)
        for w, v in lang.money()["number_words"].items()
        if " " not in w.strip() and float(v).is_integer() and v >= 2
    }
    return RoleGrammar(
        **parts.readings_of_what_follows(cfg),
        **parts.plural_subjects(cfg, numbers),
        **prefilters(cfg, parts.separable_verbs(cue_role, cfg["separable_particles"]), numbers),
        cue_role=cue_role,
        **cue_scan.cue_patterns(cue_role, parts.cue_space(cfg["adverb_slot"]), cfg["total_cues"]),
        own_money_before=re.compile(
            r"(?<![\p{L}])" + parts.phrases(cfg["own_money_subjects"]) + r"\s+\Z", re.IGNORECASE
        ),
        heading_role=heading,
        heading_rx=re.compile(whole_words(heading, space=r"\s+"), re.IGNORECASE),
        boundary=re.compile(
            r",\s|;|\s–\s|\s-\s|(?<![\p{L}])" + parts.phrases(cfg["clause_boundaries"]) + r"(?![\p{L}])",
            re.IGNORECASE,
        ),
        relative=re.compile(
            r"[\s\p{L}]{0," + str(RELATIVE_GAP) + r"}?(?<![\p{L}])" + parts.phrases(cfg["relative_pronouns"]) + r"\s+",
            re.IGNORECASE,
        ),
        numbers=numbers,
        pronoun=re.compile("(?i)" + whole_words(cfg["pronoun_subjects"])),
        budget_noun_before=re.compile(
            r"(?i)\p{L}*(?:" + "|".join(map(re.escape, cfg["budget_noun_endings"])) + r")\s+(?:på|om)\s+\Z"
        ),
        per_capita_granted=frozenset(cfg["per_capita_granted"]),
        granted_after=re.compile(r"\s+" + parts.phrases(cfg["granted_after_amount"]) + r"\s+[^\s\d]", re.IGNORECASE),
        separable=parts.separable_pattern(cue_role, cfg["separable_particles"], int(cfg["particle_gap"])),
        counted_nouns=frozenset(phrase_key(w) for w in cfg["counted_cue_nouns"]),
        counted_before=re.compile(r"(?i)(?:\d[\d ]*|" + parts.phrases([w for w in numbers if len(w) > 2]) + r")\s+\Z"),
        governed_nouns=frozenset(phrase_key(w) for w in cfg["governed_nouns"]),
        governing_breaker=re.compile(
            r"(?<![\p{L}])" + parts.phrases(cfg["governing_breakers"]) + r"\s*\Z", re.IGNORECASE
        ),
        giver_before=re.compile(
            r"(?<![\p{L}])(?:" + parts.phrases(cfg["giver"]["from_words"]) + r")\s+\Z", re.IGNORECASE
        ),
        signature_before=re.compile(r"[ \t][-–|][ \t]\Z"),
        place_types=frozenset(cfg["giver"]["place_types"]),
        giver_after=re.compile(parts.giver_after_pattern(cfg), re.IGNORECASE),
        allocation_verbs=frozenset(phrase_key(w) for w in cfg["recipient"]["allocation_verbs"]),
        allocation_object=re.compile(r"\s+(?:(?:" + parts.phrases(cfg["recipient"]["to"]) + r")\s+)?", re.IGNORECASE),
        plural_body_at=re.compile(r"(?:" + parts.phrases(cfg["plural_bodies"]) + r")(?![\p{L}])", re.IGNORECASE),
        going_to=frozenset(phrase_key(w) for w in cfg["recipient"]["going_to"]),
        purpose_after=re.compile(r"\s+(?:" + parts.phrases(cfg["recipient"]["purpose_words"]) + r")\s", re.IGNORECASE),
        governing_reach=int(cfg["governing_reach"]),
        adverb_in_key=re.compile(r"(?<= )(?:" + alternation(cfg["adverb_slot"]) + r") "),
        assignment_task=re.compile(parts.assignment_task_pattern(cfg, parts.cue_space(cfg["adverb_slot"]))),
        spread=re.compile(parts.spread_pattern(cfg["spread"], numbers)),
        ceiling_infinitives=frozenset(phrase_key(w) for w in cfg["ceiling"]["infinitives"]),
        ceiling_before=re.compile(
            r"(?<![\p{L}])"
            + parts.phrases(cfg["ceiling"]["before"])
            + r"(?:\s+[\p{L}\d]+){0,"
            + str(int(cfg["ceiling"]["words_between"]))
            + r"}\s+\Z",
            re.IGNORECASE,
        ),
    )


_WORD_SPLIT_BEFORE = re.compile(r"\p{L}-\Z")


@lru_cache(maxsize=4096)
def cue_key(matched: str) -> str:
    """How a matched cue is looked up: its words, less an adverb that stood between them (`går nu till`)."""
    g = grammar()
    key = phrase_key(matched)
    return key if key in g.cue_role else g.adverb_in_key.sub("", key)


def _found(
    pattern: re.Pattern, pre: cue_scan.Prefilter, text: str, start: int, end: int, maybe: bool = True
) -> list[re.Match]:
    """The pattern's matches in [start, end); none searched for where its prefilter (or `maybe`, the prefilter of
    all the sentence's phrase patterns) finds none."""
    return list(pattern.finditer(text, start, end)) if maybe and pre.may_match(text, start, end) else []


def _phrase_cues(text: str, start: int, end: int, cues: list[Cue], maybe: bool = True) -> list[Cue]:
    """Cues of whole constructions, over the single cues they hold: an assignment to hand money on is a budget
    (`ger <myndighet> i uppdrag att <task>`, `uppdrar åt <myndighet> att (adverb) <task>`); money spread over time
    has no role (`fördelat över tre år`); a compound cost or income word is `other` (`driftskostnader`). `maybe`:
    whether the prefilter of all the sentence's phrase patterns found anything."""
    if not maybe:
        return sorted(cues, key=_START)  # none of the constructions can stand in the sentence
    g = grammar()
    spans = [
        Cue(m.start(), m.end(), "budget") for m in _found(g.assignment_task, g.assignment_task_pre, text, start, end)
    ]
    spans += [Cue(m.start(), m.end(), "neutral") for m in _found(g.spread, g.spread_pre, text, start, end)]
    compounds = [Cue(m.start(), m.end(), "other") for m in g.other_compound_words.matches(text, start, end)]
    cues = sorted(
        cues + [c for c in compounds if not any(x.start <= c.start < x.end for x in cues)], key=lambda c: c.start
    )
    if not spans:
        return cues
    kept = [c for c in cues if not any(s.start <= c.start and c.end <= s.end for s in spans)]
    return sorted(kept + spans, key=lambda c: c.start)


def cues_in(text: str, start: int, end: int) -> list[Cue]:
    g = grammar()
    maybe = g.sentence_phrases_pre.may_match(text, start, end)
    out = []
    for m in cue_scan.bounded_matches(g.cue_rx, g.cue_by_first_word, g.cue_anchors, text, start, end):
        key = cue_key(m.group(0))
        role = g.cue_role.get(key)
        if role is None:
            continue  # an adverb slot matched words that are no cue without it
        if key in g.ceiling_infinitives and g.ceiling_before.search(text, max(start, m.start() - 80), m.start()):
            role = "budget"  # `kan ansöka om`: money on offer
        if key in g.counted_nouns and g.counted_before.search(text, max(start, m.start() - 20), m.start()):
            continue  # `till 58 ansökningar`: a count of applications, not an application
        if not role_guards.cue_stands(key, text, m.end(), end):
            continue  # `ber om besked om N`, `kan få betala N`, `erbjuds att köpa`: not the cue's role
        if text[m.start() - 1 : m.start()] == "-" and _WORD_SPLIT_BEFORE.search(
            text, max(start, m.start() - 2), m.start()
        ):
            continue  # the end of a word a line break split (`upp-går till`): not the cue it spells
        out.append(Cue(m.start(), m.end(), role))
    if g.separable is not None:
        for m in _found(g.separable, g.separable_pre, text, start, end, maybe):
            key = phrase_key(f"{m['verb']} {m['particle']}")
            if not (
                role_guards.separable_reaches(text, m.end("verb"), m.start("particle"))
                and role_guards.cue_stands(key, text, m.end(), end)
            ):
                continue  # `ber <regeringen> att utreda om N`: the verb does not reach the particle
            if key in g.cue_role and not any(c.start <= m.start() < c.end for c in out):
                out.append(Cue(m.start(), m.end(), g.cue_role[key]))
        out.sort(key=lambda c: c.start)
    return _phrase_cues(text, start, end, out, maybe)


# how far from an amount a cue may stand and still give it a role: a cue farther off loses to any
# nearer one, and looking farther would make a sentence without an end (a text of one line) cost
# the square of its length
CUE_REACH = 800


_START = attrgetter("start")


def _near(cues: list[Cue], start: int, end: int, reach: int) -> list[Cue]:
    """The cues (sorted by start) that lie within `reach` characters of [start, end)."""
    lo = bisect.bisect_left(cues, start - reach - 200, key=_START)
    hi = bisect.bisect_left(cues, end + reach, key=_START)
    return [c for c in cues[lo:hi] if c.end > start - reach]


def _gap(a_start: int, a_end: int, cue: Cue) -> int:
    """The characters between the amount and the cue (0 where they overlap)."""
    return a_start - cue.end if cue.end <= a_start else cue.start - a_end if cue.start >= a_end else 0


def _distance(text: str, a_start: int, a_end: int, cue: Cue) -> float:
    if cue.end <= a_start:
        lo, hi = cue.end, a_start
    elif cue.start >= a_end:
        lo, hi = a_end, cue.start
    else:
        return 0
    g = grammar()
    at = g.boundary_pre.first(text, lo, hi)
    # every boundary opens at its prefilter's word or mark, or one white space before it (`\s–\s`): counted from
    # there, the matches are those counted from `lo` (none starts before), without trying each character between
    crossings = len(g.boundary.findall(text, max(lo, at - BOUNDARY_LEAD), hi)) if at >= 0 else 0
    return (hi - lo) + 60 * crossings


BOUNDARY_LEAD = 1  # characters a clause boundary may open before its prefilter's first match (`\s-\s`)


def classify(
    text: str, a_start: int, a_end: int, seg_start: int, seg_end: int, cues: list[Cue] | None = None
) -> tuple[str | None, float]:
    """The role the sentence gives the amount, or None if it gives none; and a distance."""
    role, dist, _ = classify_by_cue(text, a_start, a_end, seg_start, seg_end, cues)
    return role, dist


_LINE_ENDS = re.compile(r"[ \t]*(?:\n|\Z)")


def gives(text: str, start: int, end: int, body_type: str) -> bool:
    """Whether the body named at [start, end) gives the money its sentence speaks of (`från <myndighet>`,
    `<myndighet> har beviljat …`) or signs the page (a title `… får N i bidrag - <myndighet>`) rather than
    receives it. A municipality or region after `från` is where applicants come from (`från <ort> i norr till
    <ort> i söder`), not a giver."""
    g = grammar()
    if g.giver_after.match(text, end):
        return True
    if g.signature_before.search(text, max(0, start - 4), start) and _LINE_ENDS.match(text, end):
        return True
    return body_type not in g.place_types and bool(g.giver_before.search(text, max(0, start - 12), start))


def classify_by_cue(
    text: str, a_start: int, a_end: int, seg_start: int, seg_end: int, cues: list[Cue] | None = None
) -> tuple[str | None, float, Cue | None]:
    """classify(), and the cue that decided (None when no cue did)."""
    g = grammar()
    framed = role_frames.frame_role(text, a_start, a_end, seg_start)  # `N mer än i fjol`, `Av de N går …`
    if framed is not None:
        return framed[0], 0.0, Cue(framed[1], framed[2], framed[0])
    # a relative clause right after the amount: `N kronorna som <subjekt> har sökt`
    near_end = min(seg_end, a_end + g.relative_reach)
    rel = g.relative.match(text, a_end, seg_end) if g.relative_pre.may_match(text, a_end, near_end) else None
    if rel:
        pos = rel.end()
        for _ in range(5):
            m = g.cue_rx.match(text, pos, seg_end)
            said = g.cue_role.get(cue_key(m.group(0)), "neutral") if m else "neutral"
            if m and role_guards.defers_in_relative(cue_key(m.group(0))):
                break  # `N som användes till …`: what was done with it; the main clause says its role
            if m and said != "neutral":
                return said, 0.0, Cue(m.start(), m.end(), said)
            nxt = _rx(r"\p{L}+[ \t]+").match(text, pos, seg_end)
            if not nxt:
                break
            pos = nxt.end()
    if cues is None:
        cues = cues_in(text, seg_start, seg_end)
    cues = [
        c
        for c in _near(cues, a_start, a_end, CUE_REACH)
        if c.role != "neutral" and not in_other_parenthesis(text, c, a_start, seg_start, seg_end, CUE_REACH)
    ]
    inside = parenthesis_around(text, a_start, a_end, seg_start, seg_end, CUE_REACH)
    if inside is not None:
        # an amount in a parenthesis with cues of its own answers to them only (`12,4 mnkr (sökt
        # 30,1 mnkr)`), and so does one in a parenthesis of parts (`(varav 1,75 miljarder till
        # kommunerna)`); a parenthesis that only restates an amount (`(ca 30 mnkr)`) reads the sentence's
        own = [c for c in cues if inside[0] < c.start and c.end <= inside[1]]
        first_word = (
            inside[0] + 1 + len(text[inside[0] + 1 : inside[1]]) - len(text[inside[0] + 1 : inside[1]].lstrip())
        )
        parts = g.boundary.match(text, first_word)
        if own or parts:
            cues = own
    if not cues:
        if inside is None and g.granted_after.match(text, a_end, seg_end):
            if _total_opens(text, seg_start, a_start, g.total_before_reach):
                return "budget", 1e8, None  # `Totalt 12 miljoner kronor till föreningslivet`: to hand on
            return "granted", 1e8, None  # money going to someone, said without a verb
        near, far = max(seg_start, a_start - 40), max(seg_start, a_start - 80)
        if g.budget_noun_before_pre.may_match(text, near, a_start) and g.budget_noun_before.search(text, near, a_start):
            return "budget", 1e8, None  # `Kulturbudget på 85 miljoner`
        if g.subject_before_pre.may_match(text, far, a_start):
            if g.budget_subject_before.search(text, far, a_start):
                return "budget", 1e8, None  # `Budgeten för 2026 uppgår till N`
            if g.grant_subject_before.search(text, far, a_start):
                return "granted", 1e8, None  # `Stödet till Hylte kommun uppgår till N`
        return None, 1e9, None
    best, dist = _governing(text, a_start, a_end, cues)
    role = best.role
    whole_stated = NAMES_SUM.match(text[best.end : a_start]) is not None  # `satsningen på N`
    if role == "budget" and phrase_key(text[best.start : best.end]) in g.governed_nouns:
        # `får ett (adjektiv) anslag på N`: the verb says what happens to the money the noun names
        verbs = [
            c
            for c in cues
            if c.end <= best.start
            and best.start - c.end <= g.governing_reach
            and c.role in ("applied", "granted")
            and not g.boundary.search(text, c.end, best.start)
            and not (whole_stated and g.governing_breaker.search(text, c.start, best.start))
        ]
        if verbs:
            role = verbs[-1].role
    if role == "budget" and g.own_money_before.search(text[max(seg_start, best.start - 30) : best.start]):
        role = "other"  # `kommunerna avsätter N`: a local body's own money
    return role, dist, best


def _governing(text: str, a_start: int, a_end: int, cues: list[Cue]) -> tuple[Cue, float]:
    """The cue that governs the amount — the cue noun that names it, else the nearest (the first of the nearest,
    as `min` picks) — and its distance."""
    named = naming_cue(text, cues, a_start)
    if named is not None:
        return named, _distance(text, a_start, a_end, named)
    # a cue's distance is its gap and 60 for each clause boundary crossed, never less than the gap: taken in the
    # order of their gaps, the cues after one whose gap exceeds the best distance can neither beat nor tie it
    best_k, best = -1, 0.0
    for k in sorted(range(len(cues)), key=lambda k: _gap(a_start, a_end, cues[k])):
        if best_k >= 0 and _gap(a_start, a_end, cues[k]) > best:
            break
        d = _distance(text, a_start, a_end, cues[k])
        if best_k < 0 or d < best or (d == best and k < best_k):
            best_k, best = k, d
    return cues[best_k], best


_LINE_OPENING = re.compile(r"[\s•·*\-–\d.)]*")


def _total_opens(text: str, seg_start: int, a_start: int, reach: int) -> bool:
    """A total cue (`totalt`, `sammanlagt`) that opens the sentence or list line, at most `reach` characters
    before the sum: a phrase with no verb (`Totalt N till …`), not a clause with one (`beslutade om totalt N`)."""
    opening = _LINE_OPENING.match(text, seg_start, a_start)
    m = grammar().total_rx.match(text, opening.end() if opening else seg_start, a_start)
    return m is not None and a_start - m.end() <= reach


def heading_role(text: str) -> str | None:
    """The role a heading or an introducing sentence gives the list under it."""
    g = grammar()
    m = g.heading_rx.search(text)
    if m:
        return g.heading_role[phrase_key(m.group(0))]
    return None


def total_cues_in(text: str, seg_start: int, seg_end: int) -> list[Cue]:
    """A sentence's total cues (`totalt`, `sammanlagt`, `dela på`)."""
    g = grammar()
    return [
        Cue(m.start(), m.end(), "total")
        for m in cue_scan.bounded_matches(g.total_rx, g.total_by_first_word, g.total_anchors, text, seg_start, seg_end)
    ]


AGGREGATE_LEAD = 40  # characters a plural subject's count or determiner may stand before its plural body


def plural_subject_in(text: str, seg_start: int, seg_end: int) -> bool:
    """Whether a sentence has a plural subject (`16 regioner`, `kommunerna`)."""
    g = grammar()
    at = g.aggregate_pre.first(text, seg_start, seg_end)
    if at < 0:
        return False
    low = (lowered(text) or text.lower())[seg_start:seg_end]
    if not any(n in low for n in g.aggregate_needles):
        return False
    # a match that starts near the prefilter's is one of the sentence's too (the same end, the same text before):
    # looked for first, it spares a search from the sentence's start
    lead = max(seg_start, at - AGGREGATE_LEAD)
    if lead > seg_start and g.aggregate.search(text, lead, seg_end):
        return True
    return bool(g.aggregate.search(text, seg_start, seg_end))


def totals_in(text: str, seg_start: int, seg_end: int) -> tuple[list[Cue], bool]:
    """A sentence's total cues and whether it has a plural subject."""
    return total_cues_in(text, seg_start, seg_end), plural_subject_in(text, seg_start, seg_end)


def near_total(text: str, a_start: int, a_end: int, total_cues: list[Cue]) -> bool:
    """A total cue near the amount (`sammanlagt N`)."""
    return any(_distance(text, a_start, a_end, c) < 80 for c in _near(total_cues, a_start, a_end, 80))


def is_aggregate(
    text: str, a_start: int, a_end: int, seg_start: int, seg_end: int, totals: tuple[list[Cue], bool] | None = None
) -> bool:
    """A total cue near the amount, or a plural subject (`16 regioner`); `totals` is totals_in() of the sentence."""
    total_cues, plural_subject = totals if totals is not None else totals_in(text, seg_start, seg_end)
    return plural_subject or near_total(text, a_start, a_end, total_cues)


def aggregate_count(text: str, seg_start: int, seg_end: int, a_start: int, a_end: int) -> int | None:
    """`fem regioner … 239,5 miljoner`: how many bodies a total is said to cover (nearest phrase in its clause)."""
    g = grammar()
    best = None
    lo, hi = max(seg_start, a_start - CUE_REACH), min(seg_end, a_end + CUE_REACH)
    for m in g.counted.finditer(text[lo:hi]):
        w = m.group(1).lower()
        n = int_of(w) if w.isdigit() else g.numbers.get(w)
        if n is None:
            continue
        d = _distance(text, a_start, a_end, Cue(lo + m.start(), lo + m.end(), "count"))
        if best is None or d < best[0]:
            best = (d, n)
    return best[1] if best else None
