"""An analysis stopped on the way goes on where it was: the first pass's runs kept in the cache are
taken back for the same articles in the same places, found again for any others."""

from __future__ import annotations

import fcntl

import pytest

from newsreader.analysis import pool
from newsreader.analysis.entity_table import CorpusAnalysis, analyse_corpus
from newsreader.analysis.found import Found
from newsreader.analysis.run_log import HEAD, RunLog
from newsreader.persist.cache import Cache
from newsreader.store import DocumentStore
from tests.conftest import kept


@pytest.fixture
def articles(monkeypatch):
    monkeypatch.setattr(pool, "RUN", 1)  # a run for each of the five seeds
    return DocumentStore.load().articles


@pytest.fixture
def found_here(monkeypatch):
    """The runs the first pass went through in this process."""
    runs: list[int] = []
    find = pool._find

    def counted(run, stop=None):
        runs.append(len(run))
        return find(run, stop)

    monkeypatch.setattr(pool, "_find", counted)
    return runs


def stopped_after(articles, log, runs: int) -> None:
    """An analysis into `log` stopped once `runs` runs are taken."""
    taken: list[int] = []
    analysis = CorpusAnalysis(processes=0, log=log)
    analysis.give(articles)
    assert analysis.finish(stop=lambda: len(taken) >= runs, progress=lambda done, total: taken.append(done)) is None


def test_a_stopped_analysis_goes_on_from_its_runs_and_makes_the_same_table(articles, tmp_path, found_here):
    whole = analyse_corpus(articles, processes=0)
    stopped_after(articles, tmp_path / "runs", 3)
    assert (tmp_path / "runs").stat().st_size
    found_here.clear()
    analysis = CorpusAnalysis(processes=0, log=tmp_path / "runs")
    analysis.give(articles)
    assert not any(isinstance(run, Found) for run in analysis.first_pass.pending)  # read back one at a time
    table = analysis.finish()
    assert sum(found_here) == len(articles) - 3 * pool.RUN  # the first three runs taken back
    assert table is not None and kept(table) == kept(whole)
    assert not (tmp_path / "runs").exists()  # named: the runs are of no more use


def test_runs_of_other_articles_or_places_are_found_again(articles, tmp_path, found_here):
    reordered = articles[pool.RUN :] + articles[: pool.RUN]
    whole = analyse_corpus(reordered, processes=0)
    stopped_after(articles, tmp_path / "runs", 3)
    found_here.clear()
    analysis = CorpusAnalysis(processes=0, log=tmp_path / "runs")
    analysis.give(reordered)
    table = analysis.finish()
    assert sum(found_here) == len(articles)
    assert table is not None and kept(table) == kept(whole)


def test_a_record_cut_short_ends_the_log(articles, tmp_path, found_here):
    whole = analyse_corpus(articles, processes=0)
    stopped_after(articles, tmp_path / "runs", 3)
    with open(tmp_path / "runs", "r+b") as log:
        log.truncate(log.seek(0, 2) - 5)  # the process ended while it wrote its third run
    found_here.clear()
    analysis = CorpusAnalysis(processes=0, log=tmp_path / "runs")
    analysis.give(articles)
    table = analysis.finish()
    assert sum(found_here) == len(articles) - 2 * pool.RUN
    assert table is not None and kept(table) == kept(whole)


def test_a_damaged_record_is_found_again_with_those_after_it(articles, tmp_path, found_here):
    whole = analyse_corpus(articles, processes=0)
    stopped_after(articles, tmp_path / "runs", 3)
    with open(tmp_path / "runs", "r+b") as log:
        size, _ = HEAD.unpack(log.read(HEAD.size))
        log.seek(HEAD.size + size + HEAD.size)  # the second record's pickle
        log.write(b"\0" * 8)
    found_here.clear()
    analysis = CorpusAnalysis(processes=0, log=tmp_path / "runs")
    analysis.give(articles)
    table = analysis.finish()
    assert sum(found_here) == len(articles) - 1
    assert table is not None and kept(table) == kept(whole)


def test_a_log_another_analysis_holds_is_left_to_it(tmp_path):
    with open(tmp_path / "runs", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        log = RunLog(tmp_path / "runs")
        assert log.file is not None and log.file.name != str(tmp_path / "runs")  # a temporary file of its own
        log.close(remove=True)
    assert (tmp_path / "runs").exists()


def test_a_reader_closed_during_the_analysis_goes_on_at_the_next_start(tmp_path, found_here, monkeypatch):
    monkeypatch.setattr(pool, "RUN", 1)
    cache = Cache(tmp_path / "cache")
    first = DocumentStore.open(cache=cache)
    first.load_batches()
    taken: list[int] = []
    first.analyse(stop=lambda: len(taken) >= 2, progress=lambda done, total: taken.append(done))
    assert not first.analysed
    found_here.clear()
    again = DocumentStore.open(cache=Cache(tmp_path / "cache"))
    again.load_batches()
    again.analyse()
    assert again.analysed and sum(found_here) == len(again) - 2 * pool.RUN
    assert not list((tmp_path / "cache" / "firstpass").iterdir())
