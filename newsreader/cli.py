"""The `newsreader` command: the reader, and the `list`, `show` and `export` subcommands.

stdout carries data only; messages go to stderr. Textual is imported only to open the reader.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence

from newsreader import __version__
from newsreader.ingest.files import STDIN, MissingPath
from newsreader.model import ENTITY_TYPES, LoadProblem
from newsreader.persist.cache import Cache
from newsreader.persist.state import ReadingState
from newsreader.render import FORMATS, article_record, render, summary_record
from newsreader.store import DocumentStore, UnknownArticle

EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
PROG = "newsreader"
FIRST_FRAME_WAIT = 0.05  # seconds of loading before the reader first draws; the rest loads on screen


def warn(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def write_json(value: object) -> None:
    """JSON on stdout, indented, non-ASCII kept."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def report_problem(problem: LoadProblem) -> None:
    warn(f"skipped {problem}")


def _paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache", action="store_true", help="load and analyse afresh, without reading or writing the cache"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or folders, or - for standard input (default: the bundled seed articles)",
    )


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read, search and connect news articles in the terminal.",
        epilog="commands: list, show, search, export, entities, timeline (see 'newsreader COMMAND --help'). "
        "In the reader, 'p' prints the article to stdout and exits: newsreader > article.txt",
    )
    _paths_argument(parser)
    parser.add_argument(
        "--print-format", choices=FORMATS, default="text", help="how 'p' prints articles (default: text)"
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def _command_parsers() -> dict[str, argparse.ArgumentParser]:
    listing = argparse.ArgumentParser(prog=f"{PROG} list", description="One line per article, newest first.")
    _paths_argument(listing)
    listing.add_argument("--json", action="store_true", help="a JSON array of article metadata")
    marks = listing.add_mutually_exclusive_group()
    marks.add_argument("--unread", action="store_true", help="only articles not yet read")
    marks.add_argument("--starred", action="store_true", help="only starred articles")

    show = argparse.ArgumentParser(prog=f"{PROG} show", description="Print one article.")
    show.add_argument("id", metavar="ID", help="an article id, or a unique start of one")
    _paths_argument(show)
    show.add_argument("--format", choices=FORMATS, default="text")

    export = argparse.ArgumentParser(prog=f"{PROG} export", description="Every article with all its fields.")
    _paths_argument(export)
    export.add_argument("--format", choices=("jsonl", "json"), default="jsonl")

    entities = argparse.ArgumentParser(
        prog=f"{PROG} entities", description="Every entity with the number of articles that mention it."
    )
    _paths_argument(entities)
    entities.add_argument("--type", choices=ENTITY_TYPES, help="only entities of this type")
    entities.add_argument("--json", action="store_true", help="a JSON array of {name, type, articles}")

    timeline = argparse.ArgumentParser(
        prog=f"{PROG} timeline", description="Dates the articles mention, and their publication dates, in order."
    )
    _paths_argument(timeline)
    timeline.add_argument("--json", action="store_true", help="a JSON array of events")

    search = argparse.ArgumentParser(
        prog=f"{PROG} search",
        description='Articles for a query, best first: typo-tolerant words, "phrases", '
        "source:NAME, entity:NAME, after:DATE, before:DATE.",
    )
    search.add_argument("query", metavar="QUERY")
    _paths_argument(search)
    search.add_argument("--limit", type=int, default=20, help="at most this many hits (default 20)")
    search.add_argument("--json", action="store_true", help="a JSON array of hits")
    return {
        "list": listing,
        "show": show,
        "export": export,
        "entities": entities,
        "timeline": timeline,
        "search": search,
    }


def load_store(paths: Sequence[str], use_cache: bool = True) -> DocumentStore:
    """The store for the given paths (none: the seeds), naming each skipped file on stderr."""
    return DocumentStore.load(paths or None, on_problem=report_problem, cache=Cache(warn=warn, enabled=use_cache))


def open_store(paths: Sequence[str], use_cache: bool = True) -> DocumentStore:
    """The store for the reader: loaded for at most `FIRST_FRAME_WAIT` seconds, the rest while it is
    on screen (which names the files it skipped)."""
    store = DocumentStore.open(paths or None, cache=Cache(warn=warn, enabled=use_cache))
    store.load_batches(seconds=FIRST_FRAME_WAIT)
    return store


def cmd_list(store: DocumentStore, args: argparse.Namespace) -> int:
    state = ReadingState(warn=warn)
    articles = [
        a
        for a in store.articles
        if not (args.unread and state.is_read(a)) and not (args.starred and not state.is_starred(a))
    ]
    if args.json:
        records = [{**summary_record(a), "read": state.is_read(a), "starred": state.is_starred(a)} for a in articles]
        write_json(records)
        return EXIT_OK
    for article in articles:
        source = (article.source or "-")[:20]
        star = "★" if state.is_starred(article) else " "
        sys.stdout.write(f"{article.id} {star} {article.date or 'undated':<10}  {source:<20}  {article.title}\n")
    return EXIT_OK


def cmd_show(store: DocumentStore, args: argparse.Namespace) -> int:
    try:
        article = store.get(args.id)
    except UnknownArticle as error:
        warn(str(error))
        return EXIT_NOTHING
    sys.stdout.write(render(store, article, args.format))
    return EXIT_OK


def cmd_export(store: DocumentStore, args: argparse.Namespace) -> int:
    records = (article_record(article, store.entities(article)) for article in store.articles)
    if args.format == "json":
        write_json(list(records))
    else:
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_entities(store: DocumentStore, args: argparse.Namespace) -> int:
    counts = store.entity_counts(args.type)
    if args.json:
        records = [{"name": name, "type": kind, "articles": count} for name, kind, count in counts]
        write_json(records)
        return EXIT_OK
    for name, kind, count in counts:
        sys.stdout.write(f"{count:>6}  {kind:<11}  {name}\n")
    return EXIT_OK


def cmd_timeline(store: DocumentStore, args: argparse.Namespace) -> int:
    events = store.timeline()
    if args.json:
        records = [
            {
                "value": event.value,
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
        return EXIT_OK
    for event in events:
        first = store.get(event.mentions[0].article_id)
        if event.kind == "published":
            sys.stdout.write(f"{event.value:<12}  published   {first.id}  {first.title}\n")
            continue
        count = len(event.article_ids)
        sentence = event.mentions[0].text_in(first.body)
        sys.stdout.write(f"{event.value:<12}  {count} article{'s' if count > 1 else ' '}  {sentence}\n")
    return EXIT_OK


def cmd_search(store: DocumentStore, args: argparse.Namespace) -> int:
    hits = store.search(args.query, limit=max(1, args.limit))
    if args.json:
        records = [{**summary_record(store.get(hit.id)), "score": round(hit.score, 3)} for hit in hits]
        write_json(records)
    else:
        for hit in hits:
            article = store.get(hit.id)
            sys.stdout.write(f"{article.id}  {article.date or 'undated':<10}  {article.title}\n")
    return EXIT_OK if hits else EXIT_NOTHING


def cmd_read(store: DocumentStore, args: argparse.Namespace) -> int:
    # Importing Textual and drawing the first frame make many objects that live as long as the
    # reader: the garbage collector's passes over them meanwhile (about 12 ms) would only delay
    # that frame. The reader freezes them and turns the collector back on once it is drawn.
    gc.disable()
    from tui.app import run_reader  # Textual is loaded only here: the other commands stay fast

    if STDIN in args.paths or not sys.stdin.isatty():
        # Articles came down a pipe: keys come from the terminal itself, as with fzf.
        try:
            terminal = os.open("/dev/tty", os.O_RDONLY)
        except OSError:
            warn("no terminal to read keys from (the reader needs one)")
            return EXIT_USAGE
        os.dup2(terminal, sys.stdin.fileno())
        os.close(terminal)

    return run_reader(store, print_format=args.print_format)


COMMANDS: dict[str, Callable[[DocumentStore, argparse.Namespace], int]] = {
    "list": cmd_list,
    "show": cmd_show,
    "export": cmd_export,
    "entities": cmd_entities,
    "timeline": cmd_timeline,
    "search": cmd_search,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        name = argv.pop(0)
        args = _command_parsers()[name].parse_args(argv)
        command = COMMANDS[name]
    else:
        args = _reader_parser().parse_args(argv)
        command = cmd_read
    try:
        opened = open_store if command is cmd_read else load_store
        return command(opened(args.paths, use_cache=not args.no_cache), args)
    except MissingPath as error:
        warn(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our stdout went away (`newsreader export | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def entry_point() -> None:
    sys.exit(main())
