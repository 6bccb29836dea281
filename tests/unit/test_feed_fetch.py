"""Fetching feeds from a real local server: each fault a user's feeds meet ends as a clear per-feed error."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from newsreader import __version__
from newsreader.feeds.fetch import FetchSettings
from newsreader.feeds.library import Library
from newsreader.feeds.refresh import refresh
from tests.conftest import FEEDS, needs_feeds
from tests.feed_server import Reply, gzipped, rss

# Quick retries; a timeout that a local server answering at once meets on a loaded machine (0.3 s did not, once).
FAST = FetchSettings(timeout=5, total=10, backoff=0.01, retries=2)
STALL_TIMEOUT = FetchSettings(timeout=0.3, total=5, backoff=0.01, retries=2)  # for a server that never answers
FEED = rss("Local news", [("http://127.0.0.1/a", "First story", "Text one."), ("http://127.0.0.1/b", "Second", "Two.")])


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "library.sqlite3") as library:
        yield library


def fetch(library: Library, url: str, settings: FetchSettings = FAST, **options):
    """Subscribe to one address and fetch it (forced), returning its outcome."""
    library.add(url, **options)
    return refresh(library, [url], force=True, settings=settings)[0]


def test_not_found_is_the_feeds_error_and_is_not_retried(library, feed_server):
    url = feed_server.url("/gone.xml")
    outcome = fetch(library, url)
    assert outcome.error == "HTTP 404 Not Found" and library.feed(url).error == "HTTP 404 Not Found"
    assert len(feed_server.requests_to("/gone.xml")) == 1


def test_server_error_then_success_is_retried(library, feed_server):
    answers = iter([Reply(500, b"busy"), Reply(body=FEED)])
    url = feed_server.serve("/flaky.xml", lambda _request: next(answers))
    outcome = fetch(library, url)
    assert outcome.error is None and outcome.new == 2
    assert len(feed_server.requests_to("/flaky.xml")) == 2


def test_a_server_that_keeps_failing_is_tried_a_few_times_then_named(library, feed_server):
    url = feed_server.serve("/down.xml", Reply(503, b"down"))
    outcome = fetch(library, url)
    assert outcome.error == "HTTP 503 Service Unavailable"
    assert len(feed_server.requests_to("/down.xml")) == FAST.retries + 1


def test_a_refused_connection_is_retried_then_named(library):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    outcome = fetch(library, f"http://127.0.0.1:{port}/feed.xml")
    assert outcome.error.startswith("connection failed")


def test_a_stalled_server_times_out(library, feed_server):
    url = feed_server.serve("/stall.xml", Reply(body=FEED, delay=3))
    outcome = fetch(library, url, STALL_TIMEOUT)
    assert outcome.error == "timed out (no answer within 0.3 s)"
    assert library.feed(url).error == outcome.error


def test_a_redirect_loop_is_named(library, feed_server):
    url = feed_server.serve("/loop.xml", Reply(302, headers={"Location": "/loop.xml"}))
    outcome = fetch(library, url)
    assert outcome.error == f"more than {FAST.max_redirects} redirects (a redirect loop?)"


def test_a_gzip_body_is_read(library, feed_server):
    url = feed_server.serve("/zipped.xml", gzipped(FEED))
    assert fetch(library, url).new == 2
    assert "gzip" in feed_server.requests_to("/zipped.xml")[0].headers["Accept-Encoding"]


def test_the_second_fetch_is_conditional_and_costs_a_304(library, feed_server):
    validators = {"ETag": '"v1"', "Last-Modified": "Tue, 14 Nov 2023 22:13:20 GMT"}

    def conditional(request) -> Reply:
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304)
        return Reply(body=FEED, headers=validators)

    url = feed_server.serve("/cond.xml", conditional)
    assert fetch(library, url).new == 2
    second = refresh(library, force=True, settings=FAST)[0]
    assert second.unchanged and second.new == 0 and library.feed(url).articles == 2
    sent = feed_server.requests_to("/cond.xml")[1].headers
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == validators["Last-Modified"]


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "until-close"])
def test_a_50_mb_body_is_refused(library, feed_server, declared):
    body = FEED[:-20] + b" " * (50 << 20) + FEED[-20:]
    url = feed_server.serve("/huge.xml", Reply(body=body, declare_length=declared))
    outcome = fetch(library, url)
    assert outcome.error == "larger than the 10 MB limit" and library.feed(url).articles == 0


def test_a_malformed_feed_is_named(library, feed_server):
    url = feed_server.serve("/broken.xml", Reply(body=b"<rss><channel><item><title>cut off", headers={}))
    outcome = fetch(library, url)
    assert outcome.error and "feed" in outcome.error
    assert library.feed(url).error == outcome.error


def test_a_web_page_where_a_feed_was_expected_is_named(library, feed_server):
    page = b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>"
    url = feed_server.serve("/index.html", Reply(body=page, headers={"Content-Type": "text/html; charset=utf-8"}))
    assert fetch(library, url).error == "not a feed: the address gives a web page (HTML)"


def test_a_json_feed_is_fetched_as_an_rss_feed_is(library, feed_server):
    items = [
        {"id": "1", "url": "http://127.0.0.1/a", "title": "Harbour reopens", "content_text": "Ships sail again."},
        {"id": "2", "title": "Fog", "content_html": "<p>Grey <b>all</b> day.</p>"},
        {"id": "3", "title": ""},
    ]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Gazette", "items": items}
    body = json.dumps(feed).encode()
    url = feed_server.serve("/feed.json", Reply(body=body, headers={"Content-Type": "application/feed+json"}))
    assert fetch(library, url).new == 2
    assert refresh(library, [url], force=True, settings=FAST)[0].new == 0  # the same items are not new again
    assert library.feed(url).title == "Harbour Gazette"
    texts = {record.fields["title"]: record.text for record in library.records()}
    assert texts == {"Harbour reopens": "Ships sail again.", "Fog": "Grey all day."}


def test_json_that_is_no_feed_is_named(library, feed_server):
    url = feed_server.serve("/data.json", Reply(body=b'{"version": "2", "items": []}'))
    assert fetch(library, url).error == "not an RSS, Atom or JSON feed"


def test_a_permanent_redirect_is_remembered_and_a_temporary_one_is_not(library, feed_server):
    feed_server.serve("/new.xml", Reply(body=FEED))
    moved = feed_server.serve("/old.xml", Reply(301, headers={"Location": "/new.xml"}))
    visiting = feed_server.serve("/away.xml", Reply(302, headers={"Location": "/new.xml"}))
    assert fetch(library, moved).new == 2 and fetch(library, visiting).new == 2
    assert library.feed(moved).fetch_url == feed_server.url("/new.xml")
    assert library.feed(visiting).fetch_url == visiting
    refresh(library, force=True, settings=FAST)
    assert len(feed_server.requests_to("/old.xml")) == 1 and len(feed_server.requests_to("/away.xml")) == 2


def test_user_agent_names_newsreader_and_its_version(library, feed_server):
    fetch(library, feed_server.serve("/ua.xml", Reply(body=FEED)))
    assert f"newsreader/{__version__}" in feed_server.requests_to("/ua.xml")[0].headers["User-Agent"]


def test_a_feed_is_fetched_at_most_once_a_minute_unless_forced(library, feed_server):
    url = feed_server.serve("/polite.xml", Reply(body=FEED))
    library.add(url)
    assert refresh(library, settings=FAST)[0].new == 2
    assert refresh(library, settings=FAST)[0].skipped
    assert len(feed_server.requests_to("/polite.xml")) == 1
    assert not refresh(library, force=True, settings=FAST)[0].skipped


def test_a_proxy_from_the_environment_is_used(library, feed_server, monkeypatch):
    # The local server plays the proxy: the feed's own host is never looked up or contacted.
    feed_server.serve("http://feeds.invalid/news.xml", Reply(body=FEED))
    monkeypatch.setenv("HTTP_PROXY", feed_server.base)
    assert fetch(library, "http://feeds.invalid/news.xml").new == 2


def test_requests_to_one_host_are_limited(library, feed_server):
    in_flight, most, lock = [0], [0], threading.Lock()

    def slow(_request) -> Reply:
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        time.sleep(0.1)
        with lock:
            in_flight[0] -= 1
        return Reply(body=FEED)

    for i in range(6):
        library.add(feed_server.serve(f"/host{i}.xml", slow))
    outcomes = refresh(library, force=True, settings=FetchSettings(per_host=2, concurrency=8))
    assert all(outcome.new == 2 for outcome in outcomes) and most[0] == 2


def test_full_text_replaces_a_summary_and_keeps_it_when_the_page_fails(library, feed_server):
    story = "".join(f"<p>Paragraph {i} of the whole story, told at length with every detail.</p>" for i in range(30))
    page = f"<html><head><title>Whole</title></head><body><article><h1>Whole</h1>{story}</article></body></html>"
    good = feed_server.serve("/story.html", Reply(body=page.encode(), headers={"Content-Type": "text/html"}))
    summary_only = rss("Teasers", [(good, "Whole", "Only a teaser."), (feed_server.url("/gone.html"), "Gone", "Kept.")])
    url = feed_server.serve("/teasers.xml", Reply(body=summary_only))
    assert fetch(library, url, full_text=True).new == 2
    texts = {record.fields["title"]: record.text for record in library.records()}
    assert "Paragraph 29 of the whole story" in texts["Whole"] and texts["Gone"] == "Kept."


@needs_feeds
def test_the_real_feeds_are_fetched_and_the_broken_ones_named(library, feed_server):
    for path in FEEDS.iterdir():
        library.add(feed_server.serve(f"/{path.name}", Reply(body=path.read_bytes())))
    outcomes = {outcome.url.rsplit("/", 1)[1]: outcome for outcome in refresh(library, settings=FAST)}
    assert outcomes["rssv2.xml"].new == 9 and outcomes["reuters-world-2018-01-30.xml"].new == 10
    broken = {name for name, outcome in outcomes.items() if outcome.error}
    assert broken == {"rssv2-invalid-format.xml", "rssv2-invalid-no-channel.xml"}
