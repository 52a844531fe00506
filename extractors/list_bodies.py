"""Bodies read from the list or table they stand in: a row label the text alone would not call a body.

A municipality's name said alone that is also a common word (`Mora`, `Ljusdal`) is read as the body only
with `kommun` after it or a place preposition before it (extractors.bodies); in a table whose other rows
name municipalities, the siblings decide.
"""

from __future__ import annotations

import bisect

from extractors.areas import SIBLINGS_THAT_DECIDE
from extractors.bodies import BodyMention
from extractors.gazetteer import gazetteer, surface_key
from extractors.lang import Body


def bodies_by_siblings(text: str, rows: list[tuple[int, int, int]], bodies: list[BodyMention]) -> list[BodyMention]:
    """Row labels that are a municipality's name said alone and also a common word (`Mora`, `Ljusdal`: read
    only as `Mora kommun` or `i Mora` in running text) are that municipality where the other rows of the same
    table name municipalities: the siblings decide. `rows` holds (label start, label end, table) per row."""
    entries = gazetteer()[0]
    starts = sorted(b.start for b in bodies)
    by_start = {b.start: b for b in bodies}
    named_rows: dict[int, int] = {}  # table → rows whose label names a municipality
    open_rows: list[tuple[int, int, int, Body]] = []
    for r0, r1, table in sorted(set(rows)):
        k = bisect.bisect_left(starts, r0)
        inside = [by_start[starts[k]]] if k < len(starts) and starts[k] < r1 and by_start[starts[k]].end <= r1 else []
        if inside:
            if inside[0].body.body_type == "kommun":
                named_rows[table] = named_rows.get(table, 0) + 1
            continue
        label = text[r0:r1].strip()
        entry = entries.get(surface_key(label))
        if entry is not None and entry.kind == "bare_ambiguous" and entry.body is not None:
            start = r0 + text[r0:r1].index(label)
            open_rows.append((start, start + len(label), table, entry.body))
    return [
        BodyMention(s, e, text[s:e], body, "short")
        for s, e, table, body in open_rows
        if named_rows.get(table, 0) >= SIBLINGS_THAT_DECIDE
    ]
