"""The media types of the documents bidrag reads: `documents.media_type` is part of the contract, so they live here.

The format registry (`pipeline/read/formats.py`) names its formats with
these constants; a new format adds its type here and its `Format` entry there,
and `tests/test_contract.py` checks that the two agree. The contract depends
on nothing from the stages.
"""

from __future__ import annotations

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
TEXT = "text/plain"
PNG = "image/png"  # scans, read by OCR
JPEG = "image/jpeg"
TIFF = "image/tiff"

MEDIA_TYPES: tuple[str, ...] = (PDF, DOCX, HTML, TEXT, PNG, JPEG, TIFF)
