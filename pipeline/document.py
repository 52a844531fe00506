"""One source file in, one document's rows out — never an exception.

Whatever goes wrong with a file (corrupt, encrypted, no text layer, unknown
kind) becomes a `documents` row with status `failed` or `no_text` and the
reason in `error`; the run goes on.
"""
from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

import regex as re

from extractors import lang
from extractors.dates import document_date
from pipeline import formats
from pipeline.normalize import join_pages, normalize

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Package version + a hash of the rules (code and language tables): a changed rule invalidates caches."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for pkg in ("pipeline", "extractors"):
        for path in sorted((root / pkg).glob("*.py")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return f"{__version__}+{lang.data_fingerprint()}.{h.hexdigest()[:8]}"


@dataclass
class DocResult:
    document: dict
    tables: dict[str, list[dict]] = field(default_factory=dict)
    pages: int = 0

    @property
    def status(self) -> str:
        return self.document["status"]


_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})(\d{2})")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


def _date_from(pattern, s: str | None) -> date | None:
    """A date from metadata: PDF's `D:20240304…` or an ISO `2024-03-04T…`."""
    m = pattern.match(s or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def read_text(data: bytes, name: str) -> dict:
    """Bytes → normalized text, page map and metadata. Raises on unreadable input."""
    media_type = formats.sniff(data, name)
    title = None
    meta_date = None
    meta_source = None
    n_pages = None
    if media_type == formats.PDF:
        from pipeline.text_pdf import read_pdf

        pdf = read_pdf(data)
        n_pages = len(pdf.pages)
        norm = normalize(join_pages(pdf.pages))
        title = pdf.title
        meta_date, meta_source = _date_from(_PDF_DATE, pdf.created), "pdf-metadata"
    elif media_type == formats.DOCX:
        from pipeline.text_docx import read_docx

        d = read_docx(data)
        norm = normalize(d.text)
        title = d.title
        meta_date, meta_source = (d.created.date() if d.created else None), "docx-metadata"
    elif media_type == formats.HTML:
        from pipeline.text_html import read_html

        h = read_html(data)
        norm = normalize(h.text)
        title = h.title
        meta_date, meta_source = _date_from(_ISO_DATE, h.published), "html-metadata"
    else:
        from pipeline.text_plain import decode_text

        norm = normalize(decode_text(data))
    # the document's own date: HTML metadata, then a dateline in the text, then file metadata
    published, source = None, None
    if media_type == formats.HTML and meta_date:
        published, source = meta_date, meta_source
    else:
        line_date = document_date(norm.text)
        if line_date:
            published, source = line_date, "dateline"
        elif meta_date:
            published, source = meta_date, meta_source
    if title is None:
        first = norm.text.strip().split("\n", 1)[0].strip()
        title = first[:200] if first else None
    return {"media_type": media_type, "norm": norm, "title": title, "published": published,
            "published_source": source, "n_pages": n_pages}


def process_bytes(data: bytes, source_uri: str) -> DocResult:
    from pipeline.extract import classify_kind, extract

    doc_id = hashlib.sha256(data).hexdigest()
    now = datetime.now(timezone.utc)
    document = {
        "doc_id": doc_id, "source_uri": source_uri, "media_type": "application/octet-stream",
        "doc_kind": "other", "title": None, "published": None, "n_pages": None, "text": "",
        "status": "failed", "error": None, "pipeline_version": pipeline_version(), "ingested_at": now,
        "published_source": None,
    }
    try:
        got = read_text(data, source_uri)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a row
        document["error"] = f"{type(exc).__name__}: {exc}"
        document["media_type"] = _guess_media_type(source_uri)
        return DocResult(document)
    norm = got["norm"]
    document.update(media_type=got["media_type"], title=got["title"], published=got["published"],
                    published_source=got["published_source"], n_pages=got["n_pages"], text=norm.text)
    if len(norm.text.strip()) < 20:
        document["status"] = "no_text"
        document["error"] = ("no text layer (a scanned PDF needs OCR first)" if got["media_type"] == formats.PDF
                             else "the file holds no text")
        return DocResult(document, pages=got["n_pages"] or 0)
    reference = got["published"] if got["published_source"] in ("html-metadata", "dateline") else None
    try:
        ext, list_lines, segments = extract(doc_id, norm.text, norm.page_of, reference)
    except Exception as exc:  # noqa: BLE001
        document["error"] = f"extraction failed: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
        return DocResult(document, pages=got["n_pages"] or 0)
    document["status"] = "ok"
    document["doc_kind"] = classify_kind(norm.text, got["media_type"], got["n_pages"], list_lines, segments)
    return DocResult(document, {"amounts": ext.amounts, "bodies": ext.bodies, "dates": ext.dates,
                                "facts": ext.facts, "checks": ext.checks}, pages=got["n_pages"] or 0)


def _guess_media_type(name: str) -> str:
    n = name.lower()
    if n.endswith(".pdf"):
        return formats.PDF
    if n.endswith(".docx"):
        return formats.DOCX
    if n.endswith((".html", ".htm")):
        return formats.HTML
    return formats.TEXT


def process_file(path: Path, root: Path) -> DocResult:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        doc_id = hashlib.sha256(str(path).encode()).hexdigest()
        return DocResult({
            "doc_id": doc_id, "source_uri": rel, "media_type": _guess_media_type(rel), "doc_kind": "other",
            "title": None, "published": None, "n_pages": None, "text": "", "status": "failed",
            "error": f"cannot read file: {exc}", "pipeline_version": pipeline_version(),
            "ingested_at": datetime.now(timezone.utc), "published_source": None,
        })
    return process_bytes(data, rel)
