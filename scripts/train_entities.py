"""Train the name tagger's weights (newsreader/analysis/tagger.npz) from CoNLL-2003's English training set.

Data: ../shared/corpora/conll2003/eng.train (Reuters newswire from 1996, 946 documents, licensed for
research; the model is derived from it, none of its text is kept: its features, their weights, and
the words it writes in lower case). Types PER, ORG, LOC and MISC are learnt as person, org, place and
misc. An averaged perceptron, decoded as the tagger decodes, several passes over the documents in a
fixed shuffled order, once for each of four orders, the model their mean; features whose weights
stay tiny are pruned.

Run: python scripts/train_entities.py [--epochs N] [--dev]   (--dev: score the model on eng.testa)
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.conll import CONLL, Document, read, report, show  # noqa: E402
from newsreader.analysis.rules import Rules  # noqa: E402
from newsreader.analysis.tagger import (  # noqa: E402
    MODEL,
    OUTSIDE,
    TAGS,
    names,
    runs,
    token_features,
    tokenise,
    use_common_words,
    viterbi,
)

PRUNE_BELOW = 0.05  # features none of whose averaged weights reaches this are dropped
COMMON_AT_LEAST = 3  # a word written in lower case this often in the training set is a common word
SEEDS = (1996, 1, 2, 3)  # one perceptron for each order of the documents; the model is their mean


def common_words(documents: list[Document]) -> set[str]:
    """The words the documents write in lower case at least COMMON_AT_LEAST times."""
    words = (d.text[start:end] for d in documents for start, end in d.tokens)
    counts = Counter(word for word in words if word.isalpha() and word.islower())
    return {word for word, count in counts.items() if count >= COMMON_AT_LEAST}


def gold_tags(document: Document, tokens) -> list[int]:
    """Each candidate's tag from the gold names' character spans."""
    starts = {start: (end, kind) for start, end, kind in document.gold}
    inside: dict[int, str] = {}
    for start, (end, kind) in starts.items():
        for position in range(start, end):
            inside[position] = kind
    tags = []
    for i in tokens.candidates:
        start = tokens.ends[i] - len(tokens.words[i])
        kind = inside.get(start)
        if kind is None:
            tags.append(OUTSIDE)
        else:
            tags.append(TAGS.index(("B-" if start in starts else "I-") + kind))
    return tags


def prepare(documents: list[Document], index: dict[str, int], grow: bool):
    rules = Rules()
    prepared = []
    for document in documents:
        tokens = tokenise(document.text, rules.mentions(document.text))
        rows = []
        for place in range(len(tokens.candidates)):
            found = []
            for feature in token_features(tokens, place):
                row = index.get(feature)
                if row is None and grow:
                    row = index[feature] = len(index)
                if row is not None:
                    found.append(row)
            rows.append(np.array(found, dtype=np.int64))
        prepared.append((tokens, rows, gold_tags(document, tokens)))
    return prepared


def train(prepared, features: int, epochs: int, seed: int):
    """A structured averaged perceptron: each run of candidates decoded as the tagger does, the
    features and transitions of its wrong tags pushed down and those of the gold tags up."""
    classes = len(TAGS)
    weights = np.zeros((features, classes))
    totals = np.zeros((features, classes))  # each update times the step it was made at, for averaging
    transitions = np.zeros((classes, classes))
    transition_totals = np.zeros((classes, classes))
    step = 1
    order = list(range(len(prepared)))
    random.Random(seed).shuffle(order)
    for epoch in range(epochs):
        errors = total = 0
        started = time.perf_counter()
        for number in order:
            tokens, rows, gold = prepared[number]
            for first, last in runs(tokens):
                emissions = np.stack([weights[row].sum(axis=0) for row in rows[first:last]])
                guess = viterbi(emissions, transitions)
                truth = gold[first:last]
                total += last - first
                if guess != truth:
                    before_guess = before_truth = OUTSIDE
                    for place, (g, t) in enumerate(zip(guess, truth, strict=True)):
                        row = rows[first + place]
                        if g != t:
                            errors += 1
                            weights[row, t] += 1
                            weights[row, g] -= 1
                            totals[row, t] += step
                            totals[row, g] -= step
                        transitions[before_truth, t] += 1
                        transitions[before_guess, g] -= 1
                        transition_totals[before_truth, t] += step
                        transition_totals[before_guess, g] -= step
                        before_guess, before_truth = g, t
                step += 1
        print(f"pass {epoch + 1}: {errors / total:.3%} of {total} tokens wrong ({time.perf_counter() - started:.1f} s)")
    return weights - totals / step, transitions - transition_totals / step


def evaluate(weights, transitions, documents, prepared):
    predicted = []
    for tokens, rows, _ in prepared:
        tags = []
        for first, last in runs(tokens):
            tags += viterbi(np.stack([weights[row].sum(axis=0) for row in rows[first:last]]), transitions)
        predicted.append([span[:3] for span in names(tags, tokens) if span[2] != "misc"])
    show("tagger alone", report(documents, predicted))


def main(arguments: list[str]) -> None:
    epochs = int(arguments[arguments.index("--epochs") + 1]) if "--epochs" in arguments else 8
    index: dict[str, int] = {}
    started = time.perf_counter()
    training = read(CONLL / "eng.train")
    common = common_words(training)
    use_common_words(common)
    prepared = prepare(training, index, grow=True)
    candidates = sum(len(p[2]) for p in prepared)
    print(f"{len(index)} features, {candidates} candidates ({time.perf_counter() - started:.1f} s)")
    dev = None
    if "--dev" in arguments:
        documents = read(CONLL / "eng.testa")
        dev = (documents, prepare(documents, index, grow=False))
    trained = [train(prepared, len(index), epochs, seed) for seed in SEEDS]
    weights = sum(w for w, _ in trained) / len(trained)
    transitions = sum(t for _, t in trained) / len(trained)
    if dev is not None:
        evaluate(weights, transitions, *dev)
    keep = np.abs(weights).max(axis=1) >= PRUNE_BELOW
    features = [feature for feature, row in sorted(index.items(), key=lambda item: item[1]) if keep[row]]
    print(f"kept {len(features)} of {len(index)} features")
    np.savez_compressed(
        ROOT / "newsreader" / "analysis" / MODEL,
        features=np.frombuffer("\n".join(features).encode("utf-8"), dtype=np.uint8),
        weights=weights[keep].astype(np.float16),
        transitions=transitions.astype(np.float32),
        common=np.frombuffer("\n".join(sorted(common)).encode("utf-8"), dtype=np.uint8),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
