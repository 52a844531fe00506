"""Word documents through python-docx, body paragraphs and tables in order.

A table row becomes one line with its cells joined by " | ", so that a row
`Region Uppsala | 10 799 951 kronor` is linked like a list line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.formats import Read


@dataclass
class DocxText:
    text: str
    title: str | None
    created: datetime | None


def read_docx(data: bytes) -> DocxText:
    document = docx.Document(io.BytesIO(data))
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            rows = []
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    if not cells or cells[-1] != value:  # merged cells repeat
                        cells.append(value)
                rows.append(" | ".join(c for c in cells if c))
            blocks.append("\n".join(rows))
            blocks.append("")
    props = document.core_properties
    return DocxText(text="\n".join(blocks), title=props.title or None, created=props.created)


def read(data: bytes) -> Read:
    d = read_docx(data)
    return Read(text=d.text, title=d.title, date=d.created.date() if d.created else None, date_source="docx-metadata")
