"""pdfium's functions that the PDF reader calls once a line or once a drawn object, called through cffi.

pypdfium2's raw functions are ctypes bindings, and ctypes converts and checks each argument at every call;
a page of 70 lines and 80 drawn objects makes some 450 such calls, and ctypes' part of each cost about as
much as pdfium's own work (0.5–0.8 µs a call here). cffi calls the same functions at the same addresses with
the same C types for about half that (0.2–0.35 µs). What they return and how pdfium computes it is unchanged.
cffi comes with pdfplumber (through pdfminer.six's cryptography) and is a declared dependency of its own.
"""

from __future__ import annotations

import ctypes
from ctypes import c_void_p
from typing import Any

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
    text has characters) the helper is asked instead."""

    def __init__(self, textpage: Any) -> None:
        self.textpage = textpage
        self.handle = handle(textpage.raw)
        self.size = max(0, 2 * count_chars(self.handle) + 2)
        self.buffer = _ffi.new("unsigned short[]", self.size)

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        written = bounded_text(self.handle, left, top, right, bottom, self.buffer, self.size)
        if 0 < written < self.size:
            units = written - (self.buffer[written - 1] == 0)  # pdfium writes the text's terminating zero too
            text = _ffi.buffer(self.buffer, 2 * units)[:].decode("utf-16-le", errors="ignore")
            if len(text) == units:  # one unit a character: all in the basic plane, none cut off
                return text
        return str(self.textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top))
