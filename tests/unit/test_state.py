"""Read and starred marks: kept across runs, moves and corruption, never silently lost."""

from __future__ import annotations

import json
import os

import pytest

from newsreader.cli import main
from newsreader.model import Article
from newsreader.persist.state import ReadingState, data_home
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
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary file left behind


def test_corrupt_state_is_kept_aside_with_a_warning(tmp_path):
    (tmp_path / "state.json").write_text("{not json")
    warnings: list[str] = []
    state = ReadingState(tmp_path, warn=warnings.append)
    assert not state.is_read(article()) and len(warnings) == 1 and "corrupt" in warnings[0]
    backups = [p for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt-")]
    assert len(backups) == 1 and backups[0].read_text() == "{not json"
    state.mark("read", article(), True)
    assert ReadingState(tmp_path).is_read(article())


def test_wrong_shape_counts_as_corrupt(tmp_path):
    (tmp_path / "state.json").write_text(json.dumps({"read": "everything"}))
    warnings: list[str] = []
    ReadingState(tmp_path, warn=warnings.append)
    assert warnings and "corrupt" in warnings[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder_warns_and_keeps_marks_in_memory(tmp_path):
    tmp_path.chmod(0o500)
    try:
        warnings: list[str] = []
        state = ReadingState(tmp_path / "sub", warn=warnings.append)
        state.mark("starred", article(), True)
        assert state.is_starred(article()) and len(warnings) == 1
    finally:
        tmp_path.chmod(0o700)


def test_unwritable_place_warns_and_keeps_marks_in_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    state = ReadingState(blocker / "newsreader", warn=warnings.append)
    state.mark("starred", article(), True)
    state.mark("read", article(), True)
    assert state.is_starred(article()) and state.is_read(article())
    assert warnings[0].startswith("cannot read") and warnings[1].startswith("cannot save") and len(warnings) == 2


def test_two_readers_at_once_lose_nothing(tmp_path):
    one, two = ReadingState(tmp_path), ReadingState(tmp_path)
    one.mark("starred", article("A"), True)
    two.mark("starred", article("B"), True)
    three = ReadingState(tmp_path)
    assert three.is_starred(article("A")) and three.is_starred(article("B"))


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
