"""Atomic, idempotent publishing of the contract's tables, with one commit point and one writer.

Layout of an output directory:

    output/
      current   -> .bidrag/snapshots/<id>            (the one pointer a publish swaps)
      documents -> current/documents                  (a link per table, made once)
      amounts   -> current/amounts
      ...
      .bidrag/snapshots/<id>/<table>/part-00000.parquet   (complete snapshots)
      .bidrag/snapshots/<id>/manifest.json                (what the snapshot was made from)
      .bidrag/snapshots/<id>/datapackage.json, README.md  (its data dictionary; linked from output/ as well)
      .bidrag/staging-<id>/                               (a publish in progress, its owner's alone)
      .bidrag/lock                                        (held by the run that writes)

A publish writes a whole new snapshot into a staging directory, renames it
into `snapshots/` and then swaps `current` with one `os.replace`, an atomic
rename: every table resolves through that one pointer, so a reader, and the
next run's "nothing changed" check, see the whole old dataset or the whole new
one, never a mix, and a crash at any instant leaves one of them. A reader that
reads several tables resolves `current` once (`current_snapshot`) and reads
them all below it. The newest snapshots are kept, for readers still reading
the previous one and for `rollback`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.publish.manifest import (  # noqa: F401 (re-exported: snapshot's readers are its callers' too)
    CURRENT,
    DATAPACKAGE,
    MANIFEST,
    META_DIR,
    README,
    PublishError,
    current_snapshot,
    links_complete,
    read_manifest,
    swap_leftovers,
)
from schemas import contract, datapackage

KEEP_SNAPSHOTS = 3
# a snapshot past the newest three is kept this long after it was made, for readers that opened it
PRUNE_AFTER_SECONDS = 600
# refuse a publish that drops more than this share of the published documents, unless allowed
MAX_SHRINK = 0.5


class ShrinkRefused(PublishError):
    """A publish would replace a dataset with a much smaller one: almost always a mistake (a wrong folder)."""


def _kill_point(step: str) -> None:
    """Where a test kills the publish (BIDRAG_TEST_KILL_AT=<step>): a crash at exactly that instant."""
    if os.environ.get("BIDRAG_TEST_KILL_AT") == step:
        os.kill(os.getpid(), 9)


def _new_id() -> str:
    """A snapshot id that sorts by time to the microsecond: `20261202T063939.123456-1f2e3d4c`."""
    ns = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(ns // 1_000_000_000))
    return f"{stamp}.{ns // 1000 % 1_000_000:06d}-{uuid.uuid4().hex[:8]}"


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
        self.snapshot_id = _new_id()
        self.staging = meta / f"staging-{self.snapshot_id}"
        for t in self.tables:
            (self.staging / t).mkdir(parents=True)
        self.rows = {t: 0 for t in self.tables}
        self._parts = {t: 0 for t in self.tables}

    def _write(self, table: str, rows: list, path: Path) -> None:
        write_rows(table, rows, path, self.snapshot_id)

    def adopt_part(
        self, table: str, path: Path, part: int, drop_doc_ids: frozenset[str] | set[str] = frozenset()
    ) -> None:
        """Take a part file a worker wrote (`write_rows`) into the snapshot, without the rows of `drop_doc_ids`."""
        tbl = pq.read_table(path) if drop_doc_ids else None
        if tbl is not None:
            keep = pc.invert(pc.is_in(tbl.column("doc_id"), value_set=pa.array(sorted(drop_doc_ids))))
            tbl = tbl.filter(keep)
            pq.write_table(tbl, path, compression="zstd")
        rows = tbl.num_rows if tbl is not None else pq.ParquetFile(path).metadata.num_rows
        self._parts[table] = max(self._parts[table], part + 1)
        if rows:
            os.replace(path, self.staging / table / f"part-{part:05d}.parquet")
        else:
            path.unlink()
        self.rows[table] += rows

    def recount(self, tables: tuple[str, ...]) -> None:
        """Rows per table from the staged files, after a step that rewrote them."""
        for t in tables:
            self.rows[t] = sum(pq.ParquetFile(p).metadata.num_rows for p in (self.staging / t).glob("*.parquet"))

    def write_table(self, table: str, rows: list) -> None:
        """A table made whole at the end of a run (`grants`), as one more part."""
        if rows:
            self._write(table, rows, self.staging / table / f"part-{self._parts[table]:05d}.parquet")
            self._parts[table] += 1
            self.rows[table] += len(rows)

    def commit(self, manifest: dict | None = None, *, allow_shrink: bool = False) -> Path:
        """Publish the snapshot; `manifest` (JSON) is kept beside its tables, published with them, and so is
        the data dictionary (`datapackage.json`, `README.md`)."""
        # every table gets at least an empty, typed part so readers always see the columns
        for t in self.tables:
            if not any((self.staging / t).iterdir()):
                self._write(t, [], self.staging / t / "part-00000.parquet")
        (self.staging / DATAPACKAGE).write_text(
            json.dumps(datapackage.descriptor(self.snapshot_id, self.rows), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        (self.staging / README).write_text(datapackage.readme(self.snapshot_id, self.rows), encoding="utf-8")
        if manifest is not None:
            if not allow_shrink:
                check_shrink(read_manifest(self.output), manifest)
            manifest = {**manifest, "snapshot_id": self.snapshot_id, "rows": self.rows}
            (self.staging / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        _fsync_tree(self.staging)
        _kill_point("staged")
        final = self.output / META_DIR / "snapshots" / self.snapshot_id
        os.rename(self.staging, final)
        _fsync_dir(final.parent)
        _kill_point("renamed")
        point_current_at(self.output, final)
        self._prune()
        return final

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _prune(self) -> None:
        """Drop snapshots beyond the newest KEEP_SNAPSHOTS once they are old enough that no reader still reads them."""
        live = current_snapshot(self.output)
        now = time.time()
        for old in list_snapshots(self.output)[:-KEEP_SNAPSHOTS]:
            if old.path == live:
                continue
            try:
                if now - old.path.stat().st_mtime < PRUNE_AFTER_SECONDS:
                    continue
            except OSError:
                continue
            shutil.rmtree(old.path, ignore_errors=True)


def read_parts(directory: Path, columns: list[str] | None = None) -> pa.Table:
    """A table's part files (`part-00000.parquet`, ...) read in part order, as one table.

    What `pq.read_table(directory)` returns for a snapshot's table, without `pyarrow.dataset` (≈ 0.2 s to
    import, paid by every run's commit and report page): a table's directory holds only its part files,
    all written with the contract's schema. No parts: the contract's empty table.
    """
    paths = sorted(Path(directory).glob("*.parquet"))
    if not paths:
        empty = contract.schema(Path(directory).name).empty_table()
        return empty.select(columns) if columns is not None else empty
    return pa.concat_tables([pq.ParquetFile(p).read(columns=columns) for p in paths])


def write_rows(table: str, rows: list, path: Path, snapshot_id: str) -> None:
    """Rows of one table as a contract-typed Parquet file that names its snapshot."""
    tbl = contract.to_table(table, rows)
    tbl = tbl.replace_schema_metadata({**(tbl.schema.metadata or {}), b"snapshot_id": snapshot_id.encode()})
    pq.write_table(tbl, path, compression="zstd")


def write_checked_columns(table: str, columns: dict[str, list], path: Path, snapshot_id: str) -> None:
    """Rows of one table that passed the contract's check (`validate_rows`) document by document, as the
    columns it returned, written as `write_rows` writes them. What a document's check cannot see is checked
    here: a mention id used by two documents of the part."""
    ids = columns.get("mention_id")
    if ids is not None and len(set(ids)) != len(ids):
        raise contract.ContractError(f"{table}: mention_id is not unique")
    try:
        tbl = pa.Table.from_pydict(columns, schema=contract.schema(table))
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise contract.ContractError(f"{table}: {exc}") from exc
    tbl = tbl.replace_schema_metadata({**(tbl.schema.metadata or {}), b"snapshot_id": snapshot_id.encode()})
    pq.write_table(tbl, path, compression="zstd")


def point_current_at(output: Path, snapshot: Path) -> None:
    """The commit point: `current` is swapped with one atomic rename; the table links are made once."""
    output = Path(output)
    tmp = output / f".{CURRENT}.swap-{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.relpath(snapshot, output), tmp, target_is_directory=True)
    _kill_point("linked")
    os.replace(tmp, output / CURRENT)
    _fsync_dir(output)
    _kill_point("swapped")
    for t in (*contract.TABLES, DATAPACKAGE, README):
        link = output / t
        target = os.path.join(CURRENT, t)
        if link.is_symlink() and os.readlink(link) == target:
            continue
        if link.exists() and not link.is_symlink():
            # a plain file or directory from elsewhere: move it aside rather than mixing files
            os.rename(link, output / META_DIR / f"replaced-{t}-{uuid.uuid4().hex[:8]}")
        tmp_link = output / f".{t}.swap-{uuid.uuid4().hex[:8]}"
        os.symlink(target, tmp_link, target_is_directory=t in contract.TABLES)
        _kill_point(f"link-made-{t}")
        os.replace(tmp_link, link)
        _kill_point(f"linked-{t}")
    _fsync_dir(output)


def remove_swap_leftovers(output: Path) -> None:
    """Called with the writer lock held, when no publish is under way: every swap link left is a killed run's."""
    for stale in swap_leftovers(output):
        with contextlib.suppress(OSError):
            stale.unlink()


