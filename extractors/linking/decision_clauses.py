"""A decision set out as clauses under the organ that decides them.

Protocols and board memos write a decision as an introduction naming the organ (`Kommunstyrelsen beslutar`,
`Regionstyrelsen föreslås besluta att`) and then one clause a paragraph or list line (`att ansöka om N hos
Boverket`, `1. avsätta N till projektet`). The clause names no organ itself, but it is that organ's: in its own
body's paper the sum it applies for or sets aside is that body's. The words are data (roles.toml
`[decision_clauses]`).
"""

from __future__ import annotations

from functools import cache

import regex as re

from extractors import lang
from extractors.lexicon import alternation
from extractors.linking import helpers
from extractors.linking.context import AmountContext, DocContext

_LIST_MARKER = r"[\s\d.)•·\-–*]*"


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, int]:
    cfg = lang.roles()["decision_clauses"]
    space = r"\s+"
    opener = alternation(cfg["clause_opener"])
    verbs, gives = alternation(cfg["intro_verbs"], space=space), alternation(cfg["giving"], space=space)
    intro = re.compile(rf"(?i)(?<![\p{{L}}]){verbs}(?:\s+{opener})?\s*:?\s*\Z")
    clause = re.compile(rf"(?i){_LIST_MARKER}{opener}\s+")
    giving = re.compile(rf"(?i){_LIST_MARKER}(?:{opener}\s+)?{gives}(?![\p{{L}}])")
    return intro, clause, giving, int(cfg["reach"])


def clause_of_organ_decision(doc: DocContext, ctx: AmountContext) -> bool:
    """The amount's paragraph or list line is a clause of a decision that an organ named in the introduction
    above decides, and the clause does not give, grant or refuse (there the organ is the giver)."""
    if ctx.seg is None or ctx.i is None or ctx.cell is not None:
        return False
    intro, clause, giving, reach = _patterns()
    segs, text = doc.index.segments, doc.text

    def is_clause(j: int) -> bool:
        return segs[j].is_list_item or clause.match(text, segs[j].start, segs[j].end) is not None

    if not is_clause(ctx.i) or giving.match(text, ctx.seg.start, ctx.seg.end):
        return False
    for j in range(ctx.i - 1, max(-1, ctx.i - 1 - reach), -1):
        if intro.search(text, segs[j].start, segs[j].end):
            return helpers.organ_named(text, segs[j].start, segs[j].end)
        if not is_clause(j):
            return False
    return False
