"""An archive run in plain Python: list → batch → process (cached) → publish.

flows/ wraps these functions in Prefect; they also run without it. A batch is
many documents, so orchestration costs stay per batch, not per document. A
document's result is cached under its SHA-256 and the pipeline version, so a
re-run over an unchanged archive only reads the cache.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import stat
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import pyarrow.parquet as pq

from pipeline.publish import corrections as corrections_mod
from pipeline.publish import grants
from pipeline.publish.corrections import Correction
from pipeline.publish.snapshot import (
    META_DIR,
    SnapshotWriter,
    links_complete,
    read_manifest,
    swap_leftovers,
    write_rows,
    writer_lock,
)
from pipeline.read.document import (
    DocResult,
    over_size,
    pipeline_version,
    process_bytes,
    timed_out,
    unreadable_file,
)
from pipeline.read.limits import DEFAULT as DEFAULT_LIMITS
from pipeline.read.limits import DocumentTimeout, Limits, time_limit
from pipeline.run.processes import die_with_parent
from pipeline.run.progress import Progress
from pipeline.sources.fetch import CHARSET_SUFFIX
from schemas.contract import DOCUMENT_TABLES, TABLES, row_from_json, row_to_json

DEFAULT_BATCH_SIZE = 25
T = TypeVar("T")
SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


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


def default_workers() -> int:
    """All the cores this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Processes for batches, started fresh (`spawn`) rather than forked.

    A forked worker starts as a copy of its parent, and the parent of a flow
    run holds Prefect's client and engine (≈ 200 MiB a copy); a spawned worker
    imports only the pipeline. Spawning needs the parent's main module to be
    importable; a script read from standard input is not, and gets forks.
    """
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    method = "spawn" if main_file is None or os.path.exists(main_file) else "fork"
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(method), initializer=die_with_parent
    )


def in_order(submit: Callable[[T], Future], jobs: Iterable[T], window: int) -> Iterator[Future]:
    """The futures of submit(job) for each job, in job order, with at most `window` submitted and not yet taken.

    Taking results in order makes the output the same for any number of
    workers; the window keeps finished batches from piling up in memory when
    publishing is slower than processing.
    """
    pending: deque = deque()
    jobs = iter(jobs)
    for job in jobs:
        pending.append(submit(job))
        if len(pending) >= window:
            break
    while pending:
        yield pending.popleft()
        for job in jobs:
            pending.append(submit(job))
            break


Item = tuple[str, str]  # (path to read, source_uri to publish)


@dataclass
class Part:
    """Documents a worker takes at once; numbered so that parts publish in order whoever runs them.

    `root`: files must lie inside it (a symlink that leaves it is a row, not
    a document) unless `follow_symlinks`.
    """

    index: int
    items: list[Item]
    root: str | None = None
    follow_symlinks: bool = False
    limits: Limits = DEFAULT_LIMITS


def make_parts(
    items: Sequence[Item],
    batch_size: int = DEFAULT_BATCH_SIZE,
    root: Path | None = None,
    follow_symlinks: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Part]:
    """`batch_size` documents a part: the one meaning of `--batch-size`, with or without Prefect."""
    if batch_size < 1:
        raise ArchiveError(f"batch size must be at least 1, not {batch_size}")
    where = str(root) if root is not None else None
    return [
        Part(k, list(items[i : i + batch_size]), where, follow_symlinks, limits)
        for k, i in enumerate(range(0, len(items), batch_size))
    ]


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


def _cache_path(cache_dir: Path, doc_id: str) -> Path:
    return cache_dir / pipeline_version() / doc_id[:2] / f"{doc_id}.json"


@dataclass
class BatchResult:
    index: int
    results: list[DocResult] = field(default_factory=list)
    cached: int = 0
    seconds: float = 0.0
    text_bytes: int = 0


def archive_items(paths: list[Path], root: Path) -> list[Item]:
    """(path, source_uri) pairs: the URI of an archive file is its path relative to the root."""
    root = Path(root)
    return [(str(p), uri_of(p, root)) for p in paths]


def process_part(part: Part, cache_dir: str | None) -> BatchResult:
    """Process one part; top-level so that a process pool or a Dask worker can run it."""
    t0 = time.perf_counter()
    out = BatchResult(part.index)
    for p, rel in part.items:
        path = Path(p)
        why = why_not_readable(path, part.root, part.follow_symlinks)
        if why is not None:
            out.results.append(unreadable_file(rel, why))
            continue
        try:
            too_big = over_size(rel, path.stat().st_size, part.limits)
            if too_big is not None:
                out.results.append(too_big)
                continue
            data = path.read_bytes()
        except OSError as exc:
            out.results.append(unreadable_file(rel, exc))
            continue
        doc_id = hashlib.sha256(data).hexdigest()
        charset = served_charset(path)
        cache_key = doc_id if charset is None else f"{doc_id}-{charset.lower()}"
        cached = _read_cache(cache_dir, cache_key, doc_id)
        if cached is not None:
            cached.document.source_uri = rel
            out.results.append(cached)
            out.cached += 1
            continue
        try:
            with time_limit(part.limits.seconds):
                res = process_bytes(data, rel, part.limits, charset)
        except DocumentTimeout as exc:
            res = timed_out(data, rel, exc)
        out.text_bytes += len(res.document.text.encode("utf-8"))
        # a document cut by a cap is not cached: under other caps it would read differently
        if cache_dir and res.status != "failed" and not res.document.error:
            _write_cache(cache_dir, cache_key, res)
        out.results.append(res)
    out.seconds = time.perf_counter() - t0
    return out


def served_charset(path: Path) -> str | None:
    """The charset a server declared for a fetched file (kept beside it in the raw store by ingestion)."""
    try:
        return Path(f"{path}{CHARSET_SUFFIX}").read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _read_cache(cache_dir: str | None, key: str, doc_id: str) -> DocResult | None:
    """A document's cached rows. The cache is JSON read back through the contract's row types: whoever can
    write to it can at worst make a row wrong, never run code (a pickle would run whatever it holds)."""
    if not cache_dir:
        return None
    cp = _cache_path(Path(cache_dir), key)
    if not cp.exists():
        return None
    try:
        data = json.loads(cp.read_text(encoding="utf-8"))
        document = row_from_json("documents", data["document"])
        tables = {t: [row_from_json(t, r) for r in rows] for t, rows in data["tables"].items()}
        if document.doc_id != doc_id:
            return None
        return DocResult(document, tables, pages=int(data["pages"]))
    except Exception:  # noqa: BLE001 - a broken or foreign cache entry is recomputed
        return None


def _write_cache(cache_dir: str, key: str, res: DocResult) -> None:
    cp = _cache_path(Path(cache_dir), key)
    cp.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "document": row_to_json(res.document),
        "tables": {t: [row_to_json(r) for r in rows] for t, rows in res.tables.items()},
        "pages": res.pages,
    }
    tmp = cp.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, cp)


@dataclass
class DocSummary:
    doc_id: str
    source_uri: str
    status: str
    pages: int


@dataclass
class PartFiles:
    """A part's rows, already written as Parquet files by whoever processed it; only this summary travels.

    Rows never cross a process boundary: the worker that made them writes them
    into the staging snapshot, so the run's memory holds one document's rows
    once (in its worker), and Prefect (which keeps every task's return value
    until the flow ends) or a Dask scheduler carries a few hundred bytes a part.
    """

    index: int
    documents: list[DocSummary]
    files: dict[str, tuple[str, int]]  # table → (path, rows)
    cached: int = 0
    seconds: float = 0.0
    text_bytes: int = 0


def process_part_to_files(part: Part, cache_dir: str | None, spool_dir: str) -> PartFiles:
    """Process a part and write its rows as one Parquet file a table into `spool_dir` (inside the staging snapshot)."""
    batch = process_part(part, cache_dir)
    snapshot_id = Path(spool_dir).parent.name.removeprefix("staging-")
    seen: set[str] = set()
    tables: dict[str, list] = {t: [] for t in TABLES}
    docs = []
    for res in batch.results:
        doc = res.document
        docs.append(DocSummary(doc.doc_id, doc.source_uri, doc.status, res.pages))
        if doc.doc_id in seen:  # a byte-identical copy later in the same part: the publisher names it
            continue
        seen.add(doc.doc_id)
        tables["documents"].append(doc)
        for t, rows in res.tables.items():
            tables[t].extend(rows)
    files = {}
    for t, rows in tables.items():
        if rows:
            path = Path(spool_dir) / f"{t}-{part.index:05d}.parquet"
            write_rows(t, rows, path, snapshot_id)
            files[t] = (str(path), len(rows))
    return PartFiles(part.index, docs, files, batch.cached, batch.seconds, batch.text_bytes)


class PartRunner(Protocol):
    """How parts are executed: yields each part's result in part order.

    The one publish loop (`publish_items`) is the same for every way of
    running parts; only this changes: `LocalRunner` (in this process or a
    process pool), or the Prefect runner in flows/ (tasks of several parts,
    on threads or a Dask cluster). `spool_dir` is where a runner that moves
    results between processes may leave them as files.
    """

    def __call__(self, parts: Sequence[Part], cache_dir: str | None, spool_dir: str) -> Iterator[PartFiles]: ...


@dataclass
class LocalRunner:
    """Parts in this process (`workers` = 1) or across a pool of spawned worker processes."""

    workers: int = 1

    def __call__(self, parts: Sequence[Part], cache_dir: str | None, spool_dir: str) -> Iterator[PartFiles]:
        if self.workers <= 1 or len(parts) <= 1:
            for part in parts:
                yield process_part_to_files(part, cache_dir, spool_dir)
            return
        with worker_pool(self.workers) as pool:

            def submit(part: Part) -> Future:
                return pool.submit(process_part_to_files, part, cache_dir, spool_dir)

            for fut in in_order(submit, parts, 2 * self.workers):
                yield fut.result()


@dataclass
class RunSummary:
    output: Path
    documents: int = 0
    by_status: Counter = field(default_factory=Counter)
    rows: dict = field(default_factory=dict)
    seconds: float = 0.0
    pages: int = 0
    cached: int = 0
    text_bytes: int = 0
    duplicates: list = field(default_factory=list)
    snapshot: Path | None = None
    unchanged: bool = False  # nothing published: the output already holds exactly these files
    skipped: list = field(default_factory=list)  # files passed over (hidden, lock files), with why
    corrections: dict = field(default_factory=dict)  # status → how many of the reviewers' corrections
    correction_problems: list = field(default_factory=list)  # the ones not applied, and why
    report: str | None = None  # the report page, where the run wrote one (the Prefect flows do)

    def as_dict(self) -> dict:
        """The summary as `bidrag run --json` prints it; `work_seconds` is the run's own time, past any start-up."""
        return {
            "output": str(self.output),
            "documents": self.documents,
            "by_status": dict(self.by_status),
            "rows": self.rows,
            "pages": self.pages,
            "cached": self.cached,
            "text_bytes": self.text_bytes,
            "duplicates": self.duplicates,
            "snapshot": str(self.snapshot) if self.snapshot else None,
            "unchanged": self.unchanged,
            "work_seconds": self.seconds,
            "skipped": self.skipped,
            "corrections": self.corrections,
            "correction_problems": self.correction_problems,
            "report": self.report,
        }

    @classmethod
    def from_dict(cls, d: dict) -> RunSummary:
        """The summary back from `as_dict` (what a Prefect flow returns)."""
        return cls(
            output=Path(d["output"]),
            documents=d["documents"],
            by_status=Counter(d["by_status"]),
            rows=d["rows"],
            seconds=d["work_seconds"],
            pages=d["pages"],
            cached=d["cached"],
            text_bytes=d["text_bytes"],
            duplicates=d["duplicates"],
            snapshot=Path(d["snapshot"]) if d["snapshot"] else None,
            unchanged=d["unchanged"],
            skipped=d.get("skipped", []),
            corrections=d.get("corrections", {}),
            correction_problems=d.get("correction_problems", []),
            report=d.get("report"),
        )

    def lines(self, verbose: bool = False) -> list[str]:
        """The run's summary in words: the one formatter for `run`, `ingest` and the flows."""
        passed_over = []
        if self.skipped:
            passed_over.append(f"passed over {len(self.skipped)} files that are not documents (hidden, lock files)")
            passed_over += [f"  {name}" for name in self.skipped] if verbose else []
        if self.duplicates and verbose:
            passed_over += [f"  duplicate: {d}" for d in self.duplicates]
        if self.unchanged:
            return passed_over + [
                "nothing changed since the last publish (same files, same pipeline version); nothing published",
                f"documents: {self.documents}",
                f"seconds: {self.seconds:.1f}",
                f"output: {self.output.resolve()}",
            ]
        status = ", ".join(f"{k} {v}" for k, v in sorted(self.by_status.items())) or "none"
        rows = ", ".join(f"{k} {v}" for k, v in self.rows.items())
        out = [
            f"documents: {self.documents} ({status})",
            f"rows: {rows}",
            f"seconds: {self.seconds:.1f} ({self.cached} documents from cache)",
            f"output: {self.output.resolve()}",
        ]
        if self.report:
            out.append(f"report: {self.report}")
        if self.duplicates:
            out.append(f"skipped {len(self.duplicates)} byte-identical duplicates: " + ", ".join(self.duplicates[:5]))
        if self.corrections:
            out.append("corrections: " + ", ".join(f"{k} {v}" for k, v in sorted(self.corrections.items())))
            out += [f"  not applied: {p}" for p in self.correction_problems]
        return out + passed_over


