"""An archive run in plain Python: list → batch → process (cached) → publish.

flows/ wraps these functions in Prefect; they also run without it. A batch is
many documents, so orchestration costs stay per batch, not per document. A
document's result is cached under its SHA-256 and the pipeline version, so a
re-run over an unchanged archive only reads the cache.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import shutil
import sys
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.document import DocResult, pipeline_version, process_bytes
from pipeline.publish import META_DIR, SnapshotWriter, read_manifest

DEFAULT_BATCH_SIZE = 25
SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


class ArchiveError(RuntimeError):
    """A fatal problem with the run itself (not with one document)."""


def list_files(root: Path, exclude: Path | None = None) -> list[Path]:
    root = Path(root)
    if not root.exists():
        raise ArchiveError(f"archive not found: {root}")
    if root.is_file():
        return [root]
    out = []
    excl = exclude.resolve() if exclude else None
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if excl is not None and Path(dirpath).resolve() == excl:
            dirnames[:] = []
            continue
        for f in sorted(filenames):
            if f.startswith(".") or f in SKIP_NAMES or f.startswith("~$"):
                continue
            out.append(Path(dirpath) / f)
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


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
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


def in_order(submit, jobs, window: int):
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


def make_batches(files: list[Path], batch_size: int = DEFAULT_BATCH_SIZE) -> list[list[Path]]:
    return [files[i:i + batch_size] for i in range(0, len(files), batch_size)]


def _cache_path(cache_dir: Path, doc_id: str) -> Path:
    return cache_dir / pipeline_version() / doc_id[:2] / f"{doc_id}.pkl"


@dataclass
class BatchResult:
    index: int
    results: list[DocResult] = field(default_factory=list)
    cached: int = 0
    seconds: float = 0.0
    text_bytes: int = 0


def archive_items(paths: list[Path], root: Path) -> list[tuple[str, str]]:
    """(path, source_uri) pairs: the URI of an archive file is its path relative to the root."""
    root = Path(root)
    return [(str(p), p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)) for p in paths]


def process_batch(index: int, items: list[tuple[str, str]], cache_dir: str | None) -> BatchResult:
    """Process one batch of (path, source_uri); top-level so a process pool or a Dask worker can run it."""
    t0 = time.perf_counter()
    out = BatchResult(index)
    for p, rel in items:
        path = Path(p)
        try:
            data = path.read_bytes()
        except OSError as exc:
            res = process_bytes(b"", rel)
            res.document.update(doc_id=hashlib.sha256(rel.encode()).hexdigest(), error=f"cannot read file: {exc}")
            out.results.append(res)
            continue
        doc_id = hashlib.sha256(data).hexdigest()
        cached = None
        if cache_dir:
            cp = _cache_path(Path(cache_dir), doc_id)
            if cp.exists():
                try:
                    with open(cp, "rb") as fh:
                        cached = pickle.load(fh)
                except Exception:  # noqa: BLE001 - a broken cache entry is recomputed
                    cached = None
        if cached is not None:
            cached.document["source_uri"] = rel
            out.results.append(cached)
            out.cached += 1
            continue
        res = process_bytes(data, rel)
        out.text_bytes += len(res.document["text"].encode("utf-8"))
        if cache_dir and res.status != "failed":
            cp = _cache_path(Path(cache_dir), doc_id)
            cp.parent.mkdir(parents=True, exist_ok=True)
            tmp = cp.with_suffix(f".tmp{os.getpid()}")
            with open(tmp, "wb") as fh:
                pickle.dump(res, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cp)
        out.results.append(res)
    out.seconds = time.perf_counter() - t0
    return out


@dataclass
class SpooledBatch:
    """A batch's result left in a file: what a task returns, so the orchestrator holds no rows.

    Prefect keeps every task's return value in its flow-run context until the
    flow ends (≈ 100 MiB of rows per 1,000 documents here); a Dask scheduler
    would carry them too.
    """
    index: int
    path: str
    documents: int


def process_batch_to_file(index: int, items: list[tuple[str, str]], cache_dir: str | None,
                          spool_dir: str) -> SpooledBatch:
    batch = process_batch(index, items, cache_dir)
    path = Path(spool_dir) / f"batch-{index:05d}.pkl"
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return SpooledBatch(index, str(path), len(batch.results))


def load_spooled(spooled: SpooledBatch) -> BatchResult:
    """The batch's result, once: the file is removed as it is read."""
    with open(spooled.path, "rb") as fh:
        batch = pickle.load(fh)
    os.unlink(spooled.path)
    return batch


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
    unchanged: bool = False  # nothing published: the output already holds exactly this archive

    def as_dict(self) -> dict:
        """The summary as `bidrag run --json` prints it; `work_seconds` is the run's own time, past any start-up."""
        return {"output": str(self.output), "documents": self.documents, "by_status": dict(self.by_status),
                "rows": self.rows, "pages": self.pages, "cached": self.cached, "text_bytes": self.text_bytes,
                "duplicates": self.duplicates, "snapshot": str(self.snapshot) if self.snapshot else None,
                "unchanged": self.unchanged, "work_seconds": self.seconds}

    def lines(self) -> list[str]:
        status = ", ".join(f"{k} {v}" for k, v in sorted(self.by_status.items())) or "none"
        rows = ", ".join(f"{k} {v}" for k, v in self.rows.items())
        out = [
            f"documents: {self.documents} ({status})",
            f"rows: {rows}",
            f"seconds: {self.seconds:.1f} ({self.cached} from cache)",
            f"output: {self.output.resolve()}",
        ]
        if self.duplicates:
            out.append(f"skipped {len(self.duplicates)} byte-identical duplicates: " + ", ".join(self.duplicates[:5]))
        return out


