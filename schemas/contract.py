"""The output data contract (../shared/contract/DATA_CONTRACT.md) as code: one row type per table.

Downstream consumers read these tables with pandas, polars, duckdb and
pyarrow; the schema, not the writer's habits, is what they depend on. Each
table's columns are the fields of its row dataclass, with the Arrow type, the
nullability and the meaning in the field's metadata, so the rows extraction
builds, the Arrow schema and the validation cannot drift apart. A new table is
one row class and one entry in `ROW_TYPES`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from functools import cache
from operator import attrgetter
from typing import Any

import pyarrow as pa

from schemas.media import MEDIA_TYPES

CONTRACT_VERSION = "3"


def col(arrow: pa.DataType, doc: str, *, nullable: bool = False) -> Any:
    """A contract column: its Arrow type, whether it may be null, and what it means."""
    return field(metadata={"arrow": arrow, "nullable": nullable, "doc": doc})


def corrections_col() -> Any:
    """The ids of the reviewers' corrections that changed the row (empty where none did)."""
    return field(
        default_factory=list,
        metadata={
            "arrow": pa.list_(pa.string()),
            "nullable": False,
            "doc": "ids of the reviewers' corrections (corrections.csv) that changed this row; empty if none",
        },
    )


def mention_id(doc_id: str, start: int, end: int) -> str:
    """`<doc_id>:<char_start>:<char_end>`, the contract's mention id."""
    return f"{doc_id}:{start}:{end}"


def fact_id(doc_id: str, amount_mention_id: str, body_id: str, role: str) -> str:
    """Stable across runs: the same statement about the same body in the same role has the same id."""
    return hashlib.sha256(f"{doc_id}|{amount_mention_id}|{body_id}|{role}".encode()).hexdigest()[:24]


@dataclass(kw_only=True, slots=True)
class DocumentRow:
    doc_id: str = col(pa.string(), "SHA-256 of the source file's bytes")
    source_uri: str = col(pa.string(), "path relative to the ingested root, or URL")
    media_type: str = col(pa.string(), "the format recognised from the file's bytes")
    doc_kind: str = col(pa.string(), "news, report, memo, decision or other")
    title: str | None = col(pa.string(), "the document's title", nullable=True)
    published: date | None = col(pa.date32(), "the document's own date, where it states one", nullable=True)
    n_pages: int | None = col(pa.int32(), "pages, for paginated sources", nullable=True)
    text: str = col(pa.string(), "the normalized plain text every offset refers to")
    status: str = col(pa.string(), "ok, no_text or failed")
    error: str | None = col(pa.string(), "why, when status is not ok", nullable=True)
    pipeline_version: str = col(pa.string(), "the code and language data that made the row")
    ingested_at: datetime = col(pa.timestamp("us", tz="UTC"), "when the file was read")
    published_source: str | None = col(
        pa.string(),
        "where `published` comes from: `text` (a dateline, `Publicerad …`, a memo's `Datum`), `html-metadata`, "
        "`pdf-metadata` or `docx-metadata`",
        nullable=True,
    )
    text_source: str = col(
        pa.string(),
        "where `text` comes from: `layer` (the file's own text), `ocr` (every page recognised from its image) or "
        "`mixed` (some pages recognised)",
    )
    corrections: list[str] = corrections_col()


@dataclass(kw_only=True, slots=True)
class MentionRow:
    doc_id: str = col(pa.string(), "the document")
    mention_id: str = col(pa.string(), "<doc_id>:<char_start>:<char_end>")
    text: str = col(pa.string(), "the surface text")
    char_start: int = col(pa.int64(), "offset into documents.text")
    char_end: int = col(pa.int64(), "offset into documents.text, exclusive")
    page: int | None = col(pa.int32(), "1-based page, for paginated sources", nullable=True)


@dataclass(kw_only=True, slots=True)
class AmountRow(MentionRow):
    value: float = col(pa.float64(), "the amount in whole currency units; a range's lower bound")
    value_max: float | None = col(pa.float64(), "a range's upper bound", nullable=True)
    currency: str = col(pa.string(), "ISO 4217")
    qualifier: str = col(pa.string(), "exact, approx, over or under")
    per: str | None = col(pa.string(), "the unit it is per, as a lemma", nullable=True)
    role: str = col(pa.string(), "applied, granted, budget or other")
    is_total: bool = col(pa.bool_(), "the amount aggregates several bodies or items")
    body_id: str | None = col(pa.string(), "the body the amount belongs to", nullable=True)
    sentence: str = col(pa.string(), "the sentence it stands in, as evidence")
    corrections: list[str] = corrections_col()


