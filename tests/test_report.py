"""`bidrag report`: one offline HTML page, opened in headless Chromium: its filters drive the maps and the totals,
budgets are never added up, uncertain facts are marked and left out, and the page names the snapshot it shows."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from flows.cli import main
from pipeline.outputs.report import json_for_script, kronor
from pipeline.outputs.review import DEFAULT_BELOW
from pipeline.publish.snapshot import current_snapshot
from tests.browser import open_page

DRAWN = ["#chart-periods", "#chart-programmes", "#chart-recipients", "#map-regions", "#map-kommuner"]
COLOURED = "ps => ps.filter(p => p.getAttribute('fill') !== '#eeeeee').map(p => p.dataset.code)"


@pytest.mark.parametrize(
    "value,text",
    [(12_482_000, "12,5 mkr"), (1_800_000_000, "1,8 mdkr"), (450_000, "450\u00a0000 kr"), (-2_000_000, "−2,0 mkr")],
)
def test_sums_are_written_the_swedish_way(value, text):
    assert kronor(value) == text


@pytest.mark.parametrize(
    "value",
    [
        {"evidence": "</script><script>alert(1)</script>"},
        {"evidence": "<!-- a comment that never ends"},
        {"evidence": "Region Skåne & Region Halland > 3 miljoner"},
        {"evidence": "en rad\u2028och en till\u2029slut"},
    ],
)
def test_data_in_the_page_cannot_end_its_script_element(value):
    text = str(json_for_script(value))
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


@pytest.fixture(scope="module", params=["sample", "corpus"])
def report(request, tmp_path_factory) -> tuple[Path, Path]:
    output = request.getfixturevalue(f"{request.param}_output")
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", str(output), "--out", str(path)]) == 0
    return output, path


@pytest.fixture(scope="module")
def corpus_report(corpus_output, tmp_path_factory) -> tuple[Path, Path]:
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", str(corpus_output), "--out", str(path)]) == 0
    return corpus_output, path


def granted(output: Path) -> pd.DataFrame:
    grants = pd.read_parquet(output / "grants")
    return grants[grants.role == "granted"]


def certain(grants: pd.DataFrame) -> pd.DataFrame:
    return grants[grants.confidence >= DEFAULT_BELOW]


def areas(grants: pd.DataFrame, kind: str) -> list[str]:
    return sorted({b.split(":")[1] for b in grants.body_id if b.startswith(kind + ":")})


def seen_state(page) -> tuple[float, list[str], list[str]]:
    total = float(page.locator("#total").get_attribute("data-value"))
    return (
        total,
        sorted(page.eval_on_selector_all("#map-regions path", COLOURED)),
        sorted(page.eval_on_selector_all("#map-kommuner path", COLOURED)),
    )


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
            assert seen.inked(selector, tmp_path) > 0.005, f"{selector} is blank"
        seen.page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        assert seen.console_errors == []
        assert all(url.startswith("file:") for url in seen.requests), seen.requests
        assert seen.page.evaluate("document.documentElement.scrollWidth") <= 1300


def test_the_sums_are_of_certain_granted_grants_and_the_maps_colour_where_they_went(report):
    output, path = report
    summed = certain(granted(output))
    with open_page(path) as seen:
        total, regions, kommuner = seen_state(seen.page)
        lowest = seen.page.locator("#map-kommuner-legend li").first.inner_text()
    assert total == pytest.approx(summed.amount.sum())
    assert regions == areas(summed, "region")
    assert kommuner == areas(summed, "kommun") and kommuner
    assert not lowest.startswith("0 kr")  # zero is the grey class, not the bottom of the lowest
    assert lowest.startswith(kronor(min(summed[summed.body_id.str.startswith("kommun:")].amount)))


def test_choosing_a_programme_changes_the_maps_and_the_total(report):
    output, path = report
    summed = certain(granted(output))
    programme = summed.programme.value_counts().index[0]
    chosen = summed[summed.programme == programme]
    with open_page(path) as seen:
        before = seen_state(seen.page)
        seen.page.select_option("#filter-programme", programme)
        after = seen_state(seen.page)
    assert after != before
    assert after == (pytest.approx(chosen.amount.sum()), areas(chosen, "region"), areas(chosen, "kommun"))


def covering(grants: pd.DataFrame, year: int) -> pd.DataFrame:
    """The grants whose period (the time the money is for) includes `year`."""
    dated = grants.dropna(subset=["period_start", "period_end"])
    return dated[dated.period_start.map(lambda d: d.year <= year) & dated.period_end.map(lambda d: d.year >= year)]


def test_choosing_a_year_sums_the_grants_for_that_period(corpus_report):
    output, path = corpus_report
    summed = certain(granted(output)).dropna(subset=["period_start"])
    years = pd.Series([y for r in summed.itertuples() for y in range(r.period_start.year, r.period_end.year + 1)])
    year = int(years.value_counts().index[0])
    chosen = covering(summed, year)
    with open_page(path) as seen:
        before = seen_state(seen.page)
        seen.page.select_option("#filter-year", str(year))
        after = seen_state(seen.page)
        shown = seen.page.locator("#grants tbody tr:visible").count()
    assert after != before
    assert after == (pytest.approx(chosen.amount.sum()), areas(chosen, "region"), areas(chosen, "kommun"))
    assert shown == len(covering(granted(output), year))  # the table follows, uncertain rows marked in it


@pytest.fixture(scope="module")
def strict_report(corpus_output, tmp_path_factory) -> tuple[Path, Path, float]:
    """The corpus report with a threshold that a quarter of the granted grants fall below: the page's marks and
    sums are checked against the threshold it was written with, whatever the calibration of the day."""
    confidences = sorted(granted(corpus_output).confidence)
    below = float(confidences[len(confidences) // 4]) + 1e-9
    path = tmp_path_factory.mktemp("strict") / "report.html"
    assert main(["report", str(corpus_output), "--out", str(path), "--below", str(below)]) == 0
    return corpus_output, path, below


def test_a_fact_below_the_review_threshold_is_marked_and_left_out_unless_asked(strict_report):
    output, path, below = strict_report
    grants = granted(output)
    unsure = grants[grants.confidence < below]
    assert 0 < len(unsure) < len(grants)
    with open_page(path) as seen:
        rows = seen.page.locator("#grants tbody tr.uncertain:visible")  # the granted ones: the role chosen
        assert rows.count() == len(unsure)
        assert all("osäker" in r.inner_text() for r in rows.all())
        without = float(seen.page.locator("#total").get_attribute("data-value"))
        seen.page.check("#include-uncertain")
        including = float(seen.page.locator("#total").get_attribute("data-value"))
    assert without == pytest.approx(grants[grants.confidence >= below].amount.sum())
    assert including == pytest.approx(grants.amount.sum())
    assert including - without == pytest.approx(unsure.amount.sum())


def test_budget_statements_are_listed_with_evidence_and_never_added_up(report):
    output, path = report
    grants = pd.read_parquet(output / "grants")
    budgets = grants[grants.role == "budget"]
    with open_page(path) as seen:
        rows = seen.page.locator("#budgets tbody tr")
        assert rows.count() == len(budgets) > 0
        assert all(r.locator("q").count() >= 1 for r in rows.all())
        seen.page.select_option("#filter-role", "budget")
        assert seen.page.locator("#total").get_attribute("data-value") == ""
        assert "läggs inte ihop" in seen.page.locator("#total").inner_text()
        assert seen.page.eval_on_selector_all("#map-regions path", COLOURED) == []


def test_the_search_box_filters_the_grants(report):
    output, path = report
    shown = granted(output)
    name = shown.sort_values("amount").body_name.iloc[-1]
    with open_page(path) as seen:
        rows = seen.page.locator("#grants tbody tr")
        assert seen.page.locator("#grants tbody tr:visible").count() == len(shown)
        seen.page.fill("#search", name)
        visible = [r for r in rows.all() if r.is_visible()]
        assert 0 < len(visible) < len(shown)
        assert all(name.lower() in r.inner_text().lower() for r in visible)


def named_snapshot(output: Path) -> str:
    page = (output / "report.html").read_text(encoding="utf-8")
    (name,) = re.findall(r'data-snapshot="([^"]+)"', page)
    return name


def test_every_publish_and_every_rollback_rewrites_the_page(sample_archive, tmp_path: Path):
    root, _ = sample_archive
    archive, out = tmp_path / "arkiv", tmp_path / "out"
    shutil.copytree(root, archive)
    assert main(["run", str(archive), "--output", str(out), "--no-prefect"]) == 0
    first = current_snapshot(out).name
    assert named_snapshot(out) == first
    shutil.copy(archive / "beslut" / "beslut-ekonomi-i-balans.txt", archive / "beslut" / "kopia-med-rattelse.txt")
    (archive / "beslut" / "kopia-med-rattelse.txt").write_text(
        "Beslut om statsbidrag\n\nKammarkollegiet har beslutat att bevilja Region Uppsala 12,4 miljoner kronor.\n",
        encoding="utf-8",
    )
    assert main(["run", str(archive), "--output", str(out), "--no-prefect"]) == 0
    second = current_snapshot(out).name
    assert second != first and named_snapshot(out) == second
    assert main(["rollback", str(out)]) == 0
    assert current_snapshot(out).name == first and named_snapshot(out) == first


def test_a_report_of_nothing_published_is_one_clear_line(tmp_path: Path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    assert "no published output" in capsys.readouterr().err
