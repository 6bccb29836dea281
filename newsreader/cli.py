"""The `newsreader` command: the reader and the scripting subcommands, as one argparse parser.

stdout carries data only; messages go to stderr. Textual is imported only to open the reader.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newsreader import __version__, exit_codes
from newsreader.cells import column
from newsreader.clean import line
from newsreader.config import Config, load_config
from newsreader.feeds.library import Feed, Library, LibraryUnavailable, library_path, worth_opening
from newsreader.ingest.files import STDIN, MissingPath
from newsreader.memory import give_back_freed_memory
from newsreader.model import ENTITY_TYPES, LoadProblem
from newsreader.persist.cache import Cache
from newsreader.persist.marks_file import export_marks, import_marks
from newsreader.persist.state import ReadingState
from newsreader.render import FORMATS, article_record, json_lines, render, render_many, summary_record
from newsreader.store import DocumentStore, UnknownArticle

if TYPE_CHECKING:
    from newsreader.search import Hit

PROG = "newsreader"
COMPLETION_SHELLS = ("bash", "zsh", "fish")
FIRST_FRAME_WAIT = 0.05  # seconds of loading before the reader first draws; the rest loads on screen
# Cores the reader's workers leave to its process while the articles load (it takes them in, indexes
# them and answers keys meanwhile): on two cores, one worker; the analysis takes that core too once
# every article is in (`pool.FirstPass`).
READER_SPARE_CORES = 1
WRITE_AT_ONCE = 1 << 20  # characters of output written at a time


def warn(message: str) -> None:
    """A message on stderr; the paths and errors in it may carry a stranger's text."""
    print(f"{PROG}: {line(message)}", file=sys.stderr)


def write_json(value: object, out: TextIO | None = None) -> None:
    """JSON on stdout (or `out`), indented, non-ASCII kept."""
    out = out or sys.stdout
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def report_problem(problem: LoadProblem) -> None:
    warn(f"skipped {problem}")


AFTER_EXIT_PROBLEMS = 10  # problems said on stderr once the reader has left the screen; the rest are counted


def report_problems_after_exit(problems: Sequence[LoadProblem], kept_in: str | None) -> None:
    """The files the reader skipped, on the terminal the screen has left: at most ten, then how many more
    and where they all are."""
    for problem in problems[:AFTER_EXIT_PROBLEMS]:
        report_problem(problem)
    if len(problems) > AFTER_EXIT_PROBLEMS:
        where = f"{kept_in} lists them all" if kept_in else "--problems FILE keeps them all"
        warn(f"and {len(problems) - AFTER_EXIT_PROBLEMS:,} more skipped ({where})")


LIBRARY_OR_SEEDS = "the library of fetched feeds when it has articles, else the bundled seed articles"


def _paths_argument(parser: argparse.ArgumentParser, default: str = LIBRARY_OR_SEEDS) -> None:
    parser.add_argument(
        "--no-cache", action="store_true", help="load and analyse afresh, without reading or writing the cache"
    )
    parser.add_argument(
        "--problems", metavar="FILE", help="also write each file and line skipped, with the reason, to FILE"
    )
    paths = parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"article files or folders, or - for standard input (default: {default})",
    )
    paths.complete = "file"  # type: ignore[attr-defined]  # shtab completes these as file names


def _read_arguments(parser: argparse.ArgumentParser) -> None:
    _paths_argument(parser, default=f"standard input when it is a pipe or a file, else {LIBRARY_OR_SEEDS}")
    parser.add_argument(
        "--print-format", choices=FORMATS, help="how 'p' prints articles (default: the config's print_format, or text)"
    )
    # fzf's options, under fzf's names.
    parser.add_argument("-q", "--query", help="start with this search typed")
    parser.add_argument(
        "-1", "--select-1", action="store_true", help="print at once when only one article matches, without the reader"
    )
    parser.add_argument("-0", "--exit-0", action="store_true", help="exit 1 at once when no article matches")
    parser.add_argument(
        "-f", "--filter", metavar="QUERY", help="print the articles that match, best first, as 'search' does; no reader"
    )
    parser.add_argument(
        "-m", "--multi", action="store_true", help="accepted for fzf's sake: space always marks several articles"
    )


