"""The corpus's entity table: every article's mentions kept compressed a block of articles at a time."""

from __future__ import annotations

import pickle
import zlib
from array import array

from newsreader.analysis.entity_table import BLOCK, EntityTable


def _mentions(place: int) -> array:
    """Mentions of their own for each article (none for every seventh), the title's among them."""
    return array("i", [value for n in range(place % 7) for value in (-9 + 40 * n, -3 + 40 * n, place + n)])


def _filled(articles: int) -> EntityTable:
    table = EntityTable()
    for place in range(articles):
        table.add_article(f"a{place}", _mentions(place))
    return table


def test_every_articles_mentions_come_back_from_the_blocks_and_after_them_also_from_the_cache():
    table = _filled(2 * BLOCK + 3)
    assert len(table.blocks) == 2  # the last three articles' mentions wait for a block of their own
    again = pickle.loads(pickle.dumps(table, protocol=5))
    for place in [*range(2 * BLOCK + 3), BLOCK - 1, 0, 2 * BLOCK + 2]:  # from block to block and back
        assert table._triples(f"a{place}") == again._triples(f"a{place}") == _mentions(place)
    assert table._triples("unknown") == array("i")


def test_a_table_cached_before_its_mentions_were_compressed_still_reads():
    table = _filled(BLOCK + 5)
    state = {**vars(table), "triples": b"".join([*map(zlib.decompress, table.blocks), table.triples.tobytes()])}
    del state["blocks"], state["_json_names"], state["_opened"]
    old = EntityTable.__new__(EntityTable)
    old.__setstate__(state)
    assert all(old._triples(f"a{place}") == _mentions(place) for place in range(BLOCK + 5))
