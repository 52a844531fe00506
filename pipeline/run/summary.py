"""What a run did, in words for the person who looks at it later: the state message and the run's markdown.

A run that published and one that found nothing must not look the same in
the Prefect UI. The words come from here (plain Python, read from the run's
summary and the snapshot's manifests), so the flows only hand them over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.publish.snapshot import current_snapshot
from pipeline.run.loop import RunSummary

MAX_LISTED = 50


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
