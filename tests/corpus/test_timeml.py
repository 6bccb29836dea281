"""Time expressions against TimeML news annotated by others (TimeBank 1.2, AQUAINT; ../shared/corpora)."""

from __future__ import annotations

import pytest

from benchmarks.timeml import TIMEBANK, read_corpus, score

pytestmark = [
    pytest.mark.skipif(not TIMEBANK.is_dir(), reason="../shared/corpora/timebank is not here"),
    pytest.mark.slow,
]


# The bar of the time-expression issue, over all TIMEX3 types, on both corpora.
@pytest.mark.parametrize("corpus", ["TimeBank", "AQUAINT"])
def test_extraction_and_values(corpus):
    figures = score(read_corpus(corpus)).all.figures()
    assert figures["relaxed_f1"] >= 0.9, figures
    assert figures["value_f1"] >= 0.75, figures
