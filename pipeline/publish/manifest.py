"""The published output as the "nothing changed" check reads it: the `current` link, the table links and the
snapshot's manifest, with the standard library only.

A re-run over an unchanged archive decides from these alone, before anything
heavy is imported (pyarrow, numpy, the extractors): `pipeline.publish.snapshot`,
which writes snapshots, takes its names and readers from here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from schemas.names import TABLES

META_DIR = ".bidrag"
CURRENT = "current"
MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"
README = "README.md"
CORRECTIONS_NAME = "corrections.csv"  # the reviewers' corrections a publish applies, when the output holds them


class PublishError(RuntimeError):
    pass


def links_complete(output: Path) -> bool:
    """Whether `current` and every table link are in place: a first publish killed after its swap has
    `current` and no table links, and must be published again rather than called unchanged."""
    output = Path(output)
    if not (output / CURRENT).is_symlink():
        return False
    return all(
        (output / t).is_symlink() and os.readlink(output / t) == os.path.join(CURRENT, t)
        for t in (*TABLES, DATAPACKAGE, README)
    )


def swap_leftovers(output: Path) -> list[Path]:
    """Links a killed publish made and never renamed into place (`.current.swap-*`, `.documents.swap-*`)."""
    return [p for name in (CURRENT, *TABLES, DATAPACKAGE, README) for p in Path(output).glob(f".{name}.swap-*")]


def read_manifest(output: Path) -> dict | None:
    """The manifest of the published snapshot, if it has one."""
    snap = current_snapshot(output)
    try:
        return json.loads((snap / MANIFEST).read_text(encoding="utf-8")) if snap else None
    except (OSError, ValueError):
        return None


def current_snapshot(output: Path) -> Path | None:
    """The published snapshot, resolved once: read every table below it for one consistent view."""
    output = Path(output)
    link = output / CURRENT
    if link.is_symlink():
        return Path(os.path.realpath(link))
    legacy = output / "documents"  # an output published before `current` existed: one link per table
    if legacy.is_symlink():
        return Path(os.path.realpath(legacy)).parent
    return None
