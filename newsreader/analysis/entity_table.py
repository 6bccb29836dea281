"""The entities of a whole corpus, found article by article and kept compactly.

Two passes: each body's names and dates are found (`first_pass.py`; dates get their values
there and then), then each name gets its one canonical name across the corpus. What is kept is a
table of names and, per article, (start, end, name) integers: a few bytes a mention, compressed a
block of articles at a time into a file (100,000 articles' millions of mentions take about 20 MB),
read back a block at a time as they are asked for, as the bodies are.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from json.encoder import encode_basestring as encode_string  # what json.dumps(ensure_ascii=False) quotes with
from pathlib import Path
from pickle import PickleBuffer
from typing import BinaryIO

from newsreader.analysis.canonical import CanonicalNames
from newsreader.analysis.found import CODES, Found, kind_of
from newsreader.analysis.run_log import RunLog, run_digest
from newsreader.bodies import BodyFile, file_order, temporary_body_file
from newsreader.model import Article, Entity

# Articles whose mentions are compressed together (zlib's quickest level: half the size, as with 256
# together). Few, so that any article's come back quickly: `export` and the list read them newest
# first, not in the table's order, and with 256 a block each article took 1.25 ms (a 10,000-article
# export spent 3.7 s of its 6.6 s of CPU outside the analysis on them; 16: 0.1 ms each).
BLOCK = 16

Stored = bytes | tuple[int, int]  # a compressed block: in memory, or (offset, length) in the mentions file


def _move_whole(source: str, target: Path) -> None:
    """Move a file so that `target` is never seen half written: another newsreader may be reading the file of
    that name. Across file systems (a temporary folder in memory) a move copies, so the copy is made beside
    `target` first and takes its name once whole."""
    try:
        os.replace(source, target)
        return
    except OSError:
        pass
    from newsreader.persist.cache import TEMPORARY  # here: the analysis's workers need none of the cache's imports

    staged = target.with_name(f"{TEMPORARY}{os.getpid()}-{target.name}")
    try:
        shutil.copyfile(source, staged)
        os.replace(staged, target)
    except OSError:
        staged.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        os.unlink(source)


class EntityTable:
    """Every article's entity mentions: names once, mentions as (start, end, name number) triples,
    article after article, those of each BLOCK articles in one compressed block (no overhead per
    article) written to the mentions file, the last articles' in one array until they make a block.
    In memory, a million articles' blocks took about 200 MB: on disk, they are read as they are asked for.
    The mentions file is a temporary one until `keep_mentions` moves it beside the table's cache entry."""

    def __init__(self) -> None:
        self.names: list[tuple[str, str, str | None]] = []  # (canonical name, type, a date's value)
        self.numbers: dict[tuple[str, str, str | None], int] = {}
        # The triples of each BLOCK articles, compressed: where they lie in the mentions file, or the
        # bytes themselves where no file could take them (a full disk).
        self.blocks: list[Stored] = []
        self.mentions_path: str | None = None  # the mentions file, once kept beside the cache entry
        self._writer: BodyFile | None = None  # the temporary mentions file being written
        self._reader: BinaryIO | None = None  # the mentions file, open to read
        self.triples = array("i")  # those of the articles after the last block: start, end, name number, …
        self.ids: list[str] = []  # the articles, in the order of their triples
        self.position: dict[str, int] = {}  # article id → its place in `ids`
        self.bounds = array("q", [0])  # where each article's triples start, and where the last ends, all counted
        self.articles: dict[int, array] = {}  # name number → places of the articles mentioning it
        self.failed: list[tuple[str, str]] = []  # (article id, why): articles whose analysis broke off
        self._json_names: dict[int, tuple[str, str]] = {}  # name number → its parts of a mention in JSON
        # The block last read, as (its number, its triples): the article shown, and a pass over every
        # article, read one block again and again.
        self._opened: tuple[int, array] = (-1, array("i"))

    def __getstate__(self) -> dict:
        # The cache writes the last articles' array straight from its memory, not a copy.
        state = {**vars(self), "triples": PickleBuffer(self.triples)}
        if self.mentions_path is None:  # a temporary mentions file: the blocks go with the table
            state["blocks"] = [self._stored(block) for block in self.blocks]
        for made_again in ("_json_names", "_opened", "_writer", "_reader"):  # as they are used
            del state[made_again]
        return state

    def __setstate__(self, state: dict) -> None:
        triples = array("i")
        triples.frombytes(state.pop("triples"))
        # A table cached before the mentions were compressed holds them all in `triples`.
        state.setdefault("blocks", [])
        state.setdefault("mentions_path", None)
        vars(self).update(state, triples=triples, _json_names={}, _opened=(-1, array("i")), _writer=None)
        self._reader = None
        if self.mentions_path:
            # A mentions file gone or cut short (pruned from the cache apart from the table) fails the
            # unpickling: the cache reads the entry as damaged, and the corpus is analysed again.
            self._reader = open(self.mentions_path, "rb", buffering=0)  # noqa: SIM115 - open as long as the table
            on_disk = [block for block in self.blocks if isinstance(block, tuple)]
            if os.fstat(self._reader.fileno()).st_size < max((sum(block) for block in on_disk), default=0):
                raise ValueError(f"{self.mentions_path} is shorter than its table says")

    def number(self, canonical: str, kind: str, value: str | None = None) -> int:
        key = (canonical, kind, value)
        if (found := self.numbers.get(key)) is None:
            found = self.numbers[key] = len(self.names)
            self.names.append(key)
        return found

    def add_article(self, article_id: str, triples: array) -> None:
        """The next article and its mentions' triples."""
        place = len(self.ids)
        self.ids.append(article_id)
        self.position[article_id] = place
        articles = self.articles
        for number in set(triples[2::3]):
            if (places := articles.get(number)) is None:
                places = articles[number] = array("i")
            places.append(place)
        self.triples.extend(triples)
        self.bounds.append(self.bounds[-1] + len(triples))
        if len(self.ids) == (len(self.blocks) + 1) * BLOCK:
            self.blocks.append(self._written(zlib.compress(self.triples, 1)))
            self.triples = array("i")

    def _written(self, block: bytes) -> Stored:
        """A block's place in the temporary mentions file, or the block itself when the file cannot take it."""
        if self._writer is None and not self.blocks:
            self._writer = temporary_body_file()
            if self._writer.path:
                self._reader = open(self._writer.path, "rb", buffering=0)  # noqa: SIM115 - open as long as the table
        offset = self._writer.append(block) if self._writer else None
        return block if offset is None else (offset, len(block))

    def keep_mentions(self, path: Path | None) -> None:
        """Move the mentions file to `path` (beside the table's cache entry), once every article is in:
        the table is then cached without its blocks. Where it cannot go, the blocks are cached with it."""
        if self._writer is None or self._writer.path is None or path is None:
            return
        self._writer.close()
        try:
            _move_whole(self._writer.path, path)
            # A read on another thread meanwhile holds the old one (`_stored`): both read the same bytes.
            self._reader = open(path, "rb", buffering=0)  # noqa: SIM115 - open as long as the table
        except OSError:
            return
        self.mentions_path, self._writer = str(path), None

    def _triples(self, article_id: str) -> array:
        place = self.position.get(article_id)
        if place is None:
            return array("i")
        block = min(place // BLOCK, len(self.blocks))  # the articles after the last block: `triples`
        triples = self.triples if block == len(self.blocks) else self._block(block)
        first = self.bounds[block * BLOCK]
        return triples[self.bounds[place] - first : self.bounds[place + 1] - first]

    def _block(self, block: int) -> array:
        number, triples = self._opened
        if number != block:
            triples = array("i")
            triples.frombytes(zlib.decompress(self._stored(self.blocks[block])))
            self._opened = (block, triples)
        return triples

    def _stored(self, block: Stored) -> bytes:
        """A compressed block's bytes, read from the mentions file where they lie there."""
        if isinstance(block, bytes):
            return block
        offset, length = block
        # Held here: `keep_mentions` on another thread may put another in its place, and the last
        # reference to this one closing it would leave its number to the next file opened.
        reader = self._reader
        if reader is None:
            raise OSError(f"no mentions file for a block at {offset}")
        return os.pread(reader.fileno(), length, offset)

    def _spans(self, article_id: str, body: str, head: str) -> Iterator[tuple[str, int, int, int, str]]:
        """The article's mentions as (text, start, end, name number, part), the title's and the
        dateline's first, then the body's in order (its `body` and `Article.heading` give their text)."""
        triples = self._triples(article_id)
        title_end = head.find("\n") % (len(head) + 1)  # the title's end, the whole heading's without a dateline
        for start, end, number in zip(triples[0::3], triples[1::3], triples[2::3], strict=True):
            if start >= 0:
                yield body[start:end], start, end, number, "body"
                continue
            start, end = start + len(head) + 2, end + len(head) + 2  # offsets in the heading
            part, shift = ("title", 0) if start < title_end else ("dateline", title_end + 1)
            yield head[start:end], start - shift, end - shift, number, part

    def _mentions(
        self, article_id: str, body: str, head: str
    ) -> Iterator[tuple[str, str, int, int, str, str | None, str]]:
        """The article's mentions as `Entity`'s fields, in the order of `_spans`."""
        names = self.names
        for text, start, end, number, part in self._spans(article_id, body, head):
            canonical, kind, value = names[number]
            yield text, kind, start, end, canonical, value, part

    def entities(self, article_id: str, body: str, head: str = "") -> tuple[Entity, ...]:
        """The article's mentions, the title's and the dateline's first, then the body's in order."""
        return tuple(Entity(*mention) for mention in self._mentions(article_id, body, head))

    def records(self, article_id: str, body: str, head: str = "") -> list[dict[str, object]]:
        """The article's mentions as `export` writes them, `Entity`'s fields by name, made without
        `Entity` objects (making them and their `_asdict` took a third of the time export writes in)."""
        return [
            {
                "text": text,
                "type": kind,
                "start": start,
                "end": end,
                "canonical": canonical,
                "value": value,
                "part": part,
            }
            for text, kind, start, end, canonical, value, part in self._mentions(article_id, body, head)
        ]

    def records_json(self, article_id: str, body: str, head: str = "") -> str:
        """`records` as `json.dumps(records, ensure_ascii=False)` writes them, made from strings: each
        name's part of a mention is made once (a corpus names the same entities again and again), and
        no dictionary is made or encoded (those took most of the time export writes in)."""
        named = self._json_names
        mentions = []
        for text, start, end, number, part in self._spans(article_id, body, head):
            if (pieces := named.get(number)) is None:
                canonical, kind, value = self.names[number]
                pieces = named[number] = (
                    f', "type": {encode_string(kind)}, "start": ',
                    f', "canonical": {encode_string(canonical)}, "value": '
                    f'{"null" if value is None else encode_string(value)}, "part": ',
                )
            typed, rest = pieces
            # A part is one of three plain words ("body", "title", "dateline"): nothing to escape.
            mentions.append(f'{{"text": {encode_string(text)}{typed}{start}, "end": {end}{rest}"{part}"}}')
        return f"[{', '.join(mentions)}]"

    def names_in(self, article_id: str) -> set[str]:
        """The canonical names (not dates) an article mentions."""
        return {self.names[n][0] for n in set(self._triples(article_id)[2::3]) if self.names[n][1] != "date"}

    def counts(self, kind: str | None = None) -> list[tuple[str, str, int]]:
        """(name, type, number of articles mentioning it), most mentioned first, then by name (whatever
        order the analysis took the articles in). Dates that place no time (`places_a_time`) are left out."""
        counted: Counter[tuple[str, str]] = Counter()
        for number, places in self.articles.items():
            name, name_kind, value = self.names[number]
            if (kind is None or name_kind == kind) and (name_kind != "date" or places_a_time(value)):
                counted[name, name_kind] += len(places)
        ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0][0].casefold(), item[0]))
        return [(name, name_kind, count) for (name, name_kind), count in ranked]

    def mentioning(self, canonical: str, kind: str) -> set[str]:
        """Ids of the articles that mention an entity."""
        return self.named(lambda name, name_kind: name == canonical and name_kind == kind)

    def named(self, chosen: Callable[[str, str], bool]) -> set[str]:
        """Ids of the articles that mention any entity whose (name, type) is `chosen`."""
        return {
            self.ids[place]
            for (name, kind, _), number in self.numbers.items()
            if chosen(name, kind)
            for place in self.articles.get(number, ())
        }


