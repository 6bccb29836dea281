"""Loaders: every format, every field name, and bad input that is named but never fatal."""

from __future__ import annotations

import json
import os
import random
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader import store as store_module
from newsreader.cli import main
from newsreader.ingest import reading
from newsreader.ingest.decode import decode
from newsreader.ingest.files import MissingPath, discover
from newsreader.ingest.reading import load_file
from newsreader.model import LoadProblem
from newsreader.persist.cache import Cache
from newsreader.store import DocumentStore


def test_json_field_names_of_common_datasets(tmp_path):
    records = [
        {
            "headline": "Storm hits coast",
            "maintext": "A storm hit the coast on Monday.",
            "date_publish": "2021-03-01 10:00:00",
            "source_domain": "example.com",
            "url": "https://example.com/a",
            "authors": ["Ann Lee"],
        },
        {
            "title": "Markets rally",
            "content": "Shares rose.",
            "publishedAt": "2021-03-02T08:00:00Z",
            "source": {"id": None, "name": "Example Wire"},
            "author": "Bo Chan",
        },
        {
            "title": "Feed item",
            "description": "Summary only.",
            "pubDate": "Wed, 03 Mar 2021 09:00:00 GMT",
            "link": "https://x.org/b",
        },
    ]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(records))
    store = DocumentStore.load([path])
    got = {a.title: a for a in store.articles}
    assert got["Storm hits coast"].date == "2021-03-01"
    assert got["Storm hits coast"].source == "example.com"
    assert got["Storm hits coast"].authors == ("Ann Lee",)
    assert got["Markets rally"].source == "Example Wire"
    assert got["Markets rally"].authors == ("Bo Chan",)
    assert got["Feed item"].url == "https://x.org/b"
    assert got["Feed item"].date == "2021-03-03"
    assert [a.title for a in store.articles] == ["Feed item", "Markets rally", "Storm hits coast"]


def test_json_object_and_container(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"title": "One", "text": "Body one."}))
    (tmp_path / "many.json").write_text(json.dumps({"articles": [{"title": "Two", "text": "Body two."}]}))
    assert sorted(a.title for a in DocumentStore.load([tmp_path]).articles) == ["One", "Two"]


@pytest.mark.parametrize("content", ["[]", '{"articles": []}'])
def test_a_json_file_with_an_empty_list_is_named(tmp_path, content):
    path = tmp_path / "empty.json"
    path.write_text(content)
    assert [str(problem) for problem in load_file(path)] == [f"{path}: no articles: its list is empty"]


