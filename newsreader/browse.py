"""What the reader lists and shows: the filters, the search and its hits, the list's title, and an
article as the reader pane draws it. Plain data the app routes keys to, tested without a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from newsreader.model import Article, Block
from newsreader.render import counted, dateline_at

if TYPE_CHECKING:  # only named here: the timeline's dates and the search are imported when first used
    from newsreader.analysis.timeline import Sentence
    from newsreader.feeds.library import Feed
    from newsreader.persist.state import ReadingState
    from newsreader.search import Hit
    from newsreader.store import DocumentStore

SEARCH_LIMIT = 500  # hits listed
FUZZY_CUTOFF = 75  # how close (of 100) an entity's name must be to a query it does not hold
# The reader lays out at most this much of a body (about 10,000 words), so that even a 50 MB article
# opens at once; `p` and `show` print all of it.
SHOWN_LIMIT = 60_000

Highlight = tuple[int, int, str]  # offsets into an article's body, and what styles them: an entity type, "match", …
EntityKey = tuple[str, str]  # (canonical name, type)
FeedKey = tuple[str, str]  # (address, name to show)
EntityCount = tuple[str, str, int]  # (canonical name, type, articles that mention it)


class Shown(NamedTuple):
    """An article as the reader pane draws it: the part of its body laid out and the spans to style in it."""

    article: Article
    body: str  # the body, or its first SHOWN_LIMIT characters or so
    hidden: int  # characters of the body left out
    blocks: tuple[Block, ...]
    highlights: tuple[Highlight, ...]
    at: int | None = None  # an offset of the body to scroll to
    # The title's and the dateline's entities, as offsets into the title, a newline and `metadata_line`.
    heading: tuple[Highlight, ...] = ()

    @property
    def matches(self) -> list[int]:
        """Where the search's matches start in the body, in reading order (`n` and `N` go through them)."""
        return sorted(start for start, _, kind in self.highlights if kind == "match")


def shown_part(body: str) -> str:
    """The part of a body the reader lays out: all of it, or up to a paragraph break near the limit."""
    if len(body) <= SHOWN_LIMIT:
        return body
    cut = body.rfind("\n\n", 0, SHOWN_LIMIT)
    return body[: cut if cut > 0 else SHOWN_LIMIT]


def matching_entities(counts: list[EntityCount], query: str, limit: int) -> list[EntityCount]:
    """Entities whose name holds the query (or whose type it is); failing that, up to `limit` whose name
    is close to it, in the order of `counts`."""
    query = query.strip().casefold()
    if not query:
        return counts
    found = [row for row in counts if query in row[0].casefold() or query == row[1]]
    if found:
        return found
    names = [row[0] for row in counts]
    from rapidfuzz import fuzz, process  # the entity browser's fuzzy matching, loaded when it opens

    close = process.extract(query, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=FUZZY_CUTOFF)
    return [counts[index] for _, _, index in sorted(close, key=lambda hit: hit[2])]


