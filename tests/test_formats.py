"""Feeds, web pages, front matter and stdin; article text that is data, never instructions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.app import NewsReader
from tui.loaders.html_text import html_to_text
from tui.loaders.text import front_matter
from tui.model import LoadProblem
from tui.store import DocumentStore
from tui.widgets.reader import ArticleView

from .conftest import FEEDS

needs_feeds = pytest.mark.skipif(not FEEDS.is_dir(), reason="../shared/corpora/feeds is not here")

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Storm &amp; floods</title><link>https://example.org/a</link>
<pubDate>Tue, 30 Jan 2018 16:14:05 -0500</pubDate>
<description>&lt;p&gt;LONDON (Example Wire) - Rain fell.&lt;/p&gt;&lt;p&gt;Rivers rose.&lt;/p&gt;</description></item>
<item><title>Quiet day</title><pubDate>Wed, 31 Jan 2018 09:00:00 GMT</pubDate>
<description>Nothing happened.</description></item>
</channel></rss>"""


@needs_feeds
def test_reuters_feed_is_ten_dated_reuters_articles():
    store = DocumentStore.load([FEEDS / "reuters-world-2018-01-30.xml"])
    assert len(store) == 10 and not store.problems
    assert {a.source for a in store.articles} == {"Reuters"}
    assert all(a.date == "2018-01-30" and a.url for a in store.articles)
    first = next(a for a in store.articles if a.title.startswith("U.S. general says North Korea"))
    assert first.dateline == "Washington" and first.body.startswith("North Korea's nuclear program")


@needs_feeds
def test_broken_feeds_get_a_clear_word():
    problems: list[LoadProblem] = []
    store = DocumentStore.load([FEEDS], on_problem=problems.append)
    assert sorted(Path(p.path).name for p in problems) == ["rssv2-invalid-format.xml", "rssv2-invalid-no-channel.xml"]
    assert all("not an RSS or Atom feed" in p.reason for p in problems)
    assert len(store) > 10


def test_feed_entries_become_articles(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS)
    store = DocumentStore.load([path])
    storm = next(a for a in store.articles if a.title == "Storm & floods")
    assert (storm.source, storm.dateline, storm.date, storm.url) == ("Example Wire", "London", "2018-01-30", "https://example.org/a")
    assert storm.body == "Rain fell.\n\nRivers rose."
    quiet = next(a for a in store.articles if a.title == "Quiet day")
    assert quiet.source == "Example Wire"  # no dateline: the feed's title


def test_feeds_expand_no_external_entities(tmp_path):
    path = tmp_path / "evil.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<rss version=\"2.0\"><channel><title>Evil</title><item><title>Entity</title>"
        "<description>Before &xxe; after</description></item></channel></rss>"
    )
    [article] = DocumentStore.load([path]).articles
    assert "root:" not in article.body


def test_saved_web_page(tmp_path):
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>Paragraph {i} of the report on the harbour, with enough words to count as text.</p>" for i in range(8))
    page.write_text(
        "<html><head><title>Harbour reopens | Example News</title>"
        '<meta property="article:published_time" content="2021-05-04T10:00:00Z">'
        '<meta name="author" content="Ann Lee"><meta property="og:site_name" content="Example News"></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>Harbour reopens</h1>{paragraphs}</article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    [article] = DocumentStore.load([page]).articles
    assert article.title.startswith("Harbour reopens") and article.date == "2021-05-04"
    assert article.source == "Example News" and article.authors == ("Ann Lee",)
    assert "Paragraph 7 of the report" in article.body and "Home | World" not in article.body


def test_markdown_front_matter(tmp_path):
    path = tmp_path / "note.md"
    path.write_text('---\ntitle: "Budget day"\ndate: 2005-03-16\nsource: BBC News\nurl: https://bbc.co.uk/x\n---\n\nThe chancellor spoke.\n')
    [article] = DocumentStore.load([path]).articles
    assert (article.title, article.date, article.source, article.url) == ("Budget day", "2005-03-16", "BBC News", "https://bbc.co.uk/x")
    assert article.body == "The chancellor spoke."
    assert front_matter("No front matter here") == ({}, "No front matter here")


def test_html_fragments_to_text():
    assert html_to_text("<p>One &amp; two</p><script>x()</script><ul><li>a</li><li>b</li></ul>") == "One & two\n\na\n\nb"


@pytest.mark.parametrize("feed", [False, True])
def test_stdin(tmp_path, feed):
    data = RSS if feed else json.dumps({"title": "From a pipe", "text": "Piped body."}) + "\n"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", "-"], input=data, capture_output=True, text=True, cwd=tmp_path
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and result.stderr == ""
    assert {r["source_path"] for r in records} == {"<stdin>"}
    assert {r["title"] for r in records} == ({"Storm & floods", "Quiet day"} if feed else {"From a pipe"})


def test_control_characters_never_reach_the_output(tmp_path, capsys):
    from tui.cli import main

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "Red \u001b[31malert", "text": "Bell \u0007 and \u009b CSI."}) + "\n")
    assert main(["export", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    record = json.loads(out)
    assert record["title"] == "Red [31malert"


async def test_markup_in_articles_shows_literally(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "[bold red]x[/] [@click=app.quit]quit[/]", "text": "Body [link=https://e.org]l[/link] [@click=app.quit]q[/]."}))
    app = NewsReader(DocumentStore.load([path]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.click(ArticleView, offset=(3, 1))
        await pilot.pause()
        shown = app.reader.text.plain
        assert "[bold red]x[/] [@click=app.quit]quit[/]" in shown and "[@click=app.quit]q[/]" in shown
        assert app.is_running


async def test_a_50_mb_article_opens(tmp_path):
    body = "\n\n".join(f"Paragraph {i} of a very long report, with some words in it." for i in range(800_000))
    path = tmp_path / "huge.json"
    path.write_text(json.dumps({"title": "Huge", "text": body}))
    store = DocumentStore.load([path])
    assert len(store.articles[0].body) > 50_000_000
    app = NewsReader(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "space", "G")
        await pilot.pause()
        shown = app.reader.text.plain
        assert "more characters are not shown here: p prints the whole article" in shown
        await pilot.press("p")
    assert app.return_value.count("Paragraph") == 800_000
