"""pdfium's functions that the PDF reader calls once a page, a line or a drawn object, called through cffi.

pypdfium2's raw functions are ctypes bindings, and ctypes converts and checks each argument at every call;
a page of 70 lines and 80 drawn objects makes some 450 such calls, and ctypes' part of each cost about as
much as pdfium's own work (0.5–0.8 µs a call here). cffi calls the same functions at the same addresses with
the same C types for about half that (0.2–0.35 µs). What they return and how pdfium computes it is unchanged.
cffi comes with pdfplumber (through pdfminer.six's cryptography) and is a declared dependency of its own.

Pages are loaded the same way (`Page`): pypdfium2's page and text page objects keep Python books on each
(finalizers, parents and children) that cost 0.06 ms a page, more than all of a page's lines' calls to
count_rects. The reader opens the document through pypdfium2 and renders a scan's page through it; the
rest (text, lines, rules, a ruled table's cells) it reads through these pointers.
"""

from __future__ import annotations

import ctypes
from ctypes import c_void_p
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from cffi import FFI

_ffi = FFI()


def _bound(function: Any, signature: str) -> Any:
    """`function` (a pypdfium2 raw binding) at its own address, called as `signature` declares it. pypdfium2
    loads pdfium as a ctypes CDLL on every platform: the C calling convention, cffi's default, is its own."""
    return _ffi.cast(signature, ctypes.cast(function, c_void_p).value)


count_rects = _bound(pdfium_c.FPDFText_CountRects, "int (*)(void *, int, int)")
# (text page, rectangle, left*, top*, right*, bottom*): the four numbers written where the pointers point
get_rect = _bound(pdfium_c.FPDFText_GetRect, "int (*)(void *, int, double *, double *, double *, double *)")
font_size = _bound(pdfium_c.FPDFText_GetFontSize, "double (*)(void *, int)")
count_objects = _bound(pdfium_c.FPDFPage_CountObjects, "int (*)(void *)")
get_object = _bound(pdfium_c.FPDFPage_GetObject, "void * (*)(void *, int)")
object_type = _bound(pdfium_c.FPDFPageObj_GetType, "int (*)(void *)")
count_segments = _bound(pdfium_c.FPDFPath_CountSegments, "int (*)(void *)")
count_chars = _bound(pdfium_c.FPDFText_CountChars, "int (*)(void *)")
# (text page, left, top, right, bottom, buffer*, its length in UTF-16 units) -> the units written
bounded_text = _bound(
    pdfium_c.FPDFText_GetBoundedText, "int (*)(void *, double, double, double, double, unsigned short *, int)"
)

load_page = _bound(pdfium_c.FPDF_LoadPage, "void * (*)(void *, int)")
close_page = _bound(pdfium_c.FPDF_ClosePage, "void (*)(void *)")
load_textpage = _bound(pdfium_c.FPDFText_LoadPage, "void * (*)(void *)")
close_textpage = _bound(pdfium_c.FPDFText_ClosePage, "void (*)(void *)")
text_index = _bound(pdfium_c.FPDFText_GetTextIndexFromCharIndex, "int (*)(void *, int)")
# (text page, first character, characters, buffer*) -> the UTF-16 units written, the terminating zero with them
get_text = _bound(pdfium_c.FPDFText_GetText, "int (*)(void *, int, int, unsigned short *)")
page_width = _bound(pdfium_c.FPDF_GetPageWidthF, "float (*)(void *)")
page_height = _bound(pdfium_c.FPDF_GetPageHeightF, "float (*)(void *)")
# a drawn path's segments: (object, FS_MATRIX* as its six floats a b c d e f), its segments, each one's point
get_matrix = _bound(pdfium_c.FPDFPageObj_GetMatrix, "int (*)(void *, float *)")
get_segment = _bound(pdfium_c.FPDFPath_GetPathSegment, "void * (*)(void *, int)")
segment_point = _bound(pdfium_c.FPDFPathSegment_GetPoint, "int (*)(void *, float *, float *)")
segment_type = _bound(pdfium_c.FPDFPathSegment_GetType, "int (*)(void *)")
segment_closes = _bound(pdfium_c.FPDFPathSegment_GetClose, "int (*)(void *)")


def floats(n: int) -> Any:
    """`n` floats for pdfium to write (a matrix, a point's x and y), read back by index as Python floats."""
    return _ffi.new("float[]", n)


def handle(raw: Any) -> Any:
    """A pypdfium2 raw handle (`page.raw`, `textpage.raw`) as the pointer the functions above take."""
    return _ffi.cast("void *", ctypes.cast(raw, c_void_p).value or 0)


class Box:
    """Four doubles that get_rect writes (left, top, right, bottom), and the pointers to pass it."""

    def __init__(self) -> None:
        self.values = _ffi.new("double[4]")
        self.addresses = (self.values, self.values + 1, self.values + 2, self.values + 3)


