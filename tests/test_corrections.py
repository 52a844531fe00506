"""Review and corrections: a person fixes a fact once, and every later run keeps the fix.

The round trip is the one a reviewer makes: run, export the review sheet, mark
three facts wrong and one missing, apply the sheet, run again — with a changed
rule that moves every offset — and find the corrections in facts, grants and
the report. Anchors are text and context, so the fix survives; a document that
changed is reported, never dropped silently.
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from flows.cli import main
from pipeline.outputs.report import kronor
from pipeline.publish import corrections as corr
from pipeline.read import document
from pipeline.read.normalize import NormalizedText
from pipeline.run.loop import run_archive
from tests.fixtures import families
from tests.fixtures.builders import assert_same_tables

HEADER_LINE = "Ärende: barnhälsovården i regionerna\n\n"  # what the changed rule now keeps at the top


@pytest.fixture
def family(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    root = tmp_path / "arkiv"
    return root, families.write_family(root)


def doc_ids(out: Path) -> dict[str, str]:
    docs = pd.read_parquet(out / "documents")
    return {Path(u).parent.name: d for u, d in zip(docs.source_uri, docs.doc_id)}  # beslut, press, nyheter


def read_sheet(path: Path) -> list[dict]:
    raw = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(raw), delimiter=";"))


def write_sheet(path: Path, rows: list[dict]) -> None:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


def shifted_rule(monkeypatch) -> None:
    """A rule change that moves every offset: the text now keeps a header line the old rule dropped."""
    original = document.normalize

    def keeps_the_header(raw: str) -> NormalizedText:
        norm = original(raw)
        n = len(HEADER_LINE)
        return NormalizedText(HEADER_LINE + norm.text, [0, *[p + n for p in norm.page_starts[1:]]])

    monkeypatch.setattr(document, "normalize", keeps_the_header)


def test_a_review_round_trip_survives_a_rule_change(family, tmp_path: Path, monkeypatch):
    root, _ = family
    out = tmp_path / "out"
    run_archive(root, out, use_cache=False)
    ids = doc_ids(out)
    first_facts = pd.read_parquet(out / "facts")
    sheet = tmp_path / "granskning.csv"
    assert main(["review", str(out), "--below", "1.01", "--out", str(sheet)]) == 0
    rows = read_sheet(sheet)
    facts = [r for r in rows if r["item"] == "fact"]
    assert len(facts) == len(first_facts)  # every fact is below 1.01

    def mark(doc: str, text: str, **verdict: str) -> None:
        (row,) = [r for r in facts if r["doc_id"] == ids[doc] and r["text"] == text]
        row.update(verdict, who="granskare")

    mark("nyheter", "3,1 miljoner kronor", verdict="reject", reason="regionens egen siffra, inte beslutets")
    mark("press", "drygt 9 miljoner kronor", verdict="fix", field="amount", value="9 120 500")
    mark("beslut", "6 000 000 kronor", verdict="fix", field="body_id", value="region:21")
    missing = dict.fromkeys(rows[0], "")
    missing.update(
        doc_id=ids["nyheter"],
        table="facts",
        text="4 miljoner kronor",
        context="går 4 miljoner kronor till mödravården",
        verdict="add",
        value="body_id=region:07; role=granted",
        who="granskare",
    )
    write_sheet(sheet, [*rows, missing])
    assert main(["review", str(out), "--apply", str(sheet)]) == 0
    assert len(corr.load(out / "corrections.csv")) == 4
    assert main(["review", str(out), "--apply", str(sheet)]) == 0  # applying twice adds nothing
    assert len(corr.load(out / "corrections.csv")) == 4

    shifted_rule(monkeypatch)
    summary = run_archive(root, out, use_cache=False)
    assert summary.corrections == {"applied": 4} and summary.correction_problems == []
    facts_now = pd.read_parquet(out / "facts")
    documents = pd.read_parquet(out / "documents")
    assert documents.text.str.startswith(HEADER_LINE).all()  # the offsets did move
    assert set(facts_now.amount_mention_id).isdisjoint(first_facts.amount_mention_id)

    corrected = facts_now[facts_now.corrections.map(len) > 0]
    assert len(corrected) == 3  # the fix of the amount, the fix of the body, the added fact
    assert not ((facts_now.body_id == "region:09") & (facts_now.amount == 3_100_000)).any()
    halland = facts_now[(facts_now.doc_id == ids["press"]) & (facts_now.body_id == "region:13")]
    assert list(halland.amount) == [9_120_500]
    assert "region:20" not in set(facts_now[facts_now.doc_id == ids["beslut"]].body_id)
    assert ((facts_now.body_id == "region:21") & (facts_now.amount == 6_000_000)).sum() == 1
    added = facts_now[(facts_now.body_id == "region:07") & (facts_now.amount == 4_000_000)]
    assert len(added) == 1 and added.confidence.iloc[0] == 1.0

    grants = pd.read_parquet(out / "grants")
    assert not grants.conflict.any()  # the disagreeing source was rejected
    halland_grant = grants[grants.body_id == "region:13"]
    assert len(halland_grant) == 1 and halland_grant.n_documents.iloc[0] == 2
    assert len(halland_grant.corrections.iloc[0]) == 1
    report = pd.read_parquet(out / "corrections_report")
    assert set(report.status) == {"applied"} and len(report) == 4

    page = tmp_path / "report.html"
    assert main(["report", str(out), "--out", str(page)]) == 0
    granted = grants[grants.role == "granted"].amount.sum()
    assert kronor(granted) in page.read_text(encoding="utf-8")


def test_a_correction_on_a_document_that_changed_is_reported(family, tmp_path: Path):
    root, files = family
    out = tmp_path / "out"
    run_archive(root, out, use_cache=False)
    ids = doc_ids(out)
    (out / "corrections.csv").write_text(
        "doc_id,table,text,context,field,value\n"
        f'{ids["nyheter"]},facts,"3,1 miljoner kronor",Region Gotland beviljas,reject,\n'
        f'{ids["press"]},facts,"12,5 miljoner kronor",Region Kronoberg får,amount,12482000\n',
        encoding="utf-8",
    )
    files["nyheter/kronoberg-barnhalsovard.docx"].write_bytes(families.news_docx(disagree=False))  # a new version
    summary = run_archive(root, out, use_cache=False)
    assert summary.corrections == {"applied": 1, "unmatched": 1}
    assert len(summary.correction_problems) == 1 and "3,1 miljoner kronor" in summary.correction_problems[0]
    report = pd.read_parquet(out / "corrections_report").set_index("text")
    assert report.loc["3,1 miljoner kronor", "status"] == "unmatched"
    assert report.loc["12,5 miljoner kronor", "status"] == "applied"


def test_corrections_give_the_same_output_on_every_run_and_with_any_workers(family, tmp_path: Path):
    root, _ = family
    first = tmp_path / "first"
    run_archive(root, first, use_cache=False)
    ids = doc_ids(first)
    sheet = tmp_path / "corrections.csv"
    sheet.write_text(
        "doc_id,table,text,context,field,value\n"
        f"{ids['beslut']},facts,2 250 000 kronor,,programme,barnhälsa\n"
        f"{ids['beslut']},documents,,,published,2024-03-11\n",
        encoding="utf-8",
    )
    runs = []
    for name, workers in (("a", 1), ("b", 2), ("c", 2)):
        out = tmp_path / name
        run_archive(root, out, use_cache=name != "a", workers=workers, batch_size=1, corrections=sheet)
        runs.append(out)
    for out in runs[1:]:
        assert_same_tables(runs[0], out)
    docs = pd.read_parquet(runs[0] / "documents").set_index("doc_id")
    assert docs.loc[ids["beslut"], "published"] == date(2024, 3, 11)
    again = run_archive(root, runs[0], corrections=sheet)
    assert again.unchanged  # same files, same rules, same corrections: nothing to publish


@pytest.mark.parametrize(
    "line,message",
    [
        ("{doc},facts,12 miljoner kronor,,role,beviljat", "'beviljat' is not one of applied, budget, granted"),
        ("{doc},facts,12 miljoner kronor,,colour,blue", "facts has no field 'colour'"),
        ("{doc},tabell,12 miljoner kronor,,reject,", "table 'tabell' is not one of"),
        ("not-a-doc,facts,12 miljoner kronor,,reject,", "is not a document id"),
        ("{doc},facts,,,reject,", "needs the mention's text"),
        ("{doc},facts,12 miljoner kronor,,amount,tolv", "is not an amount"),
        ("{doc},facts,12 miljoner kronor,,period,våren", "is not a period"),
        ("{doc},facts,12 miljoner kronor,,body_id,kommun:9999", "is not a known body_id"),
        ("{doc},facts,12 miljoner kronor,,add,role=granted", "an added fact is `body_id=…; role=…`"),
    ],
)
def test_a_bad_correction_is_named_by_its_line(tmp_path: Path, line: str, message: str):
    path = tmp_path / "corrections.csv"
    path.write_text("doc_id,table,text,context,field,value\n" + line.format(doc="a" * 64) + "\n", encoding="utf-8")
    with pytest.raises(corr.CorrectionsError) as err:
        corr.load(path)
    assert "corrections.csv line 2" in str(err.value) and message in str(err.value)


def test_a_malformed_corrections_file_publishes_nothing(family, tmp_path: Path, capsys):
    root, _ = family
    out = tmp_path / "out"
    assert main(["run", str(root), "--output", str(out), "--no-prefect"]) == 0
    before = os.readlink(out / "current")
    ids = doc_ids(out)
    (out / "corrections.csv").write_text(
        f"doc_id,table,text,field,value\n{ids['beslut']},facts,2 250 000 kronor,role,kanske\n", encoding="utf-8"
    )
    for root_file in root.rglob("*.txt"):
        root_file.unlink()
    assert main(["run", str(root), "--output", str(out), "--no-prefect"]) == 2
    err = capsys.readouterr().err
    assert "corrections.csv line 2" in err and "nothing was published" in err
    assert os.readlink(out / "current") == before


@pytest.mark.parametrize(
    "sentence,text,context",
    [
        ("Region Kronoberg, 12 482 000 kronor", "12 482 000 kronor", "Region Kronoberg, 12 482 000 kronor"),
        (
            "Regeringen har i dag beslutat att Region Gotland får 3 miljoner kronor för kortare köer i vården.",
            "3 miljoner kronor",
            "att Region Gotland får 3 miljoner kronor för kortare",
        ),
        ("Belopp saknas", "12 kronor", ""),
    ],
)
def test_the_context_is_a_few_words_around_the_mention(sentence, text, context):
    from pipeline.outputs.review import context_of

    assert context_of(sentence, text) == context


def test_eval_scores_with_and_without_the_corrections(seeds_dir: Path, gold_dir: Path, tmp_path: Path):
    from pipeline.outputs.evaluate import evaluate

    out = tmp_path / "out"
    run_archive(seeds_dir, out, use_cache=False)
    plain = evaluate(out, gold_dir)
    facts = pd.read_parquet(out / "facts")
    amounts = pd.read_parquet(out / "amounts").set_index("mention_id")
    fact = facts.iloc[0]
    text = amounts.loc[fact.amount_mention_id, "text"]
    (out / "corrections.csv").write_text(
        f'doc_id,table,text,body_id,field,value\n{fact.doc_id},facts,"{text}",{fact.body_id},reject,\n',
        encoding="utf-8",
    )
    summary = run_archive(seeds_dir, out)
    assert summary.corrections == {"applied": 1}
    corrected = evaluate(out, gold_dir)
    rules_only = evaluate(out, gold_dir, corrected=False)
    assert rules_only["scores"] == plain["scores"]
    assert corrected["scores"]["facts"]["predicted"] == plain["scores"]["facts"]["predicted"] - 1


def test_the_review_page_saves_verdicts_that_apply_as_corrections(family, tmp_path: Path):
    """The page a reviewer fills in, in headless Chromium: two verdicts and one missing fact, saved as CSV,
    applied, and published by the next run."""
    from pipeline.outputs.review import items as review_items
    from tests.browser import open_page

    root, _ = family
    out = tmp_path / "out"
    run_archive(root, out, use_cache=False)
    ids = doc_ids(out)
    page_path = tmp_path / "granskning.html"
    assert main(["review", str(out), "--below", "1.01", "--out", str(page_path)]) == 0
    page_text = page_path.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page_text)
    saved = tmp_path / "sparad.csv"
    with open_page(page_path) as seen:
        page = seen.page
        page.fill("#who", "granskare")
        items = review_items(out, 1.01)

        def row_with(text: str):
            k = next(k for k, r in enumerate(items) if r["item"] == "fact" and r["text"] == text)
            return page.locator(f'#items tbody tr[data-row="{k}"]')

        row_with("3,1 miljoner kronor").locator("[name=verdict]").select_option("reject")
        fix = row_with("drygt 9 miljoner kronor")
        fix.locator("[name=verdict]").select_option("fix")
        fix.locator("[name=field]").fill("amount")
        fix.locator("[name=value]").fill("9 120 500")
        page.fill("#missing [name=doc_id]", ids["nyheter"])
        page.fill("#missing [name=text]", "4 miljoner kronor")
        page.fill("#missing [name=context]", "går 4 miljoner kronor till mödravården")
        page.fill("#missing [name=value]", "body_id=region:07; role=granted")
        page.click("#add")
        with page.expect_download() as download:
            page.click("#save")
        download.value.save_as(str(saved))
        assert seen.console_errors == []
        assert all(url.startswith(("file:", "blob:")) for url in seen.requests), seen.requests
    assert main(["review", str(out), "--apply", str(saved)]) == 0
    assert {(c.table, c.field) for c in corr.load(out / "corrections.csv")} == {
        ("facts", "reject"),
        ("facts", "amount"),
        ("facts", "add"),
    }
    summary = run_archive(root, out)
    assert summary.corrections == {"applied": 3}, summary.correction_problems
    facts = pd.read_parquet(out / "facts")
    assert not (facts.amount == 3_100_000).any()
    assert ((facts.body_id == "region:07") & (facts.amount == 4_000_000)).sum() == 1


def test_every_row_of_the_review_finds_its_fact_again(corpus_output: Path, tmp_path: Path):
    """The anchor the review writes (text, a few words of context, the body) finds exactly its own row on the
    real documents of ../shared/corpus: a reviewer's verdict never lands on another fact."""
    import shutil

    from pipeline.outputs.review import items
    from pipeline.publish.snapshot import current_snapshot

    snapshot = tmp_path / "snapshot"
    shutil.copytree(current_snapshot(corpus_output), snapshot)
    rows = {(r["doc_id"], r["text"], r["context"], r["body_id"]): r for r in items(corpus_output, 1.01)}
    facts = [r for r in rows.values() if r["table"] == "facts"]
    assert len(facts) > 100
    corrections = [
        corr.Correction(
            f"c{k}", r["doc_id"], "facts", r["text"], r["context"], r["body_id"], "reject", None, "", "", "", ""
        )
        for k, r in enumerate(facts)
    ]
    report = corr.apply(snapshot, corrections)
    statuses = {r.status for r in report}
    assert [r for r in report if r.status != "applied"] == [], statuses
    assert pd.read_parquet(snapshot / "facts").empty or len(pd.read_parquet(snapshot / "facts")) < len(facts)
