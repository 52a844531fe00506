"""Plain text: UTF-8 first, then the Windows and Latin-1 encodings Swedish archives use."""

from __future__ import annotations

from pipeline.formats import Read


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read(data: bytes) -> Read:
    return Read(text=decode_text(data))
