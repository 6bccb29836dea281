"""The reader's memory an entity table of N articles takes, made without analysing N articles.

Run: python benchmarks/entity_table_memory.py CORPUS [--articles N] [--in-memory]
CORPUS (a few thousand articles: the first 5,000 lines of benchmarks/generate.py's corpus) is analysed,
and its articles' mentions are added to a new table again and again under ids of their own until it
holds N (a million by default), as a table read from the cache holds them: ids of their own, names
as the analysis numbered them. Prints the memory the table took (resident, with the garbage collected)
and its parts. `--in-memory`: the mentions' blocks kept in memory, as where no mentions file can be
written (and as before they went to disk).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis import entity_table  # noqa: E402
from newsreader.analysis.entity_table import EntityTable  # noqa: E402
from newsreader.bodies import BodyFile  # noqa: E402
from newsreader.store import DocumentStore  # noqa: E402


def resident_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--in-memory", action="store_true", help="keep the mentions' blocks in memory")
    args = parser.parse_args()
    store = DocumentStore.load([args.corpus])
    store.analyse()
    analysed = store._entities
    assert analysed is not None
    mentions = [analysed._triples(article_id) for article_id in analysed.ids]
    if args.in_memory:
        entity_table.temporary_body_file = lambda: BodyFile(None)  # as on a full disk
    gc.collect()
    before = resident_mb()
    table = EntityTable()
    table.names, table.numbers = list(analysed.names), dict(analysed.numbers)
    for n in range(args.articles):
        table.add_article(f"{n * 7919:010x}", mentions[n % len(mentions)])  # ten hex digits, as an article's id
    gc.collect()
    parts = {
        "ids": sys.getsizeof(table.ids) + sum(map(sys.getsizeof, table.ids)),
        "id to place": sys.getsizeof(table.position) + sum(map(sys.getsizeof, table.position.values())),
        "articles of each name": sys.getsizeof(table.articles) + sum(map(sys.getsizeof, table.articles.values())),
        "bounds": sys.getsizeof(table.bounds),
        "blocks in memory": sum(len(block) for block in table.blocks if isinstance(block, bytes)),
    }
    print(
        f"{args.articles:,} articles' entity table (mentions of {len(mentions):,} analysed): "
        f"{resident_mb() - before:,.0f} MB resident; "
        + ", ".join(f"{name} {size / 1e6:,.0f} MB" for name, size in parts.items())
    )


if __name__ == "__main__":
    main()
