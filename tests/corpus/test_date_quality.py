"""Date values against our gold annotations on the seeds and BBC articles: every one right."""

from __future__ import annotations

import pytest

from benchmarks.timex_scoring import score


# Every annotated expression is found with its value, on the seeds and on the BBC articles.
@pytest.mark.parametrize("split", ["seeds", "tune", "heldout"])
def test_every_annotated_date_is_right(split):
    right, total, wrong = score(split)
    assert right == total, wrong
