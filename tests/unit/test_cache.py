"""The on-disk cache: the same store from it, rebuilt when a file changes, damage discarded with a word."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsreader import bodies, search
from newsreader.bodies import StoredBody
from newsreader.cli import main
from newsreader.model import Article
from newsreader.persist import cache as cache_module
from newsreader.persist import paths
from newsreader.persist.cache import Cache
from newsreader.store import DocumentStore


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text)
    return path


def folder_of(tmp_path, *texts: str) -> Path:
    """A folder of articles, a.txt, b.txt, … with these texts."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for letter, text in zip("abcdefgh", texts, strict=False):
        write(folder, f"{letter}.txt", text)
    return folder


def test_a_warm_load_gives_the_same_store(tmp_path):
    same = "First headline\n\nLONDON (Wire) - Gordon Brown spoke in London on Monday.\n"
    folder = folder_of(tmp_path, same, same)
    cache = Cache(tmp_path / "cache")
    cold = DocumentStore.load([folder], cache=cache)
    cold.analyse()
    warm = DocumentStore.load([folder], cache=cache)
    assert [a.id for a in warm.articles] == [a.id for a in cold.articles]  # duplicate ids still numbered
    assert warm.articles == cold.articles
    folders = ["articles", "bodies", "entities", "firstpass", "pruned"]
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == folders
    assert not any((tmp_path / "cache" / "firstpass").iterdir())  # the first pass's runs go once it is named
    warm.analyse()
    assert warm.entities(warm.articles[0]) == cold.entities(cold.articles[0])


def test_the_entities_mentions_are_cached_in_a_file_beside_them_and_a_missing_one_is_analysed_again(tmp_path):
    people = ["Gordon Brown", "Tony Blair", "Jacques Chirac", "Angela Merkel"]
    met = [f"{people[n % 4]} met {people[(n + 1) % 4]} in London." for n in range(300)]
    lines = [f'{{"title": "Talks {n}", "text": "{text}"}}' for n, text in enumerate(met)]
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")  # more articles than a block of mentions
    cold = DocumentStore.load([path], cache=Cache(tmp_path / "cache"))
    expected = [cold.entities(article) for article in cold.articles]
    assert any(entity.canonical == "Gordon Brown" for entity in expected[0] + expected[1])
    entries = tmp_path / "cache" / "entities"
    assert sorted(entry.suffix for entry in entries.iterdir()) == [".mentions", ".pickle"]
    warm = DocumentStore.load([path], cache=Cache(tmp_path / "cache"))
    assert [warm.entities(article) for article in warm.articles] == expected
    [mentions] = entries.glob("*.mentions")
    mentions.unlink()  # pruned apart from the table: the corpus is analysed again, and both are cached again
    warned: list[str] = []
    again = DocumentStore.load([path], cache=Cache(tmp_path / "cache", warn=warned.append))
    assert [again.entities(article) for article in again.articles] == expected
    assert len(warned) == 1 and "unreadable" in warned[0] and mentions.exists()


def test_the_whole_timeline_is_cached_and_a_part_of_it_is_not(tmp_path):
    folder = folder_of(
        tmp_path,
        "Talks\n\nLONDON (Wire) - Talks began on 3 January 2020 in London.\n",
        "Vote\n\nPARIS (Wire) - The vote of 9 March 2019 stands.\n",
    )
    cache = Cache(tmp_path / "cache")
    cold = DocumentStore.load([folder], cache=cache)
    events = cold.timeline()
    assert {e.value for e in events} >= {"2020-01-03", "2019-03-09"}
    assert len(list((tmp_path / "cache" / "timeline").iterdir())) == 1
    warm = DocumentStore.load([folder], cache=cache)
    assert warm.timeline() == events
    part = warm.timeline(warm.articles[:1])
    assert part != events and len(list((tmp_path / "cache" / "timeline").iterdir())) == 1


