"""What a digit is (extractors/numerals.py): ASCII and full-width digits are read as numbers; a digit of another
script, or one newer than Python's Unicode that the `regex` module knows (U+10D40.. Garay, U+11F50.. Kawi), is
text. Such a digit in an amount, a date or a table cell leaves the document `ok` and its other numbers read."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date

import pandas as pd
import pytest
import regex

from extractors.numerals import DIGIT, ascii_digits, int_of
from pipeline.read.document import process_bytes
from tests.fixtures import builders
from tests.fixtures.cli import run_bidrag

ZERO = {  # the digit zero of each script the rows write numbers in
    "ascii": 0x30,
    "full-width": 0xFF10,
    "arabic-indic": 0x660,
    "devanagari": 0x966,
    "garay (Unicode 16)": 0x10D40,
    "kawi (Unicode 15)": 0x11F50,
}
READ = ("ascii", "full-width")  # the others are no digits


def written(number: str, script: str | int) -> str:
    """`number` with its ASCII digits written in `script`'s digits (a name in ZERO, or the script's zero)."""
    zero = ZERO[script] if isinstance(script, str) else script
    return "".join(chr(zero + int(c)) if "0" <= c <= "9" else c for c in number)


AMOUNT = "Fritidsnämnden beviljade Ryttarföreningen Hästhoven {n} kronor i anläggningsstöd.\n"
DATE = "Nämnden fattade beslutet den 14 oktober {y}.\n\nRyttarföreningen Hästhoven får 62 000 kronor.\n"
YEAR = "Ryttarföreningen Hästhoven får 62 000 kronor i anläggningsstöd under {y}.\n"
TABLE = (
    "Anläggningsstöd per förening\n\nFörening | Belopp (kr)\nRyttarföreningen Hästhoven | {n}\n"
    "Kanotklubben Forsen | 47 000\nBoulesällskapet Kulan | 18 500\n"
)


def _read(data: bytes, name: str) -> tuple[str, list[float], list[date]]:
    got = process_bytes(data, name)
    amounts = sorted(a.value for a in got.tables.get("amounts", []))
    return got.status, amounts, sorted(d.date_start for d in got.tables.get("dates", []))


@pytest.mark.parametrize("script", list(ZERO))
@pytest.mark.parametrize(
    ("template", "read", "not_read"),
    [
        (AMOUNT, ([315000.0], []), ([], [])),
        (TABLE, ([18500.0, 47000.0, 315000.0], []), ([18500.0, 47000.0], [])),
        (DATE, ([62000.0], [date(2025, 10, 14)]), ([62000.0], [])),
        (YEAR, ([62000.0], [date(2025, 1, 1)]), ([62000.0], [])),
    ],
    ids=["amount", "table cell", "date", "year"],
)
def test_a_text_document_in_digits_of_any_script_is_read(script: str, template: str, read, not_read) -> None:
    """The ASCII rows must not change; full-width reads the same; any other script's number is no number, and
    the document is `ok` with its ASCII numbers read (not `failed` on a ValueError)."""
    text = template.format(n=written("315 000", script), y=written("2025", script))
    status, amounts, dates = _read(text.encode("utf-8"), "stod.txt")
    assert status == "ok"
    assert (amounts, dates) == (read if script in READ else not_read)


@pytest.mark.parametrize(
    ("script", "amounts", "dates"),
    [
        ("ascii", [24000.0, 36000.0, 90000.0], [date(2025, 4, 3)]),
        ("full-width", [24000.0, 36000.0, 90000.0], [date(2025, 4, 3)]),
        ("garay (Unicode 16)", [24000.0, 36000.0], []),
        ("arabic-indic", [24000.0, 36000.0], []),
    ],
)
def test_a_word_file_with_such_digits_in_its_table_and_date_is_read(script: str, amounts, dates) -> None:
    data = builders.table_docx(
        [f"Beslutsdatum: {written('2025-04-03', script)}", "Fritidsnämnden fördelar stöd till tre föreningar."],
        [
            ("Förening", "Belopp (kr)"),
            ("Ryttarföreningen Hästhoven", written("90 000", script)),
            ("Kanotklubben Forsen", "36 000"),
            ("Boulesällskapet Kulan", "24 000"),
        ],
    )
    assert _read(data, "fordelning.docx") == ("ok", amounts, dates)


def _regex_digit_runs() -> list[int]:
    """The zero of every run of ten digits the `regex` module's `\\d` accepts, those Python does not know too."""
    return [c for c in range(sys.maxunicode + 1) if regex.match(r"\d", chr(c)) and not regex.match(r"\d", chr(c - 1))]


