"""Tesseract for the scan tests: Debian's `tesseract-ocr` and `tesseract-ocr-swe` (docs/ocr.md).

CI installs both (`make test` does, see the Makefile `ocr` target) and sets BIDRAG_REQUIRE_OCR=1, so a
missing Tesseract fails there; on a developer's machine without it the scan tests skip with the reason.
"""

from __future__ import annotations

import os

import pytest

from pipeline.read.text_ocr import OcrUnavailable, tesseract_program


def require_tesseract() -> None:
    try:
        tesseract_program()
    except OcrUnavailable as exc:
        if os.environ.get("BIDRAG_REQUIRE_OCR") == "1":
            pytest.fail(f"{exc}, but BIDRAG_REQUIRE_OCR=1 (make test installs it)")
        pytest.skip(str(exc))


@pytest.fixture
def tesseract() -> None:
    require_tesseract()
