"""Input formats: feed entries, saved pages, Markdown front matter and HTML fragments as clean articles."""

from __future__ import annotations

import json

from newsreader.ingest.html_text import html_to_text
from newsreader.ingest.text import front_matter
from newsreader.store import DocumentStore
from tests.conftest import WIRE_RSS


def test_feed_entries_become_articles(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(WIRE_RSS)
    store = DocumentStore.load([path])
    storm = next(a for a in store.articles if a.title == "Storm & floods")
    assert (storm.source, storm.dateline, storm.date, storm.url) == (
        "Example Wire",
        "London",
        "2018-01-30",
        "https://example.org/a",
    )
    assert storm.body == "Rain fell.\n\nRivers rose."
    quiet = next(a for a in store.articles if a.title == "Quiet day")
    assert quiet.source == "Example Wire"  # no dateline: the feed's title


def test_feeds_expand_no_external_entities(tmp_path):
    path = tmp_path / "evil.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>Evil</title><item><title>Entity</title>'
        "<description>Before &xxe; after</description></item></channel></rss>"
    )
    [article] = DocumentStore.load([path]).articles
    assert "root:" not in article.body


def test_saved_web_page(tmp_path):
    page = tmp_path / "page.html"
    paragraphs = "".join(
        f"<p>Paragraph {i} of the report on the harbour, with enough words to count as text.</p>" for i in range(8)
    )
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
    path.write_text(
        '---\ntitle: "Budget day"\ndate: 2005-03-16\nsource: BBC News\nurl: https://bbc.co.uk/x\n---\n\n'
        "The chancellor spoke.\n"
    )
    [article] = DocumentStore.load([path]).articles
    assert (article.title, article.date, article.source, article.url) == (
        "Budget day",
        "2005-03-16",
        "BBC News",
        "https://bbc.co.uk/x",
    )
    assert article.body == "The chancellor spoke."
    assert front_matter("No front matter here") == ({}, "No front matter here")


def test_html_fragments_to_text():
    assert (
        html_to_text("<p>One &amp; two</p><script>x()</script><ul><li>a</li><li>b</li></ul>") == "One & two\n\na\n\nb"
    )


def test_control_characters_never_reach_the_output(tmp_path, capsys):
    from newsreader.cli import main

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "Red \u001b[31malert", "text": "Bell \u0007 and \u009b CSI."}) + "\n")
    assert main(["export", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    record = json.loads(out)
    assert record["title"] == "Red [31malert"
