"""A ruled cell's text on one line: numbers a narrow cell broke across lines are set again in groups of three."""

import pytest

from pipeline.read.pdf_wraps import cell_text, in_groups_of_three


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("48\n6 4\n98", "486 498"),  # broken inside a group of digits
        ("1 250\n000", "1 250 000"),  # broken between groups: kept as it stands
        ("−12\n345,5", "−12 345,5"),  # a sign and decimals
        ("2019", "2019"),  # a year on one line is no grouped number
        ("Stöd till\nföreningar", "Stöd till föreningar"),  # prose joined, not regrouped
        ("0\n12345", "12 345"),  # leading zeros dropped as a number's value drops them
        ("１２３\n４５", "12 345"),  # full-width digits set again in ASCII
        ("０\n４８６４９８", "486 498"),  # full-width, a leading zero among them
        ("１２\n３４", "１２３４"),  # four digits: joined, not regrouped, its digits as written (must not change)
        # digits of other scripts are no digits (extractors/numerals.py): the cell's lines are text, joined
        ("٠\n٤٨٦٤٩٨", "٠ ٤٨٦٤٩٨"),  # Arabic-Indic
        ("१२\n३४५", "१२ ३४५"),  # Devanagari
        ("\U00010d41\n\U00010d42\U00010d43", "\U00010d41 \U00010d42\U00010d43"),  # Garay, newer than Python's Unicode
    ],
)
def test_broken_numbers_are_set_again(cell: str, expected: str) -> None:
    assert cell_text(cell) == expected


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("12345", "12 345"),
        ("123456", "123 456"),
        ("1234567", "1 234 567"),
        ("000", "0"),
    ],
)
def test_groups_of_three(digits: str, expected: str) -> None:
    assert in_groups_of_three(digits) == expected


def test_a_run_past_python_s_integer_limit_is_grouped_not_refused() -> None:
    run = "7" * 5000  # int() refuses strings of over 4,300 digits
    grouped = cell_text(run[:2500] + "\n" + run[2500:])
    assert grouped.replace(" ", "") == run
    assert grouped.split(" ")[0] == "77" and set(map(len, grouped.split(" ")[1:])) == {3}
