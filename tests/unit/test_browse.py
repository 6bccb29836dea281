"""What the reader lists and shows, without a terminal: filters, search hits, the list's title, the body cut."""

from __future__ import annotations

from newsreader.browse import SHOWN_LIMIT, Browse, matching_entities
from newsreader.handover import hand_overs
from newsreader.model import Article
from newsreader.persist.state import ReadingState
from newsreader.render import metadata_line
from newsreader.search import Hit
from newsreader.store import DocumentStore


def browse_of(store: DocumentStore, tmp_path) -> Browse:
    return Browse(store, ReadingState(folder=tmp_path))


def test_the_filters_narrow_the_list_and_the_title_says_so(seeds, tmp_path):
    browse = browse_of(seeds, tmp_path)
    assert browse.title(len(browse.base_articles())) == "5 articles"
    browse.state.mark("read", seeds.articles[0], True)
    browse.toggle_mark("unread")
    assert browse.base_articles() == seeds.articles[1:]
    browse.entity = ("Mohammad Javad Zarif", "person")
    listed = browse.base_articles()
    assert 0 < len(listed) < 4 and all("Zarif" in a.body for a in listed)
    assert browse.title(len(listed)) == f"only unread · Mohammad Javad Zarif (person): {len(listed)} of 5 · Esc clears"
    assert browse.within() == {a.id for a in listed}
    assert browse.clear_filter() and browse.entity is None and browse.mark == "unread"
    assert browse.clear_filter() and browse.mark is None
    assert not browse.clear_filter() and browse.within() is None


def test_hits_of_a_stale_query_are_dropped_and_the_list_is_in_rank_order(seeds, tmp_path):
    browse = browse_of(seeds, tmp_path)
    first, second = seeds.articles[3], seeds.articles[1]
    browse.query = "lavrov"
    assert not browse.take_hits("lav", [Hit(first.id, 1.0)])  # typed on meanwhile
    assert browse.take_hits("lavrov", [Hit(first.id, 2.0, title_spans=((0, 6),)), Hit(second.id, 1.0)])
    articles, title_spans = browse.listed()
    assert articles == [first, second] and title_spans == {first.id: ((0, 6),), second.id: ()}
    seeds.index_loaded()  # every article searchable: the title says of how many
    assert browse.title(2) == "“lavrov”: 2 of 5 · Esc clears"


def test_a_search_while_the_articles_load_says_how_many_it_covers(tmp_path):
    store = DocumentStore.open()
    store.add(next(store.batches()))
    store.index_loaded()
    browse = browse_of(store, tmp_path)
    browse.query = "storm"
    assert browse.title(0) == "“storm”: 0 · searching 1 of 1 loaded · Esc clears"


def test_the_reader_is_shown_a_long_body_up_to_a_paragraph_break_and_the_search_matches(tmp_path):
    paragraph = "Text " * 99 + "end."
    body = "Word " + "\n\n".join([paragraph] * (2 * SHOWN_LIMIT // len(paragraph))) + " word"
    article = Article.of("long", "generated", "Long", body)
    browse = browse_of(DocumentStore([article]), tmp_path)
    browse.query = "word"
    browse.take_hits("word", [Hit("long", 1.0, terms=frozenset({"word"}))])
    shown = browse.shown(article)
    assert len(shown.body) <= SHOWN_LIMIT and shown.body.endswith("end.") and body.startswith(shown.body)
    assert shown.hidden == len(body) - len(shown.body)
    assert shown.highlights == ((0, 4, "match"),)  # the match past the cut is not drawn
    assert all(block.end <= len(shown.body) for block in shown.blocks)


def test_hand_overs_gather_the_batches_and_stop_when_asked():
    batches = [[Article.of(f"a{i}", "generated", f"A{i}", "Body.")] for i in range(5)]
    gathered = list(hand_overs(batches, stop=lambda: False))
    assert [a for handed in gathered for a in handed] == [b[0] for b in batches]
    asked = []
    assert list(hand_overs(batches, stop=lambda: asked.append(1) or len(asked) > 2)) == []
    assert len(asked) == 3


def test_entities_are_matched_by_part_of_their_name_then_by_a_close_one():
    counts = [("Mohammad Javad Zarif", "person", 3), ("Sergey Lavrov", "person", 2), ("Tehran", "place", 2)]
    assert matching_entities(counts, "  ", 10) == counts
    assert matching_entities(counts, "zarif", 10) == counts[:1]
    assert matching_entities(counts, "place", 10) == counts[2:]
    assert matching_entities(counts, "sergei lavrov", 10) == [counts[1]]  # no name holds it: the close one
    assert matching_entities(counts, "qqqq", 10) == []


def test_an_entity_of_the_headline_or_the_dateline_is_found_counted_and_shown(tmp_path):
    # Wire copy: the headline names the country the body calls "the country"; the dateline names
    # the city the story was filed from, which the body does not name again.
    title = "Floods hit Mozambique as rivers burst their banks"
    article = Article.of("wire", "wire.txt", title, "The country has asked for help.", dateline="Beira")
    store = DocumentStore([article])
    store.analyse()
    found = {(e.text, e.type, e.part) for e in store.entities(article)}
    assert {("Mozambique", "place", "title"), ("Beira", "place", "dateline")} <= found
    assert {("Mozambique", "place", 1), ("Beira", "place", 1)} <= set(store.entity_counts())
    heading = f"{title}\n{metadata_line(article)}"
    shown = browse_of(store, tmp_path).shown(article)
    assert {heading[start:end] for start, end, kind in shown.heading if kind == "place"} == {"Mozambique", "Beira"}
    assert shown.highlights == ()  # nothing of the body


def test_the_entity_list_leaves_out_dates_that_place_no_time_and_keeps_those_that_do():
    """The words "now", "the past" and, in an undated article, "last year" are another time in each article
    that says them: listed, they filled the entity list's first rows. A year, a month, a weekday
    and an amount are listed; every date is still found and shown in its article."""
    bodies = [
        "Now the talks resumed in Geneva, as they did last year and in the past, in 2004 and in December.",
        "Ministers met in Geneva on Tuesday for two years of talks; now they meet again in 2004.",
    ]
    articles = [Article.of(f"a{n}", f"a{n}.txt", f"Talks {n}", body) for n, body in enumerate(bodies)]
    store = DocumentStore(articles)
    store.analyse()
    found = {e.text.lower() for article in articles for e in store.entities(article) if e.type == "date"}
    assert {"now", "last year", "the past", "2004", "december", "tuesday", "two years"} <= found
    listed = {name for name, kind, _ in store.entity_counts("date")}
    assert listed == {"2004", "December", "Tuesday", "two years"}
    assert ("2004", "date", 2) in store.entity_counts()