class Publisher:
    """Collects part results in order and streams them into one snapshot."""

    def __init__(self, output: Path, corrections: Sequence[Correction] = ()) -> None:
        self.corrections = list(corrections)
        self.writer = SnapshotWriter(output)
        self.summary = RunSummary(output=Path(output))
        self.seen: dict[str, str] = {}
        self.seen_in: dict[str, int] = {}  # doc_id → the part whose files hold its rows
        self.sources: set[tuple[str, str]] = set()  # every file's (SHA-256, URI), byte-identical copies too
        # where workers write their parts' rows: inside the staging snapshot, gone with it on abort
        self.spool_dir = self.writer.staging / "spool"
        self.spool_dir.mkdir()

    def add(self, part: PartFiles) -> None:
        dropped: set[str] = set()
        for doc in part.documents:
            self.sources.add((doc.doc_id, doc.source_uri))
            if doc.doc_id in self.seen:
                self.summary.duplicates.append(f"{doc.source_uri} = {self.seen[doc.doc_id]}")
                if self.seen_in[doc.doc_id] != part.index:
                    dropped.add(doc.doc_id)  # its rows are in an earlier part already
                continue
            self.seen[doc.doc_id] = doc.source_uri
            self.seen_in[doc.doc_id] = part.index
            self.summary.documents += 1
            self.summary.by_status[doc.status] += 1
            self.summary.pages += doc.pages
        for table, (path, _) in part.files.items():
            self.writer.adopt_part(table, Path(path), part.index, drop_doc_ids=dropped)
        self.summary.cached += part.cached
        self.summary.text_bytes += part.text_bytes

    def commit(self, allow_shrink: bool = False) -> RunSummary:
        shutil.rmtree(self.spool_dir, ignore_errors=True)
        # the reviewers' corrections, after extraction and before grants
        report = corrections_mod.apply(self.writer.staging, self.corrections)
        if report:
            self.writer.recount(DOCUMENT_TABLES)  # corrections drop and add rows
        self.writer.write_table("corrections_report", report)
        self.summary.corrections = dict(Counter(r.status for r in report))
        self.summary.correction_problems = [
            f"{r.correction_id} ({r.table} {r.text!r}): {r.message}" for r in report if r.status != "applied"
        ]
        self.writer.write_table("grants", grants_of_snapshot(self.writer.staging))
        manifest = {
            "pipeline_version": pipeline_version(),
            "sources": sorted(self.sources),
            "corrections": corrections_mod.fingerprint(self.corrections),
        }
        self.summary.snapshot = self.writer.commit(manifest, allow_shrink=allow_shrink)
        self.summary.rows = dict(self.writer.rows)
        return self.summary

    def abort(self) -> None:
        self.writer.abort()


