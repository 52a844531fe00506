"""Confidence that means something: fitted to observed precision per way of linking, and a reliability table
that says whether it holds."""

from __future__ import annotations

import pytest

from benchmarks.calibrate import body_cell, check_documents, fit, leave_one_out, lookup
from extractors.facts import CONFIDENCE, confidence_of
from pipeline.outputs.evaluate import reliability
from tests.conftest import ROOT

TABLE = "role=column-header; body=table-row"
CAPTION = "role=caption; body=table-row"


def _table(rows):
    return [(r["how"], r["role"], round(float(r["confidence"]), 3)) for r in rows]


@pytest.mark.parametrize(
    "results,expected",
    [
        # 20 of 20 right: close to 1, never 1 (shrunk towards the role's pooled share, itself towards 0.5)
        (
            [(TABLE, "granted", True)] * 20,
            [("*", "granted", 0.917), ("body=table-row", "granted", 0.986), (TABLE, "granted", 0.998)],
        ),
        # a cell under the minimum is left out: its facts take the body decider's value
        (
            [(TABLE, "granted", True)] * 10 + [(CAPTION, "granted", False)] * 2,
            [("*", "granted", 0.75), ("body=table-row", "granted", 0.812), (TABLE, "granted", 0.946)],
        ),
    ],
)
def test_fit_shrinks_small_cells_and_drops_the_smallest(results, expected):
    assert _table(fit(results, min_facts=8, shrink=4.0)) == expected


def test_a_fact_falls_back_from_its_cell_to_its_body_decider_to_its_role():
    rows = fit([(TABLE, "granted", True)] * 10 + [(CAPTION, "granted", False)] * 2, min_facts=8, shrink=4.0)
    assert lookup(rows, TABLE, "granted") == 0.946
    assert lookup(rows, CAPTION, "granted") == 0.812  # too few of its own: the body decider's
    assert lookup(rows, "role=clause-cue; body=list-line", "granted") == 0.75  # the role's pooled
    assert lookup(rows, TABLE, "applied") is None
    assert body_cell(CAPTION) == "body=table-row"


def test_leave_one_out_scores_a_document_with_a_table_fitted_without_it():
    results = [("a", TABLE, "granted", True)] * 10 + [("b", TABLE, "granted", False)] * 10
    scored = leave_one_out(results)
    # document a is scored by b's facts alone (all wrong), and b by a's (all right)
    assert max(c for c, ok in scored if ok) < 0.5 < min(c for c, ok in scored if not ok)


def test_calibration_never_reads_the_check_documents():
    unseen = check_documents(ROOT.parent / "shared" / "corpus" / "docs")
    assert len(unseen) == 21


def test_reliability_bins_say_whether_confidence_holds():
    calibration = [(0.95, True)] * 19 + [(0.95, False)] + [(0.65, True)] * 10 + [(0.65, False)] * 10
    bins = reliability(calibration)
    assert bins["(0.9, 1.0]"]["calibrated"] is True  # 0.95 said, 0.95 seen
    assert bins["(0.6, 0.7]"]["calibrated"] is False  # 0.65 said, 0.50 seen
    assert bins["(0.6, 0.7]"]["facts"] == 20


def test_a_role_never_measured_takes_its_body_deciders_prior():
    assert confidence_of("role=clause-cue; body=reference-back", "unmeasured-role") == CONFIDENCE["reference-back"]
