"""An archive's files: walked in a stable order, named by their path below the root, opened only when safe.

What is passed over (hidden files, Office lock files, system litter) is
named, never dropped without a word; what must not be opened (a FIFO, a
symlink out of the archive) becomes a row saying why, never a read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}

Item = tuple[str, str]  # (path to read, source_uri to publish)


class ArchiveError(RuntimeError):
    """A fatal problem with the run itself (not with one document)."""


def list_files(root: Path, exclude: Path | None = None, skipped: list[str] | None = None) -> list[Path]:
    """The archive's files, walked in a stable order; what is passed over is named in `skipped`.

    Hidden files and folders, Office lock files (`~$x.docx`) and system
    litter are not documents; they are counted in the run's summary, never
    dropped without a word.
    """
    root = Path(root)
    if not root.exists() and not root.is_symlink():
        raise ArchiveError(f"archive not found: {root}")
    if not root.is_dir():
        return [root]
    out = []
    skipped = skipped if skipped is not None else []
    excl = exclude.resolve() if exclude else None
    top = os.path.realpath(root).rstrip(os.sep) + os.sep
    for dirpath, dirnames, filenames in os.walk(root):
        for d in sorted(d for d in dirnames if d.startswith(".")):
            skipped.append(f"{uri_of(Path(dirpath) / d, root)}/ (hidden folder)")
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # a folder symlink is not walked; one that leads out of the archive is listed, to become a `failed` row
        out += [
            Path(dirpath) / d
            for d in dirnames
            if os.path.islink(Path(dirpath) / d) and not (os.path.realpath(Path(dirpath) / d) + os.sep).startswith(top)
        ]
        if excl is not None and Path(dirpath).resolve() == excl:
            dirnames[:] = []
            continue
        for f in sorted(filenames):
            if f.startswith("~$"):
                skipped.append(f"{uri_of(Path(dirpath) / f, root)} (an Office lock file)")
            elif f.startswith(".") or f in SKIP_NAMES:
                skipped.append(f"{uri_of(Path(dirpath) / f, root)} (hidden or system file)")
            else:
                out.append(Path(dirpath) / f)
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


def uri_of(path: Path, root: Path) -> str:
    """A file's source_uri: its path below the root, always valid UTF-8.

    A name that is not UTF-8 (an old Windows share) is kept with its odd
    bytes written as escapes (`\\xe5`): the row is published and the name stays recognisable.
    """
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def archive_items(paths: list[Path], root: Path) -> list[Item]:
    """(path, source_uri) pairs: the URI of an archive file is its path relative to the root."""
    root = Path(root)
    return [(str(p), uri_of(p, root)) for p in paths]


@dataclass
class Listing:
    """An archive's files as items, and what was passed over."""

    root: Path
    items: list[Item]
    skipped: list[str]


def archive_files(root: Path, output: Path) -> Listing:
    """The archive's files as items, the output folder left out when it lies inside the archive."""
    skipped: list[str] = []
    files = list_files(root, exclude=Path(output), skipped=skipped)
    # a single file given as the archive: its folder is the root, so its source_uri is its name
    base = Path(root).parent if Path(root).is_file() else Path(root)
    return Listing(base, archive_items(files, base), skipped)


_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def why_not_readable(path: Path, root: str | None, follow_symlinks: bool) -> str | None:
    """Why this path must not be opened, or None: only regular files inside the root are read.

    Opening a FIFO blocks forever, and a symlink out of the archive would
    publish whatever it points at (`/etc/passwd`).
    """
    if root is not None and not follow_symlinks:
        real, top = os.path.realpath(path), os.path.realpath(root)
        if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
            return "a symlink that leads out of the archive (--follow-symlinks reads it)"
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"cannot read file: {exc}"
    for is_kind, kind in _FILE_KINDS:
        if is_kind(mode):
            return f"not a regular file: {kind}"
    return None


def served_charset(path: Path) -> str | None:
    """The charset a server declared for a fetched file (kept beside it in the raw store by ingestion)."""
    from pipeline.sources.fetch import CHARSET_SUFFIX  # here: listing an archive needs no fetching code

    try:
        return Path(f"{path}{CHARSET_SUFFIX}").read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None
