"""Search: typo budgets, prefixes, phrases and filters; the query table; the search bar in the reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.store import DocumentStore
from tests.conftest import DATA, needs_bbc

TABLE = json.loads((DATA / "search" / "queries.json").read_text(encoding="utf-8"))


def name(store: DocumentStore, article_id: str) -> str:
    return Path(store.get(article_id).source_path).stem


def check(store: DocumentStore, row: dict) -> None:
    """`top`: the first hit; `top3`: up to three articles all among the first three hits, or, when more
    are listed, the first three hits all among them."""
    found = [name(store, hit.id) for hit in store.search(row["query"], limit=3)]
    if "top" in row:
        assert found and found[0].startswith(row["top"]), (row, found)
    elif len(row["top3"]) <= 3:
        assert all(any(f.startswith(t) for f in found) for t in row["top3"]), (row, found)
    else:
        assert found and all(any(f.startswith(t) for t in row["top3"]) for f in found), (row, found)


@needs_bbc
@pytest.mark.parametrize("row", TABLE["bbc"], ids=lambda row: row["query"])
def test_query_table_on_bbc(bbc, row):
    check(bbc, row)
