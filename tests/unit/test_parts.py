"""A big JSON Lines file read in parts by worker processes: the same articles and problems as read
in one go, and what a worker cannot read ends the file with one line, keeping what loaded."""

from __future__ import annotations

import json

import pytest

from newsreader.bodies import BodyBlock, BodyFile, StoredBody
from newsreader.ingest import parts
from newsreader.model import LoadProblem
from newsreader.persist.cache import Cache
from newsreader.store import DocumentStore


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of a few hundred bytes, read by two workers on any machine."""
    monkeypatch.setattr(parts, "SPLIT_FROM", 0)
    monkeypatch.setattr(parts, "FIRST_PART", 100)
    monkeypatch.setattr(parts, "PART", 700)
    monkeypatch.setattr(parts, "usable_cores", lambda: 2)


def awkward_lines() -> bytes:
    """Articles with a BOM first, Windows line ends, blank and bad lines, cp1252 and a lone surrogate."""
    lines = [b"\xef\xbb\xbf" + json.dumps({"title": "First", "text": "The first body."}).encode()]
    for number in range(60):
        article = {"title": f"Story {number}", "text": f"Paragraph one of {number}.\n\nCafé, naïve {number}."}
        lines.append(json.dumps(article, ensure_ascii=False).encode())
        if number % 13 == 5:
            lines.append(b"{broken")
        if number % 17 == 3:
            lines.append(b"")
        if number % 19 == 7:
            lines.append(b'{"title": "Caf\xe9 in cp1252", "text": "Bien s\xfbr, %d."}\r' % number)
    lines.append(json.dumps({"title": "Lone \ud800", "text": "A surrogate."}).encode())
    lines.append(b"[1, 2]")
    return b"\n".join(lines) + b"\n"


def loaded(path, **options) -> tuple[list[tuple], list[LoadProblem]]:
    problems: list[LoadProblem] = []
    store = DocumentStore.load([path], on_problem=problems.append, **options)
    return [(a.id, a.title, a.body, a.word_count) for a in store._arrived], problems


def test_parts_give_the_articles_and_problems_of_one_reading(tmp_path, monkeypatch, small_parts):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(awkward_lines())
    assert len(list(parts._spans(path))) > 5
    in_parts = loaded(path)
    monkeypatch.setattr(parts, "SPLIT_FROM", 1 << 60)
    alone = loaded(path)
    assert in_parts == alone
    articles, [problem] = in_parts
    assert len(articles) == 65 and articles[0][1] == "First"
    first_bad = awkward_lines().split(b"\n").index(b"{broken") + 1
    assert problem.reason.startswith(f"skipped 6 bad entries: line {first_bad}: invalid JSON")


def test_parts_from_the_cache_are_the_same_articles(tmp_path, monkeypatch, small_parts):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(awkward_lines())
    first = loaded(path, cache=Cache(tmp_path / "cache"))
    monkeypatch.setattr(parts, "read_in_parts", None)  # not read again
    assert loaded(path, cache=Cache(tmp_path / "cache")) == first and len(first[0]) == 65


def test_a_file_gone_while_it_loads_keeps_what_loaded_and_says_where_it_stopped(tmp_path, monkeypatch, small_parts):
    monkeypatch.setattr(parts, "AHEAD", 0)  # each worker given one part at a time: the rest read after the removal
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b"\n".join(json.dumps({"title": f"Story {n}", "text": "Body."}).encode() for n in range(400)))
    reading = parts.read_in_parts(path, BodyFile(None), batch=10)
    first = next(reading)
    path.unlink()
    rest = list(reading)
    articles = [*first, *(a for batch in rest[:-1] for a in batch)]
    assert 10 <= len(articles) < 400 and [a.title for a in articles] == [f"Story {n}" for n in range(len(articles))]
    assert rest[-1] == LoadProblem(str(path), f"could not be read from line {len(articles) + 1} on (FileNotFoundError)")


def test_a_block_of_bodies_is_placed_in_the_body_file_or_kept_when_it_cannot_be(tmp_path):
    block = BodyBlock()
    block.add("Café")
    block.add("Lone \ud800")
    bodies = BodyFile(tmp_path / "bodies.txt")
    bodies.add("Before")
    placed = bodies.place(block)
    assert [body.read() for body in placed if isinstance(body, StoredBody)] == ["Café", "Lone \ud800"]
    assert BodyFile(None).place(block) == ["Café", "Lone \ud800"]
