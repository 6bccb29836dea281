"""A big JSON Lines file read in parts by worker processes: the same articles, batches and problems
as read in one go, and what a worker cannot read ends the file with one line, keeping what loaded."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest

from newsreader import processes, store
from newsreader.bodies import BodyBlock, BodyFile, StoredBody
from newsreader.cli import open_store
from newsreader.ingest import parts
from newsreader.model import Article, LoadProblem
from newsreader.persist.cache import Cache
from newsreader.processes import WorkerDied, Workers
from newsreader.store import DocumentStore


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of a few hundred bytes, read by two workers on any machine."""
    monkeypatch.setattr(parts, "SPLIT_FROM", 0)
    monkeypatch.setattr(parts, "FIRST_PART", 100)
    monkeypatch.setattr(parts, "PART", 700)
    monkeypatch.setattr(processes, "usable_cores", lambda: 2)


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


def read(path) -> list[list[tuple] | LoadProblem]:
    """What reading a file afresh gives, in order: its batches (each article as its fields, the body
    read) and its problems."""
    values = store._read_afresh(path, BodyFile(None), spare_cores=0)
    return [v if isinstance(v, LoadProblem) else [(*a._replace(stored_body=""), a.body) for a in v] for v in values]


def test_parts_give_the_batches_and_problems_of_one_reading(tmp_path, monkeypatch, small_parts):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(awkward_lines())
    assert len(list(parts._spans(path))) > 5
    in_parts = read(path)
    monkeypatch.setattr(parts, "SPLIT_FROM", 1 << 60)
    assert in_parts == read(path)
    *batches, problem, last = in_parts  # the file's problem comes before its last, short batch
    assert [len(batch) for batch in [*batches, last]] == [50, 15] and batches[0][0][2] == "First"
    first_bad = awkward_lines().split(b"\n").index(b"{broken") + 1
    assert problem.reason.startswith(f"skipped 6 bad entries: line {first_bad}: invalid JSON")


def test_parts_from_the_cache_are_the_same_articles(tmp_path, monkeypatch, small_parts):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(awkward_lines())

    def loaded() -> list[tuple]:
        return [(*a._replace(stored_body=""), a.body) for a in DocumentStore.load([path], cache=cache)._arrived]

    cache = Cache(tmp_path / "cache")
    first = loaded()
    monkeypatch.setattr(parts, "read_in_parts", None)  # not read again
    assert loaded() == first and len(first) == 65


def lines(count: int, title: str = "Story") -> bytes:
    return b"\n".join(json.dumps({"title": f"{title} {n}", "text": "Body."}).encode() for n in range(count))


def read_until_stopped(path, meanwhile) -> tuple[list[Article], LoadProblem]:
    """The articles read in parts, one worker given one part at a time (`meanwhile` done after the
    first), and the problem they end with."""
    reading = parts.read_in_parts(path, BodyFile(None))
    first = next(reading)
    meanwhile()
    *rest, problem = reading
    return [first, *rest], problem


def replace(path):
    os.replace(path.with_suffix(".new"), path)


@pytest.mark.parametrize(
    ("meanwhile", "why"),
    [
        pytest.param(lambda path: path.unlink(), "No such file or directory", id="removed"),
        pytest.param(lambda path: path.write_bytes(lines(400, "Other")), "it changed while it loaded", id="rewritten"),
        pytest.param(replace, "it changed while it loaded", id="replaced"),
    ],
)
def test_a_part_that_cannot_be_read_ends_the_file_with_one_line(tmp_path, monkeypatch, small_parts, meanwhile, why):
    monkeypatch.setattr(parts, "AHEAD", 0)  # the parts after the first two are given out after `meanwhile`
    path = tmp_path / "wire.jsonl"
    path.write_bytes(lines(400))
    path.with_suffix(".new").write_bytes(lines(400, "Other"))
    articles, problem = read_until_stopped(path, lambda: meanwhile(path))
    assert 1 <= len(articles) < 400 and [a.title for a in articles] == [f"Story {n}" for n in range(len(articles))]
    assert problem == LoadProblem(str(path), f"could not be read from line {len(articles) + 1} on ({why})")