@dataclass(kw_only=True, slots=True)
class BodyRow(MentionRow):
    body_id: str = col(pa.string(), "the body's canonical key")
    name: str = col(pa.string(), "the canonical official name")
    body_type: str = col(pa.string(), "kommun, region, lansstyrelse, myndighet, …")
    code: str | None = col(pa.string(), "kommunkod or länskod where known", nullable=True)
    corrections: list[str] = corrections_col()


@dataclass(kw_only=True, slots=True)
class DateRow(MentionRow):
    date_start: date = col(pa.date32(), "first day of the interval it denotes")
    date_end: date = col(pa.date32(), "last day of the interval it denotes")
    granularity: str = col(pa.string(), "day, month, quarter, year or range")
    inferred_year: bool = col(pa.bool_(), "the year was taken from context")
    corrections: list[str] = corrections_col()


@dataclass(kw_only=True, slots=True)
class FactRow:
    fact_id: str = col(pa.string(), "stable id")
    doc_id: str = col(pa.string(), "the document")
    body_id: str = col(pa.string(), "the applicant, recipient or deciding body")
    body_name: str = col(pa.string(), "its canonical name")
    body_type: str = col(pa.string(), "its type")
    role: str = col(pa.string(), "applied, granted or budget")
    amount: float = col(pa.float64(), "the amount in currency units")
    currency: str = col(pa.string(), "ISO 4217")
    amount_mention_id: str = col(pa.string(), "the amounts row it comes from")
    programme: str | None = col(pa.string(), "the grant scheme, where named", nullable=True)
    funder_id: str | None = col(pa.string(), "body_id of the body that decides or pays", nullable=True)
    period_start: date | None = col(pa.date32(), "start of the period the money is for", nullable=True)
    period_end: date | None = col(pa.date32(), "end of the period the money is for", nullable=True)
    evidence: str = col(pa.string(), "the sentence or list line it comes from")
    confidence: float = col(pa.float64(), "0..1: how often a fact linked this way was right on documents with gold")
    how: str = col(pa.string(), "which rules decided the role and the body, e.g. `role=column-header; body=table-row`")
    decision_date: date | None = col(
        pa.date32(),
        "the day the deciding body took the decision the fact states, where its sentence or the document's "
        "decision line dates it",
        nullable=True,
    )
    decision_date_mention_id: str | None = col(pa.string(), "the dates row decision_date comes from", nullable=True)
    amount_min: float = col(
        pa.float64(), "the lowest value the statement allows, from its rounding and qualifier (extra column)"
    )
    amount_max: float = col(
        pa.float64(), "the highest value the statement allows, from its rounding and qualifier (extra column)"
    )
    corrections: list[str] = corrections_col()


@dataclass(kw_only=True, slots=True)
class CheckRow:
    doc_id: str = col(pa.string(), "the document")
    total_mention_id: str = col(pa.string(), "the amounts row of the stated total")
    total: float = col(pa.float64(), "its value")
    part_mention_ids: list[str] = col(pa.list_(pa.string()), "the amounts rows of the parts, in order")
    n_parts: int = col(pa.int32(), "how many parts")
    sum_of_parts: float = col(pa.float64(), "the parts added up")
    difference: float = col(pa.float64(), "sum_of_parts − total")
    ok: bool = col(pa.bool_(), "the difference is within the rounding of the stated total")


