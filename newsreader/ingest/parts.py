"""A big JSON Lines file read in parts by worker processes, the parts taken in in file order.

Loading is Python (JSON, the page rules, cleaning, ids: about 0.3 ms an article), and in the
reader's own process it holds the GIL that the screen needs for keys. Here workers each read a
part of the file (a megabyte, cut at line ends) into articles; their bodies come back as one
block of bytes a part, which this process writes to the body file in one go.
"""

from __future__ import annotations

import codecs
import os
from collections import deque
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import BinaryIO, NamedTuple

from newsreader.bodies import BodyBlock, BodyFile
from newsreader.ingest.decode import SNIFF_BYTES, decode_line, narrow, text_start
from newsreader.ingest.files import LINE_SUFFIXES
from newsreader.ingest.jsonfiles import json_line_records, json_lines_problems
from newsreader.ingest.metadata import article_id, build_article
from newsreader.model import Article, LoadProblem
from newsreader.processes import WorkerDied, Workers, worker_count

SPLIT_FROM = 16 << 20  # bytes: a smaller file loads in less time than workers take to start
# Bytes a worker reads at a time (about 400 articles of news): what is in flight between the workers and the
# reader is a few parts; parts of 4 MB had the reader and its workers peak 19 MB higher at 100,000 articles.
PART = 1 << 20
FIRST_PART = 256 << 10  # the first part is small, so that the first articles come at once
AHEAD = 2  # parts given to each worker beyond the one taken in: they never wait, and memory stays bounded
MOST_WORKERS = 8  # past this, the disk and this process's taking in of parts set the pace
# Below the process (in the reader, below the loading thread that starts them, itself below the screen);
# above the analysis's workers.
NICENESS = 5

Identity = tuple[int, int, int, int]  # a file's device, inode, modification time and size


class Span(NamedTuple):
    """A part of a file: its bytes from `start` to `end` (each a line's start), the number of its
    first line, and the file's identity when it was cut (a file replaced meanwhile is another)."""

    start: int
    end: int
    first_line: int
    identity: Identity


class Part(NamedTuple):
    """What a worker read of a span: the articles (their bodies' places in `bodies`) and the bad lines."""

    articles: list[Article]
    bodies: BodyBlock
    bad: list[str]


class FileChanged(Exception):
    """The file is not the one that was cut into parts: it was replaced or written to meanwhile."""


def splittable(path: Path, spare_cores: int = 0) -> bool:
    """Whether a file is read in parts: JSON Lines, big, of a narrow encoding, with cores for workers
    (`worker_count`: none on a single core)."""
    if path.suffix.lower() not in LINE_SUFFIXES or not worker_count(spare_cores):
        return False
    try:
        if not path.is_file() or path.stat().st_size < SPLIT_FROM:
            return False
        with path.open("rb") as stream:
            return narrow(stream.read(SNIFF_BYTES))
    except OSError:
        return False  # said by the usual reading, which meets the same error


def read_in_parts(path: Path, bodies: BodyFile, spare_cores: int = 0) -> Iterator[Article | LoadProblem]:
    """The file's articles (as `load_file` and `build_article` give them, in order), then its problems;
    one worker a core but `spare_cores`."""
    name = str(path)
    workers = min(worker_count(spare_cores), MOST_WORKERS)
    bad: list[str] = []
    empty, failed = True, None
    pool = Workers(workers, NICENESS)
    try:
        spans = _spans(path)
        pending = deque((span, pool.submit(read_part, name, span)) for span in islice(spans, workers * (1 + AHEAD)))
        while pending:
            span, reading = pending.popleft()
            try:
                part = reading.result()
            except Exception as error:  # the file changed, a worker died, or a fault on a hostile file
                failed = LoadProblem(name, f"could not be read from line {span.first_line} on ({_why(error)})")
                break
            if (following := next(spans, None)) is not None:
                pending.append((following, pool.submit(read_part, name, following)))
            bad += part.bad
            empty = empty and not part.articles
            for article, body in zip(part.articles, bodies.place(part.bodies), strict=True):
                yield article.placed(body)
    finally:
        pool.terminate()
    yield from json_lines_problems(name, empty and failed is None, bad)
    if failed:
        yield failed


def _why(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error) if isinstance(error, (FileChanged, WorkerDied)) else type(error).__name__


def _spans(path: Path) -> Iterator[Span]:
    """The file cut into parts at line ends, counting lines as it goes."""
    with path.open("rb") as stream:
        identity = _identity(stream)
        start, line, size = text_start(stream.read(len(codecs.BOM_UTF8))), 1, FIRST_PART
        stream.seek(start)
        while data := stream.read(size):
            if len(data) == size:
                data += stream.readline()
            yield Span(start, start + len(data), line, identity)
            start, line, size = start + len(data), line + data.count(b"\n"), PART


def _identity(stream: BinaryIO) -> Identity:
    status = os.fstat(stream.fileno())
    return status.st_dev, status.st_ino, status.st_mtime_ns, status.st_size


def read_part(path: str, span: Span) -> Part:
    """In a worker: the articles of a span of a JSON Lines file, their bodies gathered in a block."""
    with open(path, "rb") as stream:
        if _identity(stream) != span.identity:
            raise FileChanged("it changed while it loaded")
        stream.seek(span.start)
        data = stream.read(span.end - span.start)
    bad: list[str] = []
    block = BodyBlock()
    records = json_line_records(path, map(decode_line, data.split(b"\n")), bad, span.first_line)
    return Part([build_article(record, article_id(record), block) for record in records], block, bad)
