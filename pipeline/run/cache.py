"""The extraction cache: a document's rows as JSON under its SHA-256 and the pipeline version.

A re-run over an unchanged archive reads the cache instead of extracting;
a changed rule changes the pipeline version and so the folder, which makes
every entry of the old rules unreachable rather than wrong.

An entry holds the document's row and each of its tables as the columns the
contract's check returned (`DocResult.columns`), not a JSON object per row:
writing takes the checked columns as they are (dates as ISO text), and a hit
gives the spool columns to write, without making a row object per mention
and taking them apart again. A run's head start hands every document it read
to the flow through here, so both directions are on the run's path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pipeline.publish.snapshot import META_DIR
from pipeline.read.document import DocResult, pipeline_version
from schemas.contract import ContractError, check_columns, json_columns, row_from_json, row_to_json, validate_rows


def default_cache_dir(output: Path) -> Path:
    return Path(output) / META_DIR / "cache"


def cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / pipeline_version() / key[:2] / f"{key}.json"


def read_cache(cache_dir: str | None, key: str, doc_id: str) -> DocResult | None:
    """A document's cached row and its tables' checked columns (`DocResult.columns`; its `tables` stay empty:
    the spool writes columns). The cache is JSON read back through the contract's types and checks: whoever
    can write to it can at worst make a row wrong, never run code (a pickle would run whatever it holds). An
    entry of another shape (an older bidrag's rows) is recomputed."""
    if not cache_dir:
        return None
    cp = cache_path(Path(cache_dir), key)
    if not cp.exists():
        return None
    try:
        data = json.loads(cp.read_text(encoding="utf-8"))
        document = row_from_json("documents", data["document"])
        if document.doc_id != doc_id:
            return None
        columns = {t: columns_from_json(t, c) for t, c in data["columns"].items() if t != "documents"}
        if not all(_of_document(c, doc_id) for c in columns.values()):
            return None
        return DocResult(document, pages=int(data["pages"]), columns=columns)
    except Exception:  # noqa: BLE001 - a broken or foreign cache entry is recomputed
        return None


def _of_document(columns: dict[str, list], doc_id: str) -> bool:
    """Every row of a cached table is this document's: an entry copied under another key, or edited, would
    publish rows of a document that is not there, or the same mention twice."""
    return all(d == doc_id for d in columns.get("doc_id", ())) and all(
        m.startswith(doc_id + ":") for m in columns.get("mention_id", ())
    )


def write_cache(cache_dir: str, key: str, res: DocResult) -> None:
    """Write an entry atomically (a temporary file a process, then a rename): a reader never sees half of one."""
    cp = cache_path(Path(cache_dir), key)
    cp.parent.mkdir(parents=True, exist_ok=True)
    columns = {t: res.columns.get(t) or validate_rows(t, rows) for t, rows in res.tables.items()}
    data = {
        "document": row_to_json(res.document),
        "columns": {t: columns_to_json(t, c) for t, c in columns.items()},
        "pages": res.pages,
    }
    tmp = cp.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, cp)


def columns_to_json(table: str, data: dict[str, list]) -> dict[str, list]:
    """Checked columns as JSON-ready data, dates and timestamps as ISO text (what `row_to_json` makes of a row's)."""
    out = {}
    for name, parse, _ in json_columns(table):
        values = data[name]
        out[name] = [v if v is None else v.isoformat() for v in values] if parse is not None else values
    return out


def columns_from_json(table: str, data: dict[str, list]) -> dict[str, list]:
    """The columns back from `columns_to_json`, every value checked as a row's is (`check_columns`)."""
    out = {}
    for name, parse, _ in json_columns(table):
        values = data[name]
        if not isinstance(values, list):
            raise ContractError(f"{table}.{name}: not a column")
        out[name] = [v if v is None else parse(v) for v in values] if parse is not None else values
    if len(out) != len(data):
        raise ContractError(f"{table}: columns {sorted(set(data) - set(out))} are not the contract's")
    return check_columns(table, out)