def test_a_changed_file_is_read_again(tmp_path):
    path = write(tmp_path, "a.txt", "Old headline\n\nBody.\n")
    cache = Cache(tmp_path / "cache")
    assert DocumentStore.load([path], cache=cache).articles[0].title == "Old headline"
    DocumentStore.load([path], cache=cache).build_index()
    path.write_text("New headline\n\nBody, longer.\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    again = DocumentStore.load([path], cache=cache)
    assert again.articles[0].title == "New headline" and again.articles[0].body == "Body, longer."
    again.build_index()
    # The new version replaced the old one: a file that changes every day does not fill the disk.
    for kind in ("articles", "bodies", "entities", "index"):
        assert len([p for p in (tmp_path / "cache" / kind).rglob("*") if p.is_file()]) == 1, kind


def test_bodies_stay_on_disk_until_read(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"title": "Storm", "text": "Rain fell on the coast of Cornwall."}\n')
    for cache in (Cache(tmp_path / "cache"), Cache(enabled=False)):
        [article] = DocumentStore.load([path], cache=cache).articles
        assert isinstance(article.stored_body, StoredBody) and article.body == "Rain fell on the coast of Cornwall."
        assert article.word_count == 7


def test_a_body_file_removed_from_under_the_reader_is_said_not_raised(tmp_path):
    path = write(tmp_path, "a.txt", "Storm\n\nRain fell on the coast of Cornwall.\n")
    [article] = DocumentStore.load([path], cache=Cache(tmp_path / "cache")).articles
    Path(article.stored_body.path).unlink()
    assert article.body.startswith("[This article's body could not be read from") and "No such file" in article.body


def test_bodies_in_file_order_are_every_body_read_a_window_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(bodies, "READ_AHEAD", 64)  # a few bodies a read, so that windows are crossed
    lines = [
        f'{{"title": "Story {n}", "date": "2020-01-{n + 1:02}", "text": "Body number {n} of the file."}}'
        for n in range(20)
    ]
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    articles = [
        *DocumentStore.load([path], cache=Cache(tmp_path / "cache")).articles,
        Article.of("m", "-", "In memory", "Kept."),
    ]
    read = list(bodies.in_file_order(articles))
    assert sorted(place for place, _ in read) == list(range(len(articles)))
    assert all(body == articles[place].body for place, body in read)
    offsets = [articles[place].stored_body.offset for place, _ in read if place < 20]
    assert offsets == sorted(offsets) and articles[0].title == "Story 19"  # the store lists newest first
    Path(articles[0].stored_body.path).unlink()
    assert all(
        body.startswith("[This article's body could not be read") for place, body in bodies.in_file_order(articles[:20])
    )


def test_a_damaged_entry_is_discarded_with_a_warning(tmp_path):
    path = write(tmp_path, "a.txt", "Headline\n\nBody.\n")
    warnings: list[str] = []
    cache = Cache(tmp_path / "cache", warn=warnings.append)
    DocumentStore.load([path], cache=cache)
    [entry] = (tmp_path / "cache" / "articles").iterdir()
    entry.write_bytes(b"not a pickle")
    assert DocumentStore.load([path], cache=cache).articles[0].title == "Headline"
    assert len(warnings) == 1 and "unreadable" in warnings[0]
    assert entry.read_bytes() != b"not a pickle"  # rebuilt


def test_an_entry_broken_off_part_way_still_gives_every_article(tmp_path, monkeypatch):
    monkeypatch.setattr("newsreader.store.BATCH", 2)
    monkeypatch.setattr("newsreader.persist.cache.SMALL_ENTRY", 0)  # an entry too big to be a row: a file, streamed
    path = write(tmp_path, "a.jsonl", "".join(f'{{"title": "Headline {i}", "text": "Body {i}."}}\n' for i in range(5)))
    warnings: list[str] = []
    cache = Cache(tmp_path / "cache", warn=warnings.append)
    cold = DocumentStore.load([path], cache=cache)
    [entry] = (tmp_path / "cache" / "articles").iterdir()
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])  # the first batch or two survive
    warm = DocumentStore.load([path], cache=cache)
    assert [(a.id, a.body) for a in warm.articles] == [(a.id, a.body) for a in cold.articles]
    assert len(warnings) == 1 and "unreadable" in warnings[0]


def test_an_unwritable_cache_only_warns(tmp_path):
    blocker = write(tmp_path, "file", "not a folder")
    warnings: list[str] = []
    store = DocumentStore.load(
        [write(tmp_path, "a.txt", "Headline\n\nBody.\n")], cache=Cache(blocker, warn=warnings.append)
    )
    assert store.articles[0].title == "Headline" and len(warnings) == 1


