"""Recognise a file's format from its bytes, not its name.

Archives are full of `.pdf` files that are HTML error pages and `.txt` files
in cp1252; trusting the extension would publish garbage or fail late.
"""
from __future__ import annotations

import io
import zipfile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
TEXT = "text/plain"

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta ", b"<div", b"<p>")


class UnknownFormat(ValueError):
    pass


def sniff(data: bytes, name: str = "") -> str:
    head = data[:4096]
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return DOCX
        except zipfile.BadZipFile as exc:
            raise UnknownFormat(f"corrupt zip container: {exc}") from exc
        raise UnknownFormat("a zip archive that is not a Word document")
    if head.startswith((b"\xd0\xcf\x11\xe0",)):
        raise UnknownFormat("legacy binary Office document (.doc/.xls); save it as .docx or PDF")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnknownFormat("an image, not a document with text")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (
        lowered.startswith(b"<") and any(m in lowered for m in _HTML_MARKERS)
    ):
        return HTML
    if name.lower().endswith((".html", ".htm", ".xhtml")) and b"<" in head:
        return HTML
    if b"\x00" in head:
        raise UnknownFormat("binary data of an unknown kind")
    return TEXT