def check_shrink(previous: dict | None, new: dict, max_shrink: float = MAX_SHRINK) -> None:
    """Refuse to replace a non-empty dataset with an empty one, or to drop more than `max_shrink` of its documents.

    A document is dropped when its path or URL is gone: an edited file (new bytes, same place) is an
    update, never a drop, or every scheduled run after an edit would be refused.
    """
    if not previous:
        return
    before = {pair[1] for pair in previous.get("sources", [])}
    after = {pair[1] for pair in new.get("sources", [])}
    if not before:
        return
    dropped = len(before - after)
    if not after:
        raise ShrinkRefused(
            f"refusing to replace {len(before)} published documents with none (an empty archive or inbox?); "
            "--allow-shrink publishes it anyway"
        )
    if dropped > max_shrink * len(before):
        raise ShrinkRefused(
            f"refusing to drop {dropped} of {len(before)} published documents "
            f"(more than {max_shrink:.0%}); --allow-shrink publishes it anyway"
        )


@dataclass(frozen=True)
class Snapshot:
    id: str
    path: Path
    documents: int | None  # from its manifest, where it has one
    current: bool


def list_snapshots(output: Path) -> list[Snapshot]:
    """The kept snapshots, oldest first (compared as real paths: `out` and `/abs/out` are one output)."""
    root = Path(os.path.realpath(output)) / META_DIR / "snapshots"
    if not root.is_dir():
        return []
    live = current_snapshot(output)
    out = []
    for path in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            documents = len({pair[0] for pair in manifest.get("sources", [])})
        except (OSError, ValueError):
            documents = None
        out.append(Snapshot(path.name, path, documents, live is not None and path == live))
    return out


