"""`bidrag report`: one offline HTML page, opened in headless Chromium, with its maps and charts drawn."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from flows.cli import main
from pipeline.outputs.report import kronor
from tests.browser import open_page

DRAWN = ["#chart-roles", "#chart-programmes", "#chart-recipients", "#map-regions", "#map-kommuner"]


@pytest.mark.parametrize(
    "value,text",
    [(12_482_000, "12,5 mkr"), (1_800_000_000, "1,8 mdkr"), (450_000, "450\u00a0000 kr"), (-2_000_000, "−2,0 mkr")],
)
def test_sums_are_written_the_swedish_way(value, text):
    assert kronor(value) == text


@pytest.fixture(scope="module", params=["sample", "corpus"])
def report(request, tmp_path_factory) -> tuple[Path, Path]:
    output = request.getfixturevalue(f"{request.param}_output")
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", str(output), "--out", str(path)]) == 0
    return output, path


def test_the_page_needs_nothing_from_the_network(report):
    _, path = report
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page


def test_the_page_renders_its_maps_and_charts_without_errors(report, tmp_path: Path):
    _, path = report
    with open_page(path) as seen:
        for selector in DRAWN:
            box = seen.page.locator(selector).bounding_box()
            assert box and box["width"] > 100 and box["height"] > 20, selector
            assert seen.inked(selector, tmp_path) > 0.02, f"{selector} is blank"
        seen.page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        assert seen.console_errors == []
        assert all(url.startswith("file:") for url in seen.requests), seen.requests


def test_the_map_colours_the_regions_that_were_granted_money(report):
    output, path = report
    grants = pd.read_parquet(output / "grants")
    regions = grants[(grants.role == "granted") & grants.body_id.str.startswith("region:")]
    with open_page(path) as seen:
        coloured = seen.page.eval_on_selector_all(
            "#map-regions path", "ps => ps.filter(p => p.getAttribute('fill') !== '#eeeeee').map(p => p.dataset.code)"
        )
    assert sorted(coloured) == sorted({b.split(":")[1] for b in regions.body_id})
    assert coloured, "no region was granted money in this output"


def test_the_search_box_filters_the_grants(report):
    output, path = report
    grants = pd.read_parquet(output / "grants")
    name = grants.sort_values("amount").body_name.iloc[-1]
    with open_page(path) as seen:
        rows = seen.page.locator("#grants tbody tr")
        assert rows.count() == len(grants)
        seen.page.fill("#search", name)
        visible = [r for r in rows.all() if r.is_visible()]
        assert 0 < len(visible) < len(grants)
        assert all(name.lower() in r.inner_text().lower() for r in visible)


def test_a_report_of_nothing_published_is_one_clear_line(tmp_path: Path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    assert "no published output" in capsys.readouterr().err