def places_a_time(value: str | None) -> bool:
    """Whether a date's value places a time one article's mention shares with another's: it has a
    figure ("2004", "XXXX-12", "P2Y"). "now" and "the past", or "last year" in an undated article, are
    another time in each article that says them: counted together, they would fill the entity list."""
    return value is not None and any(character.isdigit() for character in value)


def analyse_corpus(
    articles: Sequence[Article],
    stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    processes: int | None = None,
) -> EntityTable | None:
    """Find, type and name every entity of the articles; None when `stop` said so on the way.
    `processes`: the first pass's workers (by default one a core, none for a small corpus)."""
    analysis = CorpusAnalysis(processes)
    analysis.give(articles)
    return analysis.finish(stop, progress)


class CorpusAnalysis:
    """The analysis of a corpus given a batch of articles at a time, as they load: the first pass
    over their bodies runs meanwhile, in worker processes, and its runs are taken in the order
    given, so the table is the same however many workers there were and however the articles
    came; each name gets its canonical name across the corpus once every article is in (`finish`)."""

    def __init__(self, processes: int | None = None, spare: int = 0, log: Path | None = None) -> None:
        """`processes` and `spare`: the first pass's workers (`pool.FirstPass`); `log`: where the runs
        are kept until the corpus is named (`RunLog`), those of an earlier analysis taken back."""
        from newsreader.analysis.pool import FirstPass

        self.table = EntityTable()
        self.ids: list[str] = []  # the articles given, in order: a place in the first pass is a place here
        self.runs = runs = RunLog(log)
        self.first_pass = FirstPass(processes, spare, lambda run: runs.logged(run_digest(run)))
        self.dates: list[array] = []  # each run's dates' numbers in the table
        self.counts: Counter[tuple[str, str]] = Counter()  # how often the runs mention each (type, text) of a name
        self.done = 0  # articles whose run is taken

    def give(self, articles: Sequence[Article]) -> None:
        """More articles; the first pass goes through their bodies in the order they lie on disk."""
        first = len(self.ids)
        self.ids += [article.id for article in articles]
        self.first_pass.give([(first + place, articles[place]) for place in file_order(articles)])

    def take(self, stop: Callable[[], bool] | None = None) -> bool:
        """Take in the runs done so far; False when `stop` said so (the analysis is then of no use)."""
        if self._gather(self.first_pass.taken(stop), None):
            return True
        self.runs.close()
        return False

    def finish(
        self, stop: Callable[[], bool] | None = None, progress: Callable[[int, int], None] | None = None
    ) -> EntityTable | None:
        """Every article is given: wait for the first pass, then type and name every entity; None
        when `stop` said so. `progress` hears (articles done, articles in all) run by run."""
        named = self._gather(self.first_pass.taken(stop, every=True), progress) and _name(
            self.ids, self.table, self.runs, self.dates, self.counts, stop
        )
        self.runs.close(remove=named)
        return self.table if named else None

    def _gather(self, runs: Iterator[Found | None], progress: Callable[[int, int], None] | None) -> bool:
        """Number the runs' dates in the table, count their names and keep the runs for `finish`."""
        table = self.table
        for run in runs:
            if run is None:
                return False
            table.failed.extend((self.ids[place], why) for place, why in run.failed)
            self.dates.append(array("i", (table.number(name, "date", value) for name, value in run.dates)))
            self.counts.update(_counted(run))
            self.runs.add(run, run_digest((place, self.ids[place]) for place in run.places))
            if progress:
                progress(self.done, len(self.ids))
            self.done += len(run.places)
        return True


