"""`bidrag report`: one HTML page, offline, for the people who read the numbers rather than the tables.

Everything is inside the file (styles, the maps as SVG, the data as JSON, a
script that draws from it): it opens from a USB stick, a mail attachment or
an intranet without a CDN. Sums are taken over `grants`, so a grant told by
a decision, a press release and a news item counts once, and only where a
sum means something: granted and applied money, by the period it is for.
Budget statements (what a body has to distribute) nest and overlap, so they
are listed with their evidence and never added up; statements the rules are
unsure of (below the review threshold) are marked and left out of the sums
unless the reader asks. The reader's filters drive the maps, the charts,
the totals and the table together. The page is rendered from the Jinja2
templates in `templates/` with autoescaping; the data reaches the script as
JSON in which no `<` can close the script element.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from pipeline.outputs import geo
from pipeline.outputs.review import DEFAULT_BELOW
from pipeline.publish.snapshot import current_snapshot, read_parts
from schemas import contract

log = logging.getLogger(__name__)

ROLES = {"granted": "beviljat", "applied": "sökt", "budget": "budget"}
BODY_TYPES = {
    "kommun": "kommuner",
    "region": "regioner",
    "lansstyrelse": "länsstyrelser",
    "myndighet": "myndigheter",
    "regering": "regeringen",
    "riksdag": "riksdagen",
    "delegation": "delegationer",
    "kommunalforbund": "kommunalförbund",
    "organisation": "organisationer",
    "eu": "EU",
    "other": "övriga",
}
# five classes of a sequential blue scale, light to dark; grey where no money went
SCALE = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#eeeeee"
TOP_RECIPIENTS = 15
MAX_TABLE_ROWS = 5000
MAX_EVIDENCE_CHARS = 400
# the reader's "lowest confidence" choices; facts below the review threshold are marked whatever is chosen
CONFIDENCE_STEPS = ("0", "0.5", "0.6", "0.7", "0.8", "0.9")
MAPS = (("region", "lan", "Per region", "map-regions"), ("kommun", "kommun", "Per kommun", "map-kommuner"))


class ReportError(ValueError):
    """No published output to report on."""


def kronor(value: float) -> str:
    """Swedish style: `12,5 mkr`, `1,8 mdkr`, `450 000 kr`."""
    v = abs(value)
    sign = "−" if value < 0 else ""
    if v >= 1e9:
        return f"{sign}{v / 1e9:.1f} mdkr".replace(".", ",")
    if v >= 1e6:
        return f"{sign}{v / 1e6:.1f} mkr".replace(".", ",")
    return f"{sign}{v:,.0f} kr".replace(",", "\u00a0")


def json_for_script(value: Any) -> Markup:
    """JSON that is safe inside `<script type="application/json">`: no `<`, `>` or `&` that could end the
    element or start a comment, and no line separators that old parsers read as line ends."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return Markup(text)  # noqa: S704 - escaped above for the one place it goes


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.outputs", "templates"),
        autoescape=True,  # every template: document text never becomes markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["json_for_script"] = json_for_script
    return env


@dataclass
class Data:
    grants: list[dict]
    facts: dict[str, dict]
    documents: dict[str, dict]
    checks: list[dict]
    amounts_text: dict[str, str]
    snapshot: str


def load(output: Path) -> Data:
    snapshot = current_snapshot(Path(output))
    if snapshot is None:
        raise ReportError(f"{output}: no published output here (run `bidrag run` first)")

    def rows(table: str, columns: list[str]) -> list[dict]:
        return read_parts(snapshot / table, columns=columns).to_pylist()

    documents = rows("documents", ["doc_id", "source_uri", "title", "published", "status", "error", "doc_kind"])
    facts = rows("facts", ["fact_id", "doc_id", "evidence", "amount", "confidence"])
    checks = [c for c in rows("checks", [f.name for f in contract.schema("checks")]) if not c["ok"]]
    wanted = {c["total_mention_id"] for c in checks}
    amounts = [a for a in rows("amounts", ["mention_id", "text"]) if a["mention_id"] in wanted]
    return Data(
        grants=rows("grants", [f.name for f in contract.schema("grants")]),
        facts={f["fact_id"]: f for f in facts},
        documents={d["doc_id"]: d for d in documents},
        checks=checks,
        amounts_text={a["mention_id"]: a["text"] for a in amounts},
        snapshot=snapshot.name,
    )


def _period(g: dict) -> str:
    """`2020`, `2016–2017`, or the dates where the period is not whole years."""
    start, end = g["period_start"], g["period_end"]
    if not start or not end:
        return ""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


def _area(body_id: str) -> list[str] | None:
    kind, _, code = body_id.partition(":")
    return [kind, code] if kind in {level for level, *_ in MAPS} else None


