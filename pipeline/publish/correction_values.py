"""The value of a correction, as a reviewer writes it, checked and typed: a sum, a period, a body, a role.

A reviewer writes `12 482 000`, `12,5 miljoner kronor`, `2024-03` or
`region:07`; each is read into the type of the column it sets, or refused with
a ValueError that says what to write instead. A sum that is no plausible sum
of kronor (NaN, infinite, negative, absurd) is refused: it would be published.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import regex as re

from schemas import contract

TRUE_WORDS, FALSE_WORDS = {"true", "ja", "yes", "1"}, {"false", "nej", "no", "0"}
# no sum a reviewer sets is larger: ten thousand billion kronor, several times the whole state budget
MAX_PLAUSIBLE_KRONOR = 1e13


def _number(text: str) -> float:
    """A sum of kronor as a reviewer writes it; what is not a plausible sum (NaN, inf, negative, absurd) is refused."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")  # `12 482 000`, `12,5`
    try:
        value = float(cleaned)
    except ValueError:
        from extractors.amounts import find_amounts

        found = find_amounts(text)
        if len(found) != 1:
            raise ValueError(
                f"{text!r} is not an amount (write 12482000, 12 482 000 or 12,5 miljoner kronor)"
            ) from None
        value = float(found[0].value)
    if not math.isfinite(value) or not 0 <= value <= MAX_PLAUSIBLE_KRONOR:
        raise ValueError(f"{text!r} is not a plausible sum of kronor (0 to {MAX_PLAUSIBLE_KRONOR:.0e})")
    return value


def _period(text: str) -> tuple[date, date]:
    """`2024`, `2024-03`, `2024-03-12`, or `START..END` of those."""
    import calendar

    def one(part: str, end: bool) -> date:
        part = part.strip()
        if re.fullmatch(r"\d{4}", part):
            return date(int(part), 12, 31) if end else date(int(part), 1, 1)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", part):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, calendar.monthrange(y, mo)[1]) if end else date(y, mo, 1)
        return date.fromisoformat(part)

    try:
        if ".." in text:
            start, end = text.split("..", 1)
            return one(start, False), one(end, True)
        return one(text, False), one(text, True)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a period (write 2024, 2024-03, 2024-03-12 or 2024-01-01..2024-06-30)"
        ) from None


def _body(text: str) -> str:
    from extractors.bodies import bodies_by_id

    body_id = text.strip()
    kind, _, rest = body_id.partition(":")
    if body_id in bodies_by_id():
        return body_id
    if kind in contract.ENUMS[("bodies", "body_type")] and rest and kind not in ("kommun", "region", "lansstyrelse"):
        return body_id  # a body the gazetteer does not know: `myndighet:<slug>` as the contract writes it
    raise ValueError(f"{text!r} is not a known body_id (e.g. kommun:2403, region:07, myndighet:socialstyrelsen)")


def _enum(table: str, column: str, text: str) -> str:
    allowed = contract.enums()[(table, column)]
    if text.strip() not in allowed:
        raise ValueError(f"{text!r} is not one of {', '.join(sorted(allowed))}")
    return text.strip()


def parse_value(table: str, field: str, text: str) -> Any:
    """The typed value of a correction, or ValueError saying what to write instead."""
    text = text.strip()
    if field == "reject":
        return None
    if field == "add":
        pairs = dict(
            (k.strip(), v.strip()) for k, _, v in (p.partition("=") for p in re.split(r"[;\n]", text) if p.strip())
        )
        unknown = set(pairs) - {"body_id", "role", "amount", "programme", "period", "funder_id"}
        if unknown or "body_id" not in pairs or "role" not in pairs:
            raise ValueError("an added fact is `body_id=…; role=…` (and optionally amount, programme, period)")
        out: dict[str, Any] = {"body_id": _body(pairs["body_id"]), "role": _enum("facts", "role", pairs["role"])}
        if pairs.get("amount"):
            out["amount"] = _number(pairs["amount"])
        if pairs.get("period"):
            out["period"] = _period(pairs["period"])
        for key in ("programme", "funder_id"):
            if pairs.get(key):
                out[key] = pairs[key]
        return out
    if not text and field not in ("programme", "funder_id"):
        raise ValueError("the new value is empty")
    if field in ("body_id", "funder_id"):
        return _body(text) if text else None
    if field == "role":
        return _enum(table, "role", text)
    if field in ("amount", "value"):
        return _number(text)
    if field == "period":
        return _period(text)
    if field == "published":
        return _period(text)[0] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else date.fromisoformat(text)
    if field in ("doc_kind", "qualifier"):
        return _enum(table, field, text)
    if field == "is_total":
        if text.lower() not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError(f"{text!r} is not true or false")
        return text.lower() in TRUE_WORDS
    return text or None  # programme
