"""Confidence that means something: fitted to observed precision, and a reliability table that says whether it holds."""

from __future__ import annotations

import pytest

from benchmarks.calibrate import fit
from extractors.facts import CONFIDENCE, confidence_of
from pipeline.outputs.evaluate import reliability


@pytest.mark.parametrize(
    "results,expected",
    [
        # 20 of 20 right on a path: close to 1, never 1 (shrunk towards the path's share)
        ([("table_row", "granted", True)] * 20, [("table_row", "granted", 0.992)]),
        # one lucky fact is pulled towards its path
        (
            [("sentence", "granted", True)] + [("sentence", "budget", False)] * 9,
            [("sentence", "budget", 0.051), ("sentence", "granted", 0.333)],  # path share (1+1)/(10+2)
        ),
    ],
)
def test_fit_shrinks_small_cells_towards_their_path(results, expected):
    assert [(r["how"], r["role"], round(float(r["confidence"]), 3)) for r in fit(results)] == expected


def test_reliability_bins_say_whether_confidence_holds():
    calibration = [(0.95, True)] * 19 + [(0.95, False)] + [(0.65, True)] * 10 + [(0.65, False)] * 10
    bins = reliability(calibration)
    assert bins["(0.9, 1.0]"]["calibrated"] is True  # 0.95 said, 0.95 seen
    assert bins["(0.6, 0.7]"]["calibrated"] is False  # 0.65 said, 0.50 seen
    assert bins["(0.6, 0.7]"]["facts"] == 20


def test_a_path_never_measured_keeps_its_prior():
    assert confidence_of("pronoun", "budget") == CONFIDENCE["pronoun"]