def _list_arguments(parser: argparse.ArgumentParser) -> None:
    _paths_argument(parser)
    parser.add_argument("--json", action="store_true", help="a JSON array of article metadata")
    marks = parser.add_mutually_exclusive_group()
    marks.add_argument("--unread", action="store_true", help="only articles not yet read")
    marks.add_argument("--starred", action="store_true", help="only starred articles")


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="an article id, or a unique start of one")
    _paths_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="how to print it (default: text)")


def _search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY")
    _paths_argument(parser)
    parser.add_argument("--limit", type=int, default=20, help="at most this many hits (default 20)")
    parser.add_argument("--json", action="store_true", help="a JSON array of hits")


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    _paths_argument(parser)
    parser.add_argument(
        "--format", choices=("jsonl", "json"), default="jsonl", help="one object a line, or an array (default: jsonl)"
    )


def _entities_arguments(parser: argparse.ArgumentParser) -> None:
    _paths_argument(parser)
    parser.add_argument("--type", choices=ENTITY_TYPES, help="only entities of this type")
    parser.add_argument("--json", action="store_true", help="a JSON array of {name, type, articles}")


def _timeline_arguments(parser: argparse.ArgumentParser) -> None:
    _paths_argument(parser)
    parser.add_argument("--json", action="store_true", help="a JSON array of events")


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", metavar="URL", help="the feed's address (http:// or https://)")
    parser.add_argument("--name", help="what to call the feed (default: the feed's own title)")
    parser.add_argument(
        "--full-text",
        action="store_true",
        help="fetch each new article's page and keep its main text (for feeds that carry only a summary)",
    )


def _feeds_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="a JSON array of subscriptions")


def _remove_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", metavar="URL", help="the address the feed was added with")


def _fetch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("urls", nargs="*", metavar="URL", help="only these subscribed feeds (default: all)")
    parser.add_argument("--force", action="store_true", help="fetch feeds fetched less than a minute ago, too")


def _file_argument(parser: argparse.ArgumentParser, help: str) -> None:
    source = parser.add_argument("file", metavar="FILE", help=f"{help}, or - for standard input")
    source.complete = "file"  # type: ignore[attr-defined]


def _opml_import_arguments(parser: argparse.ArgumentParser) -> None:
    _file_argument(parser, "an OPML file")


def _marks_import_arguments(parser: argparse.ArgumentParser) -> None:
    _file_argument(parser, "what 'marks export' wrote")
    _paths_argument(parser)


def _completion_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", metavar="SHELL", choices=COMPLETION_SHELLS, help="one of: bash, zsh, fish")


def given_or_default(paths: Sequence[str]) -> Sequence[str | Path] | None:
    """The paths given; none given, the library when it has articles (or cannot be read), else None (the seeds)."""
    return paths or ([library_path()] if worth_opening(library_path()) else None)


def problem_log(path: str | None) -> Callable[[LoadProblem], None]:
    """What keeps each skipped file and line for `--problems FILE`: written as found, a line each."""
    if not path:
        return lambda problem: None
    try:
        log: TextIO | None = open(path, "w", encoding="utf-8")  # noqa: SIM115 - open while the files load
    except OSError as error:
        warn(f"cannot write the problems to {path}: {error.strerror or error}")
        return lambda problem: None

    def keep(problem: LoadProblem) -> None:
        nonlocal log
        if log is None:
            return
        try:
            log.write("".join(f"{line}\n" for line in problem.lines()))
            log.flush()
        except OSError as error:  # a full disk, a device: said once, and the load goes on without the file
            warn(f"cannot write the problems to {path}: {error.strerror or error}")
            with contextlib.suppress(OSError):  # what is left in its buffer cannot be written either
                log.close()
            log = None

    return keep


