"""Render text documents as DOCX, PDF and a web page with furniture, to measure what each format costs.

Issue 12 asks that every format score within 0.02 F1 of the plain text. This
renders each `DOCS/<id>.txt` three ways into `OUT/<format>/<id>.<ext>`:

- `docx`: one Word paragraph per line, lines of ` | ` cells as a Word table;
- `pdf`: one reportlab paragraph per line on A4 (lines wrap as a PDF wraps them), cells as a ruled table;
- `pdf2`: the same set in two columns;
- `html`: one `<p>` per line inside `<div>`s with a menu, a cookie banner, a sidebar of other news with
  an amount and dates, and a footer — no `<article>` or `<main>`;
- `scan` (with `--scan`, slow: OCR reads it back): the `pdf` printed and scanned as issue 29 describes — each
  page at 200 dpi in grey, tilted by 0.6°, saved as JPEG, bound into a PDF of images without a text layer.

Then run and score each, as for the text:

    python -m benchmarks.render_corpus ../shared/corpus/docs /tmp/rendered
    python -m benchmarks.render_corpus ../shared/corpus/docs /tmp/rendered --scan   # … and scans
    for f in text docx pdf pdf2 html scan; do bidrag run /tmp/rendered/$f -o /tmp/out-$f --no-prefect; \
        bidrag eval /tmp/out-$f ../shared/corpus/gold; done
"""

from __future__ import annotations

import html
import io
import shutil
import sys
from pathlib import Path

FURNITURE_TOP = (
    '<div class="sidhuvud"><ul class="meny"><li><a href="/">Start</a></li><li><a href="/nyheter">Nyheter</a></li>'
    '</ul><div class="brodsmulor">Start / Nyheter</div></div><div class="cookie-banner"><p>Vi använder kakor.</p></div>'
)
FURNITURE_SIDE = (
    '<div class="sidokolumn"><h2>Mer från oss</h2><ul><li><a href="/a">Region Skåne får 14 miljoner kronor</a> '
    '<time datetime="2019-11-02">2 nov 2019</time></li><li><a href="/b">Ansök senast 1 mars 2023</a></li></ul></div>'
)
FURNITURE_FOOT = '<div class="sidfot"><p>Box 100, 103 33 Stockholm. Org.nr 202100-0000. © 2024</p></div>'


def _cells(line: str) -> list[str] | None:
    cells = [c.strip() for c in line.split("|")]
    cells = [c for c in cells if c]
    return cells if " | " in line and len(cells) >= 2 else None


def _groups(text: str) -> list[tuple[str, list]]:
    """Lines as ('p', line) and runs of cell lines as ('table', rows)."""
    out: list[tuple[str, list]] = []
    for line in text.split("\n"):
        cells = _cells(line)
        if cells:
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)
            else:
                out.append(("table", [cells]))
        elif line.strip():
            out.append(("p", [line.strip()]))
    return out


def as_docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    for kind, content in _groups(text):
        if kind == "p":
            d.add_paragraph(content[0])
            continue
        width = max(len(r) for r in content)
        t = d.add_table(rows=len(content), cols=width)
        for row, cells in zip(t.rows, content):
            for cell, value in zip(row.cells, cells):
                cell.text = value
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def as_html(text: str) -> bytes:
    parts = []
    for kind, content in _groups(text):
        if kind == "p":
            parts.append(f"<p>{html.escape(content[0])}</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in content)
            parts.append(f"<table>{rows}</table>")
    page = (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Dokument</title></head><body>'
        f'{FURNITURE_TOP}<div class="innehall"><div class="huvud">{"".join(parts)}</div>{FURNITURE_SIDE}</div>'
        f"{FURNITURE_FOOT}</body></html>"
    )
    return page.encode()


def as_pdf(text: str, columns: int = 1) -> bytes:
    """One paragraph per line on A4, cells as a ruled table; `columns=2` sets the page in two columns, as
    reports and decisions often are (a table then runs in a narrow column)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        PageTemplate,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    body = ParagraphStyle("b", parent=getSampleStyleSheet()["BodyText"], fontName="Helvetica", fontSize=9.5)
    story = []
    for kind, content in _groups(text):
        if kind == "p":
            story += [Paragraph(html.escape(content[0]), body), Spacer(1, 3)]
        else:
            width = max(len(r) for r in content)
            rows = [r + [""] * (width - len(r)) for r in content]
            t = Table([[Paragraph(html.escape(c), body) for c in r] for r in rows])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story += [t, Spacer(1, 3)]
    buf = io.BytesIO()
    assert pdfmetrics  # Helvetica is a standard font: no embedding needed
    if columns == 1:
        SimpleDocTemplate(buf, pagesize=A4).build(story)
        return buf.getvalue()
    width, height = A4
    margin, gutter = 50, 18
    col = (width - 2 * margin - gutter) / 2
    frames = [Frame(margin + k * (col + gutter), margin, col, height - 2 * margin) for k in range(2)]
    doc = BaseDocTemplate(buf, pagesize=A4)
    doc.addPageTemplates([PageTemplate(id="two", frames=frames)])
    doc.build(story)
    return buf.getvalue()


def as_scan(text: str) -> bytes:
    """The PDF rendering printed and scanned (tests/fixtures/builders.py `scan`: 200 dpi grey, tilted, JPEG)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.fixtures.builders import scan

    return scan(as_pdf(text))


def main(argv: list[str]) -> int:
    scans = "--scan" in argv
    docs, out = (Path(a) for a in argv if a != "--scan")
    formats = ("text", "docx", "pdf", "pdf2", "html") + (("scan",) if scans else ())
    for fmt in formats:
        (out / fmt).mkdir(parents=True, exist_ok=True)
    for path in sorted(docs.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        shutil.copy(path, out / "text" / path.name)
        (out / "docx" / f"{path.stem}.docx").write_bytes(as_docx(text))
        (out / "pdf" / f"{path.stem}.pdf").write_bytes(as_pdf(text))
        (out / "pdf2" / f"{path.stem}.pdf").write_bytes(as_pdf(text, columns=2))
        (out / "html" / f"{path.stem}.html").write_bytes(as_html(text))
        if scans:
            (out / "scan" / f"{path.stem}.pdf").write_bytes(as_scan(text))
    print(f"rendered {len(list(docs.glob('*.txt')))} documents into {out}/{{{','.join(formats)}}}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
