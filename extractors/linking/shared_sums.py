"""A sum a body shares with others is no one body's.

`Hylte kommun är en av 20 kommuner som får dela på N`, `Regionerna får dela på N, varav Region Halland får M`:
the sum the sharing verb governs belongs to the many together, so the one body the sentence names (or a body
named for another sum in it) does not receive it. The cues are data (roles.toml `[shared]`).
"""

from __future__ import annotations

from functools import cache

from extractors import lang
from extractors.lexicon import phrase_key
from extractors.linking.context import AmountContext, DocContext


@cache
def _shared_cues() -> frozenset[str]:
    return frozenset(phrase_key(w) for w in lang.roles()["shared"]["cues"])


def governed_by_sharing(doc: DocContext, ctx: AmountContext) -> bool:
    """The cue that decides the amount's role says the sum is shared (`får dela på N`)."""
    if ctx.cell is not None or ctx.amount.role != "granted":
        return False
    _, _, cue = doc.cue_reading(ctx.amount.start, ctx.amount.end, ctx.start, ctx.end)
    return cue is not None and phrase_key(doc.text[cue.start : cue.end]) in _shared_cues()
