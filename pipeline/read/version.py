"""The pipeline's version: the package version and a hash of the rules, read without importing them.

Cached results and published snapshots carry it; a re-run compares it with
the published manifest before anything heavy is imported, so it hashes the
rule files as bytes (`_VERSIONED_GLOBS`) and imports no extractor.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from extractors import lang

__version__ = "0.1.0"
_ROOT = Path(__file__).resolve().parents[2]
# The code whose change changes rows: extraction rules, reading files into text, the contract. A change to
# publishing, the report, exports or sources keeps every cached extraction.
_VERSIONED_GLOBS = ("extractors/**/*.py", "schemas/*.py", "pipeline/read/*.py", "pipeline/run/extract.py")


def code_fingerprint(root: Path = _ROOT) -> str:
    """A hash of the code that decides rows (`_VERSIONED_GLOBS`) below `root`."""
    h = hashlib.sha256()
    for pattern in _VERSIONED_GLOBS:
        for path in sorted(root.glob(pattern)):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:8]


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Package version + a hash of the rules (code, language tables, contract): a changed rule invalidates caches."""
    return f"{__version__}+{lang.data_fingerprint()}.{code_fingerprint()}"
