"""HTTP for feeds and article pages (httpx): polite, bounded, and every failure a sentence, never a traceback.

Requests run in the caller's threads with a limit per host; each has a timeout and a size limit, is retried with
backoff after a 5xx answer or a broken connection, sends `If-None-Match` / `If-Modified-Since` when it
can (an unchanged feed costs a 304), follows redirects and says when they were permanent. A proxy
named in the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`) is used.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass

import httpx

from newsreader import __version__
from newsreader.clean import line

USER_AGENT = f"newsreader/{__version__} (terminal news reader; feed fetcher)"
PERMANENT = (301, 308)
RETRIED_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class FetchSettings:
    """How hard and how politely to fetch."""

    concurrency: int = 8  # requests at once, over all hosts
    per_host: int = 2  # requests at once to one host
    timeout: float = 10.0  # seconds to connect, and between two reads
    total: float = 60.0  # seconds for one request from start to end, a slow trickle included
    retries: int = 2  # further tries after a 5xx answer or a broken connection
    backoff: float = 0.5  # seconds before the first retry, doubled for each further one
    max_bytes: int = 10 << 20  # a larger body is refused
    max_redirects: int = 10


@dataclass(frozen=True)
class Fetched:
    """What one request came to: a body, `not_modified`, or an `error` in words."""

    url: str
    body: bytes | None = None
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # where a permanent redirect sent the request
    not_modified: bool = False
    error: str | None = None


class TooLarge(Exception):
    """The body grew past the size limit."""


class TooSlow(Exception):
    """The body took longer than the whole request may."""


class Fetcher:
    """One HTTP client shared by the threads that fetch; use as `with Fetcher(settings) as fetcher`."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_lock = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            limits=httpx.Limits(max_connections=self.settings.concurrency),
            trust_env=True,  # proxies from the environment
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()

    def _host_slot(self, host: str) -> threading.BoundedSemaphore:
        with self._hosts_lock:
            return self._hosts.setdefault(host, threading.BoundedSemaphore(self.settings.per_host))

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """Fetch one address, with retries; conditional when an `etag` or `last_modified` is given."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = host_of(url)
        if not host:
            return Fetched(url, error="not an http:// or https:// address")
        for attempt in range(self.settings.retries + 1):
            with self._host_slot(host):
                result, retry = self._attempt(url, headers)
            if not retry or attempt == self.settings.retries:
                break
            time.sleep(self.settings.backoff * 2**attempt)
        return result

    def _attempt(self, url: str, headers: dict[str, str]) -> tuple[Fetched, bool]:
        """One try: what it came to, and whether another try may do better."""
        try:
            return self._request(url, headers)
        except httpx.TooManyRedirects:
            return Fetched(url, error=f"more than {self.settings.max_redirects} redirects (a redirect loop?)"), False
        except httpx.TimeoutException:
            return Fetched(url, error=f"timed out (no answer within {self.settings.timeout:g} s)"), False
        except RETRIED_ERRORS as error:
            return Fetched(url, error=f"connection failed: {error or type(error).__name__}"), True
        except TooLarge:
            return Fetched(url, error=f"larger than the {_size(self.settings.max_bytes)} limit"), False
        except TooSlow:
            return Fetched(url, error=f"took longer than {self.settings.total:g} s"), False
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            return Fetched(url, error=f"{type(error).__name__}: {error}"), False

    def _request(self, url: str, headers: dict[str, str]) -> tuple[Fetched, bool]:
        deadline = time.monotonic() + self.settings.total
        with self._client.stream("GET", url, headers=headers) as response:
            moved_to = _permanent_target(response)
            found = {
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
                "moved_to": moved_to,
            }
            if response.status_code == 304:
                return Fetched(url, not_modified=True, **found), False
            if response.status_code >= 400:
                reason = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
                return Fetched(url, error=reason, moved_to=moved_to), response.status_code >= 500
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.settings.max_bytes:
                raise TooLarge
            body = bytearray()
            for chunk in response.iter_bytes():  # decompressed: the limit holds for gzip bombs too
                body += chunk
                if len(body) > self.settings.max_bytes:
                    raise TooLarge
                if time.monotonic() > deadline:  # a trickle that never stalls long enough to time out
                    raise TooSlow
            return Fetched(url, bytes(body), response.headers.get("Content-Type", ""), **found), False


def host_of(url: str) -> str:
    """The host of an http(s) address; empty for anything else, an address holding what `clean` would
    take out among it (a bidi override, a control: it is shown as it is, being the subscription's key)."""
    try:
        return httpx.URL(url).host if url.startswith(("http://", "https://")) and url == line(url) else ""
    except httpx.InvalidURL:
        return ""


def _permanent_target(response: httpx.Response) -> str | None:
    """Where the chain of permanent redirects at the start of the request's redirects led, if any."""
    target = None
    for hop, following in itertools.pairwise([*response.history, response]):
        if hop.status_code not in PERMANENT:
            break
        target = str(following.url)
    return target


def _size(count: int) -> str:
    return f"{count / (1 << 20):g} MB" if count >= 1 << 20 else f"{count:,} bytes"
