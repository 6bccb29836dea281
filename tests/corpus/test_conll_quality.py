"""Entities on Reuters newswire nobody here annotated: CoNLL-2003's development set, by the issue's bar."""

from __future__ import annotations

import pytest

from benchmarks.conll import CONLL, newsreader_spans, read, report

DEV = CONLL / "eng.testa"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not DEV.is_file(), reason="../shared/corpora/conll2003 is not here")]


@pytest.fixture(scope="module")
def dev():
    documents = read(DEV)
    return report(documents, newsreader_spans(documents))


def test_document_level(dev):
    assert dev.document["all"].f1 >= 0.85
    assert dev.prose["all"].f1 >= 0.88
    assert dev.document["org"].f1 >= 0.75


def test_mention_level(dev):
    assert dev.mention["all"].f1 >= 0.85
