"""Text from page images (scans) through Tesseract and its Swedish model, laid out as the PDF reader lays out text.

Archives hold scanned paper: signed protocols, older decisions, letters. A PDF
page without a text layer, and an image file, is rendered to a grey image,
straightened (a scanner tilts a sheet by a fraction of a degree, which would
tilt every line and rule), and recognised by the `tesseract` program, which
returns each word with its box and its confidence (hOCR). The boxes then give
the one structure every reader writes: the ruled tables of the page are found
from the image's own rules by pdfplumber's table finder, as for a PDF's drawn
rules, and their words become ` | ` rows; the other lines go through the PDF
reader's `paragraphs`, so a gap or a larger type sets a blank line.

Tesseract runs as a program (no Python binding to build), one page at a time
and one thread per process (`OMP_THREAD_LIMIT=1`): documents already run in
parallel in the worker pool. Where it is not installed a scan stays `no_text`
with the command that installs it.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from pipeline.read.limits import DEFAULT, Limits

LANGUAGE = "swe"
OCR_DPI = 300  # pages are rendered at this resolution: Tesseract reads best at about 300 dpi
IMAGE_DPI = 200  # an image file that does not state its resolution is taken to be a 200 dpi scan
UNSURE = 80.0  # a word Tesseract gives less than this confidence (0–100) is one it is unsure of
NOT_TEXT = 40.0  # a page whose words average less confidence than this is a picture, not text
LAYER_MIN_CHARS = 20  # a page whose own text layer has fewer characters than this is read from its image
SKEW_LIMIT = 2.0  # degrees a sheet may be tilted by and still be straightened
RULE_MIN_POINTS = 12.0  # a straight dark run this long is a table's rule, not a letter's stroke
DARK = 160  # a grey value below this is ink
MAX_RULE_RUNS = 20_000  # a page with more long dark runs than this holds a picture, not ruled tables
BULLET_SIZE = 0.45  # a line's first mark smaller than this share of its type, before a word, is a bullet
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-swe (see docs/ocr.md)"
_RULE_GLYPHS = set("|[]_")  # what a table's rule reads as when Tesseract takes it for a letter
_RULE_LETTERS = {"I", "l", "|", "!", "[", "]"}  # … or, at a cell's edge, for a letter
RULE_SLACK = 4.0  # points between a cell's rule and a mark Tesseract made of it
_XHTML = "{http://www.w3.org/1999/xhtml}"
_LINE_CLASSES = {"ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"}


class OcrUnavailable(RuntimeError):
    """Tesseract or its Swedish model is not installed; the message says how to install it."""


@dataclass
class Word:
    text: str
    x0: float  # the box in points from the page's top left corner
    top: float
    x1: float
    bottom: float
    conf: float  # Tesseract's confidence, 0–100

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass
class Line:
    words: list[Word]
    baseline: float  # in points from the top
    size: float  # the type's size in points (Tesseract's x_size)
    cells: str | None = None  # a table row's cells, joined by ` | `

    @property
    def text(self) -> str:
        return self.cells if self.cells is not None else " ".join(w.text for w in self.words)


def tesseract_program() -> str:
    """The `tesseract` program with the Swedish model, or OcrUnavailable saying how to install what is missing.

    `BIDRAG_TESSERACT` names another program (or `none`, to run as if it were not installed)."""
    return _program(os.environ.get("BIDRAG_TESSERACT", ""), os.environ.get("PATH", ""))


@cache
def _program(named: str, path: str) -> str:
    program = None if named.lower() == "none" else shutil.which(named or "tesseract", path=path)
    if program is None:
        raise OcrUnavailable(f"Tesseract (OCR) is not installed: {INSTALL_HINT}")
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OcrUnavailable(f"Tesseract does not run ({exc}): {INSTALL_HINT}") from exc
    if LANGUAGE not in (listed.stdout + listed.stderr).split():
        raise OcrUnavailable(f"Tesseract's Swedish model is not installed: {INSTALL_HINT}")
    return program


def _title(element: ET.Element) -> dict[str, list[str]]:
    """hOCR's `title` properties: `bbox 1 2 3 4; x_wconf 95` → {'bbox': ['1', …], 'x_wconf': ['95']}."""
    out = {}
    for part in (element.get("title") or "").split(";"):
        if part.strip():
            key, *values = part.split()
            out[key] = values
    return out