def rollback(output: Path, snapshot_id: str | None = None) -> Snapshot:
    """Make an earlier snapshot current, atomically: the one given, else the one before the current.
    A snapshot without its manifest, data dictionary or a table (a copy, a half-deleted folder) is refused:
    readers would find tables missing."""
    snaps = list_snapshots(output)
    if not snaps:
        raise PublishError(f"no snapshots in {output}")
    if snapshot_id is None:
        idx = next((i for i, s in enumerate(snaps) if s.current), len(snaps))
        if idx == 0:
            raise PublishError("the current snapshot is the oldest kept; name one with `bidrag snapshots`")
        target = snaps[idx - 1]
    else:
        found = [s for s in snaps if s.id == snapshot_id]
        if not found:
            raise PublishError(f"no snapshot {snapshot_id!r} in {output} (see `bidrag snapshots`)")
        target = found[0]
    missing = missing_parts(target.path)
    if missing:
        raise PublishError(f"snapshot {target.id} is incomplete (no {', '.join(missing)}); it cannot be published")
    point_current_at(Path(output), target.path)
    return target


def missing_parts(snapshot: Path) -> list[str]:
    """What a complete snapshot has and this one lacks: its manifest, data dictionary, a typed part per table."""
    missing = [name for name in (MANIFEST, DATAPACKAGE) if not (snapshot / name).is_file()]
    return missing + [t for t in contract.TABLES if not any((snapshot / t).glob("*.parquet"))]


def require_output(output: Path) -> None:
    """Refuse a folder that is no published output before anything is written into it (not even a lock)."""
    if not (Path(output) / META_DIR / "snapshots").is_dir():
        raise PublishError(f"{output} is not a published output (no snapshots; run `bidrag run` first)")


@contextlib.contextmanager
def writer_lock(output: Path, *, wait: bool = True, say: TextIO | None = None) -> Iterator[None]:
    """One writer per output for a whole run (readers are never blocked).

    A second run waits, saying who holds the lock, or with `wait=False`
    fails at once naming the holder. While the lock is held no other writer
    exists, so every staging directory left behind is a killed run's and goes.
    """
    meta = Path(output) / META_DIR
    try:
        meta.mkdir(parents=True, exist_ok=True)
        fh = open(meta / "lock", "a+")  # noqa: SIM115 - held for the whole run
    except OSError as exc:
        raise PublishError(f"cannot write to output directory {output}: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another run"
            if not wait:
                raise PublishError(f"{output} is being written by {holder}; try again when it ends") from None
            print(f"bidrag: waiting for {holder} to finish writing {output}", file=say or sys.stderr, flush=True)
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
        fh.flush()
        for stale in meta.glob("staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        remove_swap_leftovers(Path(output))
        yield
    finally:
        fh.close()  # releases the lock


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