@dataclass(kw_only=True, slots=True)
class GrantRow:
    grant_id: str = col(pa.string(), "stable: the same statements give the same id on every run")
    body_id: str = col(pa.string(), "the applicant, recipient or deciding body")
    body_name: str = col(pa.string(), "its canonical name")
    body_type: str = col(pa.string(), "its type")
    role: str = col(pa.string(), "applied, granted or budget")
    amount: float = col(pa.float64(), "the most precise statement's value, in currency units")
    amount_min: float = col(pa.float64(), "the lowest value every consolidated statement allows")
    amount_max: float = col(pa.float64(), "the highest value every consolidated statement allows")
    currency: str = col(pa.string(), "ISO 4217")
    programme: str | None = col(pa.string(), "the grant scheme, where named", nullable=True)
    funder_id: str | None = col(pa.string(), "body_id of the body that decides or pays, where named", nullable=True)
    period_start: date | None = col(pa.date32(), "start of the period the money is for", nullable=True)
    period_end: date | None = col(pa.date32(), "end of the period the money is for", nullable=True)
    n_documents: int = col(pa.int32(), "how many documents state it")
    fact_ids: list[str] = col(pa.list_(pa.string()), "the facts rows it consolidates")
    doc_ids: list[str] = col(pa.list_(pa.string()), "their documents")
    first_published: date | None = col(pa.date32(), "the earliest documents.published among them", nullable=True)
    last_published: date | None = col(pa.date32(), "the latest documents.published among them", nullable=True)
    conflict: bool = col(
        pa.bool_(), "another grant has the same body and role, no contradicting programme or period, another amount"
    )
    confidence: float = col(pa.float64(), "0..1: the highest confidence of the facts it consolidates")
    corrections: list[str] = corrections_col()


@dataclass(kw_only=True, slots=True)
class CorrectionReportRow:
    correction_id: str = col(pa.string(), "the correction's id (its own, or a hash of its row)")
    doc_id: str = col(pa.string(), "the document it is anchored in")
    table: str = col(pa.string(), "the table it corrects")
    field: str = col(pa.string(), "the column it sets, or reject, or add")
    text: str = col(pa.string(), "the mention's text it is anchored by")
    status: str = col(pa.string(), "applied, unmatched (matches nothing now) or ambiguous (matches several)")
    matched: int = col(pa.int32(), "how many rows it matched")
    message: str = col(pa.string(), "what was done, or why not")


ROW_TYPES: dict[str, type] = {
    "documents": DocumentRow,
    "amounts": AmountRow,
    "bodies": BodyRow,
    "dates": DateRow,
    "facts": FactRow,
    "checks": CheckRow,
    "grants": GrantRow,
    "corrections_report": CorrectionReportRow,
}
TABLES = tuple(ROW_TYPES)
# made once per snapshot from the other tables, not per document
SNAPSHOT_TABLES = ("grants", "corrections_report")
DOCUMENT_TABLES = tuple(t for t in TABLES if t not in SNAPSHOT_TABLES)

TABLE_DOCS: dict[str, str] = {
    "documents": "One row per ingested source file: its text (every offset refers to it), kind, date and status. "
    "A file that could not be read is here too, with status `failed` or `no_text` and the reason in `error`.",
    "amounts": "One row per money mention, with its value in kronor, qualifier, role and the sentence it stands in.",
    "bodies": "One row per mention of a public body (kommun, region, agency, …), with its official code.",
    "dates": "One row per calendar expression, as the inclusive interval of days it denotes.",
    "facts": "One row per linked statement in one document: a body, a role (applied, granted, budget) and an "
    "amount, with programme, funder, period and the evidence sentence. The same grant told by two documents is "
    "two facts; sum `grants`, not `facts`.",
    "checks": "One row per stated total followed by its listed parts, and whether the parts add up to it.",
    "corrections_report": "One row per reviewer's correction (corrections.csv) at this publish: applied, or "
    "why not (it matches nothing now, or several rows). A correction is never dropped silently.",
    "grants": "One row per grant across documents: every fact that states the same body, role and amount "
    "(within rounding) is consolidated, with the documents that state it and a `conflict` flag where sources "
    "disagree. This is the table to sum.",
}
PRIMARY_KEYS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "amounts": ["mention_id"],
    "bodies": ["mention_id"],
    "dates": ["mention_id"],
    "facts": ["fact_id"],
    "checks": ["total_mention_id"],
    "grants": ["grant_id"],
    "corrections_report": ["correction_id"],
}
# (table, columns) → (referenced table, columns)
FOREIGN_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("amounts", "doc_id"): ("documents", "doc_id"),
    ("bodies", "doc_id"): ("documents", "doc_id"),
    ("dates", "doc_id"): ("documents", "doc_id"),
    ("facts", "doc_id"): ("documents", "doc_id"),
    ("facts", "amount_mention_id"): ("amounts", "mention_id"),
    ("checks", "doc_id"): ("documents", "doc_id"),
    ("checks", "total_mention_id"): ("amounts", "mention_id"),
}