_NUMBER = re.compile(r"\d{4,}(?:,\d+)?")
_DECIMAL_MISREAD = re.compile(r"(?<=\d);(?=\d)")  # a decimal comma Tesseract read as a semicolon (`22;3`)
# Tesseract's Swedish model writes every dash as an em dash; Swedish sets the en dash (`–6 300`, `2026–2028`)
_EN_DASH = str.maketrans({"—": "–"})
_POINT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_GROUP = re.compile(r"\d{3}(?:,\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?")
DIGIT_ADVANCE = 1.15  # a digit's advance (all digits are as wide) over the width of its ink (one of 0, 2–9)
GROUP_STEP = 1.25  # two digits whose ink centres stand this many advances apart have a space between them


def _digit_groups(text: str, box: list[float], pixels: np.ndarray | None) -> str:
    """A number's digits grouped as Swedish groups them (`8000 000` → `8 000 000`) where Tesseract ran the
    groups together: two digits further apart than one digit's advance, measured in the image (Tesseract's
    own character boxes are approximate), where each digit is one blob of ink. Only where the result is a
    grouped number, otherwise the word as read."""
    if pixels is None:
        return text
    x0, top, x1, bottom = (int(round(v)) for v in box)
    ink = (pixels[top : bottom + 1, x0 : x1 + 1] < DARK).any(axis=0)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], ink.astype(np.int8), [0]))))
    starts, ends = edges[0::2], edges[1::2]  # each blob of ink: [start, end)
    wide = [e - s for s, e, c in zip(starts, ends, text) if c.isdigit() and c != "1"]  # a 1 is narrow
    if len(starts) != len(text) or not wide:
        return text  # glyphs that touch: the blobs are not the digits
    advance = DIGIT_ADVANCE * sorted(wide)[len(wide) // 2]
    centres = (starts + ends) / 2
    out = text[0]
    for k in range(1, len(text)):
        apart = centres[k] - centres[k - 1] > GROUP_STEP * advance and text[k - 1].isdigit() and text[k].isdigit()
        out += (" " if apart else "") + text[k]
    return out if _GROUPED.fullmatch(out) else text


def parse_hocr(hocr: bytes, scale: float, pixels: np.ndarray | None = None) -> list[Line]:
    """Tesseract's lines in its reading order, every box in points (`scale`: points per pixel); `pixels`: the
    image Tesseract read, where a number's digit groups are measured."""
    lines = []
    for element in ET.fromstring(hocr).iter():
        if element.get("class") not in _LINE_CLASSES:
            continue
        props = _title(element)
        x0, top, x1, bottom = (float(v) for v in props["bbox"])
        offset = float(props.get("baseline", ["0", "0"])[1])
        size = float(props.get("x_size", [str(bottom - top)])[0])
        words = []
        for span in element.iter(f"{_XHTML}span"):
            if span.get("class") != "ocrx_word":
                continue
            text = "".join(piece.strip() for piece in span.itertext())  # the characters' spans, indented
            if not text:
                continue
            wp = _title(span)
            pixel_box = [float(v) for v in wp["bbox"]]
            bx = [v * scale for v in pixel_box]
            conf = float(wp.get("x_wconf", ["0"])[0])
            text = _DECIMAL_MISREAD.sub(",", text).translate(_EN_DASH)
            if _NUMBER.fullmatch(text):
                text = _digit_groups(text, pixel_box, pixels)
            words.append(Word(text, bx[0], bx[1], bx[2], bx[3], conf))
        for word, after in zip(words, words[1:]):  # `2.050 000`: a group's space read as a point
            if _POINT_GROUPS.fullmatch(word.text) and _GROUP.fullmatch(after.text):
                word.text = word.text.replace(".", " ")
        if words:
            lines.append(Line(words, (bottom + offset) * scale, size * scale))
    return lines


def straighten(image: Any) -> Any:
    """The image turned by the angle that makes its lines of ink level: the one whose row profile is sharpest
    (each ink pixel's row after a small turn is its row plus its column times the angle's tangent)."""
    from PIL import Image

    small = np.asarray(image.reduce(4) if min(image.size) > 800 else image)
    ys, xs = np.nonzero(small < DARK)
    if len(ys) < 100:
        return image

    def sharpness(angle: float) -> float:
        rows = np.bincount((ys + xs * np.tan(np.radians(angle)) + small.shape[1]).astype(np.int64))
        return float(np.square(np.diff(rows.astype(np.float64))).sum())

    best = max(np.arange(-SKEW_LIMIT, SKEW_LIMIT + 0.01, 0.25), key=sharpness)
    best = max(np.arange(best - 0.2, best + 0.21, 0.05), key=sharpness)
    if abs(best) < 0.05:
        return image
    # PIL turns counter-clockwise for a positive angle; rows shifted down to the right need a clockwise turn
    return image.rotate(-float(best), resample=Image.Resampling.BILINEAR, fillcolor=255)


def rule_edges(grey: np.ndarray, scale: float) -> list[dict]:
    """The image's straight horizontal and vertical dark runs, as pdfplumber's edges in points from the top."""
    dark = grey < DARK
    least = RULE_MIN_POINTS / scale
    edges: list[dict] = []
    for orientation, plane in (("h", dark), ("v", dark.T)):
        padded = np.zeros((plane.shape[0], plane.shape[1] + 2), dtype=np.int8)
        padded[:, 1:-1] = plane
        step = np.diff(padded, axis=1)
        rows, starts = np.nonzero(step == 1)
        _, ends = np.nonzero(step == -1)
        long = (ends - starts) >= least
        for at, a, b in zip(rows[long] * scale, starts[long] * scale, ends[long] * scale):
            if orientation == "h":
                box = {"x0": a, "x1": b, "top": at, "bottom": at, "width": b - a, "height": 0.0}
            else:
                box = {"x0": at, "x1": at, "top": a, "bottom": b, "width": 0.0, "height": b - a}
            edges.append({"object_type": "line", "orientation": orientation, **box})
    return edges


class _RulesPage:
    """What pdfplumber's TableFinder reads of a page: its edges and its box."""

    def __init__(self, edges: list[dict], width: float, height: float) -> None:
        self.edges = edges
        self.bbox = (0, 0, width, height)


def ruled_tables(grey: np.ndarray, scale: float) -> list:
    """pdfplumber's tables on the image's rules: each has .bbox and .rows of cell boxes (points)."""
    from pdfplumber.table import TableFinder

    edges = rule_edges(grey, scale)
    if not 6 <= len(edges) <= MAX_RULE_RUNS:
        return []  # too few for a table of 2 × 2 cells, or so many that they are a picture's dark areas
    height, width = grey.shape
    found = TableFinder(_RulesPage(edges, width * scale, height * scale)).tables  # type: ignore[arg-type]
    return [t for t in found if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]


def _inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    x, y = word.centre
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


@dataclass
class PageText:
    """A page's text in the one structure, and its words with their confidences in the order the text has them."""

    text: str
    words: list[tuple[str, float]] = field(default_factory=list)


def _bulleted(line: Line) -> Line:
    """A list item's bullet, which Tesseract reads as `«`, `e` or `©`, as the `•` the other readers write."""
    first = line.words[0]
    small = max(first.x1 - first.x0, first.bottom - first.top) < BULLET_SIZE * line.size
    if len(line.words) > 1 and small and len(first.text) <= 2:
        bullet = Word("•", first.x0, first.top, first.x1, first.bottom, 100.0)
        return Line([bullet, *line.words[1:]], line.baseline, line.size)
    return line


def _cell_words(words: list[Word], box: tuple[float, float, float, float]) -> list[Word]:
    """The words of a cell, less a rule at its edge that Tesseract read as a letter (`I`, `l`) beside them."""
    inside = [w for w in words if _inside(w, box)]
    edge = RULE_SLACK
    return [
        w
        for w in inside
        if not (w.text in _RULE_LETTERS and len(inside) > 1 and (w.x0 - box[0] < edge or box[2] - w.x1 < edge))
    ]


def _table_lines(table: Any, words: list[Word]) -> list[Line]:
    """A ruled table's rows as lines of ` | ` cells, each cell its words in Tesseract's order."""
    from pipeline.read.text_pdf import table_rows

    out = []
    for row in table.rows:
        cells = [_cell_words(words, box) if box else [] for box in row.cells]
        placed = [w for cell in cells for w in cell]
        text = table_rows([[" ".join(w.text for w in cell) for cell in cells]])
        if placed and text:
            size = sorted(w.bottom - w.top for w in placed)[len(placed) // 2]
            out.append(Line(placed, max(w.bottom for w in placed), size, cells=text[0]))
    return out


def _is_rule(word: Word) -> bool:
    return set(word.text) <= _RULE_GLYPHS


def _without(lines: list[Line], box: tuple[float, float, float, float]) -> list[Line]:
    """The lines less their words inside the box (a table's); a line left with none goes."""
    out = []
    for ln in lines:
        if ln.cells is None and any(_inside(w, box) for w in ln.words):
            rest = [w for w in ln.words if not _inside(w, box)]
            if rest:
                out.append(Line(rest, ln.baseline, ln.size))
        else:
            out.append(ln)
    return out


def layout(lines: list[Line], tables: list, page_height: float) -> PageText:
    """The page's lines, with each ruled table's lines replaced by its rows, through the PDF reader's paragraphs."""
    from pipeline.read.text_pdf import paragraphs

    lines = [Line([w for w in ln.words if not _is_rule(w)], ln.baseline, ln.size) for ln in lines]
    lines = [_bulleted(ln) for ln in lines if ln.words]
    table_of: dict[int, int] = {}  # id of a row's line → its table
    for k, table in enumerate(sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))):
        rows = _table_lines(table, [w for ln in lines for w in ln.words if _inside(w, table.bbox)])
        if not rows:
            continue
        lines = _without(lines, table.bbox)
        # the rows stand before the first line under the table, in Tesseract's order (or last)
        at = next((i for i, ln in enumerate(lines) if ln.words[0].top >= table.bbox[3]), len(lines))
        lines[at:at] = rows
        table_of.update({id(r): k for r in rows})
    text = paragraphs("\n".join(ln.text for ln in lines), [(page_height - ln.baseline, ln.size) for ln in lines])
    out: list[str] = []
    previous, k = None, 0
    for piece in text.split("\n"):  # no blank line between two rows of a table: paragraphs does not know rows
        if piece.strip():
            current = table_of.get(id(lines[k]))
            k += 1
            if current is not None and current == previous and out and not out[-1].strip():
                out.pop()
            previous = current
        out.append(piece)
    return PageText("\n".join(out), [(w.text, w.conf) for ln in lines for w in ln.words])


