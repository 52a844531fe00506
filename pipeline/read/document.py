"""One source file in, one document's rows out — never an exception.

Whatever goes wrong with a file (corrupt, encrypted, no text layer, unknown
kind, rows that would break the contract) becomes a `documents` row with
status `failed` or `no_text` and the reason in `error`; the run goes on.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from extractors.date_values import date_in_file_name
from extractors.dates import document_date
from pipeline.read import formats
from pipeline.read.limits import DEFAULT as DEFAULT_LIMITS
from pipeline.read.limits import MB, DocumentTimeout, Limits, truncate_text
from pipeline.read.normalize import NormalizedText, normalize
from pipeline.read.text_ocr import unsure_spans
from pipeline.read.version import __version__, code_fingerprint, pipeline_version  # noqa: F401 (re-exported)
from schemas.contract import ContractError, DocumentRow, failed_document, validate_rows


@dataclass
class DocResult:
    document: DocumentRow
    tables: dict[str, list] = field(default_factory=dict)
    pages: int = 0
    blocks: list = field(default_factory=list)  # extractors.blocks.Block: the structure (not published)
    # each table's rows (and `documents`) as columns, as the contract's check returned them once they passed it:
    # the spool writes these rather than checking and taking the rows apart again (not cached, not published)
    columns: dict[str, dict[str, list]] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.document.status


@dataclass
class DocumentText:
    """A file read and normalized: what extraction needs, whatever the format."""

    format: formats.Format
    norm: NormalizedText
    title: str | None
    published: date | None
    published_source: str | None
    n_pages: int | None
    note: str | None = None  # what a cap cut off
    text_source: str = "layer"  # `layer`, `ocr` or `mixed`
    unsure: list[tuple[int, int, float]] = field(default_factory=list)  # OCR words of low confidence: offsets
    no_text_why: str | None = None  # why a scan gave no text
    name_date: date | None = None  # a full date in the file's name (`beslut-2023-05-17.pdf`)

    @property
    def reference(self) -> date | None:
        """The date extraction takes a year from where a date leaves it out: the document's own, when it says
        it, else the date its file is named after (a file's creation date in its metadata is no item's date)."""
        return self.published if self.published_source in ("html-metadata", "text") else self.name_date


def read_text(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS, charset: str | None = None) -> DocumentText:
    """Bytes → normalized text, page map and metadata. Raises on unreadable input or a file over a cap.

    `charset`: what a server declared for the bytes; it outranks what the bytes say of themselves.
    """
    fmt = formats.detect(data, name)
    got = fmt.read(data, limits, charset)
    raw, cut = truncate_text(got.text, limits.text_chars)
    norm = normalize(raw)
    if fmt.paginated and not norm.page_starts and norm.text:
        norm.page_starts = [0]  # a document of one page: its text is on page 1
    # the document's own date: a dateline in its text, else the file's metadata (web pages: metadata first)
    published, source = None, None
    if fmt.metadata_date_first and got.date:
        published, source = got.date, got.date_source
    elif line_date := document_date(norm.text):
        published, source = line_date, "text"
    elif got.date:
        published, source = got.date, got.date_source
    title = got.title
    if title is None:
        first = norm.text.strip().split("\n", 1)[0].strip()
        title = first[:200] if first else None
    note = "; ".join(n for n in (got.note, cut) if n) or None
    unsure = unsure_spans(norm.text, got.ocr_words, norm.page_starts) if got.ocr_words else []
    return DocumentText(
        fmt,
        norm,
        title,
        published,
        source,
        got.n_pages,
        note,
        got.text_source,
        unsure,
        got.no_text_why,
        date_in_file_name(name),
    )


def _failed(doc_id: str, source_uri: str, fmt: formats.Format, error: str, **known) -> DocResult:
    row = failed_document(doc_id, source_uri, fmt.media_type, error, pipeline_version(), **known)
    return DocResult(row, pages=known.get("n_pages") or 0)


def unreadable_file(source_uri: str, why: str | OSError) -> DocResult:
    """The row of a file that is not read: a folder named `x.pdf`, a FIFO, a symlink out of the archive, no permission.

    Its doc_id is the SHA-256 of its name (there are no bytes to hash).
    """
    doc_id = hashlib.sha256(source_uri.encode()).hexdigest()
    error = f"cannot read file: {why}" if isinstance(why, OSError) else why
    return _failed(doc_id, source_uri, formats.guess_from_name(source_uri), error)


def over_size(source_uri: str, size: int, limits: Limits) -> DocResult | None:
    """The failed row of a file over the size cap, decided before it is read into memory."""
    if size <= limits.file_bytes:
        return None
    why = f"the file is {size / MB:,.0f} MB, over the cap of {limits.file_bytes / MB:,.0f} MB (--max-file-mb)"
    return unreadable_file(source_uri, why)


def timed_out(data: bytes, source_uri: str, exc: DocumentTimeout) -> DocResult:
    doc_id = hashlib.sha256(data).hexdigest()
    return _failed(doc_id, source_uri, formats.guess_from_name(source_uri), str(exc))


def process_bytes(
    data: bytes,
    source_uri: str,
    limits: Limits = DEFAULT_LIMITS,
    charset: str | None = None,
    *,
    doc_id: str | None = None,
) -> DocResult:
    """One file's bytes → its document row and tables, never an exception. `doc_id`: the SHA-256 of `data`, where
    the caller has hashed the bytes already (a run does, for its cache key): a large PDF is not hashed twice."""
    from pipeline.run.extract import classify_kind, extract, weigh_ocr_confidence

    doc_id = doc_id or hashlib.sha256(data).hexdigest()
    try:
        got = read_text(data, source_uri, limits, charset)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a row
        return _failed(doc_id, source_uri, formats.guess_from_name(source_uri), f"{type(exc).__name__}: {exc}")
    fmt, norm = got.format, got.norm
    known: dict[str, Any] = dict(
        title=got.title,
        published=got.published,
        published_source=got.published_source,
        n_pages=got.n_pages,
        text=norm.text,
        text_source=got.text_source,
    )
    if len(norm.text.strip()) < 20:
        why = (got.no_text_why or "no text layer") if fmt.paginated else "the file holds no text"
        return _failed(doc_id, source_uri, fmt, why, status="no_text", **known)
    try:
        ext = extract(doc_id, norm.text, norm.page_of, got.reference)
        weigh_ocr_confidence(ext, got.unsure)
    except Exception as exc:  # noqa: BLE001
        why = f"extraction failed: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
        return _failed(doc_id, source_uri, fmt, why, **known)
    document = DocumentRow(
        doc_id=doc_id,
        source_uri=source_uri,
        media_type=fmt.media_type,
        doc_kind=classify_kind(norm.text, fmt, got.n_pages, ext.list_lines, ext.segments),
        status="ok",
        error=got.note,
        pipeline_version=pipeline_version(),
        ingested_at=datetime.now(UTC),
        **known,
    )
    tables = ext.tables()
    try:
        columns = {"documents": validate_rows("documents", [document])}
        for table, rows in tables.items():
            columns[table] = validate_rows(table, rows)
    except ContractError as exc:
        return _failed(doc_id, source_uri, fmt, f"rows break the data contract: {exc}", **known)
    return DocResult(document, tables, pages=got.n_pages or 0, blocks=ext.blocks, columns=columns)