ENUMS: dict[tuple[str, str], set[str]] = {
    ("documents", "status"): {"ok", "no_text", "failed"},
    ("documents", "doc_kind"): {"news", "report", "memo", "decision", "other"},
    ("documents", "published_source"): {"text", "html-metadata", "pdf-metadata", "docx-metadata"},
    ("documents", "text_source"): {"layer", "ocr", "mixed"},
    ("amounts", "qualifier"): {"exact", "approx", "over", "under"},
    ("amounts", "role"): {"applied", "granted", "budget", "other"},
    ("facts", "role"): {"applied", "granted", "budget"},
    ("grants", "role"): {"applied", "granted", "budget"},
    ("corrections_report", "status"): {"applied", "unmatched", "ambiguous"},
    ("dates", "granularity"): {"day", "month", "quarter", "year", "range"},
    ("bodies", "body_type"): {
        "kommun",
        "region",
        "lansstyrelse",
        "myndighet",
        "regering",
        "riksdag",
        "delegation",
        "kommunalforbund",
        "organisation",
        "eu",
        "other",
    },
}


def enums() -> dict[tuple[str, str], set[str]]:
    """Every column's allowed values, the media types of the formats bidrag reads among them."""
    return {**ENUMS, ("documents", "media_type"): set(MEDIA_TYPES)}


class ContractError(ValueError):
    """A table that would break the contract for downstream readers."""


def failed_document(
    doc_id: str,
    source_uri: str,
    media_type: str,
    error: str,
    pipeline_version: str,
    *,
    status: str = "failed",
    text: str = "",
    **known: Any,
) -> DocumentRow:
    """The one builder of a document that yields no mentions: unreadable, corrupt, empty or invalid."""
    row = DocumentRow(
        doc_id=doc_id,
        source_uri=source_uri,
        media_type=media_type,
        doc_kind="other",
        title=None,
        published=None,
        n_pages=None,
        text=text,
        status=status,
        error=error,
        pipeline_version=pipeline_version,
        ingested_at=datetime.now(UTC),
        published_source=None,
        text_source="layer",
    )
    for name, value in known.items():
        setattr(row, name, value)
    return row


def row_to_json(row: Any) -> dict:
    """A row as JSON-ready data: dates and timestamps as ISO text. Data, never code: a cache can hold it safely."""
    out = {}
    for f in fields(row):
        v = getattr(row, f.name)
        out[f.name] = v.isoformat() if isinstance(v, date) else v
    return out


@cache
def json_columns(table: str) -> tuple[tuple[str, Any, _Column], ...]:
    """Each column's name, how its JSON value becomes a Python one (None: as it is), and its contract field:
    worked out once a table, not once a row (a cached run reads hundreds of thousands of rows)."""
    out = []
    for f, col in zip(schema(table), _columns(table)):
        parse = (
            datetime.fromisoformat
            if pa.types.is_timestamp(f.type)
            else date.fromisoformat
            if pa.types.is_date(f.type)
            else None
        )
        out.append((f.name, parse, col))
    return tuple(out)


def row_from_json(table: str, data: dict) -> Any:
    """The row back from `row_to_json`, every value checked against the contract's type."""
    values = {}
    for name, parse, col in json_columns(table):
        v = data[name]
        if v is not None and parse is not None:
            v = parse(v)
        values[name] = v
        if v is not None and (not isinstance(v, col.types) or (isinstance(v, bool) and bool not in col.types)):
            raise ContractError(f"{table}.{name}: {v!r} is not a {col.arrow} value")
    return ROW_TYPES[table](**values)


@cache
def schema(table: str) -> pa.Schema:
    fs = [pa.field(f.name, f.metadata["arrow"], nullable=f.metadata["nullable"]) for f in fields(ROW_TYPES[table])]
    return pa.schema(fs, metadata={"contract_version": CONTRACT_VERSION, "table": table})


