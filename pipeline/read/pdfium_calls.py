"""pdfium's functions that the PDF reader calls once a line or once a drawn object, bound for plain numbers.

pypdfium2's raw functions take typed handles and `c_double` objects, and ctypes checks and converts each
argument at every call; a page of 70 lines makes some 300 such calls, and their conversions cost more than
pdfium's own work. The same functions at the same addresses, declared to take addresses as plain integers
(`c_void_p`), are called without it. What they return and how pdfium computes it is unchanged.
"""

from __future__ import annotations

import ctypes
from ctypes import c_double, c_int, c_ushort, c_void_p
from typing import Any

import pypdfium2.raw as pdfium_c


def _rebound(function: Any, restype: Any, *argtypes: Any) -> Any:
    """`function` (a pypdfium2 raw binding) at its own address and calling convention, with plain argument types."""
    bound = type(function)(ctypes.cast(function, c_void_p).value)
    bound.argtypes, bound.restype = argtypes, restype
    return bound


count_rects = _rebound(pdfium_c.FPDFText_CountRects, c_int, c_void_p, c_int, c_int)
# (text page, rectangle, left*, top*, right*, bottom*): the four numbers written at the addresses given
get_rect = _rebound(pdfium_c.FPDFText_GetRect, c_int, c_void_p, c_int, c_void_p, c_void_p, c_void_p, c_void_p)
font_size = _rebound(pdfium_c.FPDFText_GetFontSize, c_double, c_void_p, c_int)
count_objects = _rebound(pdfium_c.FPDFPage_CountObjects, c_int, c_void_p)
get_object = _rebound(pdfium_c.FPDFPage_GetObject, c_void_p, c_void_p, c_int)
object_type = _rebound(pdfium_c.FPDFPageObj_GetType, c_int, c_void_p)
count_segments = _rebound(pdfium_c.FPDFPath_CountSegments, c_int, c_void_p)
count_chars = _rebound(pdfium_c.FPDFText_CountChars, c_int, c_void_p)
# (text page, left, top, right, bottom, buffer*, its length in UTF-16 units) -> the units written
bounded_text = _rebound(
    pdfium_c.FPDFText_GetBoundedText, c_int, c_void_p, c_double, c_double, c_double, c_double, c_void_p, c_int
)


def address(handle: Any) -> int:
    """A pypdfium2 raw handle (`page.raw`, `textpage.raw`) as the integer address the functions above take."""
    return ctypes.cast(handle, c_void_p).value or 0


class Box:
    """Four doubles that get_rect writes (left, top, right, bottom), and their addresses to pass it."""

    def __init__(self) -> None:
        self.values = (c_double * 4)()
        at = ctypes.addressof(self.values)
        self.addresses = (at, at + 8, at + 16, at + 24)


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
        self.handle = address(textpage.raw)
        self.size = max(0, 2 * count_chars(self.handle) + 2)
        self.buffer = (c_ushort * self.size)()
        self.at = ctypes.addressof(self.buffer)

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        written = bounded_text(self.handle, left, top, right, bottom, self.at, self.size)
        if 0 < written < self.size:
            units = written - (self.buffer[written - 1] == 0)  # pdfium writes the text's terminating zero too
            text = ctypes.string_at(self.at, 2 * units).decode("utf-16-le", errors="ignore")
            if len(text) == units:  # one unit a character: all in the basic plane, none cut off
                return text
        return str(self.textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top))
