"""The formats bidrag reads: one registry that sniffing, readers, media types and suffixes all derive from.

Archives are full of `.pdf` files that are HTML error pages and `.txt` files
in cp1252; trusting the extension would publish garbage or fail late, so a
format is recognised from its bytes. A new format is one reader module with a
`read(data, limits, charset) -> Read` function and one `Format` entry below (its media type
added to the contract's, `schemas/media.py`): the suffixes a source looks for, the document kind's hints
and the date rule all come from that entry.
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pipeline.read.limits import DEFAULT as DEFAULT_LIMITS
from pipeline.read.limits import Limits
from schemas.media import DOCX, HTML, JPEG, PDF, PNG, TEXT, TIFF


@dataclass(frozen=True)
class Read:
    """What every reader returns: the raw text (pages joined by the page sentinel) and the file's own metadata."""

    text: str
    title: str | None = None
    note: str | None = None  # what a cap cut off (`error` of an `ok` row)
    n_pages: int | None = None
    date: date | None = None  # from the file's metadata
    date_source: str | None = None  # `pdf-metadata`, `docx-metadata`, `html-metadata`
    text_source: str = "layer"  # `layer`, `ocr` or `mixed` (pipeline/read/text_ocr.py)
    ocr_words: tuple[tuple[int, str, float], ...] = ()  # recognised words: (page index, word, confidence)
    no_text_why: str | None = None  # why a scan gave no text (OCR missing or capped), when it gave none


class UnknownFormat(ValueError):
    pass


_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta ", b"<div", b"<p>")


def _is_pdf(head: bytes, data: bytes, name: str) -> bool:
    return b"%PDF-" in head[:1024]


def _is_png(head: bytes, data: bytes, name: str) -> bool:
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _is_jpeg(head: bytes, data: bytes, name: str) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def _is_tiff(head: bytes, data: bytes, name: str) -> bool:
    return head.startswith((b"II*\x00", b"MM\x00*"))


def _is_docx(head: bytes, data: bytes, name: str) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/document.xml" in zf.namelist():
                return True
    except zipfile.BadZipFile as exc:
        raise UnknownFormat(f"corrupt zip container: {exc}") from exc
    raise UnknownFormat("a zip archive that is not a Word document")


def _is_html(head: bytes, data: bytes, name: str) -> bool:
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (
        lowered.startswith(b"<") and any(m in lowered for m in _HTML_MARKERS)
    ):
        return True
    return name.lower().endswith(HTML_SUFFIXES) and b"<" in head


def _is_text(head: bytes, data: bytes, name: str) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return True  # UTF-16 or UTF-32 with a byte-order mark
    if b"\x00" in head:
        raise UnknownFormat("binary data of an unknown kind")
    return True


HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Format:
    """One kind of file: how to recognise it, how to read it, and what the rest of the pipeline needs to know."""

    media_type: str
    suffixes: tuple[str, ...]
    detect: Callable[[bytes, bytes, str], bool]  # (first 4 KiB, all bytes, name) → is it this format?
    reader: str  # "module:function" returning `Read`, imported when first needed
    metadata_date_first: bool = False  # the file's metadata date beats a dateline in its text (web pages)
    paginated: bool = False  # no text means no text layer (a scan), not an empty file
    web_page: bool = False  # a page on the web: a news item unless the text says otherwise
    word_processor: bool = False  # one memo cue is enough to call it a memo

    def read(self, data: bytes, limits: Limits = DEFAULT_LIMITS, charset: str | None = None) -> Read:
        """Read with the reader of this format; `charset`: what a server declared (text formats heed it)."""
        module, function = self.reader.split(":")
        return getattr(importlib.import_module(module), function)(data, limits, charset)


# in the order they are tried: the most certain signatures first, plain text last
FORMATS: tuple[Format, ...] = (
    Format(PDF, (".pdf",), _is_pdf, "pipeline.read.text_pdf:read", paginated=True),
    Format(DOCX, (".docx",), _is_docx, "pipeline.read.text_docx:read", word_processor=True),
    # a scan saved as an image: recognised by OCR (pipeline/read/text_ocr.py) as a PDF page without text is
    Format(PNG, (".png",), _is_png, "pipeline.read.text_ocr:read_image", paginated=True),
    Format(JPEG, (".jpg", ".jpeg"), _is_jpeg, "pipeline.read.text_ocr:read_image", paginated=True),
    Format(TIFF, (".tif", ".tiff"), _is_tiff, "pipeline.read.text_ocr:read_image", paginated=True),
    Format(HTML, HTML_SUFFIXES, _is_html, "pipeline.read.text_html:read", metadata_date_first=True, web_page=True),
    Format(TEXT, (".txt",), _is_text, "pipeline.read.text_plain:read"),
)

# signatures of files that are certainly not documents bidrag reads, with the reason a user is told
_REJECT = (
    (re.compile(rb"\A\xd0\xcf\x11\xe0"), "legacy binary Office document (.doc/.xls); save it as .docx or PDF"),
    (re.compile(rb"\AGIF8"), "a GIF image, not a scan of a document (scans are read as PNG, JPEG or TIFF)"),
)


def document_suffixes() -> tuple[str, ...]:
    return tuple(s for f in FORMATS for s in f.suffixes)


def detect(data: bytes, name: str = "") -> Format:
    """The format of these bytes; raises UnknownFormat with the reason a user is told."""
    head = data[:4096]
    for pattern, reason in _REJECT:
        if pattern.match(head):
            raise UnknownFormat(reason)
    for fmt in FORMATS:
        if fmt.detect(head, data, name):
            return fmt
    raise UnknownFormat("a file of an unknown kind")


def sniff(data: bytes, name: str = "") -> str:
    """The media type of these bytes."""
    return detect(data, name).media_type


def guess_from_name(name: str) -> Format:
    """The format a file's name suggests: for the row of a file that could not be read at all."""
    lowered = name.lower()
    for fmt in FORMATS:
        if lowered.endswith(fmt.suffixes):
            return fmt
    return FORMATS[-1]


_METADATA_DATE = re.compile(r"\s*(?:D:)?(\d{4})-?(\d{2})-?(\d{2})")


def metadata_date(value: str | None) -> date | None:
    """A date from file metadata: PDF's `D:20240304…` or an ISO `2024-03-04T…`."""
    m = _METADATA_DATE.match(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
