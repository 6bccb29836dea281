"""Dates normalised against the publication date, and one timeline across articles."""

from __future__ import annotations

import pytest

from benchmarks.timex_scoring import score


# The bar of the timeline issue: at least 0.9 of annotated expressions found with the right value.
@pytest.mark.parametrize("split", ["seeds", "tune", "heldout"])
def test_quality_bar(split):
    right, total, wrong = score(split)
    assert right / total >= 0.9, wrong
