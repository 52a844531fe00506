"""Atomic, idempotent publishing of the contract's tables.

Layout of an output directory:

    output/
      documents -> .bidrag/snapshots/<id>/documents     (a symlink per table)
      amounts   -> .bidrag/snapshots/<id>/amounts
      ...
      .bidrag/snapshots/<id>/<table>/part-00000.parquet  (complete snapshots)
      .bidrag/snapshots/<id>/manifest.json               (what the snapshot was made from)
      .bidrag/staging-<uuid>/                            (a publish in progress)

A publish writes a whole new snapshot into a staging directory, renames it
into `snapshots/` and then swaps each table's symlink with `os.replace`, an
atomic rename: a reader of `output/<table>` sees the old snapshot or the new
one, never a mix, and a crash before the swap leaves the old one untouched.
The two newest snapshots are kept so that a reader that opened the previous
one while it was swapped can finish.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from pathlib import Path

import pyarrow.parquet as pq

from schemas import contract

META_DIR = ".bidrag"
KEEP_SNAPSHOTS = 2
MANIFEST = "manifest.json"


class PublishError(RuntimeError):
    pass


class SnapshotWriter:
    """Streams parts of every table into a staging snapshot, then publishes it at once."""

    def __init__(self, output: Path, tables: tuple[str, ...] = contract.TABLES) -> None:
        self.output = Path(output)
        self.tables = tuple(tables)
        meta = self.output / META_DIR
        try:
            (meta / "snapshots").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PublishError(f"cannot write to output directory {self.output}: {exc}") from exc
        self.staging = meta / f"staging-{uuid.uuid4().hex[:12]}"
        for t in self.tables:
            (self.staging / t).mkdir(parents=True)
        self.rows = {t: 0 for t in self.tables}
        self._parts = {t: 0 for t in self.tables}

    def write_part(self, table: str, rows: list[dict], part: int | None = None) -> None:
        if not rows:
            return
        tbl = contract.to_table(table, rows)
        n = self._parts[table] if part is None else part
        self._parts[table] = max(self._parts[table], n + 1)
        pq.write_table(tbl, self.staging / table / f"part-{n:05d}.parquet", compression="zstd")
        self.rows[table] += len(rows)

    def commit(self, manifest: dict | None = None) -> Path:
        """Publish the snapshot; `manifest` (JSON) is kept beside its tables, published with them."""
        # every table gets at least an empty, typed part so readers always see the columns
        for t in self.tables:
            if not any((self.staging / t).iterdir()):
                pq.write_table(contract.to_table(t, []), self.staging / t / "part-00000.parquet")
        if manifest is not None:
            (self.staging / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        _fsync_tree(self.staging)
        snap_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        final = self.output / META_DIR / "snapshots" / snap_id
        os.rename(self.staging, final)
        for t in self.tables:
            link = self.output / t
            target = os.path.relpath(final / t, self.output)
            tmp = self.output / f".{t}.swap-{uuid.uuid4().hex[:8]}"
            os.symlink(target, tmp, target_is_directory=True)
            if link.exists() and not link.is_symlink():
                # a plain directory from elsewhere: move it aside rather than mixing files
                aside = self.output / META_DIR / f"replaced-{t}-{uuid.uuid4().hex[:8]}"
                os.rename(link, aside)
            os.replace(tmp, link)
        _fsync_dir(self.output)
        self._prune()
        return final

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _prune(self) -> None:
        snaps = sorted((self.output / META_DIR / "snapshots").iterdir())
        live = {os.path.realpath(self.output / t) for t in self.tables if (self.output / t).is_symlink()}
        for old in snaps[:-KEEP_SNAPSHOTS]:
            if not any(p.startswith(os.path.realpath(old) + os.sep) for p in live):
                shutil.rmtree(old, ignore_errors=True)
        # staging left behind by a crashed publish
        for stale in (self.output / META_DIR).glob("staging-*"):
            if stale != self.staging and time.time() - stale.stat().st_mtime > 3600:
                shutil.rmtree(stale, ignore_errors=True)


def read_manifest(output: Path) -> dict | None:
    """The manifest of the published snapshot, if it has one."""
    snap = current_snapshot(output)
    try:
        return json.loads((snap / MANIFEST).read_text(encoding="utf-8")) if snap else None
    except (OSError, ValueError):
        return None


def current_snapshot(output: Path) -> Path | None:
    link = Path(output) / "documents"
    if link.is_symlink():
        return Path(os.path.realpath(link)).parent
    return None


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))