def load_store(paths: Sequence[str], use_cache: bool = True, problems: str | None = None) -> DocumentStore:
    """The store for the given paths (none: the library or the seeds), naming each skipped file on stderr
    (and in the `problems` file)."""
    keep = problem_log(problems)

    def report(problem: LoadProblem) -> None:
        report_problem(problem)
        keep(problem)

    cache = Cache(warn=warn, enabled=use_cache)
    return DocumentStore.load(given_or_default(paths), on_problem=report, cache=cache)


def open_store(paths: Sequence[str], use_cache: bool = True, problems: str | None = None) -> DocumentStore:
    """The store for the reader: loaded for at most `FIRST_FRAME_WAIT` seconds, the rest while it is
    on screen (which lists the files it skipped; so does the `problems` file)."""
    # The reader's threads (loading, indexing, the analysis's, the screen's) each took a heap of their
    # own, and kept what they freed: two heaps took 7 MB off the reader's 113 at 20,000 articles.
    give_back_freed_memory(heaps=2)
    cache = Cache(warn=warn, enabled=use_cache)
    store = DocumentStore.open(
        given_or_default(paths), on_problem=problem_log(problems), cache=cache, spare_cores=READER_SPARE_CORES
    )
    store.load_batches(seconds=FIRST_FRAME_WAIT)
    return store


def cmd_list(args: argparse.Namespace) -> int:
    store = load_store(args.paths, not args.no_cache, args.problems)
    state = ReadingState(warn=warn)
    articles = [
        a
        for a in store.articles
        if not (args.unread and state.is_read(a)) and not (args.starred and not state.is_starred(a))
    ]
    if args.json:
        records = [{**summary_record(a), "read": state.is_read(a), "starred": state.is_starred(a)} for a in articles]
        write_json(records)
        return exit_codes.OK
    for article in articles:
        star = "★" if state.is_starred(article) else " "
        source = column(article.source or "-", 20)
        sys.stdout.write(f"{article.id} {star} {article.date or 'undated':<10}  {source}  {article.title}\n")
    return exit_codes.OK


def cmd_show(args: argparse.Namespace) -> int:
    store = load_store(args.paths, not args.no_cache, args.problems)
    try:
        article = store.get(args.id)
    except UnknownArticle as error:
        warn(str(error))
        return exit_codes.NOTHING
    sys.stdout.write(render(store, article, args.format))
    return exit_codes.OK


def cmd_export(args: argparse.Namespace) -> int:
    store = load_store(args.paths, not args.no_cache, args.problems)
    write_export(store, sys.stdout, args.format)
    return exit_codes.OK


def write_export(store: DocumentStore, out: TextIO, fmt: str = "jsonl") -> None:
    """Every article with every field, as `export` writes it: JSON Lines, or (`json`) one indented array."""
    if fmt == "json":
        write_json([article_record(article, store.entity_records(article)) for article in store.articles], out)
    else:
        out.writelines(_in_blocks(json_lines(store, store.articles)))


def _in_blocks(lines: Iterable[str], size: int = WRITE_AT_ONCE) -> Iterator[str]:
    """Lines joined into blocks of about `size` characters: written one by one, each article's line of an
    export was a system call of its own (2,095 of them for the BBC corpus)."""
    block: list[str] = []
    held = 0
    for text in lines:
        block.append(text)
        held += len(text)
        if held >= size:
            yield "".join(block)
            block, held = [], 0
    if block:
        yield "".join(block)


def cmd_entities(args: argparse.Namespace) -> int:
    store = load_store(args.paths, not args.no_cache, args.problems)
    counts = store.entity_counts(args.type)
    if args.json:
        records = [{"name": name, "type": kind, "articles": count} for name, kind, count in counts]
        write_json(records)
        return exit_codes.OK
    for name, kind, count in counts:
        sys.stdout.write(f"{count:>6}  {kind:<11}  {name}\n")
    return exit_codes.OK


