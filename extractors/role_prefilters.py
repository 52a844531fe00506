"""Cheap necessary conditions for the costly patterns of the role grammar (extractors/roles.py).

Each `cue_scan.Prefilter` here is a stdlib pattern over the lower-cased text
that finds a match inside every window where its `regex` pattern does; its
comment says why. Where it finds none, the costly search (a case-insensitive
alternation tried at every character) is skipped, and its answer, no match, is
the one the search would have given. White space: every character the `regex`
module reads as `\\s` the stdlib reads as `\\s` too; letters: a character that
is no letter stays no letter in lower case, so `[a-zåäö]` after lower-casing
holds no character that `\\p{L}` refuses.
"""

from __future__ import annotations

from extractors.cue_scan import AnyPrefilter, Prefilter, any_literal, literal_tree, literals

_LETTERS = "abcdefghijklmnopqrstuvwxyzåäö"
RELATIVE_GAP = 15  # characters between a sum and the relative pronoun of the clause after it (`roles.relative`)


def _first_words(phrases: list[str]) -> list[str]:
    return [p.split()[0] for p in phrases if p.strip()]


def prefilters(cfg: dict, separable_verbs: list[str], numbers: dict[str, int]) -> dict:
    """The prefilters, by the name of the RoleGrammar field they guard with `_pre` added."""
    determiners = list(numbers) + cfg["plural_determiners"] + cfg["partitive_of_the_country"]
    # the letter before the white space ahead of a plural body: a count's or a determiner's last, or the `s` of
    # a genitive name (`Hallands kommuner`); a digit is none of the letters left out
    not_before_plural = "".join(sorted(set(_LETTERS) - {w[-1].lower() for w in determiners} - {"s"}))
    budget_subject = cfg["budget_subject"]
    phrase_words = cfg["other_compound"]["endings"] + _first_words(cfg["spread"]["verbs"])
    phrase_words += _first_words(cfg["assignment_tasks"])
    separable_pre = Prefilter(
        # a separable verb after no letter, white space after it; gated by the verb before white space
        rf"(?<![{_LETTERS}]){literals(separable_verbs)}\s",
        gate=literal_tree(separable_verbs) + r"\s",
        # which opens where the verb does: no match starts before the gate's first
        opens_at_gate=True,
    )
    # a prefilter that is only words is `any_literal`: the windows it finds a match in are those `literals` does
    return {
        # a compound cost or income word ends in one of its endings
        "other_compound_pre": Prefilter(any_literal(cfg["other_compound"]["endings"])),
        # money spread over time opens with a spreading verb
        "spread_pre": Prefilter(any_literal(_first_words(cfg["spread"]["verbs"]))),
        # an assignment to hand money on ends in one of its tasks
        "assignment_task_pre": Prefilter(any_literal(_first_words(cfg["assignment_tasks"]))),
        "separable_pre": separable_pre,
        # any of the four: the words of the first three as one alternation (one of them is in a window where
        # one of their patterns matches), then the separable verb
        "sentence_phrases_pre": AnyPrefilter(Prefilter(any_literal(phrase_words)), separable_pre),
        # a relative pronoun within RELATIVE_GAP characters after the sum (`relative`)
        "relative_pre": Prefilter(any_literal(cfg["relative_pronouns"])),
        "relative_reach": RELATIVE_GAP + max(len(w) for w in cfg["relative_pronouns"]),
        # a plural subject: a plural body after white space after a count, a determiner or a genitive, or a
        # collective with no letter on either side
        "aggregate_pre": Prefilter(
            rf"(?<![{not_before_plural}])\s+{literals(cfg['plural_bodies'])}"
            rf"|(?<![{_LETTERS}]){literals(cfg['collectives'])}(?![{_LETTERS}])",
            # either branch holds a plural body or a collective
            gate=any_literal(cfg["plural_bodies"] + cfg["collectives"]),
            # and opens with the white space before its plural body, or at its collective: the first match
            # starts no earlier than the gate's first, less the white space before it
            opens_at_gate=True,
        ),
        # a budget noun then `på`/`om` right before the sum (the words of `budget_noun_before`)
        "budget_noun_before_pre": Prefilter(rf"{literals(cfg['budget_noun_endings'])}\s+(?:på|om)\s+\Z"),
        # a verb of being right before the sum, after white space (`budget_subject_before`, `grant_subject_before`)
        "subject_before_pre": Prefilter(rf"\s{literals(budget_subject['copulas'])}\s+\Z"),
        # what ends a clause: `,` `;` `–` `-` or one of its words (`boundary`)
        "boundary_pre": Prefilter(r"[,;–-]|" + any_literal(_first_words(cfg["clause_boundaries"]))),
    }