def test_no_cache_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write(tmp_path, "a.txt", "Headline\n\nBody.\n")
    assert main(["list", "--no-cache", str(path)]) == 0
    assert not (tmp_path / "cache").exists()
    assert main(["list", str(path)]) == 0
    assert (tmp_path / "cache" / "newsreader" / "articles").is_dir()


def test_the_search_index_is_saved_and_reopened(tmp_path):
    path = write(tmp_path, "a.txt", "Storm hits the coast\n\nLONDON (Wire) - A storm hit the coast of Cornwall.\n")
    cache = Cache(tmp_path / "cache")
    first = DocumentStore.load([path], cache=cache)
    assert [h.id for h in first.search("strom")] == [first.articles[0].id]
    [saved] = (tmp_path / "cache" / "index").rglob("*.sqlite")
    again = DocumentStore.load([path], cache=cache)
    assert [h.id for h in again.search("cornwal")] == [again.articles[0].id]
    saved.write_bytes(b"damaged")
    third = DocumentStore.load([path], cache=cache)
    assert [h.id for h in third.search("storm")] == [third.articles[0].id]  # rebuilt


STORM = "Storm hits the coast\n\nLONDON (Wire) - Gordon Brown saw a storm hit Cornwall.\n"


def version_of(index: Path) -> int:
    with contextlib.closing(sqlite3.connect(index)) as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def test_the_titles_and_bodies_are_saved_once_loaded_and_the_names_join_them_later(tmp_path, monkeypatch):
    """A start before any analysis of the corpus has ended searches the index of titles and bodies that the last
    start made, not indexing every article again (390 s at a million); the names join it once the analysis ends."""
    folder = folder_of(tmp_path, STORM, "Budget day\n\nThe Chancellor spoke.\n")
    first = DocumentStore.load([folder], cache=Cache(tmp_path / "cache"))
    assert first.index_loaded() and not first.indexed  # no analysis yet
    first.save_index()
    [saved] = (tmp_path / "cache" / "index").iterdir()
    assert version_of(saved) == search.TEXTS
    again = DocumentStore.load([folder], cache=Cache(tmp_path / "cache"))
    with monkeypatch.context() as patched:
        patched.setattr(search, "_insert_texts", None)  # nothing indexed again
        assert again.index_loaded() and again.searchable == (2, 2)
        [hit] = again.search("cornwal", wait=False)
    assert again.get(hit.id).title == "Storm hits the coast"
    again.build_index()
    assert again.indexed and [saved] == list((tmp_path / "cache" / "index").iterdir())
    assert version_of(saved) == search.COMPLETE
    warm = DocumentStore.load([folder], cache=Cache(tmp_path / "cache"))
    assert warm.index_loaded() and warm.indexed and [h.id for h in warm.search("storm")] == [hit.id]


@pytest.mark.parametrize("threadsafety", [3, 1])  # an SQLite built without serialised connections copies under the lock
def test_a_saved_index_is_never_written_to_as_another_newsreader_may_read_it(tmp_path, monkeypatch, threadsafety):
    """The names go to a copy of the index as its reader saw it, which then replaces the saved one whole."""
    monkeypatch.setattr(sqlite3, "threadsafety", threadsafety)
    folder = folder_of(tmp_path, STORM, "Budget day\n\nThe Chancellor spoke.\n")
    DocumentStore.load([folder], cache=Cache(tmp_path / "cache")).save_index()
    [saved] = (tmp_path / "cache" / "index").iterdir()
    held = tmp_path / "held.sqlite"
    os.link(saved, held)  # the file as the next two newsreaders open it
    before = held.read_bytes()
    reader = DocumentStore.load([folder], cache=Cache(tmp_path / "cache"))
    assert reader.index_loaded()
    other = DocumentStore.load([folder], cache=Cache(tmp_path / "cache"))
    other.build_index()  # its names, then the complete index in place of the saved one
    assert [reader.get(h.id).title for h in reader.search("storm", wait=False)] == ["Storm hits the coast"]
    reader.build_index()  # the same again, from the index it had opened
    assert held.read_bytes() == before and version_of(saved) == search.COMPLETE
    with contextlib.closing(sqlite3.connect(saved)) as db:
        assert db.execute("SELECT count(*) FROM names WHERE names MATCH 'brown'").fetchone()[0] == 1