def cmd_timeline(args: argparse.Namespace) -> int:
    from newsreader.analysis.periods import label  # the date patterns: 0.15 s of import the other commands need not

    store = load_store(args.paths, not args.no_cache, args.problems)
    events = store.timeline()
    if args.json:
        records = [
            {
                "value": event.value,
                "text": label(event),
                "kind": event.kind,
                "articles": event.article_ids,
                "sentences": [
                    {"article": m.article_id, "text": store.get(m.article_id).body[m.start : m.end]}
                    for m in event.mentions
                    if event.kind == "event"
                ],
            }
            for event in events
        ]
        write_json(records)
        return exit_codes.OK
    labels = [label(event) for event in events]
    width = max(map(len, labels), default=0)
    for event, written in zip(events, labels, strict=True):
        first = store.get(event.mentions[0].article_id)
        if event.kind == "published":
            sys.stdout.write(f"{written:<{width}}  published   {first.id}  {first.title}\n")
            continue
        count = len(event.article_ids)
        sentence = event.mentions[0].text_in(first.body)
        sys.stdout.write(f"{written:<{width}}  {count} article{'s' if count > 1 else ' '}  {sentence}\n")
    return exit_codes.OK


def cmd_search(args: argparse.Namespace) -> int:
    store = load_store(args.paths, not args.no_cache, args.problems)
    return _print_hits(store, store.search(args.query, limit=max(1, args.limit)), args.json)


def _print_hits(store: DocumentStore, hits: list[Hit], as_json: bool) -> int:
    """A search's hits on stdout, best first; exit 1 when there are none."""
    if as_json:
        records = [{**summary_record(store.get(hit.id)), "score": round(hit.score, 3)} for hit in hits]
        write_json(records)
    else:
        for hit in hits:
            article = store.get(hit.id)
            sys.stdout.write(f"{article.id}  {article.date or 'undated':<10}  {article.title}\n")
    return exit_codes.OK if hits else exit_codes.NOTHING


