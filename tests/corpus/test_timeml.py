"""Time expressions against TimeML news annotated by others (TimeBank 1.2, AQUAINT; ../shared/corpora)."""

from __future__ import annotations

import pytest

from benchmarks.timeml import TIMEBANK, Document, read_corpus, score
from newsreader.analysis.timex import Timex


# The bar of the time-expression issue, over all TIMEX3 types, on both corpora.
@pytest.mark.parametrize("corpus", ["TimeBank", "AQUAINT"])
@pytest.mark.skipif(not TIMEBANK.is_dir(), reason="../shared/corpora/timebank is not here")
@pytest.mark.slow
def test_extraction_and_values(corpus):
    figures = score(read_corpus(corpus)).all.figures()
    assert figures["relaxed_f1"] >= 0.9, figures
    assert figures["value_f1"] >= 0.75, figures


def test_another_notation_of_the_same_value_counts_only_when_asked():
    text = "NATO was founded in 1949 and met on Friday night."
    gold = (Timex("1949", 20, 24, "DATE", "1949-XX"), Timex("Friday", 36, 42, "DATE", "1999-03-12"))
    documents = [Document("d", "1999-03-12", text, gold)]
    assert score(documents).all.valued == 0
    assert score(documents, notation=True).all.valued == 2
