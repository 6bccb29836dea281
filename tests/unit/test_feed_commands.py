"""Subscriptions from the command line: add, feeds, fetch, remove, OPML; the library read by every command."""

from __future__ import annotations

import json
import os
from pathlib import Path

from newsreader.cli import main
from newsreader.feeds.library import EntryKey, Library, library_path
from newsreader.model import Record
from tests.feed_server import Reply, rss
from tests.unit.test_terminal_safety import UNSAFE_OUTPUT

FEED = rss(
    "Local news",
    [("http://127.0.0.1/a", "Harbour reopens", "Ships sail again."), ("http://127.0.0.1/b", "Fog", "Grey.")],
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_subscribe_fetch_and_read_the_library(capsys, feed_server):
    url = feed_server.serve("/news.xml", Reply(body=FEED))
    assert run(capsys, "add", url, "--name", "Harbour Gazette")[0] == 0
    code, _, err = run(capsys, "fetch")
    assert code == 0 and f"{url}: 2 new" in err and "2 new articles, 0 failed" in err
    code, out, _ = run(capsys, "list")  # no path: the library, not the seeds
    assert code == 0 and "Harbour reopens" in out and len(out.splitlines()) == 2
    code, out, _ = run(capsys, "feeds")
    assert code == 0 and "+2" in out and "Harbour Gazette" in out and url in out
    listed = json.loads(run(capsys, "export", "--format", "json")[1])
    assert {article["source_path"] for article in listed} == {url}
    assert "less than a minute ago" in run(capsys, "fetch")[2]


def test_a_failing_feed_is_shown_with_its_error_and_fetch_says_so(capsys, feed_server):
    good = feed_server.serve("/news.xml", Reply(body=FEED))
    gone = feed_server.url("/gone.xml")
    run(capsys, "add", good)
    run(capsys, "add", gone)
    code, _, err = run(capsys, "fetch")
    assert code == 1 and f"{gone}: HTTP 404 Not Found" in err and "Traceback" not in err
    out = run(capsys, "feeds")[1]
    assert "error: HTTP 404 Not Found" in out
    assert json.loads(run(capsys, "feeds", "--json")[1])[1]["error"] == "HTTP 404 Not Found"


def test_usage_mistakes(capsys, feed_server):
    assert run(capsys, "add", "ftp://example.org/feed")[0] == 2
    assert run(capsys, "fetch", feed_server.url("/unknown.xml"))[0] == 2
    assert run(capsys, "remove", feed_server.url("/unknown.xml"))[0] == 1


def test_removing_a_feed_leaves_the_seeds(capsys, feed_server):
    url = feed_server.serve("/news.xml", Reply(body=FEED))
    run(capsys, "add", url)
    run(capsys, "fetch")
    assert run(capsys, "remove", url)[0] == 0
    assert len(run(capsys, "list")[1].splitlines()) == 5  # an empty library: the seeds again


def test_opml_import_and_export(capsys, tmp_path):
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="World"><outline text="Wire" xmlUrl="http://127.0.0.1:9/w.xml"/>'
        '</outline><outline text="Loose" xmlUrl="http://127.0.0.1:9/l.xml"/></body></opml>'
    )
    code, _, err = run(capsys, "opml", "import", str(opml))
    assert code == 0 and "2 feeds, 2 of them new" in err
    assert "2 feeds, 0 of them new" in run(capsys, "opml", "import", str(opml))[2]
    code, out, _ = run(capsys, "opml", "export")
    assert code == 0 and '<outline text="World" title="World">' in out and 'xmlUrl="http://127.0.0.1:9/l.xml"' in out
    bad = tmp_path / "bad.opml"
    bad.write_text('<!DOCTYPE x [<!ENTITY e "e">]><opml><body/></opml>')
    assert run(capsys, "opml", "import", str(bad))[0] == 1


