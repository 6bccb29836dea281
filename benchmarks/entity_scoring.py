"""Document-level entity scores against tests/data/entities/gold.json (shared by tests and benchmarks)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from newsreader.analysis.timex import timex_type
from newsreader.model import MAIN_TYPES, Entity
from newsreader.store import DocumentStore

ROOT = Path(__file__).resolve().parent.parent
CALENDAR_UNIT = re.compile(r"\b(?:to|yester)?day|night|tomorrow|week|month|year|decade|centur", re.IGNORECASE)
GOLD = ROOT / "tests" / "data" / "entities" / "gold.json"


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold(split: str) -> list[dict]:
    return [doc for doc in json.loads(GOLD.read_text(encoding="utf-8")) if doc["split"] == split]


def predictions(split: str) -> dict[str, set[tuple[str, str]]]:
    """Unique (text, type) of the main types per annotated file, the split's files loaded as one store."""
    docs = gold(split)
    store = DocumentStore.load([ROOT / doc["path"] for doc in docs])
    by_path = {Path(a.source_path).resolve(): a for a in store.articles}
    found = {}
    for doc in docs:
        article = by_path[(ROOT / doc["path"]).resolve()]
        found[doc["path"]] = {(e.text, e.type) for e in store.entities(article) if annotated_kind(e)}
    return found


def annotated_kind(entity: Entity) -> bool:
    """Whether the annotations would hold this entity (GUIDELINES.md): one of the body (the title was
    not annotated), a person, organisation or place; a date only when it is a calendar date, not a
    duration, a set, a time of day or a vague "now"."""
    if entity.part != "body":
        return False
    if entity.type != "date":
        return entity.type in MAIN_TYPES
    value = entity.value or ""
    vague = value.endswith("_REF") and not CALENDAR_UNIT.search(entity.text)  # "now", "recently"; not "today"
    return timex_type(entity.text, value) == "DATE" and not vague


def score(split: str) -> tuple[Score, dict[str, tuple[set, set]]]:
    """The split's micro-averaged score, and per file the (missed, wrong) entities."""
    predicted = predictions(split)
    tp = n_pred = n_gold = 0
    errors = {}
    for doc in gold(split):
        expected = {(text, kind) for kind, texts in doc["entities"].items() for text in texts}
        got = predicted[doc["path"]]
        tp += len(expected & got)
        n_pred += len(got)
        n_gold += len(expected)
        errors[doc["path"]] = (expected - got, got - expected)
    return Score(tp, n_pred, n_gold), errors