def grants_of_snapshot(snapshot: Path) -> list:
    """The `grants` rows of a (staged) snapshot, from its facts and its documents' dates."""
    facts_dir, docs_dir = Path(snapshot) / "facts", Path(snapshot) / "documents"
    if not any(facts_dir.glob("*.parquet")):
        return []
    facts = pq.read_table(facts_dir, columns=list(grants.Statement.__dataclass_fields__.keys() - {"published"}))
    docs = pq.read_table(docs_dir, columns=["doc_id", "published"]) if any(docs_dir.glob("*.parquet")) else None
    published = dict(zip(docs.column("doc_id").to_pylist(), docs.column("published").to_pylist())) if docs else {}
    return grants.consolidate(grants.statements_from(facts.to_pylist(), published))


def corrections_changed(output: Path, corrections: Sequence[Correction]) -> bool:
    """Whether the reviewers' corrections differ from those the published snapshot applied."""
    manifest = read_manifest(Path(output))
    if manifest is None:
        return bool(corrections)
    applied = manifest.get("corrections", corrections_mod.fingerprint([]))
    return applied != corrections_mod.fingerprint(list(corrections))


def already_published(items: Sequence[Item], output: Path, corrections: Sequence[Correction] = ()) -> bool:
    """True when the published snapshot holds exactly these files (by SHA-256 and URI) from this pipeline version.

    A re-run over an unchanged archive then costs one read of each file and
    of the snapshot's manifest, and publishes nothing; a changed file, a new
    or removed one, or a changed rule means a new snapshot.
    """
    manifest = read_manifest(Path(output))
    if manifest is None or manifest.get("pipeline_version") != pipeline_version():
        return False
    if not links_complete(Path(output)) or swap_leftovers(Path(output)):
        return False  # a killed publish: the run takes the lock, tidies and puts every table link in place
    if corrections_changed(output, corrections):
        return False  # the reviewers changed their corrections: the same files give other rows
    have = {tuple(pair) for pair in manifest.get("sources", [])}
    if len(have) != len(items):
        return False
    want = set()
    for p, uri in items:
        try:
            want.add((_sha256_file(Path(p)), uri))
        except OSError:
            return False
    return want == have


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def default_cache_dir(output: Path) -> Path:
    return Path(output) / META_DIR / "cache"


