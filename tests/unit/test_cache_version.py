"""A cache made by an older analysis is never read as a newer one's: what the analysis finds changes only with VERSION.

The analysis of the seeds, the test articles and tests/data/analysis/ (invented sentences of the kinds the
rules tell apart: add one with each new kind) has its digest (every article's entities, dates and dateline,
and the timeline) recorded next to the VERSION it was taken at. A change to what the analysis finds
must bump VERSION in newsreader/persist/cache.py, or readers would be shown their old cached findings;
after the bump, `python -m tests.unit.test_cache_version` records the new digest.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from pathlib import Path

from newsreader.cli import main
from newsreader.persist.cache import VERSION

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
ARTICLES = (ROOT / "seeds", DATA / "bbc", DATA / "timeline" / "bbc.jsonl", DATA / "analysis")
FINGERPRINT = DATA / "analysis_fingerprint.json"
FIELDS = ("id", "title", "date", "date_inferred", "dateline", "entities")  # what the analysis decides, no paths


def _output(*argv: str) -> object:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main([*argv, "--no-cache", *map(str, ARTICLES)]) == 0
    return json.loads(printed.getvalue())


def analysis_digest() -> str:
    """A digest of what the analysis finds in the test articles."""
    exported = _output("export", "--format", "json")
    assert isinstance(exported, list)
    found = {
        "articles": [{key: article[key] for key in FIELDS} for article in exported],
        "timeline": _output("timeline", "--json"),
    }
    return hashlib.blake2b(json.dumps(found, sort_keys=True).encode(), digest_size=16).hexdigest()


def test_what_the_analysis_finds_changes_only_with_the_cache_version():
    recorded = json.loads(FINGERPRINT.read_text())
    digest = analysis_digest()
    record_it = "then record it: python -m tests.unit.test_cache_version"
    assert digest == recorded["digest"] or recorded["version"] != VERSION, (
        f"what the analysis finds changed: bump VERSION in newsreader/persist/cache.py above {VERSION}, {record_it}"
    )
    assert recorded == {"version": VERSION, "digest": digest}, f"VERSION {VERSION} is new: {record_it}"


if __name__ == "__main__":
    FINGERPRINT.write_text(json.dumps({"version": VERSION, "digest": analysis_digest()}, indent=2) + "\n")
    print(f"{FINGERPRINT.relative_to(ROOT)}: VERSION {VERSION}")