def recognise(image: Any, dpi: float, timeout: float | None = None) -> PageText:
    """One page image (PIL, any mode) → its text in the one structure. Raises OcrUnavailable,
    subprocess.TimeoutExpired."""
    program = tesseract_program()
    grey = straighten(image.convert("L"))
    buf = io.BytesIO()
    grey.save(buf, "PPM")  # PGM: no compression to spend time on
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread: the worker pool is the parallelism
    command = [program, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(round(dpi))]
    command += ["hocr"]
    done = subprocess.run(command, input=buf.getvalue(), capture_output=True, timeout=timeout, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"tesseract failed: {done.stderr.decode(errors='replace').strip()[:200]}")
    scale = 72.0 / dpi
    pixels = np.asarray(grey)
    lines = parse_hocr(done.stdout, scale, pixels)
    confidences = [w.conf for ln in lines for w in ln.words]
    if not confidences or sum(confidences) / len(confidences) < NOT_TEXT:
        return PageText("")
    return layout(lines, ruled_tables(pixels, scale), pixels.shape[0] * scale)


@dataclass
class Recogniser:
    """Recognises the pages of one document within its caps (pages, seconds), and remembers what it did."""

    limits: Limits = DEFAULT
    pages: int = 0  # pages whose text came from OCR
    tried: int = 0  # pages sent to OCR
    skipped: int = 0  # pages without text that the caps left unread
    seconds: float = 0.0
    unavailable: str | None = None  # why OCR could not run
    words: list[tuple[int, str, float]] = field(default_factory=list)  # (page index, word, confidence)

    def page(self, render: Callable[[float], Any], number: int, dpi: float = OCR_DPI) -> str:
        """The text of page `number` (0-based), which has no text layer; `render(dpi)` gives its image. Empty
        where OCR cannot run."""
        if self.unavailable is not None:
            return ""
        remaining = self.limits.ocr_seconds - self.seconds
        if self.pages + self.skipped >= self.limits.ocr_pages or remaining <= 0:
            self.skipped += 1
            return ""
        started = time.perf_counter()
        self.tried += 1
        try:
            got = recognise(render(dpi), dpi, timeout=remaining)
        except OcrUnavailable as exc:
            self.unavailable = str(exc)
            return ""
        except subprocess.TimeoutExpired:
            self.skipped += 1
            return ""
        finally:
            self.seconds += time.perf_counter() - started
        if got.text.strip():
            self.pages += 1
            self.words += [(number, word, conf) for word, conf in got.words]
        return got.text

    def note(self) -> str | None:
        """What the caps left unread (`error` of an `ok` row)."""
        if not self.skipped:
            return None
        return (
            f"{self.skipped:,} scanned pages not recognised: OCR stops after {self.limits.ocr_pages:,} pages or "
            f"{self.limits.ocr_seconds:g} s a document (--max-ocr-pages, --max-ocr-seconds)"
        )

    def source(self, pages_read: int) -> str:
        """`layer`, `ocr` (every page recognised) or `mixed`: where the document's text comes from."""
        if not self.pages:
            return "layer"
        return "ocr" if self.pages >= pages_read else "mixed"

    def why_no_text(self) -> str:
        """The reason a document without text gives: OCR missing, capped, or finding nothing."""
        if self.unavailable:
            return f"no text layer, and {self.unavailable}"
        if self.skipped:
            return f"no text layer, and {self.note()}"
        if not self.tried:
            return "no text layer, and no scanned image to recognise"
        return "no text layer, and OCR recognised no text on it"


