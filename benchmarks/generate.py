"""A deterministic corpus of N articles as JSON Lines, made from the BBC corpus, for benchmarks.

Each article takes a BBC article's headline and paragraphs, and paragraphs of another article of the
same section, shuffled by a seeded generator; dates fall in 2004-2005, sources rotate. With N =
100,000 it is about 240 MB.

Run: python benchmarks/generate.py [N] [OUT] [BBC_FOLDER]
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"
SOURCES = ("BBC News", "Reuters", "Associated Press", "The Guardian", "Financial Times", "Sky News", "AFP")
SEED = 2026


def read_bbc(folder: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """Section → [(headline, paragraphs)]."""
    sections: dict[str, list[tuple[str, list[str]]]] = {}
    for path in sorted(folder.glob("*/*.txt")):
        headline, _, body = path.read_text(encoding="utf-8").partition("\n")
        paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
        sections.setdefault(path.parent.name, []).append((headline.strip(), paragraphs))
    return sections


def generate(count: int, out: Path, folder: Path = BBC) -> int:
    """Write `count` articles to `out`; returns the number of bytes written."""
    rng = random.Random(SEED)
    sections = read_bbc(folder)
    names = sorted(sections)
    start = date(2004, 1, 1)
    size = 0
    with out.open("w", encoding="utf-8") as stream:
        for number in range(count):
            section = sections[names[number % len(names)]]
            headline, paragraphs = rng.choice(section)
            _, others = rng.choice(section)
            body = paragraphs[:2] + rng.sample(paragraphs[2:] + others, k=min(len(paragraphs) - 2 + len(others), 3))
            record = {
                "id": f"g{number:06d}",
                "title": headline,
                "text": "\n\n".join(body),
                "date": (start + timedelta(days=rng.randrange(730))).isoformat(),
                "source": SOURCES[number % len(SOURCES)],
                "url": f"https://example.org/{names[number % len(names)]}/{number}",
            }
            line = json.dumps(record, ensure_ascii=False) + "\n"
            size += len(line.encode("utf-8"))
            stream.write(line)
    return size


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "benchmarks" / f"corpus-{count}.jsonl"
    folder = Path(sys.argv[3]) if len(sys.argv) > 3 else BBC
    size = generate(count, out, folder)
    print(f"{count:,} articles, {size / 1e6:.0f} MB → {out}")