def test_no_digit_regex_knows_fails_a_document() -> None:
    """Every script `\\d` accepts (77 runs of ten, 11 of them newer than Python's Unicode) in an amount, a table
    cell, a date and a year of one document: `ok`, and every number read is written in digits that are read."""
    zeros = _regex_digit_runs()
    assert len(zeros) > 70 and any(not chr(z).isdecimal() for z in zeros)  # regex knows digits Python does not
    for zero in zeros:
        text = "".join(t.format(n=written("315 000", zero), y=written("2025", zero)) for t in (AMOUNT, TABLE, DATE))
        got = process_bytes(text.encode("utf-8"), "alla.txt")
        assert got.status == "ok", (hex(zero), got.document.error)
        for mention in got.tables["amounts"] + got.tables["dates"]:
            assert all(regex.fullmatch(DIGIT, c) for c in mention.text if regex.match(r"\d", c)), mention.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１２ ５００,５", "12 500,5"),  # full-width: the same digits
        ("År ２０２５ och 2026", "År 2025 och 2026"),
        ("2 500 000 kronor", "2 500 000 kronor"),  # ASCII: as it is (must not change)
        ("٢٠٢٥ १२", "٢٠٢٥ १२"),  # Arabic-Indic, Devanagari: text, as it is
        ("\U00010d42\U00010d40", "\U00010d42\U00010d40"),  # Garay: text, as it is
    ],
)
def test_ascii_digits(text: str, expected: str) -> None:
    assert ascii_digits(text) == expected
    assert len(ascii_digits(text)) == len(text)  # one character for one: every offset stays


@pytest.mark.parametrize(("digits", "value"), [("2025", 2025), ("０７", 7), ("１９９９", 1999), ("0", 0)])
def test_int_of(digits: str, value: int) -> None:
    assert int_of(digits) == value


def test_digit_is_what_the_conversion_reads() -> None:
    """Every character DIGIT accepts is one `ascii_digits` writes as an ASCII digit of the same value."""
    accepted = [chr(c) for c in range(sys.maxunicode + 1) if regex.match(DIGIT, chr(c))]
    assert len(accepted) == 20
    assert all(ascii_digits(c) == str(unicodedata.digit(c)) for c in accepted)


def test_bidrag_run_publishes_a_folder_with_such_documents(tmp_path) -> None:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "garay.txt").write_text(TABLE.format(n=written("315 000", "garay (Unicode 16)")), encoding="utf-8")
    (folder / "kawi.txt").write_text(YEAR.format(y=written("2025", "kawi (Unicode 15)")), encoding="utf-8")
    (folder / "bred.txt").write_text(AMOUNT.format(n=written("315 000", "full-width")), encoding="utf-8")
    (folder / "vanlig.txt").write_text(AMOUNT.format(n="315 000"), encoding="utf-8")
    proc = run_bidrag("run", str(folder), "-o", str(tmp_path / "ut"), "--no-prefect", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    docs = pd.read_parquet(tmp_path / "ut" / "documents").set_index("source_uri")
    assert docs["status"].to_dict() == {n: "ok" for n in ("bred.txt", "garay.txt", "kawi.txt", "vanlig.txt")}
    amounts = pd.read_parquet(tmp_path / "ut" / "amounts").merge(docs.reset_index()[["doc_id", "source_uri"]])
    by_doc = amounts.groupby("source_uri")["value"].apply(sorted).to_dict()
    assert by_doc == {
        "bred.txt": [315000.0],
        "garay.txt": [18500.0, 47000.0],
        "kawi.txt": [62000.0],
        "vanlig.txt": [315000.0],
    }


GARAY = ZERO["garay (Unicode 16)"]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        (YEAR.format(y="20" + written("25", GARAY)), []),
        (DATE.format(y="202" + written("5", GARAY)), []),
        (AMOUNT.format(n="315 " + written("000", GARAY)), []),
        (AMOUNT.format(n=written("3", GARAY) + "15 000"), []),
        (TABLE.format(n="3" + written("15", GARAY) + " 000"), []),
        (YEAR.format(y="2025"), [date(2025, 1, 1)]),  # must not change
    ],
)
def test_a_number_with_a_digit_not_read_fails_nothing(text: str, dates: list[date]) -> None:
    """ASCII digits and a Garay digit in one number: the document is `ok`, no date is read from that number,
    and no amount holds the digit that is not read."""
    got = process_bytes(text.encode("utf-8"), "blandat.txt")
    assert got.status == "ok", got.document.error
    assert [d.date_start for d in got.tables["dates"]] == dates
    assert not any(chr(GARAY) <= c <= chr(GARAY + 9) for a in got.tables["amounts"] for c in a.text)