def test_what_a_feed_its_server_or_an_opml_file_says_is_printed_clean(capsys, feed_server, tmp_path):
    hostile = "\x1b]0;pwned\x07\u202e\x1b[2J"
    feed_server.serve("/news.xml", Reply(body=rss(f"Wire {hostile}", [("http://127.0.0.1/a", "Harbour", "Ships.")])))

    def broken(request):
        request.responses = {500: ("Broken \x1b]0;pwned\x07\x9b2J", "")}  # the reason phrase, as the server says it
        return Reply(500)

    feed_server.serve("/broken.xml", broken)
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        f'<opml version="2.0"><body><outline text="Folder \u202e\x85"><outline text="Named \u2066\x9b"'
        f' xmlUrl="{feed_server.url("/news.xml")}"/><outline text="Broken" xmlUrl="{feed_server.url("/broken.xml")}"/>'
        f'<outline text="Turned" xmlUrl="{feed_server.url("/turned.xml")}‮"/></outline></body></opml>'
    )
    code, _, printed = run(capsys, "opml", "import", str(opml))
    assert code == 0 and "skipped 1 feed whose address" in printed and "2 feeds, 2 of them new" in printed
    printed += run(capsys, "fetch")[2]
    printed += "".join(run(capsys, *command)[1] for command in (["feeds"], ["feeds", "--json"], ["opml", "export"]))
    run(capsys, "remove", feed_server.url("/news.xml"))  # the feed's own title is shown once it has no name
    run(capsys, "add", feed_server.url("/news.xml"))
    run(capsys, "fetch", "--force")
    printed += run(capsys, "feeds")[1]
    assert "Wire" in printed and "Named" in printed and "Broken" in printed
    assert not UNSAFE_OUTPUT.search(printed)


def test_a_damaged_library_is_named_not_passed_over_for_the_seeds(capsys, feed_server, tmp_path):
    url = feed_server.serve("/news.xml", Reply(body=FEED))
    run(capsys, "add", url)
    run(capsys, "fetch")
    library = library_path()
    library.write_bytes(library.read_bytes()[:4096])  # cut short: a full disk, a copy stopped half way
    code, out, err = run(capsys, "list")
    assert code == 0 and f"{library}: damaged (database disk image is malformed); kept as " in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "Harbour" not in out and "Lavrov" not in out  # neither half an answer nor the seeds in its place


def a_library(feeds: int = 300, entries: int = 20) -> Path:
    """The user's library with feeds subscribed (every tenth with entries fetched), its file on disk whole."""
    with Library() as library:
        for number in range(feeds):
            library.add(f"http://127.0.0.1:9/{number}.xml", name=f"Feed {number}", folder=["News"])
        for number in range(0, feeds, 10):
            records = [
                Record(
                    f"{number}", f"Story {number} {n}. " * 80, json.dumps({"id": f"{number}-{n}"}), {"title": f"T{n}"}
                )
                for n in range(entries)
            ]
            library.store(f"http://127.0.0.1:9/{number}.xml", [(EntryKey.of(r), r) for r in records])
    return library.path


def test_a_library_cut_short_gives_back_the_subscriptions_and_articles_it_still_holds(capsys):
    # A library cut short (a full disk, a copy stopped half way) could not be opened: every subscription was
    # out of reach of the tool ("cannot open the library"), as the marks had been.
    path = a_library()
    os.truncate(path, path.stat().st_size // 2)
    code, out, err = run(capsys, "feeds")
    (said,) = err.splitlines()
    assert code == 0 and f"the library {path} was damaged (database disk image is malformed); kept as " in said
    assert ", and the 300 subscriptions and " in said and len(out.splitlines()) == 300
    backup = path.with_name(said.split("kept as ")[1].split(",")[0])
    assert backup.is_file() and backup.name.startswith("library.sqlite3.corrupt-")
    kept = int(said.split("subscriptions and ")[1].split(" ")[0])
    assert 0 < kept < 600 and len(run(capsys, "list")[1].splitlines()) == kept
    assert run(capsys, "opml", "export")[1].count("<outline ") == 301  # a folder and its feeds


def test_a_library_found_damaged_while_read_is_mended_by_the_reading_command(capsys):
    path = a_library()
    damaged = bytearray(path.read_bytes())
    for page in (60, 120):  # pages of entries, overwritten
        damaged[(page - 1) * 4096 + 8 : page * 4096] = b"\xa5" * 4088
    path.write_bytes(damaged)
    code, out, err = run(capsys, "list")
    (said,) = err.splitlines()
    assert code == 0 and said.startswith(f"newsreader: skipped {path}: damaged (database disk image is malformed)")
    kept = int(said.split("subscriptions and ")[1].split(" ")[0])
    assert 500 < kept < 600 and len(out.splitlines()) == kept and "300 subscriptions" in said
    code, out, err = run(capsys, "feeds")
    assert code == 0 and err == "" and len(out.splitlines()) == 300
    assert run(capsys, "add", "http://127.0.0.1:9/new.xml")[0] == 0
