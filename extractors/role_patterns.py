"""The parts of the role grammar built from roles.toml: each turns a table of words into one pattern.

Kept apart from extractors/roles.py, which compiles them into `RoleGrammar` once and reads sentences with it.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from extractors import lang
from extractors.cue_scan import WordsEndingIn
from extractors.lexicon import alternation, phrase_key
from extractors.numerals import DIGIT


def phrases(words: Iterable[str]) -> str:
    return alternation(words, space=r"\s+")


def cue_space(adverbs: list[str]) -> str:
    """The space between a cue's words: white space, or a short adverb between (`går nu till`)."""
    return r"\s+(?:(?:" + phrases(adverbs) + r")\s+)?"


def adverb_space() -> str:
    """The space between the words of a cue or a frame, an adverb slot included (see `cue_space`)."""
    return cue_space(lang.roles()["adverb_slot"])


def giver_after_pattern(cfg: dict) -> str:
    """Right after a body: an auxiliary, an adverb and a giving verb (`<myndighet> har i år beviljat`), or a modal,
    an adverb and a giving infinitive (`<myndighet> ska snarast betala ut`)."""
    aux, adverbs, verbs = cfg["giver"]["auxiliaries"], cfg["adverb_slot"], cfg["giver"]["giving_verbs"]
    modals, infinitives = cfg["giver"]["modals"], cfg["giver"]["giving_infinitives"]
    adverb = rf"(?:(?:{phrases(adverbs)})\s+)?"
    finite = rf"(?:(?:{phrases(aux)})\s+)?{adverb}(?:{phrases(verbs)})"
    modal = rf"(?:{phrases(modals)})\s+{adverb}(?:{phrases(infinitives)})"
    return rf"\s+(?:{finite}|{modal})(?![\p{{L}}])"


def assignment_task_pattern(cfg: dict, space: str) -> str:
    """An assignment's object or preposition, then `att` and a task of handing money on (both frames of
    `assignment_verbs` and `assignment_prepositional_verbs`)."""
    tasks = alternation(cfg["assignment_tasks"], space=space)
    frames = (
        alternation(cfg["assignment_objects"], space=space)
        + "|"
        + alternation(cfg["assignment_prepositional_verbs"], space=space)
    )
    return rf"(?i)(?<![\p{{L}}])(?:{frames})(?:\s+[^.;:\n]{{1,80}}?)?\s+att{space}(?:{tasks})(?![\p{{L}}])"


def subject_before_pattern(cfg: dict, endings_of: list[str]) -> str:
    """A word ending in one of `endings_of` (a budget or a grant noun), a short stretch of its clause, and a verb
    of being right before the sum (`Budgeten för 2026 uppgår till `, `Stödet till <kommun> blir `)."""
    endings = "|".join(map(re.escape, endings_of))
    reach = int(cfg["subject_reach"])
    return (
        rf"(?i)(?<![\p{{L}}])\p{{L}}*(?:{endings})(?![\p{{L}}])[^.;:,\n]{{0,{reach}}}?\s"
        rf"(?:{phrases(cfg['copulas'])})\s+\Z"
    )


def spread_pattern(cfg: dict, numbers: Iterable[str]) -> str:
    """A spreading verb, `på`/`över`, an optional count and a span of time (`fördelat över tre år`)."""
    counts = phrases(list(cfg["counts"]) + list(numbers))
    return (
        rf"(?i)(?<![\p{{L}}])(?:{phrases(cfg['verbs'])})\s+(?:{phrases(cfg['prepositions'])})\s+"
        rf"(?:(?:\d+|{counts})\s+)?(?:{phrases(cfg['spans'])})(?![\p{{L}}])"
    )


