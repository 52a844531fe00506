"""`bidrag blocks`: a file's structure as bidrag reads it, so a rule's author sees what the rule saw."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from flows.commands.common import UsageError

LINE_PREVIEW = 100  # characters of a block's text printed on its line


def add(sub: argparse._SubParsersAction) -> None:
    bl = sub.add_parser(
        "blocks",
        help="print a file's structure as bidrag reads it: headings, paragraphs, list items, tables",
        description="Print the blocks bidrag reads from one file (text, PDF, DOCX or web page): headings, "
        "paragraphs, list items and tables with their caption, header rows and cells, each with its page and "
        "offsets into documents.text. The same document gives the same blocks in every format.",
    )
    bl.add_argument("file", help="a file to read")
    bl.add_argument("--json", action="store_true", help="one JSON object per block")
    bl.set_defaults(func=cmd_blocks)


def cmd_blocks(args: argparse.Namespace) -> int:
    """Print a file's structure as bidrag reads it: what a rule saw, whatever the format."""
    from pipeline.read.document import process_bytes

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from exc
    result = process_bytes(data, str(path))
    if result.status != "ok":
        raise UsageError(f"{path}: {result.document.status}: {result.document.error}")
    text = result.document.text
    for b in result.blocks:
        if args.json:
            print(json.dumps(b.as_dict(text), ensure_ascii=False))
            continue
        head = f"{b.kind:<9} p.{b.page if b.page is not None else '-':<3} {b.start:>7}-{b.end:<7}"
        if b.kind == "table":
            print(f"{head} {len(b.rows)} rows" + (f" · {text[b.caption.start : b.caption.end]!r}" if b.caption else ""))
            for r in (*b.header_rows, *b.rows):
                cells = [text[r.label.start : r.label.end], *(text[c.start : c.end] for c in r.cells)]
                print(" " * 12 + " | ".join(cells))
        else:
            line = " ".join(text[b.start : b.end].split())
            print(f"{head} {line[:LINE_PREVIEW]}{'…' if len(line) > LINE_PREVIEW else ''}")
    return 0
