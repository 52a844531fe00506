"""Swedish language knowledge, loaded once from the tables in extractors/data/.

Rules read words from here and never spell them out themselves, so adding a
unit, a cue or a body is an edit to a data file, not to code.
"""

from __future__ import annotations

import csv
import hashlib
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _toml(name: str) -> dict:
    with open(DATA / name, "rb") as fh:
        return tomllib.load(fh)


def _csv(name: str) -> list[dict]:
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def money() -> dict:
    return _toml("money.toml")


@cache
def roles() -> dict:
    return _toml("roles.toml")


@cache
def linking() -> dict:
    return _toml("linking.toml")


@cache
def dates() -> dict:
    return _toml("dates.toml")


@cache
def text() -> dict:
    return _toml("text.toml")


@cache
def body_patterns() -> dict:
    return _toml("body_patterns.toml")


@cache
def boilerplate() -> dict:
    return _toml("boilerplate.toml")


@cache
def municipalities() -> list[dict]:
    return _csv("municipalities.csv")


@cache
def counties() -> list[dict]:
    return _csv("counties.csv")


@cache
def national_bodies() -> list[dict]:
    return _csv("bodies.csv")


@cache
def programmes() -> list[dict]:
    return _csv("programmes.csv")


@cache
def confidence() -> list[dict]:
    """How often a fact linked one way, in one role, is right: written by benchmarks/calibrate.py."""
    return _csv("confidence.csv")


def data_fingerprint() -> str:
    """A hash of every language table: a changed rule invalidates cached results."""
    h = hashlib.sha256()
    for path in sorted(DATA.iterdir()):
        if path.suffix in {".toml", ".csv"}:
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "a", "Ä": "a", "Ö": "o", "É": "e"})


def slug(name: str) -> str:
    """The contract's slug: lowercased, å/ä→a, ö→o, é→e, other runs → '-'."""
    import re

    s = unicodedata.normalize("NFC", name).lower().translate(_FOLD)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


@dataclass(frozen=True)
class Body:
    body_id: str
    name: str
    body_type: str
    code: str | None = None
    aliases: tuple[str, ...] = field(default=())


def body_id_for(body_type: str, name: str, code: str | None = None) -> str:
    if body_type == "kommun":
        return f"kommun:{code}"
    if body_type in ("region", "lansstyrelse"):
        return f"{body_type}:{code}"
    return f"{body_type}:{slug(name)}"