def unchanged_summary(
    items: Sequence[Item], output: Path, t0: float | None = None, corrections: Sequence[Correction] = ()
) -> RunSummary | None:
    """The summary of a run that would publish nothing (the output already holds these files), or None.

    Cheap and free of orchestration, so a caller decides it before starting Prefect.
    """
    t0 = time.perf_counter() if t0 is None else t0
    if not already_published(items, output, corrections):
        return None
    return RunSummary(
        output=Path(output), documents=len(items), cached=len(items), unchanged=True, seconds=time.perf_counter() - t0
    )


def publish_items(
    items: Sequence[Item],
    output: Path,
    *,
    runner: PartRunner | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    use_cache: bool = True,
    skip_unchanged: bool = True,
    progress: bool | Callable[[int], None] = False,
    label: str = "documents",
    root: Path | None = None,
    follow_symlinks: bool = False,
    skipped: Sequence[str] = (),
    wait: bool = True,
    allow_shrink: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    corrections: Sequence[Correction] | None = None,
) -> RunSummary:
    """The one run loop: parts → runner → results in order → one snapshot, published atomically.

    The output's writer lock is held for the whole run. With the cache on and
    `skip_unchanged`, files the output already holds from this pipeline
    version are not published again (`summary.unchanged`). A publish that
    would empty the dataset or drop most of it is refused unless `allow_shrink`. The reviewers'
    `corrections` are applied before grants (None: those of OUTPUT/corrections.csv, if there is one).
    """
    t0 = time.perf_counter()
    output = Path(output)
    if corrections is None:
        corrections = corrections_mod.load_for(output)
    parts = make_parts(items, batch_size, root, follow_symlinks, limits)
    with writer_lock(output, wait=wait):
        if use_cache and skip_unchanged and (unchanged := unchanged_summary(items, output, t0, corrections)):
            unchanged.skipped = list(skipped)
            return unchanged
        cache = str(default_cache_dir(output)) if use_cache else None
        runner = runner or LocalRunner()
        bar = Progress(len(items), label) if progress is True else None
        advance = bar.advance if bar else (progress if callable(progress) else None)
        publisher = Publisher(output, corrections)
        try:
            for batch in runner(parts, cache, str(publisher.spool_dir)):
                publisher.add(batch)
                if advance:
                    advance(len(batch.documents))
            summary = publisher.commit(allow_shrink)
        except BaseException:
            publisher.abort()
            raise
        finally:
            if bar:
                bar.close()
    summary.skipped = list(skipped)
    summary.seconds = time.perf_counter() - t0
    return summary


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


def run_archive(
    root: Path,
    output: Path,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    use_cache: bool = True,
    progress: bool | Callable[[int], None] = False,
    runner: PartRunner | None = None,
    follow_symlinks: bool = False,
    wait: bool = True,
    allow_shrink: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    corrections: Sequence[Correction] | None = None,
) -> RunSummary:
    """An archive run: the archive's files through `publish_items`, locally unless a runner is given."""
    listing = archive_files(root, output)
    return publish_items(
        listing.items,
        output,
        runner=runner or LocalRunner(workers),
        batch_size=batch_size,
        use_cache=use_cache,
        progress=progress,
        root=listing.root,
        follow_symlinks=follow_symlinks,
        skipped=listing.skipped,
        wait=wait,
        allow_shrink=allow_shrink,
        limits=limits,
        corrections=corrections,
    )
