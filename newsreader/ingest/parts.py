"""A big JSON Lines file read in parts by worker processes, the parts taken in in file order.

Loading is Python (JSON, the page rules, cleaning, ids: about 0.3 ms an article), and in the
reader's own process it holds the GIL that the screen needs for keys. Here workers each read a
part of the file (a few megabytes, cut at line ends) into articles; their bodies come back as one
block of bytes a part, which this process writes to the body file in one go.
"""

from __future__ import annotations

import codecs
from collections import deque
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from newsreader.bodies import BodyBlock, BodyFile
from newsreader.ingest.decode import SNIFF_BYTES, decode_line, narrow
from newsreader.ingest.files import LINE_SUFFIXES
from newsreader.ingest.jsonfiles import json_line_records, json_lines_problems
from newsreader.ingest.metadata import article_id, build_article
from newsreader.model import Article, LoadProblem
from newsreader.processes import start_pool, usable_cores

SPLIT_FROM = 16 << 20  # bytes: a smaller file loads in less time than workers take to start
PART = 4 << 20  # bytes a worker reads at a time (about 1,600 articles of news)
FIRST_PART = 256 << 10  # the first part is small, so that the first articles come at once
AHEAD = 2  # parts given to each worker beyond the one taken in: they never wait, and memory stays bounded
NICENESS = 5  # below the reader, whose screen comes first; above the analysis's workers


class Span(NamedTuple):
    """A part of a file: its bytes from `start` to `end` (each a line's start), and the number of its first line."""

    start: int
    end: int
    first_line: int


class Part(NamedTuple):
    """What a worker read of a span: the articles (their bodies' places in `bodies`) and the bad lines."""

    articles: list[Article]
    bodies: BodyBlock
    bad: list[str]


def splittable(path: Path) -> bool:
    """Whether a file is read in parts: JSON Lines, big, of a narrow encoding, with cores for workers."""
    if path.suffix.lower() not in LINE_SUFFIXES or usable_cores() < 2:
        return False
    try:
        if not path.is_file() or path.stat().st_size < SPLIT_FROM:
            return False
        with path.open("rb") as stream:
            return narrow(stream.read(SNIFF_BYTES))
    except OSError:
        return False  # said by the usual reading, which meets the same error


def read_in_parts(path: Path, bodies: BodyFile, batch: int) -> Iterator[list[Article] | LoadProblem]:
    """The file's articles in batches of `batch` (as `load_file` gives them, in order), then its problems."""
    name = str(path)
    workers = usable_cores()
    bad: list[str] = []
    waiting: list[Article] = []
    empty, failed = True, None
    pool = start_pool(workers, NICENESS)
    try:  # from the moment the workers are started: a ctrl+c as they start comes here
        spans = _spans(path)
        pending = deque(
            (span, pool.apply_async(read_part, (name, span))) for span in islice(spans, workers * (1 + AHEAD))
        )
        while pending:
            span, reading = pending.popleft()
            try:
                part = reading.get()
            except Exception as error:  # a worker's fault on a hostile file: what loaded stays, the rest goes
                failed = LoadProblem(name, f"could not be read from line {span.first_line} on ({type(error).__name__})")
                break
            if (following := next(spans, None)) is not None:
                pending.append((following, pool.apply_async(read_part, (name, following))))
            bad += part.bad
            empty = empty and not part.articles
            placed = bodies.place(part.bodies)
            waiting += [article.placed(body) for article, body in zip(part.articles, placed, strict=True)]
            while len(waiting) >= batch:
                yield waiting[:batch]
                del waiting[:batch]
    finally:
        pool.terminate()
    if waiting:
        yield waiting
    yield from json_lines_problems(name, empty and failed is None, bad)
    if failed:
        yield failed


def _spans(path: Path) -> Iterator[Span]:
    """The file cut into parts at line ends, counting lines as it goes."""
    with path.open("rb") as stream:
        start, line, size = 0, 1, FIRST_PART
        while data := stream.read(size):
            if len(data) == size:
                data += stream.readline()
            yield Span(start, start + len(data), line)
            start, line, size = start + len(data), line + data.count(b"\n"), PART


def read_part(path: str, span: Span) -> Part:
    """In a worker: the articles of a span of a JSON Lines file, their bodies gathered in a block."""
    with open(path, "rb") as stream:
        stream.seek(span.start)
        data = stream.read(span.end - span.start)
    if span.start == 0 and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    bad: list[str] = []
    block = BodyBlock()
    records = json_line_records(path, map(decode_line, data.split(b"\n")), bad, span.first_line)
    return Part([build_article(record, article_id(record), block) for record in records], block, bad)