def _counted(run: Found) -> Counter[tuple[str, str]]:
    """How often a run mentions each (type, text) of a name, unknown ones left out: its mentions' codes
    counted in C, not a tuple made for each mention."""
    counts: Counter[tuple[str, str]] = Counter()
    for code, count in Counter(run.unpacked()[2::3]).items():
        if code >= 0 and (kind := kind_of(code)) != "unknown":
            counts[kind, run.texts[code // CODES]] += count
    return counts


def _name(
    ids: list[str],
    table: EntityTable,
    runs: RunLog,
    dates: list[array],
    counts: Counter[tuple[str, str]],
    stop: Callable[[], bool] | None,
) -> bool:
    """Give each name its canonical name across the corpus (`counts`: how often it mentions each (type,
    text) of a name) and write every article's triples, run by run (`dates`: the numbers of each run's
    dates); `stop` is asked between runs (the reader's keys come first: at 100,000 articles this takes
    seconds), and False when it said so."""
    names = CanonicalNames(counts)
    for run, date_numbers in zip(runs, dates, strict=True):
        if stop and stop():
            return False
        for place, triples in zip(run.places, _numbered(run, names, table, date_numbers), strict=True):
            table.add_article(ids[place], triples)
    return True


# The numbers of a name of no type of ours (its mentions are left out), and of a name not numbered yet.
UNKNOWN, UNNUMBERED = -1, -2


def _numbered(run: Found, names: CanonicalNames, table: EntityTable, date_numbers: array) -> Iterator[array]:
    """The triples of each of a run's articles: each mention's start, end and number in the table, unknown
    names left out. A name's number is worked out once in the run where it is the same in every article
    (`CanonicalNames.alike`), a lone word of people's names in each article that mentions it."""
    packed, texts = run.unpacked(), run.texts
    numbered = {-1 - ref: number for ref, number in enumerate(date_numbers)}  # a code → its number, or UNKNOWN
    begun = 0
    for ended in run.ends:
        codes = packed[begun + 2 : ended : 3]
        numbers = [numbered.get(code, UNNUMBERED) for code in codes]
        if UNNUMBERED in numbers:  # names first met in the run, or lone words of people's names
            people: tuple[set[str], set[str]] | None = None  # the article's people named in full, its titled names
            for i, code in enumerate(codes):
                if numbers[i] != UNNUMBERED:
                    continue
                if (number := numbered.get(code, UNNUMBERED)) == UNNUMBERED:  # first met, or a lone word
                    kind, text = kind_of(code), texts[code // CODES]
                    if kind == "unknown":
                        number = numbered[code] = UNKNOWN
                    elif (canonical := names.alike(kind, text)) is not None:
                        number = numbered[code] = table.number(canonical, kind)
                    else:
                        named_here, titled = people = people or _people(codes, texts, names)
                        number = table.number(names.lone_name(text, named_here, text in titled), kind)
                numbers[i] = number
        triples = packed[begun:ended]
        triples[2::3] = array("i", numbers)
        yield triples if UNKNOWN not in numbers else _known(triples)
        begun = ended


def _known(triples: array) -> array:
    """The triples of the mentions of names of our types (`UNKNOWN`'s left out)."""
    return array(
        "i", [value for i in range(0, len(triples), 3) if triples[i + 2] != UNKNOWN for value in triples[i : i + 3]]
    )


def _people(codes: array, texts: list[str], names: CanonicalNames) -> tuple[set[str], set[str]]:
    """The people an article names in full (their canonical names) and the names a title or role made a
    person's there ("Mr Blair"), from its mentions' codes."""
    named_here, titled = set(), set()
    for code in set(codes):
        if code >= 0 and kind_of(code) == "person":
            text = texts[code // CODES]
            if (person := names.person_of.get(text)) is not None:
                named_here.add(person)
            if code & 1:
                titled.add(text)
    return named_here, titled
