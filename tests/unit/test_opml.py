"""OPML: subscriptions in and out without losing a title, an address or a folder, and no entity expanded."""

from __future__ import annotations

import pytest

from newsreader.feeds.library import Library
from newsreader.feeds.opml import OpmlError, Outline, read_opml, write_opml

FOLDERS = [(), ("News",), ("News", "World & Politics"), ("Tech",), ("Tech", "Rust <3"), ("Müsli",)]


def many_feeds(count: int) -> list[Outline]:
    return [
        Outline(
            url=f"https://feeds{i % 7}.example/{i}/rss?a=1&b={i}",
            title=f'Feed «{i}» & "friends" <{i % 3}>' if i % 5 else None,
            site_url=f"https://site{i}.example/" if i % 2 else None,
            folder=FOLDERS[i % len(FOLDERS)],
        )
        for i in range(count)
    ]


def test_a_200_feed_file_survives_import_and_export(tmp_path):
    feeds = many_feeds(200)
    with Library(tmp_path / "library.sqlite3") as library:
        for outline in read_opml(write_opml(feeds).encode()):
            library.add(outline.url, name=outline.title, folder=outline.folder, site_url=outline.site_url)
        exported = write_opml(Outline(f.url, f.name, f.site_url, f.folder) for f in library.feeds())
    assert sorted(read_opml(exported.encode())) == sorted(feeds)


def test_folders_and_titles_from_another_reader():
    document = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="Loose" type="rss" xmlUrl="http://a.example/feed"/>
  <outline text="Blogs"><outline text="Deep"><outline title="B" text="b" xmlUrl="http://b.example/rss"
    htmlUrl="http://b.example/"/></outline></outline>
</body></opml>"""
    assert read_opml(document) == [
        Outline("http://a.example/feed", "Loose"),
        Outline("http://b.example/rss", "B", "http://b.example/", ("Blogs", "Deep")),
    ]


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<opml><body><outline text="&b;" xmlUrl="http://x/"/></body></opml>',
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b'<opml><body><outline text="&secret;" xmlUrl="http://x/"/></body></opml>',
    ],
    ids=["entity expansion", "external entity"],
)
def test_entities_are_refused_not_expanded(document):
    with pytest.raises(OpmlError, match="entities"):
        read_opml(document)


@pytest.mark.parametrize(
    ("document", "reason"),
    [(b"<opml><body><outline", "not well-formed"), (b"<rss><channel/></rss>", "not an OPML document")],
)
def test_what_is_not_opml_is_named(document, reason):
    with pytest.raises(OpmlError, match=reason):
        read_opml(document)
