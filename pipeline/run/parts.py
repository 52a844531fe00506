"""Parts: the documents a worker takes at once, and processing one part, each file through the cache.

A part is numbered so that parts publish in order whoever runs them; a
worker reads each file only when it is safe to (see `files.why_not_readable`)
and within the caps of `limits`, so one bad file is one row, never the run.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractors.date_values import date_in_file_name
from pipeline.read.document import DocResult, over_size, pipeline_version, process_bytes, timed_out, unreadable_file
from pipeline.read.formats import guess_from_name
from pipeline.read.limits import DEFAULT as DEFAULT_LIMITS
from pipeline.read.limits import DocumentTimeout, Limits, time_limit
from pipeline.run.cache import read_cache, write_cache
from pipeline.run.files import ArchiveError, Item, served_charset, why_not_readable
from pipeline.run.options import DEFAULT_BATCH_SIZE
from schemas.contract import failed_document

# the document whose reading kills its worker (SIGKILL), as a crash inside a C library or the OOM killer would:
# how tests give a run a worker that dies (`tests/test_worker_crash.py`)
KILL_SWITCH = "BIDRAG_TEST_KILL_READING"
DIED = "the process reading it died before it finished (a crash in a reader, or killed: out of memory?)"


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
    workers: int = 1,
) -> list[Part]:
    """At most `batch_size` documents a part: the one meaning of `--batch-size`, with or without Prefect.

    An archive of more than one part is cut into a multiple of `workers` parts of even size, so that no worker
    waits at the end while another finishes a full part (60 documents in parts of 25 kept one of two workers
    on 35 of them); an archive of one part stays one, read in the run's own process.
    """
    if batch_size < 1:
        raise ArchiveError(f"batch size must be at least 1, not {batch_size}")
    where = str(root) if root is not None else None
    count = -(-len(items) // batch_size)
    if count > 1 and workers > 1:
        count = min(len(items), -(-count // workers) * workers)
    bounds = [len(items) * k // count for k in range(count + 1)] if count else [0]  # sizes differ by one at most
    return [
        Part(k, list(items[start:end]), where, follow_symlinks, limits)
        for k, (start, end) in enumerate(zip(bounds, bounds[1:]))
    ]


@dataclass
class BatchResult:
    """A processed part's documents, with what it cost: how many came from the cache, seconds, text read."""

    index: int
    results: list[DocResult] = field(default_factory=list)
    cached: int = 0
    seconds: float = 0.0
    text_bytes: int = 0


def process_part(part: Part, cache_dir: str | None) -> BatchResult:
    """Process one part; top-level so that a process pool or a Dask worker can run it."""
    t0 = time.perf_counter()
    out = BatchResult(part.index)
    for p, rel in part.items:
        _process_file(Path(p), rel, part, cache_dir, out)
    out.seconds = time.perf_counter() - t0
    return out


def _process_file(path: Path, rel: str, part: Part, cache_dir: str | None, out: BatchResult) -> None:
    """One file of a part into `out`: a row saying why it was not read, its cached rows, or its rows now."""
    why = why_not_readable(path, part.root, part.follow_symlinks)
    if why is not None:
        out.results.append(unreadable_file(rel, why))
        return
    try:
        too_big = over_size(rel, path.stat().st_size, part.limits)
        if too_big is not None:
            out.results.append(too_big)
            return
        data = path.read_bytes()
    except OSError as exc:
        out.results.append(unreadable_file(rel, exc))
        return
    if os.environ.get(KILL_SWITCH) == rel:
        os.kill(os.getpid(), signal.SIGKILL)
    doc_id = hashlib.sha256(data).hexdigest()
    charset = served_charset(path)
    cache_key = doc_id if charset is None else f"{doc_id}-{charset.lower()}"
    named_day = date_in_file_name(rel)
    if named_day is not None:  # the name's day gives years to dates that leave them out: it is part of the key
        cache_key = f"{cache_key}-{named_day.isoformat()}"
    cached = read_cache(cache_dir, cache_key, doc_id)
    if cached is not None:
        cached.document.source_uri = rel
        out.results.append(cached)
        out.cached += 1
        return
    try:
        with time_limit(part.limits.seconds):
            res = process_bytes(data, rel, part.limits, charset, doc_id=doc_id)
    except DocumentTimeout as exc:
        res = timed_out(data, rel, exc)
    out.text_bytes += len(res.document.text.encode("utf-8"))
    # a document cut by a cap is not cached: under other caps it would read differently
    if cache_dir and res.status != "failed" and not res.document.error:
        write_cache(cache_dir, cache_key, res)
    out.results.append(res)


def died_reading(path: str, rel: str) -> DocResult:
    """The failed row of a file whose reading killed the process that read it (`runners.isolated`): its bytes'
    SHA-256 as its id, like any document's, where they can still be read."""
    try:
        doc_id = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        return unreadable_file(rel, exc)
    row = failed_document(doc_id, rel, guess_from_name(rel).media_type, DIED, pipeline_version())
    return DocResult(row)
