"""The extraction cache: a document's rows as JSON under its SHA-256 and the pipeline version.

A re-run over an unchanged archive reads the cache instead of extracting;
a changed rule changes the pipeline version and so the folder, which makes
every entry of the old rules unreachable rather than wrong.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pipeline.publish.snapshot import META_DIR
from pipeline.read.document import DocResult, pipeline_version
from schemas.contract import row_from_json, row_to_json


def default_cache_dir(output: Path) -> Path:
    return Path(output) / META_DIR / "cache"


def cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / pipeline_version() / key[:2] / f"{key}.json"


def read_cache(cache_dir: str | None, key: str, doc_id: str) -> DocResult | None:
    """A document's cached rows. The cache is JSON read back through the contract's row types: whoever can
    write to it can at worst make a row wrong, never run code (a pickle would run whatever it holds)."""
    if not cache_dir:
        return None
    cp = cache_path(Path(cache_dir), key)
    if not cp.exists():
        return None
    try:
        data = json.loads(cp.read_text(encoding="utf-8"))
        document = row_from_json("documents", data["document"])
        tables = {t: [row_from_json(t, r) for r in rows] for t, rows in data["tables"].items()}
        if document.doc_id != doc_id:
            return None
        return DocResult(document, tables, pages=int(data["pages"]))
    except Exception:  # noqa: BLE001 - a broken or foreign cache entry is recomputed
        return None


def write_cache(cache_dir: str, key: str, res: DocResult) -> None:
    """Write an entry atomically (a temporary file a process, then a rename): a reader never sees half of one."""
    cp = cache_path(Path(cache_dir), key)
    cp.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "document": row_to_json(res.document),
        "tables": {t: [row_to_json(r) for r in rows] for t, rows in res.tables.items()},
        "pages": res.pages,
    }
    tmp = cp.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, cp)