def stdin_is_piped() -> bool:
    """Standard input is a pipe or a file (`newsreader < feed.xml`): not a terminal, nor /dev/null, nor closed."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def cmd_read(args: argparse.Namespace) -> int:
    # The store is read before stdin becomes the terminal's: the articles may come down it (`-`).
    if args.filter is not None:
        store = load_store(args.paths, not args.no_cache, args.problems)
        return _print_hits(store, store.search(args.filter, limit=max(1, len(store))), as_json=False)
    if args.select_1 or args.exit_0:  # fzf's: decided before the reader opens, on every article
        store = load_store(args.paths, not args.no_cache, args.problems)
        matching = [store.get(hit.id) for hit in store.search(args.query, limit=2)] if args.query else store.articles
        if args.exit_0 and not matching:
            return exit_codes.NOTHING
        if args.select_1 and len(matching) == 1:
            sys.stdout.write(render_many(store, matching, args.print_format))
            return exit_codes.OK
    else:
        store = open_store(args.paths, not args.no_cache, args.problems)
    from tui.launch import run_reader  # Textual is loaded only then: the other commands stay fast

    if STDIN in args.paths or not sys.stdin.isatty():
        # Articles came down a pipe: keys come from the terminal itself, as with fzf.
        try:
            terminal = os.open("/dev/tty", os.O_RDONLY)
        except OSError:
            warn("no terminal to read keys from (the reader needs one)")
            return exit_codes.USAGE
        os.dup2(terminal, sys.stdin.fileno())
        os.close(terminal)

    code = run_reader(
        store, args.print_format, config=args.config, config_problems=args.config_problems, query=args.query or ""
    )
    report_problems_after_exit(store.problems, args.problems)
    return code


def cmd_add(args: argparse.Namespace) -> int:
    from newsreader.feeds.fetch import host_of

    if not host_of(args.url):
        warn(f"not an http:// or https:// address: {args.url}")
        return exit_codes.USAGE
    with Library(warn=warn) as library:
        added = library.add(args.url, name=args.name, full_text=args.full_text or None)
    if added:
        warn(f"subscribed to {args.url}; 'newsreader fetch' fetches it")
    else:
        warn(f"already subscribed to {args.url}; its name and options are updated")
    return exit_codes.OK


def _when(moment: float | None) -> str:
    return datetime.fromtimestamp(moment).strftime("%Y-%m-%d %H:%M") if moment else "never"


def feed_record(feed: Feed) -> dict[str, object]:
    """A subscription as JSON: its addresses, names, options and how its last fetch went."""
    return {
        "url": feed.url,
        "fetch_url": feed.fetch_url,
        "name": feed.name,
        "title": feed.title,
        "folder": list(feed.folder),
        "full_text": feed.full_text,
        "last_fetch": datetime.fromtimestamp(feed.checked).astimezone().isoformat() if feed.checked else None,
        "new_articles": feed.new_articles,
        "articles": feed.articles,
        "error": feed.error,
    }


def cmd_feeds(args: argparse.Namespace) -> int:
    with Library(warn=warn) as library:
        feeds = library.feeds()
    if args.json:
        write_json([feed_record(feed) for feed in feeds])
        return exit_codes.OK
    for feed in feeds:
        new = f"+{feed.new_articles}" if feed.new_articles else ""
        sys.stdout.write(f"{_when(feed.checked):<16}  {new:>5}  {feed.articles:>6}  {feed.label}  <{feed.url}>\n")
        if feed.error:
            sys.stdout.write(f"{'':<16}  error: {feed.error}\n")
    return exit_codes.OK if feeds else exit_codes.NOTHING


def cmd_remove(args: argparse.Namespace) -> int:
    with Library(warn=warn) as library:
        removed = library.remove(args.url)
    if not removed:
        warn(f"not subscribed to {args.url}")
        return exit_codes.NOTHING
    warn(f"unsubscribed from {args.url}; its articles are gone from the library")
    return exit_codes.OK


def cmd_fetch(args: argparse.Namespace) -> int:
    from newsreader.feeds.refresh import refresh

    with Library(warn=warn) as library:
        subscribed = {feed.url for feed in library.feeds()}
        if unknown := [url for url in args.urls if url not in subscribed]:
            warn(f"not subscribed to {', '.join(unknown)} ('newsreader add URL' subscribes)")
            return exit_codes.USAGE
        outcomes = refresh(library, args.urls or None, force=args.force, progress=lambda *done: warn(str(done[2])))
    failed = sum(1 for outcome in outcomes if outcome.error)
    new = sum(outcome.new for outcome in outcomes)
    warn(f"{len(outcomes)} feeds: {new} new articles, {failed} failed")
    return exit_codes.NOTHING if failed else exit_codes.OK


def cmd_opml_export(args: argparse.Namespace) -> int:
    from newsreader.feeds.opml import Outline, write_opml

    with Library(warn=warn) as library:
        feeds = library.feeds()
    sys.stdout.write(write_opml(Outline(f.url, f.name or f.title, f.site_url, f.folder) for f in feeds))
    return exit_codes.OK


def cmd_opml_import(args: argparse.Namespace) -> int:
    from newsreader.feeds.fetch import host_of
    from newsreader.feeds.opml import OpmlError, read_opml

    try:
        outlines = read_opml(sys.stdin.buffer.read() if args.file == STDIN else Path(args.file).read_bytes())
    except OSError as error:
        warn(f"cannot read {args.file}: {error.strerror or error}")
        return exit_codes.USAGE
    except OpmlError as error:
        warn(f"{args.file}: {error}")
        return exit_codes.NOTHING
    if refused := [outline.url for outline in outlines if not host_of(outline.url)]:
        feeds = f"{len(refused)} feed{'s' * (len(refused) != 1)}"
        warn(f"{args.file}: skipped {feeds} whose address is no http:// or https:// one: {refused[0]}")
        outlines = [outline for outline in outlines if outline.url not in refused]
    with Library(warn=warn) as library:
        added = sum(library.add(o.url, name=o.title, folder=o.folder, site_url=o.site_url) for o in outlines)
    warn(f"{args.file}: {len(outlines)} feeds, {added} of them new; 'newsreader fetch' fetches them")
    return exit_codes.OK


def cmd_marks_export(args: argparse.Namespace) -> int:
    store = load_store(args.paths, not args.no_cache, args.problems)
    write_json(export_marks(store.articles, ReadingState(warn=warn)))
    return exit_codes.OK


def cmd_marks_import(args: argparse.Namespace) -> int:
    try:
        document = json.loads(sys.stdin.read() if args.file == STDIN else Path(args.file).read_text(encoding="utf-8"))
        store = load_store(args.paths, not args.no_cache, args.problems)
        found, elsewhere = import_marks(document, store.articles, ReadingState(warn=warn))
    except (OSError, ValueError) as error:  # MarksFileError and JSON's errors are ValueErrors
        warn(f"cannot import marks from {args.file}: {error}")
        return exit_codes.USAGE
    missing = f"; {elsewhere} more in {args.file} are not among these articles" if elsewhere else ""
    warn(f"imported the marks of {found} article{'s' * (found != 1)}{missing}")
    return exit_codes.OK


def cmd_completion(args: argparse.Namespace) -> int:
    import shtab  # only here: it is slow to import, and the other commands stay fast

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return exit_codes.OK


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, what it does, the arguments it takes and the function that runs it, or the
    subcommands of its own one of which runs (`marks export`).

    A new subcommand is a function that adds its arguments, one that runs it, and a row in COMMANDS."""

    name: str
    description: str
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    run: Callable[[argparse.Namespace], int] | None = None
    subcommands: tuple[Command, ...] = ()