class Publisher:
    """Collects batch results in order and streams them into one snapshot."""

    def __init__(self, output: Path):
        self.writer = SnapshotWriter(output)
        self.summary = RunSummary(output=Path(output))
        self.seen: dict[str, str] = {}
        self.sources: set[tuple[str, str]] = set()  # every file's (SHA-256, URI), byte-identical copies too
        # where tasks leave their batches (SpooledBatch): inside the staging snapshot, gone with it on abort
        self.spool_dir = self.writer.staging / "spool"
        self.spool_dir.mkdir()

    def add(self, batch: BatchResult) -> None:
        tables: dict[str, list[dict]] = {t: [] for t in self.writer.tables}
        for res in batch.results:
            doc = res.document
            self.sources.add((doc["doc_id"], doc["source_uri"]))
            if doc["doc_id"] in self.seen:
                self.summary.duplicates.append(f"{doc['source_uri']} = {self.seen[doc['doc_id']]}")
                continue
            self.seen[doc["doc_id"]] = doc["source_uri"]
            tables["documents"].append(doc)
            for t, rows in res.tables.items():
                tables[t].extend(rows)
            self.summary.documents += 1
            self.summary.by_status[doc["status"]] += 1
            self.summary.pages += res.pages
        for t, rows in tables.items():
            self.writer.write_part(t, rows, part=batch.index)
        self.summary.cached += batch.cached
        self.summary.text_bytes += batch.text_bytes

    def commit(self) -> RunSummary:
        shutil.rmtree(self.spool_dir, ignore_errors=True)
        manifest = {"pipeline_version": pipeline_version(), "sources": sorted(self.sources)}
        self.summary.snapshot = self.writer.commit(manifest)
        self.summary.rows = {t: n for t, n in self.writer.rows.items()}
        return self.summary

    def abort(self) -> None:
        self.writer.abort()


def already_published(items: list[tuple[str, str]], output: Path) -> bool:
    """True when the published snapshot holds exactly these files (by SHA-256 and URI) from this pipeline version.

    A re-run over an unchanged archive then costs one read of each file and
    of the snapshot's manifest, and publishes nothing; a changed file, a new
    or removed one, or a changed rule means a new snapshot. A snapshot from
    before manifests is checked against its `documents` table.
    """
    manifest = read_manifest(Path(output))
    if manifest is not None:
        version = manifest.get("pipeline_version")
        have = {tuple(pair) for pair in manifest.get("sources", [])}
    else:
        import pyarrow.parquet as pq

        docs = Path(output) / "documents"
        if not docs.exists():
            return False
        try:
            published = pq.read_table(docs, columns=["doc_id", "source_uri", "pipeline_version"]).to_pylist()
        except Exception:  # noqa: BLE001 - an unreadable snapshot is simply republished
            return False
        versions = {r["pipeline_version"] for r in published}
        version = versions.pop() if len(versions) == 1 else None
        have = {(r["doc_id"], r["source_uri"]) for r in published}
    if version != pipeline_version() or len(have) != len(items):
        return False
    want = set()
    for p, uri in items:
        try:
            want.add((_sha256_file(Path(p)), uri))
        except OSError:
            return False
    return want == have


def unchanged_summary(files: list[Path], root: Path, output: Path, t0: float) -> RunSummary | None:
    """The summary of a run that publishes nothing because the output already holds these files, or None."""
    if not already_published(archive_items(files, root), output):
        return None
    return RunSummary(output=output, documents=len(files), cached=len(files), unchanged=True,
                      seconds=time.perf_counter() - t0)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def default_cache_dir(output: Path) -> Path:
    return Path(output) / META_DIR / "cache"


def run_archive(root: Path, output: Path, *, workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE,
                use_cache: bool = True, progress=None) -> RunSummary:
    """The whole archive run without Prefect (used by tests and the Prefect flow's logic alike).

    With the cache on, an archive whose files and pipeline version are what
    the output already holds is not published again (`summary.unchanged`).
    """
    t0 = time.perf_counter()
    files = list_files(root, exclude=Path(output))
    batches = make_batches(files, batch_size)
    cache = str(default_cache_dir(output)) if use_cache else None
    if use_cache and (unchanged := unchanged_summary(files, root, Path(output), t0)):
        return unchanged
    publisher = Publisher(output)
    try:
        if workers > 1 and len(batches) > 1:
            with worker_pool(workers) as pool:
                jobs = ((i, archive_items(b, root)) for i, b in enumerate(batches))
                for fut in in_order(lambda job: pool.submit(process_batch, *job, cache), jobs, 2 * workers):
                    batch = fut.result()
                    publisher.add(batch)
                    if progress:
                        progress(len(batch.results))
        else:
            for i, b in enumerate(batches):
                batch = process_batch(i, archive_items(b, root), cache)
                publisher.add(batch)
                if progress:
                    progress(len(batch.results))
        summary = publisher.commit()
    except BaseException:
        publisher.abort()
        raise
    summary.seconds = time.perf_counter() - t0
    return summary
