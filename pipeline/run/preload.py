"""What a run's worker processes share before they start: the pipeline imported and its patterns compiled, once.

Imported by the pool's fork server (`processes.pool_context`), never by a worker
itself: every worker is forked from that server, so it begins with the
pipeline's modules loaded and the extractors' patterns compiled (about 0.3 s of
imports and 0.5 s of compiling a spawned worker paid for itself before its
first page). The warm-up is one short text through `process_bytes`, the same
call a worker makes, so whatever a document compiles on first use is compiled
here, and no list of grammars has to be kept in step with the extractors.

It changes no row: a worker has always processed documents one after another
in one process, and the warm-up text is one more document before them, never
published. Nothing here may raise: the fork server imports this module, and a
failure there would leave the workers to compile for themselves, not stop the run.
"""

from __future__ import annotations

import contextlib
import gc
import importlib

# made up for the warm-up: a dateline, a body, a grant and its sum, a period, a total (not published)
WARM_UP_TEXT = (
    "Beslut 2024-03-12\n\n"
    "Regionstyrelsen beviljar Föreningen Vattenspegeln 250 000 kronor i projektbidrag för 2024–2025.\n"
    "Kulturnämnden har fördelat totalt 1,2 miljoner kronor till 14 föreningar under året.\n"
)


# imported on a document's first need, not at the import of what needs them: pdfplumber's table finder (a ruled
# PDF page), the raw store's names (a file's served charset, asked of every file)
ON_FIRST_NEED = ("pdfplumber.table", "pipeline.sources.fetch")


def warm_up() -> None:
    """The pipeline imported, Arrow's pandas probe answered, and the patterns a document uses compiled."""
    from pipeline.read.document import process_bytes
    from pipeline.read.formats import FORMATS
    from pipeline.run import spool  # noqa: F401 (what a worker runs: parts, the cache, the part files)
    from pipeline.run.processes import arrow_without_pandas

    arrow_without_pandas()
    readers = {f.reader.split(":")[0] for f in FORMATS}  # each format's reader is imported on its first file
    for module in (*sorted(readers), *ON_FIRST_NEED):
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    process_bytes(WARM_UP_TEXT.encode("utf-8"), "warm-up.txt")


with contextlib.suppress(Exception):
    warm_up()
# what the warm-up made lives as long as the server: out of the collector's sight, a forked worker's collections
# neither walk it nor write to its pages (which would copy them into every worker)
gc.freeze()