# A run that indexes two batches of ten, then ends at once, as a reader closed before its index was saved.
ENDED_EARLY = """
import os, sys
from pathlib import Path
import newsreader.store
from newsreader.persist.cache import Cache
newsreader.store.INDEX_BATCH = 10
store = newsreader.store.DocumentStore.load([sys.argv[1]], cache=Cache(Path(sys.argv[2])))
asked = []
store.index_loaded(stop=lambda: asked.append(1) or len(asked) > 2)
os._exit(0)
"""


def test_an_index_a_run_ended_before_saving_it_is_gone_on_with_by_the_next(tmp_path, monkeypatch):
    """The reader may close before its index is saved in the cache (its workers end with it: at a million
    articles, reading the index's words takes seconds once all are in): the next start goes on from the
    rows indexed, rather than indexing every article again, and saves it."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(30):
        write(folder, f"{n:02}.txt", f"Harbour notes {n}\n\nThe lighthouse keeper {n} waved at the ferry.\n")
    subprocess.run([sys.executable, "-c", ENDED_EARLY, str(folder), str(tmp_path / "cache")], check=True)
    monkeypatch.setattr("newsreader.store.INDEX_BATCH", 10)
    added: list[int] = []
    adding = search.SearchIndex.add
    monkeypatch.setattr(search.SearchIndex, "add", lambda index, rows: added.append(rows[0][0]) or adding(index, rows))
    store = DocumentStore.load([folder], cache=Cache(tmp_path / "cache"))
    store.save_index()
    assert added == [20]  # the last batch alone
    assert len(store.search("lighthouse", limit=50, wait=False)) == 30
    [saved] = (tmp_path / "cache" / "index").iterdir()
    assert saved.suffix == ".sqlite" and version_of(saved) == search.TEXTS


# A run that indexes a batch of ten, waits for a line on its input, then indexes the rest and saves the index.
PAUSED = """
import sys
from pathlib import Path
import newsreader.store
from newsreader.persist.cache import Cache
newsreader.store.INDEX_BATCH = 10
store = newsreader.store.DocumentStore.load([sys.argv[1]], cache=Cache(Path(sys.argv[2])))
asked = []
def stop():
    asked.append(1)
    if len(asked) == 2:
        print(flush=True)
        sys.stdin.readline()
    return False
store.index_loaded(stop=stop)
store.save_index()
print(store.search("lighthouse", limit=50, wait=False) and store._index.path.suffix)
"""


def test_an_index_another_newsreader_builds_is_left_to_it_when_the_files_change(tmp_path, monkeypatch):
    """A newsreader started after a file changed does not remove the build of the files as they were, which
    another newsreader still writes: that one found its index gone (SQLite: "attempt to write a readonly
    database") and made it again in memory, every article indexed twice."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(30):
        write(folder, f"{n:02}.txt", f"Harbour notes {n}\n\nThe lighthouse keeper {n} waved at the ferry.\n")
    command = [sys.executable, "-c", PAUSED, str(folder), str(tmp_path / "cache")]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as first:
        assert first.stdout and first.stdin and first.stdout.readline() == "\n"  # a batch in, in the cache
        write(folder, "29.txt", "Harbour notes 29\n\nThe lighthouse keeper 29 waved at the ferry again.\n")
        monkeypatch.setattr("newsreader.store.INDEX_BATCH", 10)
        store = DocumentStore.load([folder], cache=Cache(tmp_path / "cache"))
        store.save_index()
        assert len(store.search("lighthouse", limit=50, wait=False)) == 30
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.stdout.read().strip() == ".sqlite"  # its build went on, and was saved in the cache
    assert first.returncode == 0


def test_an_index_saved_before_a_file_changed_is_not_searched(tmp_path):
    path = write(tmp_path, "a.txt", STORM)
    DocumentStore.load([path], cache=Cache(tmp_path / "cache")).save_index()
    path.write_text("Budget day\n\nThe Chancellor spoke.\n")
    changed = DocumentStore.load([path], cache=Cache(tmp_path / "cache"))
    assert changed.index_loaded()
    assert changed.search("storm", wait=False) == [] and len(changed.search("chancellor", wait=False)) == 1
    assert len(list((tmp_path / "cache" / "index").iterdir())) == 1


def test_a_full_disk_keeps_bodies_in_memory_with_one_warning_and_no_stray_file(tmp_path, monkeypatch):
    files = [write(tmp_path, f"{n}.txt", f"Headline {n}\n\nBody number {n}.\n") for n in range(3)]
    warnings: list[str] = []
    cache = Cache(tmp_path / "cache", warn=warnings.append)
    full = Path("/dev/full")  # every write to it fails with ENOSPC, as on a full disk
    monkeypatch.setattr(cache, "new_entry_path", lambda *args: full)
    monkeypatch.setattr(paths, "scratch_path", lambda suffix: full)
    real_mkstemp = tempfile.mkstemp

    def mkstemp_on_a_full_disk(**where):
        handle, name = real_mkstemp(**where)
        os.close(handle)
        return os.open(full, os.O_WRONLY), name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_on_a_full_disk)
    real_connect = sqlite3.connect

    def connect_on_a_full_disk(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        connection.execute("PRAGMA max_page_count = 1")  # not one page more: SQLite's own "disk is full"
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect_on_a_full_disk)  # the table of small files' entries
    for enabled in (True, False):  # the cache, and --no-cache's temporary body files
        cache.enabled, cache.warned_unwritable, warnings[:] = enabled, False, []
        store = DocumentStore.load(files, cache=cache)
        assert sorted(a.body for a in store.articles) == [f"Body number {n}." for n in range(3)]
        assert len(warnings) == 1 and "No space left on device" in warnings[0]
    assert not list(tmp_path.rglob(".entry-*"))


