"""Time expressions against TimeML news (TimeBank, AQUAINT): a reader and a TempEval-3-style scorer.

Relaxed extraction counts any overlap as a match, strict only the same span; value accuracy is the
share of relaxed matches with the gold value, and value F1 is value accuracy × relaxed F1, over all
TIMEX3 types and by type (recall and value by the gold's type, precision by ours).

Run: python benchmarks/timeml.py [--errors] [--speed] [--readme] [--notation] [CORPUS ...]   (both by default)
--speed also times the date rules alone (finding and valuing) on the BBC corpus; --readme writes the
figures into README.md, beside HeidelTime's published TempEval-3 result; --notation also scores values
with another way of writing the same value taken as equal (AQUAINT writes 1949-XX for 1949, 199X for the
1990s, 2000-W7 for week 07, and a day for its morning or night, where TimeBank and the guidelines do not).
"""

from __future__ import annotations

import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis.timex import Timex, find_timexes  # noqa: E402

TIMEBANK = ROOT.parent / "shared" / "corpora" / "timebank"
BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"
TYPES = ("DATE", "TIME", "DURATION", "SET")
NAMES = {"TimeBank": "TimeBank 1.2", "AQUAINT": "AQUAINT"}
HEIDELTIME = "| HeidelTime (tuned; published TempEval-3 test result) | 0.931 / 0.877 / 0.903 | – | – | 0.776 |"
README_START, README_END = "<!-- timeml -->", "<!-- /timeml -->"
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
# Other ways of writing a value (pattern, the guidelines' way): "1949-XX", "1994-XX-XX", "199X", "W7", a day's night.
NOTATIONS = (
    (re.compile(r"^(\d{4})(?:-XX)+$"), r"\1"),
    (re.compile(r"^(\d{3})X$"), r"\1"),
    (re.compile(r"-W(\d)(?!\d)"), r"-W0\1"),
    (re.compile(r"^(\d{4}-\d\d-\d\d)T(?:MO|AF|EV|NI)$"), r"\1"),
)


@dataclass(frozen=True)
class Document:
    """A TimeML document's text, its creation date and its annotated time expressions."""

    name: str
    created: str
    text: str
    timexes: tuple[Timex, ...]


def read_document(path: Path) -> Document:
    """The <TEXT> of a .tml file as plain text, with its TIMEX3 spans and the <DCT>'s day."""
    raw = path.read_text(encoding="utf-8")
    created = re.search(r'<DCT>.*?value="(\d{4}-\d\d-\d\d)', raw, re.S)[1]
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    pieces: list[str] = []
    length = 0
    opened: list[tuple[int, dict[str, str]]] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    position = 0
    for tag in TAG.finditer(body):
        piece = html.unescape(body[position : tag.start()])
        pieces.append(piece)
        length += len(piece)
        position = tag.end()
        if tag[2] != "TIMEX3":
            continue
        if tag[1]:
            start, attributes = opened.pop()
            spans.append((start, length, attributes))
        else:
            opened.append((length, dict(ATTRIBUTE.findall(tag[3]))))
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    timexes = (Timex(text[start:end], start, end, a["type"], a.get("value", "")) for start, end, a in spans)
    return Document(path.stem, created, text, tuple(timexes))


def read_corpus(name: str) -> list[Document]:
    return [read_document(path) for path in sorted((TIMEBANK / name).glob("*.tml"))]


@dataclass
class Counts:
    """Matches of one type (or of all) between the gold and our expressions."""

    gold: int = 0
    found: int = 0
    relaxed: int = 0  # gold expressions overlapped by one of ours
    relaxed_found: int = 0  # ours overlapping a gold one
    strict: int = 0
    valued: int = 0  # relaxed matches with the gold value

    @staticmethod
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float]:
        rp = self.relaxed_found / self.found if self.found else 0.0
        rr = self.relaxed / self.gold if self.gold else 0.0
        sp = self.strict / self.found if self.found else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        accuracy = self.valued / self.relaxed if self.relaxed else 0.0
        rf = self.f1(rp, rr)
        return {
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": rf,
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": self.f1(sp, sr),
            "value_accuracy": accuracy,
            "value_f1": accuracy * rf,
        }


@dataclass
class Score:
    """A corpus's counts over all types and by type, and what went wrong, for reading."""

    all: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (kind, document, text, detail)


def same_notation(value: str | None) -> str | None:
    """A value with the other ways of writing it (NOTATIONS) written one way, and a time of day as its day."""
    for pattern, written in NOTATIONS:
        value = pattern.sub(written, value) if value else value
    return value


