"""The data dictionary of a snapshot, made from the contract's row types: `datapackage.json` and `README.md`.

Column meanings that live only in a markdown file in another repository are
meanings nobody reads. Every snapshot carries a Frictionless Data Package
(Table Schema for each table: types, descriptions, enums, required columns,
primary and foreign keys, the contract version), so `frictionless validate`
checks the published data against its own documentation, and a short README
for people who open the folder.
"""

from __future__ import annotations

from dataclasses import fields

import pyarrow as pa

from schemas import contract

PACKAGE_NAME = "bidrag"


def _field_type(arrow: pa.DataType) -> str:
    if pa.types.is_string(arrow):
        return "string"
    if pa.types.is_floating(arrow):
        return "number"
    if pa.types.is_integer(arrow):
        return "integer"
    if pa.types.is_boolean(arrow):
        return "boolean"
    if pa.types.is_timestamp(arrow):
        return "datetime"
    if pa.types.is_date(arrow):
        return "date"
    if pa.types.is_list(arrow):
        return "array"  # read as lists by frictionless_bidrag.py; the stock reader hands numpy arrays over
    raise ValueError(f"no Table Schema type for {arrow}")


def table_schema(table: str) -> dict:
    """Table Schema of one contract table."""
    all_enums = contract.enums()
    primary = contract.PRIMARY_KEYS[table]
    out_fields = []
    for f in fields(contract.ROW_TYPES[table]):
        meta = f.metadata
        spec: dict = {"name": f.name, "type": _field_type(meta["arrow"]), "description": meta["doc"]}
        spec["bidrag:arrow_type"] = str(meta["arrow"])
        constraints: dict = {}
        if not meta["nullable"]:
            constraints["required"] = True
        if (table, f.name) in all_enums:
            constraints["enum"] = sorted(all_enums[(table, f.name)])
        if primary == [f.name]:
            constraints["unique"] = True
        if constraints:
            spec["constraints"] = constraints
        out_fields.append(spec)
    # Parquet has real nulls: an empty string is a value (a failed document's empty text), not a missing one
    schema: dict = {"fields": out_fields, "primaryKey": primary, "missingValues": []}
    foreign = [
        {"fields": column, "reference": {"resource": ref_table, "fields": ref_column}}
        for (t, column), (ref_table, ref_column) in contract.FOREIGN_KEYS.items()
        if t == table
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def descriptor(snapshot_id: str | None = None, rows: dict[str, int] | None = None) -> dict:
    """The Data Package of a snapshot: one resource per table, each the table's folder of Parquet parts."""
    resources = []
    for table in contract.TABLES:
        resource: dict = {
            "name": table,
            "path": table,
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "description": contract.TABLE_DOCS[table],
            "schema": table_schema(table),
        }
        if rows is not None and table in rows:
            resource["bidrag:rows"] = rows[table]
        resources.append(resource)
    package: dict = {
        "name": PACKAGE_NAME,
        "title": "bidrag: state money in Swedish public-sector documents",
        "description": "Who applied for and who was granted how much state money, from which programme and "
        "when, read from news items, reports and board memos. See README.md beside this file.",
        "version": contract.CONTRACT_VERSION,
        "contract_version": contract.CONTRACT_VERSION,
        "resources": resources,
    }
    if snapshot_id:
        package["bidrag:snapshot_id"] = snapshot_id
    return package


def readme(snapshot_id: str | None = None, rows: dict[str, int] | None = None) -> str:
    """The output folder's README: what each table is and how to read it, for people who open the folder."""
    lines = [
        "# bidrag output",
        "",
        "State money in Swedish public-sector documents, as tables. Each table is a folder of Parquet files;",
        "`datapackage.json` beside this file describes every column (type, meaning, allowed values, keys).",
        f"Contract version {contract.CONTRACT_VERSION}" + (f", snapshot `{snapshot_id}`." if snapshot_id else "."),
        "",
        "## Tables",
        "",
        "| table | rows | what a row is |",
        "|---|---|---|",
    ]
    for table in contract.TABLES:
        count = str(rows.get(table, "")) if rows else ""
        lines.append(f"| `{table}` | {count} | {contract.TABLE_DOCS[table]} |")
    lines += [
        "",
        "## How to read it",
        "",
        "```python",
        "import pandas as pd",
        'grants = pd.read_parquet("grants")          # one row per grant: the table to sum',
        'facts = pd.read_parquet("facts")            # one row per statement in one document',
        'documents = pd.read_parquet("documents")    # join on doc_id for the source file and its date',
        "```",
        "",
        "DuckDB: `SELECT role, sum(amount) FROM read_parquet('grants/*.parquet') GROUP BY role`.",
        "Without code: `bidrag export <this folder> --format xlsx` writes a workbook, one sheet per table,",
        "and `bidrag report <this folder>` a web page with totals, a map and the evidence.",
        "",
        "Amounts are in whole currency units (kronor), not thousands or millions. Every mention's",
        "`char_start`/`char_end` index `documents.text` of the same `doc_id`. `facts.evidence` is the sentence",
        "or list line a fact was read from; `facts.confidence` is how often a fact linked that way was right on",
        "documents with a gold standard. `checks` lists stated totals whose parts do not add up (`ok` false).",
        "",
        "This folder is a snapshot: `current` points at it, and a new run swaps the pointer at once, so a",
        "reader never sees half a publish. Do not edit the Parquet files: the next run replaces them.",
        "To correct a number, write the correction to `corrections.csv` beside this file (`bidrag review`",
        "makes the sheet): every later run applies it, names it in the row's `corrections` column, and",
        "lists in `corrections_report` any correction that no longer matches.",
        "",
    ]
    return "\n".join(lines)
