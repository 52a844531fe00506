"""What a run did: its summary, and that summary in words (the lines, the state message, the run's markdown).

A run that published and one that found nothing must not look the same in
the Prefect UI. The words come from here (plain Python, read from the run's
summary and the snapshot's manifests), so the flows only hand them over.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.publish.manifest import current_snapshot

MAX_LISTED = 50


@dataclass
class RunSummary:
    """What one run read and published; the one record that `run`, `ingest` and the flows print or return."""

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
    report: str | None = None  # the report page every publish writes (None: nothing published, or it failed)

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


@dataclass
class Changes:
    """Files by URI, against the snapshot published before the run."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def changes(previous: dict | None, current: dict | None) -> Changes:
    def by_uri(manifest: dict | None) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for sha, uri in (manifest or {}).get("sources", []):
            out.setdefault(uri, set()).add(sha)
        return out

    before, after = by_uri(previous), by_uri(current)
    return Changes(
        new=sorted(set(after) - set(before)),
        changed=sorted(uri for uri in set(after) & set(before) if after[uri] != before[uri]),
        removed=sorted(set(before) - set(after)),
    )


def failed_documents(output: Path) -> list[tuple[str, str, str]]:
    """(source_uri, status, error) of every document of the published snapshot that was not read."""
    snapshot = current_snapshot(Path(output))
    if snapshot is None:
        return []
    import pyarrow.compute as pc  # here, not at the top: an unchanged re-run imports this module and no Arrow
    import pyarrow.parquet as pq

    docs = pq.read_table(snapshot / "documents", columns=["source_uri", "status", "error"])
    bad = docs.filter(pc.not_equal(docs.column("status"), "ok")).to_pylist()
    return sorted((d["source_uri"], d["status"], d["error"] or "") for d in bad)


def state_message(summary: RunSummary) -> str:
    """One line: what was published, or that nothing was."""
    if summary.unchanged:
        return f"nothing published: the {summary.documents} files are unchanged since the last publish"
    if summary.snapshot is None:
        return "nothing published"
    status = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_status.items())) or "none"
    grants = summary.rows.get("grants", 0)
    facts = summary.rows.get("facts", 0)
    return f"published {summary.documents} documents ({status}): {facts} facts, {grants} grants"


def markdown(summary: RunSummary, what: Changes, failed: list[tuple[str, str, str]], report: Path | None = None) -> str:
    """The run's artifact: documents by status, rows per table, new and changed files, failures, the report."""
    lines = [f"# bidrag run: {state_message(summary)}", ""]
    if summary.unchanged:
        lines += ["The output already holds exactly these files from this pipeline version; no snapshot was made."]
        return "\n".join(lines) + "\n"
    lines += ["## Documents by status", "", "| status | documents |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(summary.by_status.items())]
    lines += ["", "## Rows per table", "", "| table | rows |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in summary.rows.items()]
    lines += ["", f"## Files: {len(what.new)} new, {len(what.changed)} changed, {len(what.removed)} removed", ""]
    for label, uris in (("new", what.new), ("changed", what.changed), ("removed", what.removed)):
        lines += [f"- {label}: `{uri}`" for uri in uris[:MAX_LISTED]]
        if len(uris) > MAX_LISTED:
            lines.append(f"- … and {len(uris) - MAX_LISTED} more {label}")
    lines += ["", f"## Files that could not be read ({len(failed)})", ""]
    if failed:
        lines += ["| file | status | why |", "|---|---|---|"]
        lines += [f"| `{uri}` | {status} | {error.replace('|', '/')} |" for uri, status, error in failed[:MAX_LISTED]]
    else:
        lines.append("None.")
    if summary.snapshot is not None:
        lines += ["", f"Snapshot: `{summary.snapshot}`"]
    if report is not None:
        lines += ["", f"[The report: totals, maps and the grants with their evidence]({report.resolve().as_uri()})"]
    return "\n".join(lines) + "\n"
