"""Caps on what one document may cost, so that a run's memory and time are bounded by them, not by the input.

A hostile or broken file (a zip bomb as DOCX, a 100 MB single-line text, a
page of HTML nested thousands deep) must cost one row, never the run. The
defaults let every real document through: the largest real reports are a
few hundred pages and a few million characters.

| cap | default | over it |
|---|---|---|
| file size | 256 MB | `failed`, naming the cap |
| HTML size | 32 MB | `failed` |
| DOCX: one member unpacked / all members | 128 / 512 MB | `failed` (a zip bomb) |
| pages | 2,000 | `ok`, the text of the first pages, a note in `error` |
| characters of text | 2,000,000 (600 pages ≈ 1.8 M) | `ok`, cut at the line before the cap, noted in `error` |
| seconds per document | 300 | `failed` (enforced where the document runs in a process's main thread) |
| pages recognised by OCR | 100 | `ok`, the pages past it unread, a note in `error` |
| seconds of OCR per document | 180 | `ok`, the pages past it unread, a note in `error` (under the 300 s) |
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass

MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 256 * MB
    html_bytes: int = 32 * MB
    docx_member_bytes: int = 128 * MB
    docx_unpacked_bytes: int = 512 * MB
    pages: int = 2000
    text_chars: int = 2_000_000
    seconds: float = 300.0
    ocr_pages: int = 100  # OCR reads about a page a second on one core: scans are capped on their own
    ocr_seconds: float = 180.0  # under `seconds`: a long scan keeps the pages it read instead of failing


DEFAULT = Limits()


class OverLimit(ValueError):
    """The document is over a cap that makes it a failed row."""


class DocumentTimeout(BaseException):
    """A document ran past its time. A BaseException, so that no reader's `except Exception` swallows it."""


def truncate_text(text: str, limit: int) -> tuple[str, str | None]:
    """The text cut at the last line break before `limit` characters, and the note that says so."""
    if len(text) <= limit:
        return text, None
    cut = text.rfind("\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return text[:cut], f"text truncated at {cut:,} of {len(text):,} characters (the cap is {limit:,}; --max-chars)"


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in this thread after `seconds`; only a process's main thread can be interrupted."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"took longer than {seconds:g} s (--max-seconds)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
