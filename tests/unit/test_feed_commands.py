"""Subscriptions from the command line: add, feeds, fetch, remove, OPML; the library read by every command."""

from __future__ import annotations

import json

from newsreader.cli import main
from tests.feed_server import Reply, rss

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
