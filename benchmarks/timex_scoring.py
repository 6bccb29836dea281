"""How many annotated date expressions are found with the right value (tests/data/timeline/gold.json)."""

from __future__ import annotations

import json
from pathlib import Path

from newsreader.store import DocumentStore, bundled_seeds

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "timeline"


def articles(split: str) -> list[dict]:
    return [a for a in json.loads((DATA / "gold.json").read_text(encoding="utf-8"))["articles"] if a["split"] == split]


def score(split: str) -> tuple[int, int, dict[str, list]]:
    """(right, annotated, per article the expressions missed or valued wrongly)."""
    store = DocumentStore.load([bundled_seeds()] if split == "seeds" else [DATA / "bbc.jsonl"])
    # bbc.jsonl names its articles by their file's name in an `id` field; the store's ids are its own.
    titles = {(record := json.loads(line))["id"]: record["title"] for line in (DATA / "bbc.jsonl").open()}
    right = total = 0
    wrong = {}
    for gold in articles(split):
        if "seed" in gold:
            article = next(a for a in store.articles if Path(a.source_path).name.startswith(gold["seed"]))
        else:
            article = next(a for a in store.articles if a.title == titles[gold["id"]])
        found = {(e.text, e.value) for e in store.entities(article) if e.type == "date"}
        expected = [tuple(pair) for pair in gold["dates"]]
        misses = [pair for pair in expected if pair not in found]
        right += len(expected) - len(misses)
        total += len(expected)
        if misses:
            wrong[gold.get("id") or gold["seed"]] = [
                (text, value, sorted(v for t, v in found if t == text)) for text, value in misses
            ]
    return right, total, wrong