class Browse:
    """The list's filters (an entity, unread or starred) and search (its query and hits)."""

    def __init__(self, store: DocumentStore, state: ReadingState) -> None:
        self.store = store
        self.state = state
        self.entity: EntityKey | None = None
        self.feed: FeedKey | None = None
        self.mark: str | None = None  # "unread" or "starred"
        self.query = ""
        self.hits: dict[str, Hit] = {}  # in rank order

    @property
    def searching(self) -> bool:
        return bool(self.query.strip())

    def base_articles(self) -> list[Article]:
        """The articles before any search: those of the entity filter and the unread/starred filter."""
        articles = self.store.mentioning(*self.entity) if self.entity else self.store.articles
        if self.feed:
            articles = [a for a in articles if self.feed[0] in a.source_paths]
        if self.mark == "unread":
            return [a for a in articles if not self.state.is_read(a)]
        if self.mark == "starred":
            return [a for a in articles if self.state.is_starred(a)]
        return articles

    def within(self) -> set[str] | None:
        """The ids a search is limited to by the filters (None: every article)."""
        return {a.id for a in self.base_articles()} if self.entity or self.feed or self.mark else None

    def search(self, query: str, within: set[str] | None) -> list[Hit]:
        """The hits for a query (made in a worker: `within` is worked out before, on the screen's thread)."""
        return self.store.search(query, SEARCH_LIMIT, within, wait=False)

    def take_hits(self, query: str, hits: list[Hit]) -> bool:
        """Keep the hits of the query last asked for; False for a stale query's, which are dropped."""
        if query != self.query:
            return False
        self.hits = {hit.id: hit for hit in hits}
        return True

    def listed(self) -> tuple[list[Article], dict[str, tuple[tuple[int, int], ...]] | None]:
        """The articles to list, and with a search the spans of their titles it matched."""
        if not self.searching:
            return self.base_articles(), None
        return [self.store.get(id) for id in self.hits], {id: hit.title_spans for id, hit in self.hits.items()}

    def toggle_mark(self, mark: str) -> None:
        """List only unread (or starred) articles; the same mark again lists them all."""
        self.mark = None if self.mark == mark else mark

    def clear_filter(self) -> bool:
        """Drop the entity filter, or else the mark filter; False when there was neither."""
        if self.entity:
            self.entity = None
        elif self.feed:
            self.feed = None
        elif self.mark:
            self.mark = None
        else:
            return False
        return True

    def title(self, shown: int) -> str:
        """The list's title: how many articles it shows, and of how many when filtered."""
        parts = [f"only {self.mark}"] if self.mark else []
        if self.entity:
            name, kind = self.entity
            parts.append(f"{name} ({kind})")
        if self.feed:
            parts.append(self.feed[1])
        if self.searching:
            parts.append(f"“{self.query.strip()}”")
            covered, loaded = self.store.searchable
            if covered < loaded or not self.store.loaded:  # more to come: the hits so far
                return f"{' · '.join(parts)}: {shown:,} · searching {covered:,} of {loaded:,} loaded · Esc clears"
        if parts:
            return f"{' · '.join(parts)}: {shown:,} of {len(self.store):,} · Esc clears"
        return counted(shown, "article")

    def feed_counts(self, feeds: list[Feed]) -> list[tuple[Feed, int, int]]:
        """Each feed with its unread articles and its articles in the store, in the order given."""
        counts = {feed.url: [0, 0] for feed in feeds}
        for article in self.store.articles:
            for path in article.source_paths:
                if path in counts:
                    counts[path][0] += not self.state.is_read(article)
                    counts[path][1] += 1
        return [(feed, counts[feed.url][0], counts[feed.url][1]) for feed in feeds]

    def timeline_title(self, count: int) -> str:
        return counted(count, "article") + (f" mentioning {self.entity[0]}" if self.entity else "")

    def shown(self, article: Article, sentence: Sentence | None = None) -> Shown:
        """The article for the reader: its entities, the words the search matched and the timeline's sentence
        (scrolled to) as highlights."""
        body = article.body
        part = shown_part(body)
        entities = self.store.entities(article) if self.store.analysed else ()
        spans = [(e.start, e.end, e.type) for e in entities if e.part == "body"]
        dateline = len(article.title) + 1 + dateline_at(article)
        heading = tuple(
            (e.start, e.end, e.type) if e.part == "title" else (dateline + e.start, dateline + e.end, e.type)
            for e in entities
            if e.part != "body"
        )
        if hit := self.hits.get(article.id):
            spans += [(start, end, "match") for start, end in hit.spans(body)]
        at = None
        if sentence and sentence.end > sentence.start:
            spans.append((sentence.start, sentence.end, "sentence"))
            at = sentence.start
        shown_spans = tuple(span for span in spans if span[1] <= len(part))
        blocks = self.store.blocks(article, upto=len(part))
        return Shown(article, part, len(body) - len(part), blocks, shown_spans, at, heading)
