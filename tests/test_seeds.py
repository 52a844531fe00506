"""Acceptance on the real seed documents in ../shared: offsets, scores against gold, formats."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.outputs.evaluate import evaluate

TARGETS = {"amounts": 0.98, "dates": 0.95, "bodies (documents)": 0.95, "bodies (mentions)": 0.90, "facts": 0.90}


def test_all_seeds_publish_rows(seeds_output):
    docs = pd.read_parquet(seeds_output / "documents")
    assert len(docs) == 5 and set(docs.status) == {"ok"}
    for table in ("amounts", "bodies", "dates", "facts"):
        per_doc = pd.read_parquet(seeds_output / table).doc_id.nunique()
        assert per_doc >= (3 if table in ("amounts", "facts") else 5), table


@pytest.mark.parametrize("which", ["seeds_output", "formats_output"])
def test_every_mention_offset_holds(which, request):
    out = request.getfixturevalue(which)
    texts = dict(zip(*pd.read_parquet(out / "documents", columns=["doc_id", "text"]).values.T))
    for table in ("amounts", "bodies", "dates"):
        for r in pd.read_parquet(out / table).itertuples():
            assert texts[r.doc_id][r.char_start : r.char_end] == r.text, (table, r.mention_id)


def test_scores_on_gold_meet_the_targets(seeds_output, gold_dir):
    result = evaluate(seeds_output, gold_dir)
    for score, target in TARGETS.items():
        assert result["scores"][score]["f1"] >= target, (score, result["scores"][score])
    assert result["secondary"]["role"] >= 0.90
    assert result["secondary"]["granularity"] >= 0.95


def test_pdf_and_docx_lose_nothing(seeds_output, formats_output, gold_dir):
    plain = evaluate(seeds_output, gold_dir)["documents"]
    formats = evaluate(formats_output, gold_dir, only_published=True)
    stems = list(formats["documents"])
    assert len(stems) == 3

    # the plain-text scores over the same three documents, micro-averaged
    def micro(per_doc, score):
        tp = sum(per_doc[s][score]["tp"] for s in stems)
        pr = sum(per_doc[s][score]["predicted"] for s in stems)
        gl = sum(per_doc[s][score]["gold"] for s in stems)
        p, r = (tp / pr if pr else 1.0), (tp / gl if gl else 1.0)
        return 2 * p * r / (p + r) if p + r else 0.0

    for score in TARGETS:
        assert micro(formats["documents"], score) >= micro(plain, score) - 0.03, score


def test_eval_cli_prints_the_same_scores_as_json(seeds_output, gold_dir, capsys):
    from flows.cli import main

    assert main(["eval", str(seeds_output), str(gold_dir), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["scores"] == evaluate(seeds_output, gold_dir)["scores"]
    assert main(["eval", str(seeds_output), str(gold_dir)]) == 0
    report = capsys.readouterr().out
    assert "precision" in report and "facts" in report


def test_reconciliation_on_the_seeds(seeds_output):
    checks = pd.read_parquet(seeds_output / "checks")
    amounts = pd.read_parquet(seeds_output / "amounts").set_index("mention_id")
    totals = sorted(amounts.loc[checks.total_mention_id, "text"])
    assert totals == ["239,5 miljoner kronor", "56,4 miljoner"]
    assert checks.ok.all()
    assert sorted(checks.n_parts) == [5, 16]


def test_eval_names_a_miss_and_an_addition(seeds_output, gold_dir, tmp_path):
    """A gold date the run cannot have found is named as missed (−); a body taken out of gold is named as
    added (+): the listing follows gold, whatever the rules find today."""
    from pipeline.outputs.evaluate import evaluate, format_misses

    gold = tmp_path / "gold"
    gold.mkdir()
    for path in gold_dir.glob("*.json"):
        (gold / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    first = sorted(gold.glob("*.json"))[0]
    annotation = json.loads(first.read_text(encoding="utf-8"))
    annotation["dates"].append(
        {"text": "den 31 december 1899", "start": "1899-12-31", "end": "1899-12-31", "granularity": "day"}
    )
    removed = annotation["bodies"].pop(0)
    first.write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
    blocks: dict[str, list[list[str]]] = {}
    current: list[list[str]] = []
    for line in format_misses(evaluate(seeds_output, gold)).splitlines():
        if line.startswith(" "):
            current.append(line.split())
        else:
            current = blocks.setdefault(line.split(" (")[0], [])
    rows = {(row[0], row[1][0]): " ".join(row) for row in blocks[first.stem]}
    assert "den 31 december 1899" in rows[("dates", "-")]
    assert removed["body_id"] in rows[("bodies", "+")]


@pytest.mark.parametrize(
    "table,score", [("amounts", "amounts"), ("dates", "dates"), ("bodies", "bodies (mentions)"), ("facts", "facts")]
)
def test_eval_lists_exactly_the_points_lost(seeds_output, gold_dir, table, score):
    """`bidrag eval --verbose`: per document, the misses are gold − TP and the additions predicted − TP."""
    from pipeline.outputs.evaluate import evaluate

    result = evaluate(seeds_output, gold_dir)
    for stem, doc in result["documents"].items():
        s, d = doc[score], doc["differences"][table]
        assert len(d["missed"]) == s["gold"] - s["tp"], (stem, table)
        assert len(d["extra"]) == s["predicted"] - s["tp"], (stem, table)
