"""In a real terminal (tmux): `R` in the reader fetches the subscribed feeds and their articles appear."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import uuid

import pytest

from newsreader.cli import main
from tests.e2e.test_terminal import HEIGHT, WIDTH, close, tmux, wait_for
from tests.feed_server import Reply, rss

pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]


def test_R_in_the_reader_brings_the_feeds_articles(feed_server):
    stories = [("http://127.0.0.1/ferry", "Ferry service resumes after storm", "Boats sail again.")]
    assert main(["add", feed_server.serve("/harbour.xml", Reply(body=rss("Harbour Gazette", stories)))]) == 0
    session = f"newsreader-{uuid.uuid4().hex[:8]}"
    names = ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")
    private = " ".join(f"{name}={shlex.quote(os.environ[name])}" for name in names)
    # The feed server is on 127.0.0.1: no proxy of the tmux server's environment is asked for it.
    command = f"env {private} NO_PROXY=127.0.0.1 no_proxy=127.0.0.1 {shlex.quote(sys.executable)} -m newsreader"
    tmux("new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT), f"{command}; sleep 5")
    try:
        wait_for(lambda: "5 articles" in tmux("capture-pane", "-p", "-t", session))
        assert "Ferry service resumes" not in tmux("capture-pane", "-p", "-t", session)  # the seeds, until R
        tmux("send-keys", "-t", session, "R")
        wait_for(lambda: "Ferry service resumes after storm" in tmux("capture-pane", "-p", "-t", session))
        assert len(feed_server.requests_to("/harbour.xml")) == 1
        tmux("send-keys", "-t", session, "q")
    finally:
        close(session)
