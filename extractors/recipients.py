"""Who the money goes to after the verb that decides its role: that can change the role.

`extractors.roles` reads the cue nearest an amount; what follows the cue's
verb can turn it: money set aside for a body is granted to it, money that goes
to a purpose is a budget, a passive of distributing to what is not a body is
the round's budget, and an active one to one named body is that body's grant.
The `clause-cue` role decider asks `recipient_role` after the cue has spoken.
"""

from __future__ import annotations

from collections.abc import Callable

import regex as re

from extractors.roles import Cue, cue_key, grammar
from extractors.scan import rx as _rx


def recipient_role(
    text: str,
    cue: Cue,
    role: str,
    a_start: int,
    a_end: int,
    names_body_at: Callable[[int], bool],
    body_end: Callable[[int], int] | None = None,
) -> tuple[str, int | None]:
    """What follows the deciding verb can change its reading: money set aside for a body is granted to it
    (`N avsätts till <organisation>`, `avsätts N åt <region>`, `tillförs regionerna`); money that
    goes to a purpose is a budget (`går till en höjning`); a passive of distributing to what is not a body is
    the round's budget (`fördelades N till 10 projekt`), and an active one to one named body is granted to it
    (`delar ut N till Hylte kommun`). Returns the role and, where a body named right after the verb (or the
    amount right after it) receives the money, where that body starts."""
    g = grammar()
    key = cue_key(text[cue.start : cue.end])
    if role == "budget" and key in g.allocation_verbs:
        after = a_end if cue.end <= a_start and not text[cue.end : a_start].strip() else cue.end
        m = g.allocation_object.match(text, after)
        if m and names_body_at(m.end()):
            return "granted", m.end()
        if m and g.plural_body_at.match(text, m.end()):
            return "granted", None
    if role == "granted" and key in g.going_to and g.purpose_after.match(text, cue.end):
        return "budget", None
    if role == "granted" and key in g.meant_to_go and not g.relative.match(text, a_end, cue.start):
        if not _to_bodies(text, cue.end, names_body_at):
            return "budget", None  # `Medlen, N, ska gå till föreningar`: what the round hands on
        return "granted", _body_right_at(text, cue.end, names_body_at, body_end)
    if role in ("granted", "budget") and key in g.distributing_to:
        to = _distributed_to(text, cue, key, a_start, a_end)
        if to is not None:
            role = "granted" if _to_bodies(text, to, names_body_at) else "budget"
            return role, _body_right_at(text, to, names_body_at, body_end)
    if role == "budget" and key in g.distributing_active:
        to = _distributed_to(text, cue, key, a_start, a_end)
        at = _body_right_at(text, to, names_body_at, body_end)
        if at is not None:
            return "granted", at  # `delar ut N till Hylte kommun`: the named body receives it
    return role, None


_AND_ANOTHER = re.compile(r"(?i)\s*(?:,|och|samt)\s+")


def _body_right_at(
    text: str, start: int | None, names_body_at: Callable[[int], bool], body_end: Callable[[int], int] | None
) -> int | None:
    """Where the one body named right at `start` begins; None where none is, or where it is the first of several
    (`till Hylte kommun och Laholms kommun`: the sum is theirs together, not the first one's)."""
    if start is None or not names_body_at(start):
        return None
    if body_end is None:
        return start
    m = _AND_ANOTHER.match(text, body_end(start))
    return None if m and names_body_at(m.end()) else start


_TO_AFTER_SUM = re.compile(r"(?i)\s+till\s+")


def _distributed_to(text: str, cue: Cue, key: str, a_start: int, a_end: int) -> int | None:
    """Where the receivers of a passive of distributing start: right after its `till` (`fördelas till X`), or
    after a `till` right after a sum the verb precedes in its clause (`fördelades N till X och M till Y`); None
    without `till`."""
    if key.endswith(" till"):
        return cue.end
    if cue.end <= a_start and not grammar().boundary.search(text, cue.end, a_start):
        m = _TO_AFTER_SUM.match(text, a_end)
        return m.end() if m else None
    return None


def _to_bodies(text: str, start: int, names_body_at: Callable[[int], bool]) -> bool:
    """Whether what follows `till` at `start` names bodies: a body or a plural of bodies (`regionerna`, `landets
    21 regioner`) within the recipient reach, before the clause ends."""
    g = grammar()
    end = min(len(text), start + g.recipient_reach)
    stop = g.boundary.search(text, start, end) or _rx(r"[.:\n]").search(text, start, end)
    end = stop.start() if stop else end
    if g.plural_body_in.search(text, start, end):
        return True
    return any(names_body_at(k) for k in range(start, end) if k == start or not text[k - 1].isalnum())