def test_a_run_that_could_not_write_its_entries_leaves_no_body_file_behind(tmp_path, monkeypatch):
    # On a full disk the body file filled what was left and stayed, no entry naming it, until a day later's
    # pruning: the disk stayed full, and the reading state could not keep a mark.
    files = [write(tmp_path, f"{n}.txt", f"Headline {n}\n\nBody number {n}.\n") for n in range(3)]
    cache = Cache(tmp_path / "cache", warn=lambda message: None)
    (tmp_path / "cache").mkdir()
    write(tmp_path / "cache", "articles", "no folder: no entry can be written")
    at_exit: list[Callable[[], None]] = []
    monkeypatch.setattr(cache_module.atexit, "register", at_exit.append)
    store = DocumentStore.load(files, cache=cache)
    assert sorted(a.body for a in store.articles) == [f"Body number {n}." for n in range(3)]
    assert list((tmp_path / "cache" / "bodies").iterdir())  # read from it while the run lasts
    for function in at_exit:
        function()
    assert not list((tmp_path / "cache" / "bodies").iterdir())


def test_the_cache_leaves_room_on_a_nearly_full_disk_for_what_the_user_saves(tmp_path, monkeypatch):
    # The cache took the disk's last bytes, and then the reading state could not keep a mark.
    files = [write(tmp_path, f"{n}.txt", f"Headline {n}\n\nBody number {n}.\n") for n in range(3)]
    warnings: list[str] = []
    monkeypatch.setattr(os, "fstatvfs", lambda handle: SimpleNamespace(f_bavail=2560, f_frsize=4096))  # 10 MB
    store = DocumentStore.load(files, cache=Cache(tmp_path / "cache", warn=warnings.append))
    assert sorted(a.body for a in store.articles) == [f"Body number {n}." for n in range(3)]
    (warning,) = warnings
    assert warning.endswith(": the disk is nearly full (10 MB left, kept for what you save); working from memory")
    assert sum(f.stat().st_size for f in (tmp_path / "cache").rglob("*") if f.is_file()) < 100_000


def test_a_damaged_body_file_is_noticed_and_its_source_read_again(tmp_path):
    path = write(tmp_path, "a.jsonl", "".join(f'{{"title": "T{n}", "text": "Body {n} é."}}\n' for n in range(3)))
    warnings: list[str] = []
    cache = Cache(tmp_path / "cache", warn=warnings.append)
    first = DocumentStore.load([path], cache=cache).articles[0]
    body_file = Path(first.stored_body.path)
    body_file.write_bytes(body_file.read_bytes()[:-3])  # cut short
    assert sorted(a.body for a in DocumentStore.load([path], cache=cache).articles)[0] == "Body 0 é."
    assert len(warnings) == 1 and "damaged" in warnings[0]
    # Damage of the same length shows once, and the next start reads the source again.
    data = bytearray(Path(first.stored_body.path).read_bytes())
    data[-2:] = b"\xff\xff"
    Path(first.stored_body.path).write_bytes(bytes(data))
    bodies._read.cache_clear()  # as in a new process
    damaged = DocumentStore.load([path], cache=cache).articles
    assert any(a.body.startswith("[This article's body could not be read") for a in damaged)
    bodies._read.cache_clear()
    assert all(a.body.startswith("Body") for a in DocumentStore.load([path], cache=cache).articles)


