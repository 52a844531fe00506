"""Publishing a run: part results in order into one snapshot, corrections and grants, then the atomic commit.

Also the manifest checks that let a run publish nothing: whether the
published snapshot already holds exactly these files from this pipeline
version, with these corrections.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pipeline.publish import corrections as corrections_mod
from pipeline.publish import grants
from pipeline.publish.corrections import Correction
from pipeline.publish.snapshot import SnapshotWriter, read_parts
from pipeline.publish.unchanged import already_published, corrections_changed, unchanged_summary  # noqa: F401 (re-exported)
from pipeline.read.document import pipeline_version
from pipeline.run.spool import PartFiles
from pipeline.run.summary import RunSummary
from schemas.contract import DOCUMENT_TABLES


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
    facts = read_parts(facts_dir, columns=list(grants.Statement.__dataclass_fields__.keys() - {"published"}))
    docs = read_parts(docs_dir, columns=["doc_id", "published"]) if any(docs_dir.glob("*.parquet")) else None
    published = dict(zip(docs.column("doc_id").to_pylist(), docs.column("published").to_pylist())) if docs else {}
    return grants.consolidate(grants.statements_from(facts.to_pylist(), published))
