"""Marks moved between machines: `newsreader marks export` on one, `marks import` on another."""

from __future__ import annotations

import json
import subprocess
import sys

from newsreader.cli import main
from newsreader.persist.state import ReadingState
from newsreader.store import DocumentStore


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def marks_listed(capsys) -> dict[str, tuple[bool, bool]]:
    _, out, _ = run(capsys, "list", "--json")
    return {a["title"]: (a["read"], a["starred"]) for a in json.loads(out) if a["read"] or a["starred"]}


def test_marks_move_to_another_machine(capsys, tmp_path, monkeypatch, seeds: DocumentStore):
    first, second, third = seeds.articles[:3]
    here = ReadingState()
    here.mark("read", first, True)
    here.mark("starred", second, True)
    code, exported, _ = run(capsys, "marks", "export")
    assert code == 0 and [a["title"] for a in json.loads(exported)["articles"]] == [first.title, second.title]
    marks = tmp_path / "marks.json"
    marks.write_text(exported)

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))  # the other machine's reading state
    ReadingState().mark("starred", third, True)
    code, out, err = run(capsys, "marks", "import", str(marks))
    assert (code, out, err) == (0, "", "newsreader: imported the marks of 2 articles\n")
    assert marks_listed(capsys) == {
        first.title: (True, False),
        second.title: (False, True),
        third.title: (False, True),  # importing only adds marks
    }


def test_marks_of_articles_not_given_are_counted(capsys, tmp_path, seeds: DocumentStore):
    ReadingState().mark("read", seeds.articles[0], True)
    _, exported, _ = run(capsys, "marks", "export")
    (tmp_path / "marks.json").write_text(exported)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Another headline\n\nAnother body.\n")
    code, _, err = run(capsys, "marks", "import", str(tmp_path / "marks.json"), str(tmp_path / "news"))
    assert code == 0
    marks = tmp_path / "marks.json"
    assert err == f"newsreader: imported the marks of 0 articles; 1 more in {marks} are not among these articles\n"


def test_a_file_that_is_no_marks_file_is_refused(capsys, tmp_path):
    for text, reason in [
        ("{not json", "Expecting property name"),
        ('{"read": []}', "not a newsreader marks file"),
        ('{"format": "newsreader marks", "version": 9, "articles": []}', "marks file version 9"),
    ]:
        path = tmp_path / "marks.json"
        path.write_text(text)
        code, out, err = run(capsys, "marks", "import", str(path))
        assert code == 2 and out == "" and err.startswith(f"newsreader: cannot import marks from {path}: {reason}")
    code, _, err = run(capsys, "marks", "import", str(tmp_path / "absent.json"))
    assert code == 2 and "No such file" in err


def test_marks_go_through_a_pipe(tmp_path, monkeypatch, seeds: DocumentStore):
    ReadingState().mark("starred", seeds.articles[0], True)
    newsreader = f"{sys.executable} -m newsreader"
    other = f"env XDG_DATA_HOME={tmp_path / 'other'}"
    result = subprocess.run(
        f"{newsreader} marks export | {other} {newsreader} marks import - && {other} {newsreader} list --starred",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert result.stderr == "newsreader: imported the marks of 1 article\n"
    assert result.stdout.splitlines() == [line for line in result.stdout.splitlines() if "★" in line]
    assert len(result.stdout.splitlines()) == 1 and seeds.articles[0].title in result.stdout