def read_image(data: bytes, limits: Limits = DEFAULT, charset: str | None = None) -> Any:
    """An image file (PNG, JPEG, TIFF; a TIFF's frames are its pages) read as a scan."""
    from PIL import Image, ImageSequence

    from pipeline.read.formats import Read
    from pipeline.read.normalize import join_pages

    ocr = Recogniser(limits)
    pages: list[str] = []
    with Image.open(io.BytesIO(data)) as image:
        total = getattr(image, "n_frames", 1)
        for frame in ImageSequence.Iterator(image):
            if len(pages) >= limits.pages:
                break
            dpi = float((frame.info.get("dpi") or (IMAGE_DPI,))[0]) or IMAGE_DPI
            pages.append(ocr.page(lambda _dpi: frame, len(pages), dpi=dpi))
    text = join_pages(pages)
    return Read(
        text=text,
        n_pages=total,
        note=ocr.note(),
        text_source="ocr",
        ocr_words=tuple(ocr.words),
        no_text_why=None if text.strip() else ocr.why_no_text(),
    )


def unsure_spans(
    text: str, words: tuple[tuple[int, str, float], ...], page_starts: list[int], window: int = 80
) -> list[tuple[int, int, float]]:
    """Where in the normalized `text` the words Tesseract was unsure of stand: (start, end, confidence).

    `words`: every recognised word in text order, with its page. Normalization joins hyphenated words and
    drops running lines, so each word is looked for a little ahead of the last one found on its page (a page
    from the text layer may stand between two scanned ones); a word not found there is passed over."""
    out = []
    cursor, current = 0, None
    for page, word, conf in words:
        if page != current:
            current = page
            cursor = page_starts[page] if page < len(page_starts) else cursor
        at = text.find(word, cursor, cursor + window + len(word))
        if at < 0:
            continue
        cursor = at + len(word)
        if conf < UNSURE:
            out.append((at, cursor, conf))
    return out
