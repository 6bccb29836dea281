"""The corpus's entity table: every article's mentions kept compressed a block of articles at a time, on disk."""

from __future__ import annotations

import pickle
import zlib
from array import array

import pytest

from newsreader.analysis import entity_table
from newsreader.analysis.entity_table import BLOCK, EntityTable, _counted
from newsreader.analysis.found import Found, name_code
from newsreader.bodies import BodyFile


def _mentions(place: int) -> array:
    """Mentions of their own for each article (none for every seventh), the title's among them."""
    return array("i", [value for n in range(place % 7) for value in (-9 + 40 * n, -3 + 40 * n, place + n)])


def _filled(articles: int) -> EntityTable:
    table = EntityTable()
    for place in range(articles):
        table.add_article(f"a{place}", _mentions(place))
    return table


def _read_back(table: EntityTable, articles: int) -> bool:
    """Whether every article's mentions come back, from block to block and back."""
    places = [*range(articles), BLOCK - 1, 0, articles - 1]
    return all(table._triples(f"a{place}") == _mentions(place) for place in places)


def test_every_articles_mentions_come_back_from_the_blocks_and_after_them_also_from_the_cache():
    table = _filled(2 * BLOCK + 3)
    assert len(table.blocks) == 2  # the last three articles' mentions wait for a block of their own
    assert all(isinstance(block, tuple) for block in table.blocks)  # in the mentions file, not in memory
    again = pickle.loads(pickle.dumps(table, protocol=5))
    assert _read_back(table, 2 * BLOCK + 3) and _read_back(again, 2 * BLOCK + 3)
    assert table._triples("unknown") == array("i")


def test_a_table_kept_beside_the_cache_is_cached_without_its_mentions_and_not_read_when_they_are_cut_short(tmp_path):
    table = _filled(4 * BLOCK)
    inline = pickle.dumps(table, protocol=5)  # its mentions file is a temporary one: the blocks go with it
    table.keep_mentions(tmp_path / "entities.mentions")
    kept = pickle.dumps(table, protocol=5)
    assert len(kept) < len(inline) - (tmp_path / "entities.mentions").stat().st_size // 2
    assert _read_back(table, 4 * BLOCK) and _read_back(pickle.loads(kept), 4 * BLOCK)
    with open(tmp_path / "entities.mentions", "r+b") as mentions:  # pruned or damaged apart from the table
        mentions.truncate(100)
    with pytest.raises(ValueError, match="shorter than its table says"):
        pickle.loads(kept)


def test_where_no_mentions_file_can_be_written_the_blocks_stay_in_memory(monkeypatch, tmp_path):
    monkeypatch.setattr(entity_table, "temporary_body_file", lambda: BodyFile(None))  # as on a full disk
    table = _filled(2 * BLOCK + 3)
    assert all(isinstance(block, bytes) for block in table.blocks)
    table.keep_mentions(tmp_path / "entities.mentions")
    assert not (tmp_path / "entities.mentions").exists()
    assert _read_back(pickle.loads(pickle.dumps(table, protocol=5)), 2 * BLOCK + 3)


def test_a_table_cached_before_its_mentions_were_compressed_still_reads():
    table = _filled(BLOCK + 5)
    unpacked = [zlib.decompress(table._stored(block)) for block in table.blocks]
    state = {**vars(table), "triples": b"".join([*unpacked, table.triples.tobytes()])}
    for not_then in ("blocks", "mentions_path", "_json_names", "_opened", "_writer", "_reader"):
        del state[not_then]
    old = EntityTable.__new__(EntityTable)
    old.__setstate__(state)
    assert all(old._triples(f"a{place}") == _mentions(place) for place in range(BLOCK + 5))


def test_across_file_systems_the_mentions_file_another_reader_has_open_is_replaced_whole(monkeypatch, tmp_path):
    # A temporary folder in memory and the cache on disk: a move copied onto the kept file's name, and a second
    # newsreader reading the file of that name read blocks half overwritten.
    target = tmp_path / "entities.mentions"
    target.write_bytes(b"another reader's mentions")
    held = open(target, "rb")  # noqa: SIM115 - the other reader's handle, open while this one keeps its table
    real_replace = entity_table.os.replace

    def across(source, destination):
        if str(source).endswith(".bodies"):  # the temporary file, on another file system
            raise OSError(18, "Invalid cross-device link")
        real_replace(source, destination)

    monkeypatch.setattr(entity_table.os, "replace", across)
    monkeypatch.setattr(entity_table.os, "rename", across)
    table = _filled(2 * BLOCK)
    temporary = table._writer.path
    table.keep_mentions(target)
    assert held.read() == b"another reader's mentions"
    held.close()
    assert table.mentions_path == str(target) and _read_back(table, 2 * BLOCK)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["entities.mentions"]
    assert not entity_table.os.path.exists(temporary)


def test_a_runs_names_are_counted_by_their_codes():
    """Each (type, text) of a name is counted however its mentions are coded (strong or weak), with no
    dates and no unknown names."""
    texts = ["Kelm", "Vendra", "Ossa"]

    first = [(0, 4, name_code(0, "person", True)), (5, 9, name_code(0, "person", False)), (10, 15, -1)]
    first.append((16, 22, name_code(1, "place", False)))
    second = [(23, 27, name_code(2, "unknown", False)), (28, 34, name_code(1, "org", True))]
    second.append((40, 44, name_code(0, "person", True)))
    packed = array("i", [number for mention in first + second for number in mention])
    run = Found(array("i", [0, 1]), array("i", [12, 21]), zlib.compress(packed), texts, [], [])
    assert _counted(run) == {("person", "Kelm"): 3, ("place", "Vendra"): 1, ("org", "Vendra"): 1}
