"""The output data contract (../shared/contract/DATA_CONTRACT.md) as Arrow schemas.

Downstream consumers read these tables with pandas, polars, duckdb and
pyarrow; the schema, not the writer's habits, is what they depend on. Every
table is written through `to_table`, which fails loudly on a missing column or
a value of the wrong type instead of publishing something a reader would
misread.
"""
from __future__ import annotations

import pyarrow as pa

CONTRACT_VERSION = "1"

_MENTION = [
    ("doc_id", pa.string(), False),
    ("mention_id", pa.string(), False),
    ("text", pa.string(), False),
    ("char_start", pa.int64(), False),
    ("char_end", pa.int64(), False),
    ("page", pa.int32(), True),
]

_COLUMNS: dict[str, list[tuple[str, pa.DataType, bool]]] = {
    "documents": [
        ("doc_id", pa.string(), False),
        ("source_uri", pa.string(), False),
        ("media_type", pa.string(), False),
        ("doc_kind", pa.string(), False),
        ("title", pa.string(), True),
        ("published", pa.date32(), True),
        ("n_pages", pa.int32(), True),
        ("text", pa.string(), False),
        ("status", pa.string(), False),
        ("error", pa.string(), True),
        ("pipeline_version", pa.string(), False),
        ("ingested_at", pa.timestamp("us", tz="UTC"), False),
        # extra: where `published` came from (html-meta, dateline, pdf-metadata, ...)
        ("published_source", pa.string(), True),
    ],
    "amounts": _MENTION
    + [
        ("value", pa.float64(), False),
        ("value_max", pa.float64(), True),
        ("currency", pa.string(), False),
        ("qualifier", pa.string(), False),
        ("per", pa.string(), True),
        ("role", pa.string(), False),
        ("is_total", pa.bool_(), False),
        ("body_id", pa.string(), True),
        ("sentence", pa.string(), False),
    ],
    "bodies": _MENTION
    + [
        ("body_id", pa.string(), False),
        ("name", pa.string(), False),
        ("body_type", pa.string(), False),
        ("code", pa.string(), True),
    ],
    "dates": _MENTION
    + [
        ("date_start", pa.date32(), False),
        ("date_end", pa.date32(), False),
        ("granularity", pa.string(), False),
        ("inferred_year", pa.bool_(), False),
    ],
    "facts": [
        ("fact_id", pa.string(), False),
        ("doc_id", pa.string(), False),
        ("body_id", pa.string(), False),
        ("body_name", pa.string(), False),
        ("body_type", pa.string(), False),
        ("role", pa.string(), False),
        ("amount", pa.float64(), False),
        ("currency", pa.string(), False),
        ("amount_mention_id", pa.string(), False),
        ("programme", pa.string(), True),
        ("funder_id", pa.string(), True),
        ("period_start", pa.date32(), True),
        ("period_end", pa.date32(), True),
        ("evidence", pa.string(), False),
        ("confidence", pa.float64(), False),
    ],
    # extra table (issue 6): do the parts of a stated total add up?
    "checks": [
        ("doc_id", pa.string(), False),
        ("total_mention_id", pa.string(), False),
        ("total", pa.float64(), False),
        ("part_mention_ids", pa.list_(pa.string()), False),
        ("n_parts", pa.int32(), False),
        ("sum_of_parts", pa.float64(), False),
        ("difference", pa.float64(), False),
        ("ok", pa.bool_(), False),
    ],
}

TABLES = tuple(_COLUMNS)
CONTRACT_TABLES = ("documents", "amounts", "bodies", "dates", "facts")

ENUMS = {
    ("documents", "status"): {"ok", "no_text", "failed"},
    ("documents", "doc_kind"): {"news", "report", "memo", "decision", "other"},
    ("documents", "media_type"): {
        "application/pdf",
        "text/html",
        "text/plain",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    ("amounts", "qualifier"): {"exact", "approx", "over", "under"},
    ("amounts", "role"): {"applied", "granted", "budget", "other"},
    ("facts", "role"): {"applied", "granted", "budget"},
    ("dates", "granularity"): {"day", "month", "quarter", "year", "range"},
    ("bodies", "body_type"): {
        "kommun", "region", "lansstyrelse", "myndighet", "regering", "riksdag",
        "delegation", "kommunalforbund", "organisation", "eu", "other",
    },
}


class ContractError(ValueError):
    """A table that would break the contract for downstream readers."""


def schema(table: str) -> pa.Schema:
    fields = [pa.field(name, typ, nullable=nullable) for name, typ, nullable in _COLUMNS[table]]
    return pa.schema(fields, metadata={"contract_version": CONTRACT_VERSION, "table": table})


def columns(table: str) -> list[str]:
    return [name for name, _, _ in _COLUMNS[table]]


def to_table(table: str, rows: list[dict]) -> pa.Table:
    """Build a contract-typed Arrow table from row dicts and validate it."""
    sch = schema(table)
    data = {f.name: [row.get(f.name) for row in rows] for f in sch}
    try:
        out = pa.Table.from_pydict(data, schema=sch)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise ContractError(f"{table}: {exc}") from exc
    validate(table, out)
    return out


def validate(table: str, tbl: pa.Table) -> None:
    """Check names, types, nullability, enums and mention ids of one table."""
    expected = schema(table)
    for f in expected:
        if f.name not in tbl.schema.names:
            raise ContractError(f"{table}: missing column {f.name}")
        actual = tbl.schema.field(f.name).type
        if actual != f.type:
            raise ContractError(f"{table}.{f.name}: type {actual}, contract says {f.type}")
        if not f.nullable and tbl.column(f.name).null_count:
            raise ContractError(f"{table}.{f.name}: nulls in a required column")
    for (tname, col), allowed in ENUMS.items():
        if tname != table:
            continue
        bad = set(tbl.column(col).to_pylist()) - allowed
        if bad:
            raise ContractError(f"{table}.{col}: values outside the contract: {sorted(bad)}")
    if "mention_id" in tbl.schema.names:
        ids = tbl.column("mention_id").to_pylist()
        if len(ids) != len(set(ids)):
            raise ContractError(f"{table}: mention_id is not unique")
