"""Word documents through python-docx, body paragraphs and tables in order.

A table row becomes one line with its cells joined by " | ", so that a row
`Region Uppsala | 8 412 306 kronor` is linked like a list line.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from extractors import lang
from pipeline.read.formats import Read
from pipeline.read.limits import DEFAULT, MB, Limits, OverLimit


@dataclass
class DocxText:
    text: str
    title: str | None
    created: datetime | None


def check_unpacked_size(data: bytes, limits: Limits) -> None:
    """A DOCX is a zip: refuse one whose members unpack past the caps before anything unpacks them."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
    biggest = max(infos, key=lambda i: i.file_size, default=None)
    if biggest is not None and biggest.file_size > limits.docx_member_bytes:
        raise OverLimit(
            f"{biggest.filename} unpacks to {biggest.file_size / MB:,.0f} MB, over the cap of "
            f"{limits.docx_member_bytes / MB:,.0f} MB for one member (a zip bomb?)"
        )
    total = sum(i.file_size for i in infos)
    if total > limits.docx_unpacked_bytes:
        raise OverLimit(
            f"unpacks to {total / MB:,.0f} MB, over the cap of {limits.docx_unpacked_bytes / MB:,.0f} MB (a zip bomb?)"
        )


def _drop_entity_references(body: Any) -> None:
    """An entity reference inside a text run (`&x;`, which Word never writes) ends python-docx's text of the run;
    keep the text after it and drop the unresolved reference (resolving it would open the door to entity bombs)."""
    for t in body.iter(qn("w:t")):
        if len(t):
            t.text = (t.text or "") + "".join(child.tail or "" for child in t)
            for child in list(t):
                t.remove(child)


LIST_MARKER = "• "
_MARKERS = ("•", "-", "–", "*")


def _is_list_paragraph(element: Any, paragraph: Paragraph) -> bool:
    """Word numbering (`w:numPr`) or a list style (`List Bullet`, `Liststycke`) makes a paragraph a list item."""
    ppr = element.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    try:
        name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except (KeyError, ValueError):
        return False
    return any(word in name for word in lang.text()["list_style_words"])


def read_docx(data: bytes) -> DocxText:
    document = docx.Document(io.BytesIO(data))
    blocks: list[str] = []
    body = document.element.body
    _drop_entity_references(body)
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            text = paragraph.text
            if not text.strip():
                continue
            if _is_list_paragraph(child, paragraph) and not text.lstrip().startswith(_MARKERS):
                text = LIST_MARKER + text.lstrip()  # a numbered or bulleted paragraph keeps its list-ness
            if blocks and text.lstrip().startswith(_MARKERS) and blocks[-1].lstrip().startswith(_MARKERS):
                blocks[-1] += "\n" + text  # a list is one block, its items one line each
            else:
                blocks.append(text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            rows = []
            for row in table.rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:
                    # a merged cell repeats as the same element; neighbours that only hold the same text
                    # (`30 | 30 | 30`: one sum for each of three years) are cells of their own
                    if cell._tc is not previous:
                        cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
                    previous = cell._tc
                rows.append(" | ".join(c for c in cells if c))
            blocks.append("\n".join(rows))
    # a Word paragraph is a paragraph: a line of its own between blank lines, as the sentence splitter reads it
    # (a dateline without a full stop must not run into the sentence after it)
    text = "\n\n".join(blocks)
    props = document.core_properties
    return DocxText(text=text, title=props.title or None, created=props.created)


def read(data: bytes, limits: Limits = DEFAULT, charset: str | None = None) -> Read:
    check_unpacked_size(data, limits)
    d = read_docx(data)
    return Read(text=d.text, title=d.title, date=d.created.date() if d.created else None, date_source="docx-metadata")