@pytest.mark.parametrize("rows", [True, False], ids=["small entries as rows", "entries as files"])
def test_pruning_drops_entries_of_files_gone_and_keeps_the_cache_under_its_bound(tmp_path, monkeypatch, rows):
    if not rows:
        monkeypatch.setattr("newsreader.persist.cache.SMALL_ENTRY", 0)  # every entry a file of its own
    cache = Cache(tmp_path / "cache")
    files = [write(tmp_path, f"{n}.txt", f"Headline {n}\n\nBody {n}.\n" * 50) for n in range(3)]
    DocumentStore.load(files, cache=cache)

    def cached() -> tuple[int, int]:
        """(entries, body files)"""
        entry_files = list((tmp_path / "cache" / "articles").rglob("*.pickle"))
        return len(entry_files) + len(list(cache.small.rows())), len(list((tmp_path / "cache" / "bodies").iterdir()))

    assert cached() == (3, 1)  # an entry each, and one body file for the run that read them
    files[2].unlink()
    cache.prune()
    assert cached() == (2, 1)
    assert [a.title for a in DocumentStore.load(files[:2], cache=cache).articles] == ["Headline 0", "Headline 1"]
    Cache(tmp_path / "cache").prune(max_bytes=1)  # another newsreader's pruning: none of it is in use there
    assert cached() == (0, 0)


def test_pruning_leaves_what_the_pruning_process_reads_however_big_the_cache(tmp_path):
    earlier, now = (
        write(tmp_path, "a.txt", "Earlier\n\nGordon Brown spoke.\n"),
        write(tmp_path, "b.txt", "Now\n\nBody.\n"),
    )
    DocumentStore.load([earlier], cache=Cache(tmp_path / "cache")).build_index()  # another run's entries
    cache = Cache(tmp_path / "cache")
    store = DocumentStore.load([now], cache=cache)
    store.build_index()
    folders = {kind: tmp_path / "cache" / kind for kind in ("bodies", "entities", "index")}
    assert {kind: len(list(folder.iterdir())) for kind, folder in folders.items()} == dict.fromkeys(folders, 2)
    cache.prune(max_bytes=1)  # a cache over its bound, as a million articles' is
    assert {kind: len(list(folder.iterdir())) for kind, folder in folders.items()} == dict.fromkeys(folders, 1)
    bodies._read.cache_clear()
    [article] = store.articles
    assert article.body == "Body." and Path(article.stored_body.path).parent == folders["bodies"]
    warm = DocumentStore.load([now], cache=Cache(tmp_path / "cache"))
    assert warm.index_loaded() and warm.indexed  # its index is still there, whole


def test_pruning_drops_entries_left_half_written_by_a_process_that_quit(tmp_path, monkeypatch):
    """The reader does not wait for its workers at exit: an entry being written stays a temporary file."""
    monkeypatch.setattr("newsreader.persist.cache.SMALL_ENTRY", 0)  # entries too big to be rows: files of their own
    cache = Cache(tmp_path / "cache")
    files = [write(tmp_path, f"{n}.txt", f"Headline {n}\n\nBody {n}.\n") for n in range(2)]
    DocumentStore.load(files, cache=cache)
    entry = next((tmp_path / "cache" / "articles").rglob("*.pickle"))
    old, new = entry.with_name(".entry-old"), entry.with_name(".entry-new")
    for left in (old, new):
        left.write_bytes(entry.read_bytes()[:-3])
    os.utime(old, (1, 1))
    cache.prune()
    assert not old.exists() and new.exists()  # a new one may be another reader's, being written now
    assert [a.title for a in DocumentStore.load(files, cache=cache).articles] == ["Headline 0", "Headline 1"]
