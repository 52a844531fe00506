"""`bidrag eval` scores dev and check documents apart, and never lists what a rule missed on a check document."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from flows.cli import main
from pipeline.outputs.evaluate import SCORES, evaluate, format_misses, format_report, read_check_list

SEED_HASHES = ("d708ca9c91a6358e", "a0cb0b769f652f91", "8252db449567283c", "5f57e3cd215ce594", "c5133ff09ee789a3")
CHECKED = ("001_a0cb0b769f652f91", "003_5f57e3cd215ce594")  # two seeds play the check documents here


@pytest.fixture(scope="module")
def split_gold(gold_dir: Path, tmp_path_factory) -> Path:
    """A copy of the seeds' gold with a check list beside it, as ../shared/corpus lays out its split."""
    root = tmp_path_factory.mktemp("split")
    gold = root / "gold"
    gold.mkdir()
    for path in gold_dir.glob("*.json"):
        shutil.copy(path, gold / path.name)
    (root / "check.txt").write_text("# check documents\n" + "\n".join(CHECKED) + "\n\n", encoding="utf-8")
    return gold


@pytest.mark.parametrize(
    "text,stems",
    [
        ("a\nb\n", {"a", "b"}),
        ("# only a comment\n\n  c  \n", {"c"}),
        ("d # the fourth\n", {"d"}),
        ("", set()),
    ],
)
def test_the_check_list_names_one_stem_a_line(tmp_path: Path, text: str, stems: set[str]):
    path = tmp_path / "check.txt"
    path.write_text(text, encoding="utf-8")
    assert read_check_list(path) == stems


@pytest.mark.parametrize("score", SCORES)
@pytest.mark.parametrize("column", ["tp", "predicted", "gold"])
def test_dev_and_check_add_up_to_all(seeds_output: Path, split_gold: Path, score: str, column: str):
    splits = evaluate(seeds_output, split_gold)["splits"]
    assert (splits["dev"]["n_documents"], splits["check"]["n_documents"], splits["all"]["n_documents"]) == (3, 2, 5)
    parts = splits["dev"]["scores"][score][column] + splits["check"]["scores"][score][column]
    assert parts == splits["all"]["scores"][score][column]


@pytest.mark.parametrize(
    "given,dev_stems",
    [
        (None, {"000_d708ca9c91a6358e", "002_8252db449567283c", "004_c5133ff09ee789a3"}),  # the list beside gold
        ("", {f"00{i}_{h}" for i, h in enumerate(SEED_HASHES)}),  # an empty list given on purpose: all are dev
    ],
)
def test_only_dev_documents_have_a_per_document_entry(
    seeds_output: Path, split_gold: Path, given: str | None, dev_stems: set[str]
):
    check_list = None
    if given is not None:
        check_list = split_gold.parent / "given.txt"
        check_list.write_text(given, encoding="utf-8")
    result = evaluate(seeds_output, split_gold, check_list=check_list)
    assert set(result["documents"]) == dev_stems
    listed = {line.split(" (")[0] for line in format_misses(result).splitlines() if not line.startswith(" ")}
    assert listed <= dev_stems


def test_the_total_of_all_splits_is_the_unsplit_score(seeds_output: Path, split_gold: Path, gold_dir: Path):
    assert evaluate(seeds_output, split_gold)["scores"] == evaluate(seeds_output, gold_dir)["scores"]
    assert "splits" not in evaluate(seeds_output, gold_dir)


def test_the_report_prints_a_table_per_split(seeds_output: Path, split_gold: Path):
    report = format_report(evaluate(seeds_output, split_gold))
    headings = [line for line in report.splitlines() if line.startswith("== ")]
    assert [h.split(":")[0].split(" (")[0] for h in headings] == ["== dev", "== check", "== all"]
    assert report.count("bodies (documents)") == 3


@pytest.mark.parametrize(
    "flags,shown,hidden",
    [
        (["--verbose"], ["== dev", "== check", "scored in total only"], list(CHECKED)),
        (["--json"], ['"splits"', '"dev"', '"check"'], list(CHECKED)),
    ],
)
def test_the_cli_never_prints_a_check_document(
    seeds_output: Path, split_gold: Path, capsys, flags: list[str], shown: list[str], hidden: list[str]
):
    assert main(["eval", str(seeds_output), str(split_gold), *flags]) == 0
    printed = capsys.readouterr().out
    for text in shown:
        assert text in printed
    for stem in hidden:
        assert stem not in printed
    if "--json" in flags:
        assert json.loads(printed)["check_documents_hidden"] == len(CHECKED)


def test_a_check_list_given_on_the_command_line(seeds_output: Path, gold_dir: Path, tmp_path: Path, capsys):
    listed = tmp_path / "mine.txt"
    listed.write_text(CHECKED[0] + "\n", encoding="utf-8")
    assert main(["eval", str(seeds_output), str(gold_dir), "--check-list", str(listed), "--json"]) == 0
    splits = json.loads(capsys.readouterr().out)["splits"]
    assert (splits["dev"]["n_documents"], splits["check"]["n_documents"]) == (4, 1)
    assert main(["eval", str(seeds_output), str(gold_dir), "--check-list", str(tmp_path / "missing.txt")]) == 2
    assert "check list not found" in capsys.readouterr().err