def score(documents: list[Document], notation: bool = False) -> Score:
    """The counts; with `notation`, values written another way (NOTATIONS) count as the same value."""
    same = same_notation if notation else (lambda value: value)
    result = Score()
    for document in documents:
        ours = find_timexes(document.text, document.created)
        text = document.text
        for counts, wanted in [(result.all, None)] + [(c, t) for t, c in result.by_type.items()]:
            gold = [g for g in document.timexes if wanted in (None, g.type)]
            mine = [s for s in ours if wanted in (None, s.type)]
            counts.gold += len(gold)
            counts.found += len(mine)
            counts.relaxed_found += sum(any(_overlap(s, g) for g in document.timexes) for s in mine)
            for g in gold:
                match = next((s for s in ours if _overlap(s, g)), None)
                if match is None:
                    if wanted is None:
                        result.errors.append(("missed", document.name, text[g.start : g.end], g.value))
                    continue
                counts.relaxed += 1
                counts.strict += (match.start, match.end) == (g.start, g.end)
                counts.valued += same(match.value) == same(g.value)
                if wanted is None and same(match.value) != same(g.value):
                    detail = f"{g.value} got {match.value} ({text[match.start : match.end]!r})"
                    result.errors.append(("value", document.name, text[g.start : g.end], detail))
        for s in ours:
            if not any(_overlap(s, g) for g in document.timexes):
                result.errors.append(("spurious", document.name, text[s.start : s.end], s.value))
    return result


def _overlap(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def report(name: str, result: Score) -> str:
    header = f"{name:<9} {'n':>5}  relaxed P / R / F1    strict P / R / F1     value acc  value F1"
    lines = [header]
    for label, counts in [("all", result.all), *list(result.by_type.items())]:
        f = counts.figures()
        lines.append(
            f"  {label:<8} {counts.gold:>4}  {f['relaxed_p']:.3f} {f['relaxed_r']:.3f} {f['relaxed_f1']:.3f}   "
            f"{f['strict_p']:.3f} {f['strict_r']:.3f} {f['strict_f1']:.3f}   {f['value_accuracy']:.3f}     "
            f"{f['value_f1']:.3f}"
        )
    return "\n".join(lines)


def readme_tables(results: dict[str, tuple[int, Score]]) -> str:
    """The figures as README has them: each corpus over all types beside HeidelTime's, then by type."""
    lines = [
        "| | relaxed P / R / F1 | strict F1 | value accuracy | value F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, (documents, result) in results.items():
        f = result.all.figures()
        lines.append(
            f"| {NAMES.get(name, name)} ({documents} documents, {result.all.gold:,} TIMEX3) | {f['relaxed_p']:.3f} / "
            f"{f['relaxed_r']:.3f} / {f['relaxed_f1']:.3f} | {f['strict_f1']:.3f} | {f['value_accuracy']:.3f} | "
            f"{f['value_f1']:.3f} |"
        )
    lines += [HEIDELTIME, ""]
    lines += [
        f"| by type, {' / '.join(results)} | TIMEX3 | relaxed P / R / F1 | value accuracy | value F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind in TYPES:
        counts = [result.by_type[kind] for _, result in results.values()]
        figures = [c.figures() for c in counts]
        gold = " / ".join(f"{c.gold:,}" for c in counts)
        relaxed = " — ".join(f"{f['relaxed_p']:.3f} / {f['relaxed_r']:.3f} / {f['relaxed_f1']:.3f}" for f in figures)
        accuracy = " / ".join(f"{f['value_accuracy']:.3f}" for f in figures)
        value_f1 = " / ".join(f"{f['value_f1']:.3f}" for f in figures)
        lines.append(f"| {kind} | {gold} | {relaxed} | {accuracy} | {value_f1} |")
    return "\n".join(lines)


def throughput(folder: Path) -> float:
    """MB/s of text through the date rules alone (expressions found and valued), in this process's CPU
    time: on a shared machine the wall clock counts the others' work too. The rules' patterns are
    compiled first (once a process, 80 ms), as they are before an analysis reaches its second article."""
    bodies = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.rglob("*.txt"))]
    size = sum(len(body.encode("utf-8")) for body in bodies)
    find_timexes("On Monday, 3 January 2005.", "2005-01-01")
    started = time.process_time()
    for body in bodies:
        find_timexes(body, "2005-01-01")
    return size / 1e6 / (time.process_time() - started)


def main(arguments: list[str]) -> None:
    show_errors = "--errors" in arguments
    names = [a for a in arguments if not a.startswith("--")] or ["TimeBank", "AQUAINT"]
    results = {}
    for name in names:
        documents = read_corpus(name)
        result = score(documents)
        results[name] = (len(documents), result)
        if show_errors:
            for kind, document, text, detail in sorted(result.errors):
                print(f"{kind:<8} {document:<28} {text!r:<30} {detail}")
        print(report(name, result))
        if "--notation" in arguments:
            f = score(documents, notation=True).all.figures()
            print(f"  another notation taken as equal: value accuracy {f['value_accuracy']:.3f}, ", end="")
            print(f"value F1 {f['value_f1']:.3f}")
    if "--speed" in arguments:
        print(f"date rules on the BBC corpus: {throughput(BBC):.2f} MB/s")
    if "--readme" in arguments:
        from benchmarks.run import write_readme  # here: it imports the other benchmarks

        write_readme(readme_tables(results), README_START, README_END)


if __name__ == "__main__":
    main(sys.argv[1:])