OPML_COMMANDS = (
    Command("import", "Subscribe to the feeds of an OPML file.", _opml_import_arguments, cmd_opml_import),
    Command("export", "Print every subscription as OPML.", run=cmd_opml_export),
)
MARKS_COMMANDS = (
    Command("export", "Print the read and starred marks of the articles as JSON.", _paths_argument, cmd_marks_export),
    Command(
        "import",
        "Mark the articles as a file made by 'marks export' says (marks are only added).",
        _marks_import_arguments,
        cmd_marks_import,
    ),
)
COMMANDS = (
    Command(
        "read", "Open the reader (the default: 'newsreader PATH' is 'newsreader read PATH').", _read_arguments, cmd_read
    ),
    Command("list", "One line per article, newest first.", _list_arguments, cmd_list),
    Command("show", "Print one article.", _show_arguments, cmd_show),
    Command(
        "search",
        'Articles for a query, best first: typo-tolerant words, "phrases", '
        "source:NAME, entity:NAME, after:DATE, before:DATE.",
        _search_arguments,
        cmd_search,
    ),
    Command("export", "Every article with all its fields.", _export_arguments, cmd_export),
    Command("entities", "Every entity with the number of articles that mention it.", _entities_arguments, cmd_entities),
    Command(
        "timeline",
        "Dates the articles mention, and their publication dates, in order.",
        _timeline_arguments,
        cmd_timeline,
    ),
    Command("add", "Subscribe to a feed.", _add_arguments, cmd_add),
    Command(
        "feeds",
        "Every subscription: last fetch, new articles, articles, name, address, error.",
        _feeds_arguments,
        cmd_feeds,
    ),
    Command("remove", "Unsubscribe from a feed, dropping its articles.", _remove_arguments, cmd_remove),
    Command(
        "fetch", "Fetch subscribed feeds into the library (each at most once a minute).", _fetch_arguments, cmd_fetch
    ),
    Command("opml", "Import subscriptions from an OPML file, or export them as OPML.", subcommands=OPML_COMMANDS),
    Command("marks", "Move read and starred marks between machines as JSON.", subcommands=MARKS_COMMANDS),
    Command("completion", "Print a shell completion script.", _completion_arguments, cmd_completion),
)
COMMAND_NAMES = frozenset(command.name for command in COMMANDS)
DEFAULT_COMMAND = "read"


