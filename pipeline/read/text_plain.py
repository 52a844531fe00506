"""Plain text: UTF-8 first, then the Windows and Latin-1 encodings Swedish archives use."""

from __future__ import annotations

from pipeline.read.formats import Read
from pipeline.read.limits import DEFAULT, Limits

# byte-order marks, the longer first: UTF-32 LE begins like UTF-16 LE
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read(data: bytes, limits: Limits = DEFAULT, charset: str | None = None) -> Read:
    if charset and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        try:
            return Read(text=data.decode(charset))
        except (LookupError, UnicodeDecodeError):
            pass  # the server was wrong about it: read the bytes as they are
    return Read(text=decode_text(data))
