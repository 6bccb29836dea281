"""Search: typo budgets, prefixes, phrases, ranking and filters, and the query table on the seeds."""

from __future__ import annotations

import json
import threading

import pytest

from newsreader.cli import main
from newsreader.search import SearchIndex, _locked, parse_query, typo_budget
from newsreader.store import DocumentStore
from tests.conftest import DATA, article_name, check_query_row

TABLE = json.loads((DATA / "search" / "queries.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", TABLE["seeds"], ids=lambda row: row["query"])
def test_query_table_on_the_seeds(seeds, row):
    check_query_row(seeds, row)


def test_typo_budget_as_meilisearch():
    assert [typo_budget(w) for w in ("iran", "zarif", "soleimani", "kirchner")] == [0, 1, 2, 1]


def test_query_parsing():
    query = parse_query('Soléimany "nuclear deal" source:tass entity:"Sergey Lavrov" after:2020-01-01 before:2021 lav')
    assert query.words == ("soleimany", "lav") and query.phrases == (("nuclear", "deal"),)
    assert (query.source, query.entity, query.after, query.before) == ("tass", "Sergey Lavrov", "2020-01-01", "2021")
    assert query.prefix_last and not parse_query("lav ").prefix_last


def test_short_words_need_exact_or_prefix_matches(seeds):
    assert seeds.search("irak ") == []  # four letters: no typo allowed
    assert seeds.search("tehr")  # but a prefix while typing


def test_hits_carry_spans_to_highlight(seeds):
    hit = seeds.search("zarif")[0]
    article = seeds.get(hit.id)
    assert {article.body[s:e] for s, e in hit.spans(article.body)} == {"Zarif"}


def test_more_matched_words_rank_higher(seeds):
    hits = seeds.search("lavrov kyiv")
    assert article_name(seeds, hits[0].id).startswith("002")  # the only article with both words
    assert len(hits) == 5 and all(hits[0].score > hit.score for hit in hits[1:])


def test_search_command(capsys):
    assert main(["search", "zarrif"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all("Zarif" not in line or "Lavrov" in line for line in lines)
    assert main(["search", "zarrif", "--json", "--limit", "1"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert set(hit) >= {"id", "score", "title"}
    assert main(["search", "qqqqqqqq"]) == 1


def test_entities_answer_while_the_index_builds(monkeypatch):
    """The reader asks for an article's entities on every key; the index build must not hold them up."""
    store = DocumentStore.load()
    store.analyse()
    building, release = threading.Event(), threading.Event()
    build = SearchIndex.__init__

    def slow_build(self, *args, **kwargs):
        building.set()
        release.wait(10)
        build(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "__init__", slow_build)
    indexer = threading.Thread(target=store.build_index)
    indexer.start()
    try:
        assert building.wait(10)
        answered = []
        asker = threading.Thread(target=lambda: answered.append(store.entities(store.articles[0])))
        asker.start()
        asker.join(2)
        assert answered and answered[0], "entities waited for the index"
    finally:
        release.set()
        indexer.join()
    assert store.indexed


def test_search_covers_the_articles_indexed_so_far():
    """A search while the articles load finds what is indexed, says how much that is, and completes
    as the rest arrives; entity names join the same index once the analysis has found them."""
    store = DocumentStore.open()
    batches = store.batches()
    store.add(next(batches))
    assert store.index_loaded()
    first = store.articles[0]
    assert store.searchable == (1, 1)
    assert [hit.id for hit in store.search(first.title, wait=False)] == [first.id]
    for batch in batches:
        store.add(batch)
    assert store.searchable == (1, 5)
    assert store.search('entity:"Sergey Lavrov"', wait=False) == []  # no entities yet
    store.index_loaded()
    assert store.searchable == (5, 5) and not store.indexed
    assert len(store.search("lavrov", wait=False)) > 1
    store.build_index()
    assert store.indexed and store.search('entity:"Sergey Lavrov" vienna', wait=False)


def test_articles_are_searchable_as_they_load_before_the_list_shows_them():
    """The list takes loaded articles in seconds apart at 100,000 (each time a sort of all of them), the
    search as they come: what it covers does not wait for the list."""
    store = DocumentStore.open()
    batches = store.batches()
    first = next(batches)[0]
    assert len(store) == 0 and store.index_loaded() and store.searchable == (1, 1)
    assert [store.get(hit.id) for hit in store.search(first.title, wait=False)] == [first]
    store.add([])  # the list takes in what was taken in before
    assert store.articles == [first]


def test_while_articles_load_fewer_than_a_batch_wait_for_the_rest_of_it(monkeypatch):
    """Each batch indexed is a segment every search looks in: while more load, the last articles past the
    first batch wait for their batch to fill, up to PARTIAL_WAIT, and are indexed once all are in."""
    monkeypatch.setattr("newsreader.store.INDEX_BATCH", 2)
    store = DocumentStore.open()
    batches = store.batches()
    for taken in (1, 2):
        next(batches)
        assert store.index_loaded() and store.searchable == (taken, taken)  # the first batch: at once
    next(batches)
    assert store.index_loaded() and store.searchable == (2, 3)  # one of a batch of two: it waits
    next(batches)
    assert store.index_loaded() and store.searchable == (4, 4)
    next(batches)
    assert store.index_loaded() and store.searchable == (4, 5)
    monkeypatch.setattr("newsreader.store.PARTIAL_WAIT", 0)  # it has waited long enough
    assert store.index_loaded() and store.searchable == (5, 5)


def test_a_search_once_every_article_is_in_leaves_reading_every_word_to_the_indexer(tmp_path, monkeypatch):
    """Every word of the index is read once all articles are in, by the indexer (seconds at a million
    articles): a search typed before that counts the rows of its own words and finds the newest articles."""
    monkeypatch.setattr("newsreader.store.INDEX_BATCH", 10)
    lines = [{"title": f"Notes {n}", "text": "Markets were calm today."} for n in range(25)]
    lines += [{"title": "Harbour", "text": f"The lighthouse keeper {n} waved."} for n in range(5)]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    store = DocumentStore.load([path])
    assert store.index_loaded() and store.searchable == (30, 30)  # read over the first batch alone

    def read_every_word(index):
        raise AssertionError("a search read every word of the index")

    monkeypatch.setattr(SearchIndex, "_read_words", read_every_word)
    assert len(store.search("lighthouse", limit=10, wait=False)) == 5
    assert len(store.search("lighthose ", limit=10, wait=False)) == 0  # its typos wait for the reading


def test_a_reading_of_every_word_does_not_hold_the_searches_lock(tmp_path):
    """A search waits for the index's lock: the indexer reads every word (seconds at a million articles) on
    a connection of its own, not under it."""
    index = SearchIndex(tmp_path / "index.sqlite")
    index.add([(0, "Talks in Vienna", "Diplomats met in Vienna.", None, None)])
    with index._lock:  # as a search holds it
        reading = threading.Thread(target=lambda: words.update(index._read_words()))
        words: dict[str, int] = {}
        reading.start()
        reading.join(10)
    assert words["vienna"] == 1


def test_a_build_another_newsreader_holds_is_left_to_it(tmp_path):
    """Two newsreaders open the same files, neither with a saved index: the first builds it in the cache, the
    second in its temporary folder, and neither writes the other's rows."""
    building = tmp_path / "index.building"
    first, second = SearchIndex(building, resumable=True), SearchIndex(building, resumable=True)
    assert first.path == building and second.path != building
    first.add([(0, "Talks in Vienna", "Diplomats met.", None, None)])
    second.add([(0, "Floods in Valencia", "Rain fell.", None, None)])
    assert [row for row, _, _ in first.search(parse_query("vienna"), 5)] == [0]
    assert first.search(parse_query("valencia"), 5) == [] and second.search(parse_query("vienna"), 5) == []


def test_a_damaged_build_is_made_again_under_the_lock_its_newsreader_holds(tmp_path):
    """A build in the cache that cannot be read (cut short on disk) is made anew in the same file: made anew
    under its name, the lock stayed on the file removed, and a second newsreader could take the new one."""
    building = tmp_path / "index.building"
    building.write_bytes(b"not an index" * 1000)
    index = SearchIndex(building, resumable=True)
    assert index.path == building and _locked(building) is None  # still held by `index`
    index.add([(0, "Talks in Vienna", "Diplomats met.", None, None)])
    assert [row for row, _, _ in index.search(parse_query("vienna"), 5)] == [0]


def test_a_stopped_index_goes_on_where_it_stopped():
    store = DocumentStore.load()
    assert not store.index_loaded(stop=lambda: True) or store.searchable[0] == 0
    store.build_index()
    assert store.indexed and store.searchable == (5, 5)


def test_an_index_that_fills_the_disk_is_made_again_in_memory(tmp_path, monkeypatch):
    """The disk fills while the index is written (as SQLite's page limit makes it): search still
    finds every article, from an index in memory."""
    monkeypatch.setattr("newsreader.store.INDEX_BATCH", 2)
    opened = SearchIndex._open

    def on_a_filling_disk(path, resumable=False):
        db = opened(path, resumable)
        if path is not None:
            db.execute("PRAGMA max_page_count = 12")
        return db

    monkeypatch.setattr(SearchIndex, "_open", staticmethod(on_a_filling_disk))
    lines = [{"title": f"Report {n}", "text": f"Flood waters rose in town {n}. " * 40} for n in range(30)]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    store = DocumentStore.load([path])
    assert len(store.search("flood", limit=50)) == 30
    assert store.indexed and store.searchable == (30, 30)


def test_a_search_while_articles_load_may_miss_the_newest_typos_until_all_are_in(monkeypatch):
    """Reading the index's words again for every search while articles pour in would cost more than
    indexing them: a search meanwhile finds typos among the words read before until the index has grown
    REREAD_GROWTH times (words as typed and their completions match every row), and the search once all
    are in knows every word, typos included."""
    monkeypatch.setattr("newsreader.search.REREAD_GROWTH", 2)
    index = SearchIndex(None)
    index.add([(0, "Talks in Vienna", "Diplomats met in Vienna.", None, None), (1, "Rain", "In Spain.", None, None)])
    assert [row for row, _, _ in index.search(parse_query("viena "), 5, fresh=False)] == [0]
    index.add([(2, "Floods in Valencia", "Rain fell on Valencia.", None, None)])
    assert index.search(parse_query("valenica "), 5, fresh=False) == []  # the words read before it came
    assert [row for row, _, _ in index.search(parse_query("valencia "), 5, fresh=False)] == [2]
    assert [row for row, _, _ in index.search(parse_query("vale"), 5, fresh=False)] == [2]  # completed
    index.add([(3, "Snow in Oslo", "Snow fell.", None, None)])  # twice the rows the words were read over
    assert [row for row, _, _ in index.search(parse_query("valenica "), 5, fresh=False)] == [2]
    assert [row for row, _, _ in index.search(parse_query("osloo "), 5)] == [3]
    assert index.vocabulary().frequency["valencia"] == 1 and index.vocabulary().rows == 4


def test_a_search_while_articles_load_counts_its_words_afresh():
    """Between two readings of the words, a search counts the rows of the words it may stand for in the
    index as it is: its words as typed and their completions rank as a reading of every word ranks them."""
    index = SearchIndex(None)
    index.add([(row, "Notes", "The talks went on.", None, None) for row in range(100)])
    index.search(parse_query("talks"), 5, fresh=False)  # the words read over 100 rows
    valencia = [(row, "Floods", "Rain fell on Valencia.", None, None) for row in range(100, 130)]
    index.add(valencia + [(row, "Floods", "Valencian towns.", None, None) for row in range(130, 150)])
    queries = ("valen", "valencia", "talks valen", "rain valencia")
    while_loading = [index.search(parse_query(query), 60, fresh=False) for query in queries]
    assert "valencia" not in index.vocabulary(fresh=False).frequency
    assert while_loading == [index.search(parse_query(query), 60) for query in queries]
    assert "valencia" in index.vocabulary(fresh=False).frequency
    assert {row for row, _, _ in while_loading[0]} == set(range(100, 150))  # both completions, new since the reading


def test_the_vocabulary_read_a_few_words_at_a_time_is_every_word_with_its_rows(monkeypatch):
    """Read in chunks (the indexer and the searches wait for one chunk, not for all the words), the
    vocabulary is what FTS5 counts, a word in titles, bodies and names counted in both tables."""
    monkeypatch.setattr("newsreader.search.VOCABULARY_CHUNK", 2)
    index = SearchIndex(None)
    index.add([(0, "Talks in Vienna", "Diplomats met in Vienna.", None, None), (1, "Rain", "In Spain.", None, None)])
    index.add_names([(0, "Vienna")])
    frequency = index.vocabulary().frequency
    assert frequency == {"diplomats": 1, "in": 2, "met": 1, "rain": 1, "spain": 1, "talks": 1, "vienna": 2}


def test_a_name_that_no_body_words_is_found_while_the_names_are_indexed():
    """Entity names join the index long after the bodies, and a name may be words no body has (the
    gazetteer names "U.S." the "United States"): a search meanwhile tries the words as typed."""
    index = SearchIndex(None)
    index.add([(0, "Envoy arrives", "The U.S. envoy landed in Paris.", None, None)])
    assert index.search(parse_query("united states "), 5, fresh=False) == []
    index.add_names([(0, "Paris ; United States")])
    assert [row for row, _, _ in index.search(parse_query("united states "), 5, fresh=False)] == [0]


def test_a_word_in_many_rows_is_ranked_among_its_last_matches_and_the_filters_stay_exact(monkeypatch):
    """A query scores only its last WINDOW matches (or as many as it asks for), those that pass its
    filters, in their titles and bodies or their entity names: the best of an older match by its body is not
    looked at."""
    monkeypatch.setattr("newsreader.search.WINDOW", 3)
    index = SearchIndex(None)
    best = (0, "Notes", "Budget, budget: the budget.", "Reuters", "2005-01-01")
    index.add([best] + [(row, "Notes", "A budget was set.", "AFP", "2005-01-01") for row in range(1, 6)])
    index.add([(6, "Notes", "Nothing new.", "AFP", "2005-01-01")])
    index.add_names([(6, "Budget Office")])
    assert {row for row, _, _ in index.search(parse_query("budget "), 2)} <= {4, 5, 6}  # not the best, 0
    assert {row for row, _, _ in index.search(parse_query("budget "), 3)} == {4, 5, 6}  # 6 by its names
    assert {row for row, _, _ in index.search(parse_query("budget "), 10)} == set(range(7))  # more asked: all
    assert [row for row, _, _ in index.search(parse_query("source:reuters budget "), 2)] == [0]
    assert [row for row, _, _ in index.search(parse_query("budget "), 2, allowed={0, 1})] == [0, 1]


def test_a_word_in_most_rows_still_has_to_be_there():
    """BM25 gives a word in half the rows or more no weight, so the others rank the rows, but a row
    without it matches fewer words (it comes after)."""
    index = SearchIndex(None)
    index.add([(row, "Notes", "Most of them.", None, None) for row in range(4)])
    index.add([(4, "Bank of England", "The bank of England.", None, None)])
    index.add([(5, "Bank, England", "The bank, England, bank, England.", None, None)])
    assert [row for row, _, _ in index.search(parse_query("bank england "), 5)] == [5, 4]
    assert [row for row, _, _ in index.search(parse_query("bank of england "), 5)] == [4, 5]


def test_rows_with_every_word_in_their_title_come_first():
    """BM25's count of a word saturates, in a title as in a body: a rare completion in a body ("laboured" for
    "labour") outscored the word in a title."""
    index = SearchIndex(None)
    index.add(
        [(0, "Labour plans", "The party met.", None, None), (1, "Derby", "United laboured to a draw.", None, None)]
    )
    index.add([(row, "Notes", "Labour met.", None, None) for row in range(2, 6)])
    assert [row for row, _, _ in index.search(parse_query("labour"), 2)] == [0, 1]
    assert [row for row, _, _ in index.search(parse_query("labour plans"), 1)] == [0]


def test_a_search_while_the_indexer_reads_every_word_does_not_wait_for_it():
    """Once every article is in, the indexer reads every word (seconds at 100,000 articles): a search
    meanwhile, the first to cover every article, counts its words in the index instead of waiting."""
    index = SearchIndex(None)
    index.add([(0, "Talks in Vienna", "Diplomats met in Vienna.", None, None)])
    before = index.vocabulary()
    index.add([(1, "Floods in Valencia", "Rain fell on Valencia.", None, None)])
    reading, searched = threading.Event(), threading.Event()

    def indexer() -> None:
        with index._reading:
            reading.set()
            searched.wait(10)  # a search that waited for the reading would come after it, and read again

    thread = threading.Thread(target=indexer)
    thread.start()
    reading.wait()
    assert [row for row, _, _ in index.search(parse_query("valencia"), 5)] == [1]
    searched.set()
    thread.join()
    assert index.vocabulary(fresh=False) is before  # not read meanwhile


def test_an_older_article_with_every_word_in_its_title_is_listed_past_the_rows_scored(monkeypatch):
    """Only the last WINDOW matches are scored: where fewer than asked for have every word in their title,
    the last older ones that do come next, before the matches by their bodies alone; the filters hold."""
    monkeypatch.setattr("newsreader.search.WINDOW", 3)
    index = SearchIndex(None)
    index.add([(0, "Labour wins the vote", "The party won.", "Wire", None)])
    index.add([(row, "Notes", "Labour spoke again.", "Post", None) for row in range(1, 7)])
    rows = [row for row, _, _ in index.search(parse_query("labour"), 3)]
    assert rows[0] == 0 and len(rows) == 3
    assert 0 not in [row for row, _, _ in index.search(parse_query("source:post labour"), 3)]


def test_older_titles_are_found_past_many_rows_with_the_words_in_their_bodies_alone(monkeypatch):
    """The older titles with every word are looked up among titles alone (their own table): between them and
    the rows scored lie many rows with the words in their bodies, and the order is the same as ever: the
    window's titles, the older titles newest first, then the window's bodies; phrases and filters hold."""
    monkeypatch.setattr("newsreader.search.WINDOW", 3)
    index = SearchIndex(None)
    index.add([(0, "Bank of England holds interest rates", "Rates stay.", "Wire", None)])
    index.add([(1, "Interest rates: Bank of England", "Rates stay.", "Post", None)])
    bodies = "The Bank of England spoke of interest rates."
    for first in range(2, 202, 50):
        index.add([(row, "Markets", bodies, "Wire", None) for row in range(first, first + 50)])
    index.add([(202, "Bank of England", "Bank of England.", "Wire", None)])
    assert [row for row, _, _ in index.search(parse_query("bank england "), 4)] == [202, 1, 0, 201]
    assert [row for row, _, _ in index.search(parse_query('"interest rates" bank '), 3)] == [1, 0, 201]
    assert [row for row, _, _ in index.search(parse_query("source:wire bank england "), 3)] == [202, 0, 201]
