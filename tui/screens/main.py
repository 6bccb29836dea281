"""The main screen: the list pane and the reader pane, the status line, and the keys that act on them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.screen import Screen

from newsreader.browse import Browse
from newsreader.model import Article
from newsreader.persist.state import ReadingState
from newsreader.render import counted
from newsreader.store import DocumentStore
from tui.widgets.article_list import ArticleList
from tui.widgets.list_pane import ListPane
from tui.widgets.reader import ArticleView
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from newsreader.analysis.timeline import Sentence
    from newsreader.search import Hit
    from tui.app import NewsReader

SLOW_TIMELINE = 5_000  # listed articles past which the timeline takes seconds to build: say so


class MainScreen(Screen[None]):
    """Browse articles on the left, read on the right; routes the list's moves to the reader."""

    app: NewsReader

    def __init__(self, store: DocumentStore, state: ReadingState) -> None:
        super().__init__(id="_default")
        self.store = store
        self.state = state
        self.wanted: Callable[[], None] | None = None  # `e` or `t`, pressed while the analysis runs

    def compose(self) -> ComposeResult:
        with Container(id="panes"):
            yield ListPane(Browse(self.store, self.state), id="left")
        with Horizontal(id="bottom"):
            yield StatusLine(id="status")

    def on_mount(self) -> None:
        self.list_pane.show_list()
        self.article_list.focus()
        self.app.start()

    def mount_after_first_frame(self) -> None:
        """The reader pane, the footer's keys and the search box, mounted once the first frame (the
        articles) is drawn, which then comes sooner. The reader shows the list's article at once."""
        panes = self.query_one("#panes")
        if panes.is_attached and not self.query(ArticleView):  # not when quitting before the first frame
            from textual.widgets import Footer  # imported now: 1 ms less before the first frame

            panes.mount(ArticleView(self.browse.shown, id="reader"))
            self.list_pane.mount_search(self.app.start_query)
            self.query_one("#bottom").mount(Footer(compact=True), before="#status")

    @property
    def list_pane(self) -> ListPane:
        return self.query_one(ListPane)

    @property
    def article_list(self) -> ArticleList:
        return self.list_pane.articles

    @property
    def browse(self) -> Browse:
        return self.list_pane.browse

    @property
    def reader(self) -> ArticleView:
        self.mount_after_first_frame()  # a key may come before the first frame is drawn
        return self.query_one(ArticleView)

    @property
    def status_line(self) -> StatusLine:
        return self.query_one(StatusLine)

    # --- What the background work hands over ---------------------------------------------------

    def show_loaded(self) -> None:
        """List the articles loaded so far."""
        if not self.browse.searching:
            self.list_pane.show_list()
        self.status_line.say(f"loading… {counted(len(self.store), 'article')}")

    def all_loaded(self) -> None:
        """Every article is in: a search typed meanwhile starts now."""
        self.status_line.say("finding entities…")
        if self.browse.searching:
            self.list_pane.start_search(self.browse.query)

    def more_searchable(self) -> None:
        """More articles are indexed: a search shown is made again over them."""
        if self.browse.searching:
            self.list_pane.start_search(self.browse.query)

    def entities_found(self) -> None:
        """The analysis is done (the index is next): show the open article with its highlights, and open
        the entity browser or the timeline if it was asked for meanwhile."""
        self.status_line.say("indexing for search…")
        self.reader.restyle()
        wanted, self.wanted = self.wanted, None
        if wanted and self.app.screen is self:
            wanted()

    def after_analysis(self, action: Callable[[], None], what: str) -> bool:
        """Whether the analysis is still running; if so, `action` runs once it is done (the last asked for)."""
        if self.store.analysed:
            return False
        self.wanted = action
        self.notify(f"{what} opens once the analysis is done (the status line says how far it is).", timeout=3)
        return True

    def on_list_pane_search_wanted(self, message: ListPane.SearchWanted) -> None:
        self.app.search(message.query, message.within)

    def show_search_results(self, query: str, hits: list[Hit]) -> None:
        if self.list_pane.show_search_results(query, hits) and self.reader.article:
            self.reader.show_article(self.article_list.current or self.reader.article)

    # --- The reader follows the list -----------------------------------------------------------

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.reader.follow(message.article)

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        self.read(message.article)

    def read(self, article: Article, sentence: Sentence | None = None) -> None:
        """Read an article in the reader pane (marked read); with a sentence, scrolled to it."""
        self.reader.show_article(article, sentence)
        self.reader.focus()
        self.mark_read(article)

    def mark_read(self, article: Article) -> None:
        if not self.state.is_read(article):
            self.state.mark("read", article, True)
            self.article_list.refresh()

    def open_at(self, sentence: Sentence | None) -> None:
        """Read an article from the timeline, scrolled to the sentence that mentions the date."""
        if sentence is not None:
            article = self.store.get(sentence.article_id)
            self.article_list.move_to(self.article_list.articles.index(article))
            self.read(article, sentence)

    def current_article(self) -> Article | None:
        """The article being read, or else the one under the list's cursor."""
        return self.reader.article if self.reader.has_focus else self.article_list.current

    def chosen(self) -> list[Article]:
        """What `p` prints: the marked articles (in list order), or else the one under the cursor."""
        return self.article_list.marked_articles() or [a for a in [self.article_list.current] if a]

    # --- Keys ----------------------------------------------------------------------------------

    def action_star(self) -> None:
        if article := self.current_article():
            starred = self.state.toggle("starred", article)
            self.notify(("Starred: " if starred else "Unstarred: ") + article.title, timeout=2, markup=False)
            self.article_list.refresh()

    def action_toggle_read(self) -> None:
        if article := self.current_article():
            self.state.toggle("read", article)
            self.article_list.refresh()

    def action_only(self, mark: str) -> None:
        self.list_pane.toggle_mark(mark)

    def action_step(self, delta: int) -> None:
        """Read the previous or next article of the list without leaving the reader."""
        self.article_list.action_cursor(delta)
        if self.article_list.current:
            self.mark_read(self.article_list.current)

    def action_open_link(self, mark_read: bool = False) -> None:
        """Open the article's link in the browser (and mark the article read, as newsboat's `O` does)."""
        if url := self.link():
            self.app.open_link(url)
            self.notify(f"Opening {url}", timeout=3, markup=False)
            if mark_read and (article := self.current_article()):
                self.mark_read(article)

    def action_copy_link(self) -> None:
        """Copy the article's link (OSC 52: the terminal puts it on the clipboard, over ssh too)."""
        if url := self.link():
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied {url}", timeout=3, markup=False)

    def link(self) -> str | None:
        """The link of the article being read or under the cursor; None, said, when it has none."""
        article = self.current_article()
        if article and not article.url:
            self.notify("This article has no link.", severity="warning", timeout=3)
        return article.url if article else None

    def action_match(self, delta: int) -> None:
        """The next (or previous) match of the search in the reader; past the last, the next article's first."""
        if not self.browse.searching:
            self.notify("No search to go through: / searches.", timeout=2)
            return
        current = self.article_list.current
        if current and (self.reader.article != current or not self.reader.has_focus):
            self.read(current)
        while not self.reader.to_match(delta):
            before = self.article_list.cursor
            self.action_step(delta)
            if self.article_list.cursor == before or not self.article_list.current:
                self.notify(f"No {'later' if delta > 0 else 'earlier'} match.", timeout=2)
                return
            self.read(self.article_list.current)

    def action_back(self) -> None:
        """Back to the list from the reader; then close the search; then clear the filters."""
        if self.reader.has_focus:
            self.article_list.focus()
        else:
            self.list_pane.back()

    def action_search(self) -> None:
        self.mount_after_first_frame()  # a key may come before the first frame is drawn
        if self.focused is self.list_pane.search_box:
            raise SkipAction()  # a slash in the query
        self.list_pane.open_search()

    def action_entities(self) -> None:
        if self.after_analysis(self.action_entities, "The entity browser"):
            return
        from tui.screens.entities import EntityBrowser  # the screens load when first opened: a quicker start

        self.app.push_screen(EntityBrowser(self.store.entity_counts()), self.list_pane.filter_by_entity)

    def action_feeds(self) -> None:
        from newsreader.feeds.library import Library, LibraryUnavailable
        from tui.screens.feeds import FeedPicker

        try:
            with Library(warn=lambda said: self.notify(said, severity="warning", markup=False)) as library:
                feeds = library.feeds()
        except LibraryUnavailable as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if not feeds:
            self.notify("No feeds yet: 'newsreader add URL' subscribes to one", timeout=4, markup=False)
            return
        self.app.push_screen(FeedPicker(self.browse.feed_counts(feeds)), self.list_pane.filter_by_feed)

    def feeds_fetched(self, new: int) -> None:
        """A fetch is done: list the new articles (the cursor stays on its article); with new ones, the
        analysis starts again."""
        self.list_pane.refilter()
        if new:
            self.all_loaded()
            self.app.index()
            self.app.analyse()
        else:
            self.status_line.say("")

    def action_timeline(self) -> None:
        if self.after_analysis(self.action_timeline, "The timeline"):
            return
        listed = list(self.article_list.articles)
        title = self.browse.timeline_title(len(listed))
        if len(listed) > SLOW_TIMELINE:
            self.notify(f"Building the timeline of {title}…", timeout=3, markup=False)
        self.app.build_timeline(listed, title)