class AnyOrderParser(argparse.ArgumentParser):
    """A command's parser that takes its options anywhere among its positionals, as users expect
    (`search QUERY --json PATH`): argparse alone gives a positional's nargs="*" PATHs up as soon as an
    option follows the positional before them, and calls the paths after it unrecognised."""

    _parsing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # Intermixed parsing calls this method again (before Python 3.13), refuses a parser with commands,
        # and takes a "--" for a positional of its own: after "--", whatever starts with "-" was an option
        # again (`search -- -iran`). A command line with "--" keeps argparse's order.
        if self._parsing or self._subparsers is not None or (args is not None and "--" in args):
            return super().parse_known_args(args, namespace)
        self._parsing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._parsing = False


def _version_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command and its arguments: the one parser that parses, completes and makes the man page.
    With `command`, only that command: what parsing its arguments needs, made in a sixth of the time."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read, search and connect news articles in the terminal.",
        epilog="With no command, or with paths, newsreader opens the reader. "
        "In the reader, 'p' prints the article to stdout and exits: newsreader > article.txt",
    )
    _version_argument(parser)
    _add_commands(parser, [c for c in COMMANDS if command in (None, c.name)])
    return parser


def _add_commands(parser: argparse.ArgumentParser, commands: Sequence[Command]) -> None:
    """Give a parser these subcommands, each with --version and its arguments."""
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True, parser_class=AnyOrderParser)
    for command in commands:
        subparser = subparsers.add_parser(command.name, help=command.description, description=command.description)
        _version_argument(subparser)
        if command.arguments:
            command.arguments(subparser)
        if command.subcommands:
            _add_commands(subparser, command.subcommands)
        else:
            subparser.set_defaults(run=command.run)


def _with_command(argv: list[str]) -> list[str]:
    """The arguments with the reader's command put first when they name no command."""
    if argv and (argv[0] in COMMAND_NAMES or argv[0] in ("-h", "--help", "--version")):
        return argv
    return [DEFAULT_COMMAND, *argv]


def _apply_config(args: argparse.Namespace, config: Config, problems: list[str]) -> None:
    """Fill in what the command line left out: for the reader's paths, a pipe on standard input (as fzf
    reads one: `cat feed.xml | newsreader`); else, from the config, its library and its print format.
    The config's problems, said on stderr already, are kept for the reader to show on screen too."""
    args.config, args.config_problems = config, problems
    if "paths" in args and not args.paths:
        piped = args.run is cmd_read and stdin_is_piped()
        args.paths = [STDIN] if piped else [str(folder) for folder in config.library]
    if "print_format" in args and args.print_format is None:
        args.print_format = config.print_format


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    argv = _with_command(argv)
    args = build_parser(argv[0] if argv[0] in COMMAND_NAMES else None).parse_args(argv)
    problems: list[str] = []

    def config_problem(message: str) -> None:
        warn(message)
        problems.append(message)

    _apply_config(args, load_config(warn=config_problem), problems)
    try:
        code = args.run(args)
        sys.stdout.flush()  # what is still buffered is written here, where a failure to write it is heard
        return code
    except MissingPath as error:
        warn(str(error))
        return exit_codes.USAGE
    except LibraryUnavailable as error:
        warn(str(error))
        return exit_codes.NOTHING
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED
    except BrokenPipeError:
        # The reader of our stdout went away (`newsreader export | head`): not an error.
        _stdout_to_nowhere()
        return exit_codes.OK
    except OSError as error:
        if error.filename is not None:  # a file's error, not stdout's: each is named where it is read
            raise
        warn(f"cannot write the output: {error.strerror or error}")  # a full disk, a device gone
        _stdout_to_nowhere()
        return exit_codes.USAGE


def _stdout_to_nowhere() -> None:
    """Send what is left in stdout's buffer to /dev/null: flushed at exit, it would fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def entry_point() -> None:
    sys.exit(main())
