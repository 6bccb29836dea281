"""Read and starred marks: kept across runs, moves and corruption, never silently lost."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.model import Article
from newsreader.persist import state as state_module
from newsreader.persist.paths import data_home
from newsreader.persist.state import ReadingState
from newsreader.store import DocumentStore


def article(title: str = "A", body: str = "Body.") -> Article:
    return Article.of(id=title, source_path="x", title=title, body=body)


def test_marks_survive_a_restart_and_a_move(tmp_path):
    first = ReadingState(tmp_path)
    first.mark("read", article(), True)
    first.toggle("starred", article())
    moved = Article.of(id="other-id", source_path="elsewhere/a.txt", title="A", body="Body.")
    again = ReadingState(tmp_path)
    assert again.is_read(moved) and again.is_starred(moved)
    assert not again.is_read(article("B"))
    again.toggle("starred", moved)
    assert not ReadingState(tmp_path).is_starred(article())


def test_the_old_json_file_is_migrated_once_and_kept(tmp_path):
    (tmp_path / "state.json").write_text(json.dumps({"version": 1, "read": [article().fingerprint], "starred": []}))
    state = ReadingState(tmp_path)
    assert state.is_read(article()) and not state.is_starred(article())
    state.mark("read", article(), False)
    assert (tmp_path / "state.json.migrated").exists() and not (tmp_path / "state.json").exists()
    (tmp_path / "state.json").write_text(json.dumps({"read": [article().fingerprint]}))  # an old version ran again
    assert not ReadingState(tmp_path).is_read(article())


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"read": "everything"}),  # the wrong shape
        "[" * 100_000,  # nested deeper than any parser goes
    ],
)
def test_a_corrupt_old_file_is_kept_aside_with_a_warning(tmp_path, content):
    (tmp_path / "state.json").write_text(content)
    warnings: list[str] = []
    state = ReadingState(tmp_path, warn=warnings.append)
    assert not state.is_read(article()) and len(warnings) == 1 and "corrupt" in warnings[0]
    backups = [p for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt-")]
    assert len(backups) == 1 and backups[0].read_text() == content
    state.mark("read", article(), True)
    assert ReadingState(tmp_path).is_read(article())


def test_a_corrupt_database_is_kept_aside_with_a_warning(tmp_path):
    (tmp_path / "state.sqlite").write_bytes(b"garbage, not a database " * 100)
    warnings: list[str] = []
    state = ReadingState(tmp_path, warn=warnings.append)
    assert len(warnings) == 1 and "corrupt" in warnings[0]
    assert any(p.name.startswith("state.sqlite.corrupt-") for p in tmp_path.iterdir())
    state.mark("starred", article(), True)
    assert ReadingState(tmp_path).is_starred(article())


def test_unwritable_place_warns_once_and_keeps_marks_in_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    state = ReadingState(blocker / "newsreader", warn=warnings.append)
    state.mark("starred", article(), True)
    state.mark("read", article(), True)
    assert state.is_starred(article()) and state.is_read(article())
    assert len(warnings) == 1 and warnings[0].startswith("cannot keep reading state")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]  # and nothing left beside it


def test_a_state_that_cannot_be_written_still_shows_its_marks(tmp_path, monkeypatch):
    # On a read-only file system SQLite cannot make the WAL's index, so the file would not open to be written:
    # every article was listed unread and unstarred, as if the marks were lost.
    ReadingState(tmp_path).mark("starred", article("A"), True)

    def cannot_write(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(state_module, "_connect", cannot_write)
    warnings: list[str] = []
    state = ReadingState(tmp_path, warn=warnings.append)
    assert state.is_starred(article("A"))
    state.mark("read", article("B"), True)
    assert state.is_read(article("B"))
    assert len(warnings) == 1 and "new marks kept until you quit" in warnings[0]


def test_two_readers_at_once_lose_nothing(tmp_path):
    one, two = ReadingState(tmp_path), ReadingState(tmp_path)
    one.mark("starred", article("A"), True)
    two.mark("starred", article("B"), True)
    one.mark("starred", article("C"), True)
    three = ReadingState(tmp_path)
    assert all(three.is_starred(article(title)) for title in "ABC")


def _star_many(folder: str, start: int, count: int, go) -> None:
    state = ReadingState(Path(folder))
    go.wait(60)  # both processes star at the same time
    for number in range(start, start + count):
        state.mark("starred", article(f"article {number}"), True)


@pytest.mark.slow
def test_two_processes_starring_a_thousand_articles_each_lose_none(tmp_path):
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    workers = [context.Process(target=_star_many, args=(str(tmp_path), start, 1000, go)) for start in (0, 1000)]
    for worker in workers:
        worker.start()
    go.set()
    for worker in workers:
        worker.join()
    assert [worker.exitcode for worker in workers] == [0, 0]
    state = ReadingState(tmp_path)
    assert len(state.marks["starred"]) == 2000
    assert all(state.is_starred(article(f"article {number}")) for number in range(2000))


def test_state_lives_under_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert data_home() == tmp_path / "newsreader"


def test_list_filters_and_json_marks(capsys):
    store = DocumentStore.load()
    state = ReadingState()
    state.mark("read", store.articles[0], True)
    state.mark("starred", store.articles[1], True)
    main(["list", "--unread"])
    assert len(capsys.readouterr().out.splitlines()) == 4
    main(["list", "--starred"])
    assert capsys.readouterr().out.split()[0] == store.articles[1].id
    main(["list", "--json"])
    records = json.loads(capsys.readouterr().out)
    assert (records[0]["read"], records[0]["starred"], records[1]["starred"]) == (True, False, True)


def test_the_marks_a_cut_short_database_still_holds_are_kept(tmp_path):
    articles = [article(f"T{n}", f"Body {n}.") for n in range(2000)]
    state = ReadingState(tmp_path)
    for made in articles:
        state.mark("read", made, True)
    for made in articles[:300]:
        state.mark("starred", made, True)
    state.close()
    database = tmp_path / "state.sqlite"
    with database.open("r+b") as file:  # a disk that filled up, a copy stopped half way
        file.truncate(database.stat().st_size // 2)
    warnings: list[str] = []
    state = ReadingState(tmp_path, warn=warnings.append)
    read = [made for made in articles if state.is_read(made)]
    starred = [made for made in articles if state.is_starred(made)]
    assert len(warnings) == 1 and "corrupt" in warnings[0] and f"{len(read) + len(starred)} marks" in warnings[0]
    assert len(read) > 500 and all(made in articles[:300] for made in starred)
    state.mark("read", article("New"), True)
    again = ReadingState(tmp_path, warn=warnings.append)
    assert len(warnings) == 1 and again.is_read(article("New")) and all(again.is_read(made) for made in read)
