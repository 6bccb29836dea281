"""The query table on the 2,095 BBC articles: each row's expected articles among the first hits."""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATA, check_query_row, needs_bbc

TABLE = json.loads((DATA / "search" / "queries.json").read_text(encoding="utf-8"))


@needs_bbc
@pytest.mark.parametrize("row", TABLE["bbc"], ids=lambda row: row["query"])
def test_query_table_on_bbc(bbc, row):
    check_query_row(bbc, row)
