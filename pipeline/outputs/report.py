"""`bidrag report`: one HTML page, offline, for the people who read the numbers rather than the tables.

Everything is inside the file (styles, the maps as SVG, a few lines of script
for the search box): it opens from a USB stick, a mail attachment or an
intranet without a CDN. Sums are taken over `grants`, so a grant told by a
decision, a press release and a news item counts once.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.outputs import geo
from pipeline.publish.snapshot import current_snapshot
from schemas import contract

ROLES = {"granted": "beviljat", "applied": "sökt", "budget": "budget"}
# five classes of a sequential blue scale, light to dark; grey where nothing was granted
SCALE = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#eeeeee"
TOP_RECIPIENTS = 15
MAX_TABLE_ROWS = 5000


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
        return pq.read_table(snapshot / table, columns=columns).to_pylist()

    documents = rows("documents", ["doc_id", "source_uri", "title", "published", "status", "error", "doc_kind"])
    facts = rows("facts", ["fact_id", "doc_id", "evidence", "amount"])
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


def _year(g: dict) -> str:
    start, end = g["period_start"], g["period_end"]
    if start and end and start.year == end.year:
        return str(start.year)
    if start and end:
        return f"{start.year}–{end.year}"
    published = g["first_published"]
    return f"{published.year} (publicerat)" if published else "okänt år"


def _bars(title: str, items: list[tuple[str, float]], element_id: str, colour: str = "#3182bd") -> str:
    """A horizontal bar chart as inline SVG: one bar a label, the sum written beside it."""
    if not items:
        return f'<section><h3>{html.escape(title)}</h3><p class="empty">Inga belopp.</p></section>'
    top = max(v for _, v in items) or 1.0
    row_h, label_w, bar_w = 22, 260, 360
    height = row_h * len(items) + 10
    parts = [f'<svg id="{element_id}" class="chart" viewBox="0 0 {label_w + bar_w + 110} {height}" role="img">']
    for k, (label, value) in enumerate(items):
        y = 5 + k * row_h
        w = max(1.0, bar_w * value / top)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{html.escape(label[:40])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{colour}">'
            f"<title>{html.escape(label)}: {kronor(value)}</title></rect>"
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{kronor(value)}</text>'
        )
    parts.append("</svg>")
    return f"<section><h3>{html.escape(title)}</h3>{''.join(parts)}</section>"


def _classes(values: list[float]) -> list[float]:
    """Upper bounds of five classes with about as many areas in each (quantiles of the areas with money)."""
    ordered = sorted(v for v in values if v > 0)
    if not ordered:
        return []
    return [ordered[min(len(ordered) - 1, round(len(ordered) * k / len(SCALE)) - 1)] for k in range(1, len(SCALE) + 1)]


def _colour(value: float, bounds: list[float]) -> str:
    if value <= 0 or not bounds:
        return NO_DATA
    for colour, bound in zip(SCALE, bounds):
        if value <= bound:
            return colour
    return SCALE[-1]


def _map(level: str, title: str, sums: dict[str, float], element_id: str) -> str:
    """A choropleth of granted kronor: the official outlines, coloured by class, each with its name and sum."""
    outline = geo.outline(level)
    bounds = _classes(list(sums.values()))
    paths = []
    for area in outline.areas:
        value = sums.get(area.code, 0.0)
        fill = _colour(value, bounds)
        label = f"{area.name}: {kronor(value)}" if value else f"{area.name}: inga beviljade medel i underlaget"
        paths.append(
            f'<path d="{area.path}" fill="{fill}" data-code="{area.code}" data-value="{value:.0f}">'
            f"<title>{html.escape(label)}</title></path>"
        )
    legend = []
    low = 0.0
    for colour, bound in zip(SCALE, bounds):
        legend.append(f'<li><span style="background:{colour}"></span>{kronor(low)} – {kronor(bound)}</li>')
        low = bound
    legend.append(f'<li><span style="background:{NO_DATA}"></span>inga beviljade medel</li>')
    return (
        f'<figure class="map"><figcaption>{html.escape(title)}</figcaption>'
        f'<svg id="{element_id}" viewBox="0 0 {outline.width:.0f} {outline.height:.0f}" role="img" '
        f'aria-label="{html.escape(title)}">{"".join(paths)}</svg>'
        f'<ul class="legend">{"".join(legend)}</ul></figure>'
    )


def _table(
    headers: list[str], rows: list[list[str]], element_id: str, numeric: frozenset[int] | set[int] = frozenset()
) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(f'<td class="num">{c}</td>' if k in numeric else f"<td>{c}</td>" for k, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f'<table id="{element_id}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def render(data: Data) -> str:
    granted = [g for g in data.grants if g["role"] == "granted"]
    by_role_year: dict[tuple[str, str], float] = defaultdict(float)
    for g in data.grants:
        by_role_year[(g["role"], _year(g))] += g["amount"]
    by_programme: dict[str, float] = defaultdict(float)
    for g in granted:
        by_programme[g["programme"] or "(program ej angivet)"] += g["amount"]
    recipients: dict[str, float] = defaultdict(float)
    for g in granted:
        recipients[g["body_name"]] += g["amount"]
    region_sums: dict[str, float] = defaultdict(float)
    kommun_sums: dict[str, float] = defaultdict(float)
    for g in granted:
        kind, _, code = g["body_id"].partition(":")
        if kind == "region":
            region_sums[code] += g["amount"]
        elif kind == "kommun":
            kommun_sums[code] += g["amount"]

    role_year_rows = [
        [html.escape(ROLES[role]), html.escape(year), kronor(total)]
        for (role, year), total in sorted(by_role_year.items(), key=lambda kv: (list(ROLES).index(kv[0][0]), kv[0][1]))
    ]
    role_totals = [(ROLES[r], sum(v for (role, _), v in by_role_year.items() if role == r)) for r in ROLES]

    def sources(g: dict) -> str:
        links = []
        for doc_id in g["doc_ids"]:
            doc = data.documents.get(doc_id, {})
            links.append(html.escape(doc.get("source_uri") or doc_id[:12]))
        return "<br>".join(links)

    def evidence(g: dict) -> str:
        texts = [data.facts[f]["evidence"] for f in g["fact_ids"] if f in data.facts]
        return "<br>".join(f"<q>{html.escape(t[:400])}</q>" for t in dict.fromkeys(texts))

    ordered = sorted(data.grants, key=lambda g: (-g["amount"], g["grant_id"]))[:MAX_TABLE_ROWS]
    grant_rows = [
        [
            html.escape(g["body_name"]),
            html.escape(ROLES[g["role"]]),
            kronor(g["amount"]),
            html.escape(g["programme"] or ""),
            html.escape(_period(g)),
            str(g["n_documents"]),
            "⚠ källorna skiljer sig" if g["conflict"] else "",
            evidence(g),
            sources(g),
        ]
        for g in ordered
    ]
    check_rows = []
    for c in data.checks:
        doc = data.documents.get(c["doc_id"], {})
        check_rows.append(
            [
                html.escape(doc.get("source_uri", c["doc_id"][:12])),
                html.escape(data.amounts_text.get(c["total_mention_id"], "")),
                kronor(c["total"]),
                kronor(c["sum_of_parts"]),
                kronor(c["difference"]),
            ]
        )
    failed = [d for d in data.documents.values() if d["status"] != "ok"]
    failed_rows = [
        [html.escape(d["source_uri"]), html.escape(d["status"]), html.escape(d["error"] or "")]
        for d in sorted(failed, key=lambda d: d["source_uri"])
    ]
    n_docs = len(data.documents)
    conflicts = sum(1 for g in data.grants if g["conflict"])
    summary = (
        f"{n_docs} dokument ({n_docs - len(failed)} lästa, {len(failed)} misslyckade), "
        f"{len(data.grants)} bidrag ur {sum(len(g['fact_ids']) for g in data.grants)} uppgifter, "
        f"{conflicts} där källorna skiljer sig, {len(data.checks)} summor som inte stämmer."
    )
    body = [
        f"<header><h1>bidrag – statliga medel i underlaget</h1><p>{html.escape(summary)}</p>"
        f'<p class="meta">Ögonblicksbild {html.escape(data.snapshot)} · kontrakt {contract.CONTRACT_VERSION} · '
        f"belopp summeras över <code>grants</code>: ett bidrag som flera dokument nämner räknas en gång.</p></header>",
        '<section class="grid">',
        _bars("Summa per roll", role_totals, "chart-roles"),
        _bars(
            "Beviljat per program",
            sorted(by_programme.items(), key=lambda kv: -kv[1])[:12],
            "chart-programmes",
            colour="#6baed6",
        ),
        "</section>",
        "<section><h2>Per roll och år</h2>",
        _table(["roll", "år", "summa"], role_year_rows, "table-role-year", numeric=frozenset({2})),
        "</section>",
        _bars(
            f"Största mottagare (beviljat, topp {TOP_RECIPIENTS})",
            sorted(recipients.items(), key=lambda kv: -kv[1])[:TOP_RECIPIENTS],
            "chart-recipients",
            colour="#08519c",
        ),
        '<section><h2>Beviljade medel på kartan</h2><div class="maps">',
        _map("lan", "Per region", region_sums, "map-regions"),
        _map("kommun", "Per kommun", kommun_sums, "map-kommuner"),
        "</div></section>",
        f"<section><h2>Bidrag ({len(data.grants)})</h2>"
        '<input id="search" type="search" placeholder="Sök mottagare, program, text, källa …" '
        'aria-label="Sök bland bidragen">',
        _table(
            ["mottagare", "roll", "belopp", "program", "period", "dokument", "", "belägg", "källor"],
            grant_rows,
            "grants",
            numeric=frozenset({2, 5}),
        ),
        "</section>",
        f"<section><h2>Summor som inte stämmer ({len(check_rows)})</h2>",
        _table(
            ["dokument", "angiven summa", "summa", "delarna", "skillnad"],
            check_rows,
            "checks",
            numeric=frozenset({2, 3, 4}),
        )
        if check_rows
        else '<p class="empty">Alla angivna summor stämmer med sina delar.</p>',
        "</section>",
        f"<section><h2>Dokument som inte kunde läsas ({len(failed_rows)})</h2>",
        _table(["fil", "status", "orsak"], failed_rows, "failed")
        if failed_rows
        else '<p class="empty">Alla dokument lästes.</p>',
        "</section>",
    ]
    return PAGE.format(body="\n".join(body), script=SCRIPT, style=STYLE)


def _period(g: dict) -> str:
    """`2020`, `2016–2017`, or the dates where the period is not whole years."""
    start, end = g["period_start"], g["period_end"]
    if not start or not end:
        return ""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


def write_report(output: Path, out: Path | None = None) -> Path:
    """Render the report of `output`'s published snapshot to `out` (default: OUTPUT/report.html)."""
    target = Path(out) if out is not None else Path(output) / "report.html"
    page = render(load(Path(output)))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    return target


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;
color:#1a1a1a}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}h3{margin:.6em 0 .2em}
.meta{color:#555;font-size:.9em}.empty{color:#555;font-style:italic}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:1em}
svg.chart{width:100%;max-width:760px;height:auto;font-size:12px}svg.chart text{fill:#222}
.maps{display:grid;grid-template-columns:1fr 1fr;gap:1em}
figure.map{margin:0}figure.map svg{width:100%;height:560px;background:#fff}
figure.map path{stroke:#fff;stroke-width:.6}figure.map path:hover{stroke:#000;stroke-width:1.2}
figcaption{font-weight:600;margin-bottom:.3em}
.legend{list-style:none;padding:0;font-size:.85em}.legend span{display:inline-block;width:1em;height:1em;
margin-right:.4em;vertical-align:middle}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border-bottom:1px solid #ddd;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f4f4f4;position:sticky;top:0}td.num{text-align:right;
white-space:nowrap}q{color:#333}#search{width:100%;padding:.5em;font-size:1em;margin:.5em 0}
"""

SCRIPT = """
(function () {
  var box = document.getElementById("search");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#grants tbody tr"));
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    rows.forEach(function (row, i) {
      var hit = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      row.style.display = hit ? "" : "none";
    });
  });
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bidrag – rapport</title><style>{style}</style></head>
<body>
{body}
<script>{script}</script>
</body></html>
"""
