"""Fetching many feeds: 200 generated feeds served on 127.0.0.1, fetched into a fresh library, then again.

The first fetch downloads, parses and stores every feed; the second is all conditional requests (304).
One local server stands for every host, so the per-host limit is raised to the concurrency. The CPU
time is given too (this process's, the server's threads included): on a busy machine the wall time
says more about the other processes than about the fetch.

Run: python benchmarks/feeds.py [--feeds 200] [--items 20] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.feeds.fetch import FetchSettings  # noqa: E402
from newsreader.feeds.library import Library  # noqa: E402
from newsreader.feeds.refresh import refresh  # noqa: E402
from tests.feed_server import FeedServer, Reply, rss  # noqa: E402

WORDS = "the minister said talks would resume in the capital after a week of protests over fuel prices".split()


def feed_reply(number: int, items: int, rng: random.Random) -> Reply:
    """A feed of `items` entries of about 150 words, with validators that make a second fetch a 304."""
    entries = [
        (
            f"http://127.0.0.1/feed{number}/story{i}",
            f"Story {i} of feed {number}",
            " ".join(rng.choice(WORDS) for _ in range(150)),
        )
        for i in range(items)
    ]
    return Reply(body=rss(f"Feed {number}", entries), headers={"ETag": f'"feed{number}"'})


def conditional(reply: Reply):
    def route(request) -> Reply:
        return Reply(304) if request.headers.get("If-None-Match") == reply.headers["ETag"] else reply

    return route


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(7)
    settings = FetchSettings(concurrency=args.concurrency, per_host=args.concurrency)
    with (
        FeedServer() as server,
        tempfile.TemporaryDirectory() as folder,
        Library(Path(folder) / "l.sqlite3") as library,
    ):
        megabytes = 0.0
        for number in range(args.feeds):
            reply = feed_reply(number, args.items, rng)
            megabytes += len(reply.body) / 1e6
            library.add(server.serve(f"/feed{number}.xml", conditional(reply)))
        for label in ("first fetch (download, parse, store)", "second fetch (conditional, 304)"):
            start, cpu = time.perf_counter(), time.process_time()
            outcomes = refresh(library, force=True, settings=settings)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            errors = [outcome.error for outcome in outcomes if outcome.error]
            new = sum(outcome.new for outcome in outcomes)
            unchanged = sum(outcome.unchanged for outcome in outcomes)
            print(f"{label}: {seconds:.2f} s ({cpu:.2f} s of CPU, server included), {new} new articles, ", end="")
            print(f"{unchanged} unchanged, {len(errors)} errors")
        print(f"{args.feeds} feeds, {megabytes:.1f} MB, concurrency {args.concurrency}")
        print(f"library: {library.article_count()} articles (expected {args.feeds * args.items})")


if __name__ == "__main__":
    main()
