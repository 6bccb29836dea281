"""Entity quality against our gold annotations: document-level F1 on the seeds and BBC articles."""

from __future__ import annotations

import pytest

from benchmarks.entity_scoring import score
from newsreader.analysis.entities import Recogniser


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser()


# The bars of the entities issues: F1 >= 0.95 on the seeds, >= 0.92 on the BBC tune and held-out halves.
@pytest.mark.parametrize("split, bar", [("seeds", 0.95), ("tune", 0.92), ("heldout", 0.92)])
def test_quality_bar(split, bar):
    result, errors = score(split)
    assert result.f1 >= bar, {path: e for path, e in errors.items() if e[0] or e[1]}
