"""A real HTTP server on 127.0.0.1 for the feed tests: routes that serve feeds, pages and faults.

Each route is a function of the request that returns a `Reply`; every request is logged with its
headers, so tests can see what was asked (conditional headers, the User-Agent, a proxy's absolute URL).
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to stall before answering
    declare_length: bool = True  # without Content-Length the body ends when the connection closes


@dataclass(frozen=True)
class Seen:
    """One request the server answered."""

    path: str
    headers: dict[str, str]


Route = Callable[[BaseHTTPRequestHandler], Reply]


class FeedServer:
    """Serves `routes` by path (a proxy's absolute URL too) on 127.0.0.1 in a thread of its own."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            disable_nagle_algorithm = True  # headers and body leave at once, as a real server sends them

            def do_GET(self) -> None:
                server.seen.append(Seen(self.path, dict(self.headers.items())))
                route = server.routes.get(self.path)
                reply = route(self) if route else Reply(404, b"no such page")
                time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.declare_length:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    for start in range(0, len(reply.body), 1 << 16):
                        self.wfile.write(reply.body[start : start + (1 << 16)])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a size limit, a timeout): as it should

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, reply: Reply | Route) -> str:
        """Serve a reply (or a route) at a path; returns its address."""
        self.routes[path] = reply if callable(reply) else (lambda _request: reply)
        return self.url(path)

    def requests_to(self, path: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path == path]

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(title: str, items: list[tuple[str, str, str]], link: str = "http://127.0.0.1/") -> bytes:
    """An RSS 2.0 feed of (guid, title, description) items; each item's link is its guid."""
    entries = "".join(
        f"<item><guid>{escape(guid)}</guid><link>{escape(guid)}</link><title>{escape(item_title)}</title>"
        f"<description>{escape(text)}</description><pubDate>{formatdate(1700000000 + i * 3600)}</pubDate></item>"
        for i, (guid, item_title, text) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>{escape(link)}</link>{entries}</channel></rss>"
    ).encode()


def gzipped(body: bytes, content_type: str = "application/rss+xml") -> Reply:
    return Reply(body=gzip.compress(body), headers={"Content-Encoding": "gzip", "Content-Type": content_type})