def test_a_block_of_bodies_is_placed_in_the_body_file_or_kept_when_it_cannot_be(tmp_path):
    block = BodyBlock()
    block.add("Café")
    block.add("Lone \ud800")
    bodies = BodyFile(tmp_path / "bodies.txt")
    bodies.add("Before")
    placed = bodies.place(block)
    assert [body.read() for body in placed if isinstance(body, StoredBody)] == ["Café", "Lone \ud800"]
    assert BodyFile(None).place(block) == ["Café", "Lone \ud800"]


def test_a_worker_that_dies_with_work_is_noticed_not_waited_for():
    workers = Workers(1, niceness=0)
    try:
        pending = workers.submit(time.sleep, 60)
        workers.started[0].kill()  # as the kernel's out-of-memory killer would
        with pytest.raises(WorkerDied):
            pending.result(timeout=30)
        with pytest.raises(WorkerDied):  # and what was given after it: no worker is left to do it
            workers.submit(abs, -1).result(timeout=30)
    finally:
        workers.terminate()


def test_ending_the_workers_ends_them_at_once_and_fails_what_they_had():
    workers = Workers(2, niceness=0)
    assert [workers.submit(abs, -n).result(timeout=30) for n in range(4)] == [0, 1, 2, 3]
    busy = [workers.submit(time.sleep, 60) for _ in range(3)]  # two at work, one waiting
    workers.terminate()
    assert not any(process.is_alive() for process in workers.started)
    for future in busy:
        with pytest.raises(WorkerDied):
            future.result(timeout=0)


def test_workers_started_later_take_the_waiting_work_and_end_with_the_others():
    workers = Workers(1, niceness=0)
    busy = workers.submit(time.sleep, 60)
    waiting = workers.submit(abs, -7)  # the only worker is busy for a minute
    workers.grow(2)
    assert waiting.result(timeout=30) == 7 and len(workers.started) == 2
    workers.terminate()
    assert not any(process.is_alive() for process in workers.started)
    with pytest.raises(WorkerDied):
        busy.result(timeout=0)


def test_what_a_worker_raises_comes_back_and_the_worker_goes_on():
    workers = Workers(1, niceness=0)
    try:
        with pytest.raises(ValueError, match="invalid literal"):
            workers.submit(int, "ten").result(timeout=30)
        assert workers.submit(int, "10").result(timeout=30) == 10
    finally:
        workers.terminate()


class UnreadableThere:
    """Pickled here, it fails to be unpickled, as a function a worker cannot import would."""

    def __reduce__(self):
        return int, ("ten",)


def test_work_that_cannot_be_sent_or_read_fails_alone_and_the_workers_go_on():
    workers = Workers(1, niceness=0)
    try:
        with pytest.raises(TypeError, match="pickle"):
            workers.submit(abs, threading.Lock()).result(timeout=30)
        workers.submit(time.sleep, 2)  # the worker is busy meanwhile
        assert workers.submit(time.sleep, 60).cancel()  # cancelled while it waits
        with pytest.raises(ValueError, match="invalid literal"):  # read in the worker as int("ten")
            workers.submit(abs, UnreadableThere()).result(timeout=30)
        assert workers.submit(abs, -3).result(timeout=30) == 3
    finally:
        workers.terminate()


def test_the_workers_leave_the_readers_process_a_core(tmp_path, monkeypatch, small_parts):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(lines(10))
    assert open_store([str(path)]).spare_cores == 1
    assert parts.splittable(path, spare_cores=1)  # two cores: one worker, and the reader
    monkeypatch.setattr(processes, "usable_cores", lambda: 1)
    assert not parts.splittable(path) and not parts.splittable(path, spare_cores=1)