def test_half_broken_jsonl_keeps_good_lines_and_names_the_bad(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"title": "Good", "text": "Fine."}\n{broken\n[1, 2]\n\n{"title": "Also good", "body": "Yes."}\n')
    problems: list[LoadProblem] = []
    store = DocumentStore.load([path], on_problem=problems.append)
    assert sorted(a.title for a in store.articles) == ["Also good", "Good"]
    assert len(problems) == 1
    assert "mixed.jsonl" in str(problems[0]) and "line 2" in str(problems[0]) and "2 bad entries" in str(problems[0])


def test_folder_of_good_and_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text("A headline\n\nA body sentence.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.md").write_text("# Another headline\n\nMore text here.\n")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "notes.csv").write_text("ignored, not an article format")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot loaded.")
    problems: list[LoadProblem] = []
    store = DocumentStore.load([tmp_path], on_problem=problems.append)
    assert sorted(a.title for a in store.articles) == ["A headline", "Another headline"]
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert reasons == {
        "empty.txt": "empty file",
        "binary.txt": "binary file, not text",
        "bad.json": reasons["bad.json"],
    }
    assert reasons["bad.json"].startswith("invalid JSON")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_named(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Title\n\nBody.")
    path.chmod(0)
    [problem] = list(load_file(path))
    assert isinstance(problem, LoadProblem) and problem.reason.startswith("cannot read")


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(MissingPath, match="no such file or directory"):
        discover([tmp_path / "nope"])


def test_encodings():
    assert decode("Café".encode("utf-8-sig")) == "Café"
    assert decode("Café – “quoted”".encode("cp1252")) == "Café – “quoted”"
    assert decode("Zürich".encode("utf-16")) == "Zürich"
    assert decode(b"line one\r\nline two\rline three") == "line one\nline two\nline three"


def test_json_lines_are_read_a_line_at_a_time_in_any_encoding(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = ['{"title": "Café in Zürich"}', '{"title": "Caf\u00e9 \u2013 cp1252"}', '{"title": "Control\u001b[31m"}']
    path.write_bytes(
        b"\xef\xbb\xbf" + lines[0].encode() + b"\r\n" + lines[1].encode("cp1252") + b"\n" + lines[2].encode()
    )
    assert [r.fields["title"] for r in load_file(path)] == ["Café in Zürich", "Café – cp1252", "Control\x1b[31m"]
    (tmp_path / "wide.jsonl").write_bytes("\n".join(lines).encode("utf-16"))
    assert len(list(load_file(tmp_path / "wide.jsonl"))) == 3
    (tmp_path / "blank.jsonl").write_text("\n  \n")
    assert [str(p) for p in load_file(tmp_path / "blank.jsonl")] == [f"{tmp_path / 'blank.jsonl'}: empty file"]


def test_json_lines_joined_from_files_that_began_with_a_byte_order_mark_all_load(tmp_path):
    # `cat a.jsonl b.jsonl`: b's mark stood at the start of a line, which was then no JSON and skipped.
    one = b"\xef\xbb\xbf" + json.dumps({"title": "First", "text": "One."}).encode() + b"\n"
    two = b"\xef\xbb\xbf" + json.dumps({"title": "Second", "text": "Two."}).encode() + b"\n"
    path = tmp_path / "joined.jsonl"
    path.write_bytes(one + two)
    records = list(load_file(path))
    assert [r.fields["title"] for r in records] == ["First", "Second"]


def test_an_article_found_again_is_listed_once_with_every_path(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Same headline\n\nSame body.\n")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "other.txt").write_text("Other headline\n\nOther body.\n")
    store = DocumentStore.load([tmp_path])
    [same] = [a for a in store.articles if a.title == "Same headline"]
    assert len(store) == 2 and store.get(same.id) == same
    assert sorted(Path(p).name for p in same.source_paths) == ["a.txt", "b.txt", "link.txt"]


def test_ids_depend_on_the_article_alone(tmp_path):
    """Not on a dataset's `id` field, nor on which other files are opened with it."""
    (tmp_path / "a.jsonl").write_text('{"id": "2", "title": "One", "text": "First."}\n')
    (tmp_path / "b.jsonl").write_text('{"id": "2", "title": "Two", "text": "Second."}\n')
    (tmp_path / "c.txt").write_text("One\n\nFirst.\n")
    alone = {a.title: a.id for a in DocumentStore.load([tmp_path / "b.jsonl"]).articles}
    together = DocumentStore.load([tmp_path]).articles
    assert "2" not in {a.id for a in together} and len({a.id for a in together}) == 3
    assert next(a.id for a in together if a.title == "Two") == alone["Two"]


SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".xml", ".html", ".xyz"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_never_raise(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    DocumentStore.load([path])


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=st.text(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_text_never_raises(tmp_path, text, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_text(text, encoding="utf-8")
    for article in DocumentStore.load([path]).articles:
        assert article.title


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(["title", "text", "body", "date", "source", "author", "authors", "url", "id", "x"]),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(value=json_values)
def test_random_json_never_raises(tmp_path, value):
    (tmp_path / "r.json").write_text(json.dumps(value))
    (tmp_path / "r.jsonl").write_text(json.dumps(value) + "\n" + json.dumps(value))
    DocumentStore.load([tmp_path])


def test_deep_json_and_long_lines(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "long.txt").write_text("Headline\n\n" + "word " * 200_000)
    problems: list[LoadProblem] = []
    store = DocumentStore.load([tmp_path], on_problem=problems.append)
    assert [a.title for a in store.articles] == ["Headline"]
    assert [Path(p.path).name for p in problems] == ["deep.json"]


@pytest.mark.parametrize("version", ["1", "1.1"])
def test_json_feed_items_are_articles(tmp_path, version):
    people = {"1": {"author": {"name": "Ann Lee"}}, "1.1": {"authors": [{"name": "Ann Lee"}]}}[version]
    feed = {
        "version": f"https://jsonfeed.org/version/{version}",
        "title": "Example Wire",
        "home_page_url": "https://example.org/",
        "description": "News from the wire.",
        "items": [
            {
                "id": "2",
                "url": "https://example.org/a",
                "title": "Storm hits coast",
                "content_html": "<p>A storm hit the coast.</p><p>Roads &amp; rails closed.</p>",
                "date_published": "2021-03-01T10:00:00Z",
                **people,
            },
            {"id": "5", "content_text": "Markets rallied on Tuesday.", "date_modified": "2021-03-02T08:00:00Z"},
            {"id": "6"},
        ],
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed))
    problems: list[LoadProblem] = []
    store = DocumentStore.load([path], on_problem=problems.append)
    storm, markets = store.articles[1], store.articles[0]
    assert (storm.title, storm.body, storm.date) == (
        "Storm hits coast",
        "A storm hit the coast.\n\nRoads & rails closed.",
        "2021-03-01",
    )
    assert (storm.url, storm.authors, storm.source) == ("https://example.org/a", ("Ann Lee",), "Example Wire")
    assert (markets.body, markets.date) == ("Markets rallied on Tuesday.", "2021-03-02")
    assert [str(p) for p in problems] == [f"{path}: skipped 1 bad entry: item 3: no title or text"]


def test_scraper_records_give_every_field(tmp_path):
    """news-please, newspaper3k/4k and trafilatura's JSON name their fields each their own way."""
    records = [
        {  # newspaper3k / newspaper4k
            "title": "Storm hits coast",
            "text": "A storm hit the coast on Monday.",
            "authors": ["Ann Lee", "Bo Chan"],
            "publish_date": "2021-03-01 10:00:00",
            "top_image": "https://example.com/storm.jpg",
            "meta_site_name": "Example News",
            "meta_description": "A storm.",
            "meta_lang": "en",
            "url": "https://example.com/storm",
        },
        {  # news-please, modified date only
            "title": "Markets rally",
            "maintext": "Shares rose on Tuesday.",
            "date_publish": None,
            "date_modify": "2021-03-02 08:00:00",
            "source_domain": "wire.example.org",
            "language": "en",
            "authors": [],
            "description": "Shares rose.",
        },
        {  # trafilatura: `source` is the page's address, `source-hostname` its outlet
            "title": "Rain returns",
            "raw_text": "Rain returned on Wednesday.",
            "author": "Cy Dow",
            "date": "2021-03-03",
            "source": "https://weather.example.net/rain",
            "source-hostname": "Weather Daily",
            "hostname": "weather.example.net",
            "image": "https://weather.example.net/rain.jpg",
        },
        {"title": "Summary only", "meta_description": "Only a description was scraped.", "language": "en"},
    ]
    path = tmp_path / "scraped.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    got = {a.title: a for a in DocumentStore.load([path]).articles}
    storm, markets, rain = got["Storm hits coast"], got["Markets rally"], got["Rain returns"]
    assert (storm.date, storm.source, storm.authors) == ("2021-03-01", "Example News", ("Ann Lee", "Bo Chan"))
    assert (storm.body, storm.url) == ("A storm hit the coast on Monday.", "https://example.com/storm")
    assert (markets.date, markets.source, markets.body) == ("2021-03-02", "wire.example.org", "Shares rose on Tuesday.")
    assert (rain.date, rain.source, rain.url) == ("2021-03-03", "Weather Daily", "https://weather.example.net/rain")
    assert (rain.body, rain.authors) == ("Rain returned on Wednesday.", ("Cy Dow",))
    assert got["Summary only"].body == "Only a description was scraped."


def test_links_and_folders_that_cannot_be_reached_are_named(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text("A headline\n\nA body sentence.\n")
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text("Never seen\n\nText.\n")
    scandir = os.scandir

    def refuse_locked(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)  # as for a folder without read permission (root reads all)
    problems: list[LoadProblem] = []
    store = DocumentStore.load([tmp_path], on_problem=problems.append)
    assert [a.title for a in store.articles] == ["A headline"]
    assert {Path(p.path).name: p.reason for p in problems} == {
        "gone.txt": "a symbolic link to nothing",
        "locked": "cannot read: permission denied",
        "loop-a.txt": "a symbolic link loop",
        "loop-b.txt": "a symbolic link loop",
    }
    with pytest.raises(MissingPath, match=r"a symbolic link loop: .*loop-a\.txt"):
        discover([tmp_path / "loop-a.txt"])


def test_a_feed_of_empty_entries_says_so(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text('<rss version="2.0"><channel><title>T</title><item><link>x</link></item><item/></channel></rss>')
    problems: list[LoadProblem] = []
    assert not DocumentStore.load([path], on_problem=problems.append).articles
    assert [p.reason for p in problems] == ["the feed's 2 entries are all empty (no title, no text)"]


def test_what_is_not_a_regular_file_is_skipped_with_a_message(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would wait forever for a writer
    good = tmp_path / "good.txt"
    good.write_text("Good headline\n\nBody.\n")
    assert main(["list", "--no-cache", str(fifo), "/dev/zero", str(good)]) == 0
    out, err = capsys.readouterr()
    assert "Good headline" in out
    assert f"{fifo}: not a regular file" in err and "/dev/zero: not a regular file" in err


def test_what_is_not_a_regular_file_inside_a_folder_is_named_and_the_rest_loads(tmp_path, capsys):
    # They were passed over without a word: the user saw an article missing and no reason.
    os.mkfifo(tmp_path / "pipe.json")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tmp_path / "socket.txt"))
        (tmp_path / "device.txt").symlink_to("/dev/zero")
        (tmp_path / "good.txt").write_text("Good headline\n\nBody.\n")
        (tmp_path / "other.sock").symlink_to("/dev/zero")  # no article's suffix: not an article file
        assert main(["list", "--no-cache", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "Good headline" in out
    assert err.splitlines() == [
        f"newsreader: skipped {tmp_path / name}: not a regular file (a pipe, a device or a socket)"
        for name in ("device.txt", "pipe.json", "socket.txt")
    ]


def test_binary_bytes_without_a_nul_are_named_as_not_text(tmp_path):
    path = tmp_path / "noise.txt"
    noise = random.Random(15)
    path.write_bytes(bytes(noise.randrange(1, 256) for _ in range(3000)))
    assert [str(p) for p in load_file(path)] == [f"{path}: binary file, not text"]


def test_a_file_that_vanishes_or_empties_while_the_load_goes_on_is_named_and_the_rest_loads(tmp_path, monkeypatch):
    # Files removed while a big folder loaded ended the load in a FileNotFoundError traceback: one gone
    # between being found and its cache key, one gone between being read and its cache entry.
    for name in ("gone-before.txt", "gone-after.txt", "emptied.txt", "kept.txt"):
        (tmp_path / name).write_text(f"Headline of {name}\n\nBody.\n")
    real_discover, real_load_file = store_module.discover, reading.load_file

    def found_then_gone(paths):
        found = real_discover(paths)
        (tmp_path / "gone-before.txt").unlink()
        (tmp_path / "emptied.txt").write_text("")
        return found

    def read_then_gone(path, status=None):
        yield from real_load_file(path, status)
        if path.name == "gone-after.txt":
            path.unlink()

    monkeypatch.setattr(store_module, "discover", found_then_gone)
    monkeypatch.setattr(reading, "load_file", read_then_gone)
    store = DocumentStore.load([tmp_path], cache=Cache())
    assert sorted(a.title for a in store.articles) == ["Headline of gone-after.txt", "Headline of kept.txt"]
    # The run's body file in the cache stays open for the files after the one gone: their bodies are on disk.
    assert not any(isinstance(a.stored_body, str) for a in store.articles)
    assert sorted((Path(p.path).name, p.reason) for p in store.problems) == [
        ("emptied.txt", "empty file"),
        ("gone-before.txt", "no such file or directory"),
    ]


def test_a_file_that_grew_or_shrank_since_its_status_was_read_is_read_whole(tmp_path):
    path, other = tmp_path / "story.txt", tmp_path / "other.txt"
    path.write_text("Harbour reopens\n\nThe ferry ran again on Monday after the storm.\n" * 3)
    for size in (1, 100_000):  # the status of a file far shorter, then far longer
        other.write_text("x" * size)
        [record] = load_file(path, os.stat(other))
        assert record.text == path.read_text()


def test_a_file_gone_before_it_is_read_is_said_to_be_gone_not_to_be_a_pipe(tmp_path):
    assert [str(p) for p in load_file(tmp_path / "gone.txt")] == [f"{tmp_path / 'gone.txt'}: no such file or directory"]