class BoundedText:
    """The text inside rectangles of one text page, as pypdfium2's `get_text_bounded` returns it, in one pass.

    pdfium finds a rectangle's text by looking at every character of the page, and the helper asks twice:
    once for the length, once for the text. A ruled table asks once a cell. Here pdfium writes into a buffer
    made once a page, large enough for any rectangle's text (two units a character of the page, two for each
    line break it adds, and its terminating zero). Where the text could differ from the helper's (it filled
    the buffer, or holds a character outside the basic plane, of which the helper keeps as many units as the
    text has characters) pdfium is asked as the helper asks it (`asked_twice`)."""

    def __init__(self, textpage: Any) -> None:
        self.handle = textpage  # the text page's pointer (Page.text_handle)
        self.size = max(0, 2 * count_chars(self.handle) + 2)
        self.buffer = _ffi.new("unsigned short[]", self.size)

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        written = bounded_text(self.handle, left, top, right, bottom, self.buffer, self.size)
        if 0 < written < self.size:
            units = written - (self.buffer[written - 1] == 0)  # pdfium writes the text's terminating zero too
            text = _ffi.buffer(self.buffer, 2 * units)[:].decode("utf-16-le", errors="ignore")
            if len(text) == units:  # one unit a character: all in the basic plane, none cut off
                return text
        return self.asked_twice(left, bottom, right, top)

    def asked_twice(self, left: float, bottom: float, right: float, top: float) -> str:
        """The helper's own steps: the text's length, then the text in a buffer of that length, all decoded."""
        needed = bounded_text(self.handle, left, top, right, bottom, _ffi.NULL, 0)
        if needed <= 0:
            return ""
        buffer = _ffi.new("unsigned short[]", needed)
        bounded_text(self.handle, left, top, right, bottom, buffer, needed)
        return _ffi.buffer(buffer)[:].decode("utf-16-le", errors="ignore")


def page_text(textpage: Any) -> str:
    """All the text of a text page (its pointer), as pypdfium2's `get_text_range()` returns it, step by step:
    characters at either end that have no place in the text (`text_index` -1) are left out of the range, so
    that pdfium reads no further than the page's characters (pypdfium2 issue 261), and the buffer holds the
    text's units and its terminating zero, which is dropped (as the helper slices it: `[:written - 1]`)."""
    count = count_chars(textpage)
    if count == -1:
        raise pdfium.PdfiumError("Failed to get character count.")
    first, last = 0, count - 1
    while True:
        if first > last:
            return ""
        start = text_index(textpage, first)
        if start == -1:
            first += 1
            continue
        end = text_index(textpage, last)
        if end == -1:
            last -= 1
            continue
        break
    size = end + 2 - start  # the units of the text between them, and the terminating zero
    buffer = _ffi.new("unsigned short[]", size)
    written = get_text(textpage, first, last - first + 1, buffer)
    assert size >= written, f"Buffer too small: {size} vs {written}"
    units = len(range(size)[: written - 1])  # the helper's slice, a negative end included
    return _ffi.buffer(buffer, 2 * units)[:].decode("utf-16-le", errors="ignore")


class Page:
    """Page `index` of a pypdfium2 document and its text page, loaded as pointers: `handle`, `text_handle`.
    A document without forms (the reader opens none) loads its pages with these calls and no others
    (pypdfium2's `get_page` and `get_textpage`); they are closed when the `with` block ends, or at once when
    loading fails or the document's time runs out while loading (no finalizer would close them later)."""

    def __init__(self, pdf: pdfium.PdfDocument, index: int) -> None:
        self.pdf, self.index = pdf, index
        self.handle = self.text_handle = _ffi.NULL

    def __enter__(self) -> Page:
        """Loads the page: here and not in `__init__`, because once `__enter__` has begun, `with` closes what
        it opened whatever is raised after (an `__init__` that returned a loaded page could be interrupted by
        the document's time limit before `with` held it)."""
        try:
            self.handle = load_page(handle(self.pdf.raw), self.index)
            if self.handle == _ffi.NULL:
                raise pdfium.PdfiumError(f"page {self.index + 1} of {len(self.pdf)} cannot be loaded")
            self.text_handle = load_textpage(self.handle)
            if self.text_handle == _ffi.NULL:
                raise pdfium.PdfiumError(f"the text of page {self.index + 1} cannot be loaded")
        except BaseException:
            self.close()
            raise
        return self

    def text(self) -> str:
        return page_text(self.text_handle)

    def holds_image(self) -> bool:
        """The page holds an image: a page without text and without one is empty, not a scan."""
        for k in range(count_objects(self.handle)):
            if object_type(get_object(self.handle, k)) == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                return True
        return False

    def close(self) -> None:
        """Close what is open, once: each pointer is taken off the page before pdfium closes it, so a close that
        the document's time limit (a SIGALRM, `limits.time_limit`) interrupts, tried again, never closes it twice
        (`read_pdf` tries again: no finalizer would)."""
        text_handle, self.text_handle = self.text_handle, _ffi.NULL
        if text_handle != _ffi.NULL:
            close_textpage(text_handle)
        page_handle, self.handle = self.handle, _ffi.NULL
        if page_handle != _ffi.NULL:
            close_page(page_handle)

    def __exit__(self, *exc: object) -> None:
        self.close()
