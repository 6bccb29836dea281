"""The first pass's runs, kept in a file as they are taken until the corpus is named.

In the cache, the file outlives the process: an analysis stopped on the way (the reader closed an hour
into a million articles, an export interrupted) goes on at the next start from where it was, its runs
read back instead of found again. Without a cache, or while another newsreader holds the corpus's file,
a temporary file; on a full disk, the runs the disk has no room for wait in memory.

A record is the length of a run's pickle and its digest, then the pickle: the digest names the articles
of the run, each with its place in the corpus, so that a run is taken back only for the same articles in
the same places, and the records of a million articles are known without reading their 400 MB. A record
cut short (the process ended while writing it) ends the file.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pickle
import struct
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsreader.analysis.found import Found

DIGEST = 16  # bytes
HEAD = struct.Struct(f"<Q{DIGEST}s")  # a record's head: the length of the pickle that follows, the run's digest


def run_digest(articles: Iterable[tuple[int, str]]) -> bytes:
    """What names a run: its articles' (place, id), in the run's order."""
    return hashlib.blake2b("\n".join(f"{place} {id_}" for place, id_ in articles).encode(), digest_size=DIGEST).digest()


class RunLog:
    """The runs taken, in the order taken, read back in that order (`__iter__`); those a file at `path`
    holds from an earlier process are given back (`logged`) while they are the runs asked for."""

    def __init__(self, path: Path | None = None) -> None:
        self.sizes = array("q")  # the bytes of each record in the file, in order
        self.kept: list[Found] = []  # runs the disk had no room for
        self.digests: list[bytes] = []  # of each record in the file
        self.matched = 0  # records given back as the runs asked for: the first runs taken
        self.added = 0  # runs taken
        self.file = self._opened(path) if path else None
        if self.file is None:
            with contextlib.suppress(OSError):
                # Unbuffered: what a full disk refused is known at once, and nothing of it waits to be written.
                self.file = tempfile.TemporaryFile(buffering=0)  # noqa: SIM115 - open until the analysis is dropped

    def _opened(self, path: Path) -> BinaryIO | None:
        """The log at `path` with the records it holds read, locked for this process; None when another has it."""
        try:
            file = open(path, "a+b", buffering=0)  # noqa: SIM115 - open until the analysis is dropped
        except OSError:
            return None
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._read_records(file)
        except OSError:
            file.close()
            return None
        return file

    def _read_records(self, file: BinaryIO) -> None:
        """Take in the heads of the whole records of the file; a part after them (cut short) is cut off."""
        ends = file.seek(0, os.SEEK_END)
        whole = 0
        while whole + HEAD.size <= ends:
            file.seek(whole)
            size, digest = HEAD.unpack(file.read(HEAD.size))
            if whole + HEAD.size + size > ends:
                break
            self.digests.append(digest)
            self.sizes.append(HEAD.size + size)
            whole += HEAD.size + size
        file.truncate(whole)

    def logged(self, digest: bytes) -> Callable[[], Found] | None:
        """If the next record is the run of this digest, what reads it back when it is wanted (a million
        articles' runs are not all held at once); else None, and the records from there on are forgotten
        (the articles came in another order, or the record is damaged): the runs to come are found again."""
        if self.matched == len(self.digests) or self.file is None:
            return None
        if self.digests[self.matched] == digest:
            number = self.matched
            try:
                whole = isinstance(self._run(number), Found)
            except Exception:  # damaged
                whole = False
            if whole:
                self.matched += 1
                return lambda: self._run(number)
        self._forget_unmatched()
        return None

    def _run(self, number: int) -> Found:
        assert self.file is not None
        self.file.seek(sum(self.sizes[:number]) + HEAD.size)
        return pickle.loads(self.file.read(self.sizes[number] - HEAD.size))

    def add(self, run: Found, digest: bytes) -> None:
        """A run taken: written at the end, unless it is a record given back."""
        self.added += 1
        if self.added <= self.matched:
            return
        self._forget_unmatched()
        if self.file is not None and not self.kept:
            pickled = pickle.dumps(run, pickle.HIGHEST_PROTOCOL)
            data = memoryview(HEAD.pack(len(pickled), digest) + pickled)
            ends = sum(self.sizes)
            try:
                self.file.seek(ends)
                while data:
                    data = data[self.file.write(data) :]
                self.sizes.append(HEAD.size + len(pickled))
                self.digests.append(digest)
                self.matched = self.added  # written by this process: never given back to it
                return
            except OSError:
                with contextlib.suppress(OSError):
                    self.file.truncate(ends)
        self.kept.append(run)

    def _forget_unmatched(self) -> None:
        if self.file is not None and self.matched < len(self.digests):
            del self.digests[self.matched :], self.sizes[self.matched :]
            self.file.truncate(sum(self.sizes))

    def __iter__(self) -> Iterator[Found]:
        if self.file is not None:
            self.file.seek(0)
            for size in self.sizes:
                yield pickle.loads(self.file.read(size)[HEAD.size :])
        yield from self.kept

    def close(self, remove: bool = False) -> None:
        """Close the file (its lock goes with it), and with `remove` delete it: the corpus is named."""
        if self.file is None:
            return
        name = getattr(self.file, "name", None)
        if remove and isinstance(name, str):  # before the lock goes: another newsreader may take the file then
            Path(name).unlink(missing_ok=True)
        self.file.close()
        self.file = None
