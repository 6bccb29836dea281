"""The left pane: the search box (from `/` on) over the article list, which lists what the engine's
`Browse` picks (the filters, or the search's hits) under a title that says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from newsreader.browse import Browse, EntityKey, FeedKey
from tui.widgets.article_list import ArticleList, Columns
from tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from newsreader.search import Hit


class ListPane(Vertical):
    """Routes the search box and the filters to `Browse`, and shows what it lists."""

    class SearchWanted(Message):
        """A query to search for, within these ids (None: all); the app runs it in a worker."""

        def __init__(self, query: str, within: set[str] | None) -> None:
            super().__init__()
            self.query = query
            self.within = within

    def __init__(self, browse: Browse, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.browse = browse
        self.store = browse.store
        state = browse.state
        self.articles = ArticleList(
            browse.base_articles(), is_read=state.is_read, is_starred=state.is_starred, id="articles"
        )

    def compose(self) -> ComposeResult:
        yield self.articles

    def mount_search(self, query: str = "") -> None:
        """The search box, hidden until `/`: mounted once the first frame is drawn, which then comes sooner.
        With a query (--query), it opens with it typed."""
        self.mount(SearchBar(id="search"), before=self.articles)
        if query:
            self.call_after_refresh(self.type_query, query)

    def type_query(self, query: str) -> None:
        self.open_search()
        self.search_box.value = query

    @property
    def search_box(self) -> SearchBar:
        return self.query_one(SearchBar)

    def show_list(self, top: bool = False) -> None:
        """List what the filters and the search pick; `top`: the cursor on the first (as in fzf, the best hit)."""
        articles, title_spans = self.browse.listed()
        self.articles.columns = Columns(self.store.has_dates, self.store.has_sources)
        self.articles.show(articles, title_spans)
        if top:
            self.articles.cursor = 0
        self.articles.border_title = self.browse.title(len(articles))

    def on_search_bar_query(self, message: SearchBar.Query) -> None:
        self.start_search(message.query)

    def start_search(self, query: str) -> None:
        self.browse.query = query
        if not self.browse.searching:
            self.show_search_results(query, [])
        else:  # among the articles indexed so far (the list's title says how many)
            self.post_message(self.SearchWanted(query, self.browse.within()))

    def show_search_results(self, query: str, hits: list[Hit]) -> bool:
        """Show the hits in rank order (or, with no query, every article again); False for stale ones, dropped."""
        if taken := self.browse.take_hits(query, hits):
            self.show_list(top=self.browse.searching)
        return taken

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box reads the top hit."""
        if self.articles.articles:
            self.articles.cursor = 0
            # Posted by the pane, not the list: a message its child posts while the pane handles one stops at the pane.
            self.post_message(ArticleList.Opened(self.articles.articles[0]))

    def refilter(self) -> None:
        """Show the list again after a filter changed: searched again, or the filtered articles."""
        if self.browse.searching:
            self.start_search(self.browse.query)
        else:
            self.show_list()

    def filter_by_entity(self, entity: EntityKey | None) -> None:
        """Show only the articles that mention an entity (None: every article)."""
        if entity != self.browse.entity:
            self.browse.entity = entity
            self.refilter()
        self.articles.focus()

    def filter_by_feed(self, feed: FeedKey | None) -> None:
        """Show only one feed's articles (None: every article)."""
        if feed != self.browse.feed:
            self.browse.feed = feed
            self.refilter()
        self.articles.focus()

    def toggle_mark(self, mark: str) -> None:
        self.browse.toggle_mark(mark)
        self.refilter()

    def open_search(self) -> None:
        """Show the search box and focus it at once (`focus()` waits for the keys already come): the keys
        typed straight after the slash are the query's."""
        self.search_box.display = True
        self.screen.set_focus(self.search_box)

    def back(self) -> None:
        """Escape in the list: close the search, or else clear a filter."""
        search = self.search_box
        if search.display:
            search.value, search.display = "", False
            self.start_search("")
            self.articles.focus()
        elif self.browse.clear_filter():
            self.refilter()