def readings_of_what_follows(cfg: dict) -> dict:
    """The grammar's parts for what stands around a cue's verb: who receives after it (`fördelas till`), a total
    that opens a phrase, a budget or grant noun as the subject of a verb of being, a compound cost word."""
    recipient = cfg["recipient"]
    return {
        "budget_subject_before": re.compile(
            subject_before_pattern(cfg["budget_subject"], cfg["budget_subject"]["subject_endings"])
        ),
        "grant_subject_before": re.compile(
            subject_before_pattern(cfg["budget_subject"], cfg["grant_subject"]["subject_endings"])
        ),
        "total_before_reach": int(cfg["total_before_reach"]),
        "distributing_to": frozenset(phrase_key(w) for w in recipient["distributing_to"]),
        "meant_to_go": frozenset(phrase_key(w) for w in recipient["meant_to_go"]),
        "distributing_active": frozenset(phrase_key(w) for w in recipient["distributing_active"]),
        "plural_body_in": re.compile(
            r"(?<![\p{L}])(?:" + phrases(cfg["plural_bodies"]) + r")(?![\p{L}])", re.IGNORECASE
        ),
        "recipient_reach": int(recipient["recipient_reach"]),
        **compound_words(cfg["other_compound"]["endings"]),
    }


def compound_words(endings: list[str]) -> dict:
    """A compound cost or income word (`driftskostnader`): letters of its own, then one of the endings, a
    whole word; and the same matches found at the words that hold an ending (`cue_scan.WordsEndingIn`)."""
    pattern = re.compile(r"(?i)(?<![\p{L}])\p{L}{2,}(?:" + phrases(endings) + r")(?![\p{L}])")
    return {"other_compound": pattern, "other_compound_words": WordsEndingIn(pattern, endings)}


def separable_verbs(cue_role: dict[str, str], particles: list[str]) -> list[str]:
    """The verbs of the two-word cues that end in a particle (`delar ut`): they may stand apart from it."""
    return sorted({k.split()[0] for k in cue_role if len(k.split()) == 2 and k.split()[1] in particles})


def separable_pattern(cue_role: dict[str, str], particles: list[str], gap: int) -> re.Pattern | None:
    verbs = separable_verbs(cue_role, particles)
    if not verbs:
        return None
    return re.compile(
        r"(?i)(?<![\p{L}])(?P<verb>"
        + "|".join(map(re.escape, sorted(verbs, key=len, reverse=True)))
        + r")(?:\s+[\p{L}\d]+){1,"
        + str(gap)
        + r"}?\s+(?P<particle>"
        + "|".join(map(re.escape, particles))
        + r")(?![\p{L}])"
    )


def plural_subjects(cfg: dict, numbers: dict[str, int]) -> dict:
    """A plural subject (`16 regioner`, `alla kommuner`, `kommunerna`) and a count of bodies (`fem regioner`)."""
    plural = phrases(cfg["plural_bodies"])
    determiners = list(numbers) + cfg["plural_determiners"]
    partitive = phrases(cfg["partitive_of_the_country"])
    plural_after_name = phrases([w for w in cfg["plural_bodies"] if w not in cfg["singular_after_name"]])
    aggregate = (
        rf"(?i)(?<![\p{{L}}])(?:{DIGIT}+|{phrases(determiners)})\s+(?:{partitive}\s+)?{plural}(?![\p{{L}}])"
        # `Dalarnas kommuner`; a capitalised plural after the genitive is a name's (`Sveriges Kommuner och Regioner`)
        rf"|(?<![\p{{L}}])\p{{Lu}}\p{{Ll}}+s\s+(?-i:(?=\p{{Ll}})){plural_after_name}(?![\p{{L}}])"
        rf"|(?<![\p{{L}}]){phrases(cfg['collectives'])}(?![\p{{L}}])"
    )
    counted = (
        rf"(?i)(?<![\p{{L}}\d])({DIGIT}+|\p{{L}}+)\s+(?:{partitive}\s+)?{phrases(cfg['counted_bodies'])}(?![\p{{L}}])"
    )
    return {
        "aggregate": re.compile(aggregate),
        "aggregate_needles": tuple(sorted({w.lower() for w in cfg["plural_bodies"] + cfg["collectives"]})),
        "counted": re.compile(counted),
    }