def validate_rows(table: str, rows: list) -> dict[str, list]:
    """Check rows against the contract without building a table (types, nulls, enums, unique mention ids);
    returns their columns. Cheap enough to run on every document in the worker that made it: every value is
    still checked, but by its type once per column (a column of thousands of values has a type or two), and
    a value is looked for one by one only to name it when the check fails."""
    row_type = ROW_TYPES[table]
    strangers = {kind for kind in set(map(type, rows)) if not issubclass(kind, row_type)}
    if strangers:
        bad = next(row for row in rows if type(row) in strangers)
        raise ContractError(f"{table}: a row of type {type(bad).__name__}, not {row_type.__name__}")
    names = [c.name for c in _columns(table)]
    columns = zip(*map(attrgetter(*names), rows)) if len(names) > 1 else ([getattr(r, names[0]) for r in rows],)
    data = {name: list(values) for name, values in zip(names, columns)} or {name: [] for name in names}
    return check_columns(table, data)


def check_columns(table: str, data: dict[str, list]) -> dict[str, list]:
    """The checks of `validate_rows` on a table given as columns (a cached document's): exactly the table's
    columns, of one length, then types, nulls, enums and unique mention ids. Returns `data`."""
    cols = _columns(table)
    if list(data) != [c.name for c in cols]:
        raise ContractError(f"{table}: columns {sorted(data)} are not the contract's")
    if len({len(values) for values in data.values()}) > 1:
        raise ContractError(f"{table}: columns of different lengths")
    for col in cols:
        kinds = _check_values(table, col, data[col.name])
        if not col.nullable and type(None) in kinds:
            raise ContractError(f"{table}.{col.name}: nulls in a required column")
    for (tname, column), allowed in enums().items():
        if tname == table:
            bad_values = set(data[column]) - allowed - {None}  # a null is the nullable column's own business
            if bad_values:
                raise ContractError(f"{table}.{column}: values outside the contract: {sorted(bad_values)}")
    ids = data.get("mention_id")
    if ids is not None and len(set(ids)) != len(ids):
        raise ContractError(f"{table}: mention_id is not unique")
    return data


@dataclass(frozen=True)
class _Column:
    """A contract column as validation asks it, read from the Arrow schema once a table, not once a row."""

    name: str
    types: tuple[type, ...]  # the Python types of its values (_python_types)
    nullable: bool
    arrow: str  # the Arrow type, as messages name it


@cache
def _columns(table: str) -> tuple[_Column, ...]:
    return tuple(_Column(f.name, _python_types(f.type), f.nullable, str(f.type)) for f in schema(table))


def to_table(table: str, rows: list) -> pa.Table:
    """A contract-typed Arrow table from rows of the table's row type, validated."""
    sch = schema(table)
    data = validate_rows(table, rows)
    try:
        out = pa.Table.from_pydict(data, schema=sch)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise ContractError(f"{table}: {exc}") from exc
    return out  # validate_rows checked what the schema does not enforce: nulls, enums, unique ids


@cache
def _python_types(typ: pa.DataType) -> tuple[type, ...]:
    """The Python values a column takes: Arrow converts 1.5 into an int64 column as 1, silently."""
    if pa.types.is_integer(typ):
        return (int,)
    if pa.types.is_floating(typ):
        return (int, float)
    if pa.types.is_string(typ):
        return (str,)
    if pa.types.is_boolean(typ):
        return (bool,)
    if pa.types.is_timestamp(typ):
        return (datetime,)
    if pa.types.is_date(typ):
        return (date,)
    return (list,)


def _check_values(table: str, col: _Column, values: Sequence[Any]) -> set[type]:
    """Every value is of the column's Python type (a bool is no int): checked once per type the values
    have, then the first value of a wrong type is named. Returns the types the values have."""
    types = col.types
    kinds = set(map(type, values))
    wrong = {
        kind
        for kind in kinds
        if kind is not type(None) and not (issubclass(kind, types) and (bool in types or not issubclass(kind, bool)))
    }
    if wrong:
        v = next(v for v in values if type(v) in wrong)
        raise ContractError(f"{table}.{col.name}: {v!r} is not a {col.arrow} value")
    return kinds


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
    for (tname, column), allowed in enums().items():
        if tname != table:
            continue
        bad = set(tbl.column(column).to_pylist()) - allowed - {None}
        if bad:
            raise ContractError(f"{table}.{column}: values outside the contract: {sorted(bad)}")
    if "mention_id" in tbl.schema.names:
        ids = tbl.column("mention_id").to_pylist()
        if len(ids) != len(set(ids)):
            raise ContractError(f"{table}: mention_id is not unique")