def grant_record(g: dict, data: Data, below: float) -> dict:
    """One grant as the page shows it: the table's cells and what the script filters and sums by."""
    period = _period(g)
    published: date | None = g["first_published"]
    shown_published = f"{published.year}" if published and not period else None
    evidence = [data.facts[f]["evidence"] for f in g["fact_ids"] if f in data.facts]
    return {
        "body_name": g["body_name"],
        "body_type": g["body_type"],
        "role": g["role"],
        "role_label": ROLES.get(g["role"], g["role"]),
        "amount": g["amount"],
        "amount_text": kronor(g["amount"]),
        "programme": g["programme"],
        "period": period or None,
        "period_text": period or (f"okänd (publicerat {shown_published})" if shown_published else "okänd"),
        "year_from": g["period_start"].year if period else None,
        "year_to": g["period_end"].year if period else None,
        "published": shown_published,
        "n_documents": g["n_documents"],
        "confidence": g["confidence"],
        "confidence_text": f"{g['confidence']:.2f}".replace(".", ","),
        "uncertain": g["confidence"] < below,
        "conflict": bool(g["conflict"]),
        "area": _area(g["body_id"]),
        "evidence": [t[:MAX_EVIDENCE_CHARS] for t in dict.fromkeys(evidence)],
        "sources": [data.documents.get(d, {}).get("source_uri") or d[:12] for d in g["doc_ids"]],
    }


# what the script needs of a record; the rest is in the table's cells
SCRIPT_FIELDS = (
    "body_name",
    "body_type",
    "role",
    "amount",
    "programme",
    "period",
    "year_from",
    "year_to",
    "published",
    "confidence",
    "uncertain",
    "area",
)


def _maps() -> list[dict]:
    out = []
    for level, outline_level, title, element_id in MAPS:
        outline = geo.outline(outline_level)
        out.append(
            {
                "level": level,
                "id": element_id,
                "title": title,
                "width": f"{outline.width:.0f}",
                "height": f"{outline.height:.0f}",
                "areas": outline.areas,
            }
        )
    return out


def _checks(data: Data) -> list[dict]:
    return [
        {
            "source": data.documents.get(c["doc_id"], {}).get("source_uri", c["doc_id"][:12]),
            "text": data.amounts_text.get(c["total_mention_id"], ""),
            "total": kronor(c["total"]),
            "parts": kronor(c["sum_of_parts"]),
            "difference": kronor(c["difference"]),
        }
        for c in data.checks
    ]


def _summary(data: Data, n_failed: int) -> str:
    n_docs = len(data.documents)
    conflicts = sum(1 for g in data.grants if g["conflict"])
    return (
        f"{n_docs} dokument ({n_docs - n_failed} lästa, {n_failed} misslyckade), "
        f"{len(data.grants)} bidrag ur {sum(len(g['fact_ids']) for g in data.grants)} uppgifter, "
        f"{conflicts} där källorna skiljer sig, {len(data.checks)} summor som inte stämmer"
    )


def render(data: Data, below: float = DEFAULT_BELOW) -> str:
    ordered = sorted(data.grants, key=lambda g: (-g["amount"], g["grant_id"]))[:MAX_TABLE_ROWS]
    records = [grant_record(g, data, below) for g in ordered]
    for k, r in enumerate(records):
        r["index"] = k
    years = sorted({y for r in records if r["year_from"] is not None for y in range(r["year_from"], r["year_to"] + 1)})
    # the total as the page opens (granted, every year, the certain only): the script recomputes it on each choice
    opening_total = sum(r["amount"] for r in records if r["role"] == "granted" and not r["uncertain"])
    failed = sorted((d for d in data.documents.values() if d["status"] != "ok"), key=lambda d: d["source_uri"])
    maps = _maps()
    payload = {
        "grants": [{k: r[k] for k in SCRIPT_FIELDS} for r in records],
        "maps": [{"id": m["id"], "level": m["level"]} for m in maps],
        "scale": SCALE,
        "no_data": NO_DATA,
        "top_recipients": TOP_RECIPIENTS,
        "threshold": below,
    }
    return (
        environment()
        .get_template("report.html")
        .render(
            snapshot=data.snapshot,
            contract_version=contract.CONTRACT_VERSION,
            summary=_summary(data, len(failed)),
            opening_total=opening_total,
            opening_total_text=kronor(opening_total),
            threshold_text=f"{below:.2f}".replace(".", ","),
            roles=ROLES,
            years=years,
            programmes=sorted({r["programme"] for r in records if r["programme"]}),
            body_types=[(t, label) for t, label in BODY_TYPES.items() if any(r["body_type"] == t for r in records)],
            confidence_steps=CONFIDENCE_STEPS,
            maps=maps,
            no_data=NO_DATA,
            top_recipients=TOP_RECIPIENTS,
            grants=records,
            budgets=[r for r in records if r["role"] == "budget"],
            checks=_checks(data),
            failed=failed,
            payload=payload,
        )
    )


def write_report(output: Path, out: Path | None = None, below: float = DEFAULT_BELOW) -> Path:
    """Render the report of `output`'s published snapshot to `out` (default: OUTPUT/report.html), atomically;
    grants with a confidence below `below` are marked and left out of the sums unless the reader asks."""
    target = Path(out) if out is not None else Path(output) / "report.html"
    page = render(load(Path(output)), below)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    return target


def refresh(output: Path) -> Path | None:
    """OUTPUT/report.html for the snapshot just made current (by a publish or a rollback), so the page never
    shows an older snapshot than the tables. A page that cannot be written must not undo a publish that
    worked: it is logged, and None returned."""
    try:
        return write_report(Path(output))
    except Exception as exc:  # noqa: BLE001 - the tables are published; the page is a view of them
        log.warning("the report could not be written: %s", exc)
        return None
