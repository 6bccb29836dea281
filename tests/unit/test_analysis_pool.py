"""The corpus analysis in worker processes: the same table as in one process, and stopped at once."""

from __future__ import annotations

import errno
import io
import subprocess
import sys
import tempfile
import time

import pytest

from newsreader import processes
from newsreader.analysis import pool
from newsreader.analysis.entity_table import CorpusAnalysis, analyse_corpus
from newsreader.store import DocumentStore
from tests.conftest import BBC, kept

# Invented news, for a machine without ../shared: enough of it for several runs of workers and a run
# log bigger than the disk the full-disk test gives it.
PEOPLE = ("Marta Ellison", "Tobias Renwick", "Anjali Rao", "Pieter de Groot", "Lena Okafor", "Hugo Barrett")
BODIES = ("Harwick Mining", "the Coastal Union", "Norvale Bank", "the Ministry of Ports", "Tessler Motors")
PLACES = ("Lisbon", "Nairobi", "Osaka", "Glasgow", "Quebec", "Valparaiso")


@pytest.fixture
def articles(tmp_path_factory):
    """Articles with their bodies in body files, as loading leaves them: BBC articles, else invented ones."""
    politics = BBC / "politics"
    if politics.is_dir():
        return DocumentStore.load([politics]).articles[:120]
    folder = tmp_path_factory.mktemp("invented")
    for n in range(120):
        person, other, body, place = PEOPLE[n % 6], PEOPLE[(n + 1) % 6], BODIES[n % 5], PLACES[n % 6]
        paragraph = (
            f"{person}, who leads {body}, met {other} in {place} on Tuesday {n % 28 + 1} March 2005. "
            f"Mr {other.split()[-1]} said {body} would open an office in {PLACES[(n + 2) % 6]} next year.\n\n"
        )
        (folder / f"{n:03}.txt").write_text(f"{body} in {place}, story {n}\n\n" + paragraph * 6)
    return DocumentStore.load([folder]).articles


@pytest.mark.slow
def test_workers_make_the_same_table_as_one_process(articles, monkeypatch):
    monkeypatch.setattr(pool, "RUN", 7)  # many runs, handed back out of turn by two workers
    alone = analyse_corpus(articles, processes=0)
    shared = analyse_corpus(articles, processes=2)
    assert kept(shared) == kept(alone)
    assert alone.counts()  # a table with entities in it, not two empty ones


@pytest.mark.slow
def test_once_every_article_is_in_the_core_kept_for_loading_takes_a_worker(articles, monkeypatch):
    """The reader leaves a core to itself while the articles load; after, its keys come first anyway
    (the workers run at a lower priority), and two workers end the analysis sooner than one."""
    monkeypatch.setattr(processes, "usable_cores", lambda: 2)
    monkeypatch.setattr(pool, "SMALL", 0)
    monkeypatch.setattr(pool, "RUN", 7)
    analysis = CorpusAnalysis(spare=1)
    analysis.give(articles)
    assert pool._pool is not None and len(pool._pool.started) == 1  # while they load
    workers: list[int] = []
    table = analysis.finish(progress=lambda done, total: workers.append(len(pool._pool.started)))
    assert workers and set(workers) == {2}
    assert table is not None and kept(table) == kept(analyse_corpus(articles, processes=0))


class FullAfter(io.FileIO):
    """A file on a disk that fills up after 20,000 bytes."""

    def write(self, data) -> int:
        if self.tell() + len(data) > 20_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


def test_runs_a_full_disk_has_no_room_for_wait_in_memory_and_make_the_same_table(articles, tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "RUN", 7)
    alone = analyse_corpus(articles, processes=0)
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda buffering: FullAfter(tmp_path / "runs", "w+b"))
    analysis = CorpusAnalysis(processes=0)
    analysis.give(articles)
    table = analysis.finish()
    assert analysis.runs.sizes and analysis.runs.kept  # the first runs on disk, the others in memory
    assert table is not None and kept(table) == kept(alone)


# In a fresh interpreter: the seeds analysed by one worker, and what the process that asked imported.
GATHERED = """
import sys
from newsreader.analysis.entity_table import analyse_corpus
from newsreader.store import DocumentStore
table = analyse_corpus(DocumentStore.load().articles, processes=1)
print(len(table.counts()), sorted({"numpy", "newsreader.analysis.first_pass"} & set(sys.modules)))
"""


@pytest.mark.slow
def test_the_process_that_gathers_what_workers_found_holds_none_of_the_recogniser():
    """The reader's own memory stays its articles' while workers analyse them (numpy alone is 20 MB)."""
    done = subprocess.run([sys.executable, "-c", GATHERED], capture_output=True, text=True, check=True)
    count, imported = done.stdout.split(" ", 1)
    assert int(count) > 20 and imported.strip() == "[]"


# In a fresh interpreter: what an analysis worker imports to run the first pass.
WORKER_IMPORTS = """
import sys
from newsreader.analysis import pool, first_pass
print(sorted({"hashlib", "platformdirs"} & set(sys.modules)))
"""


def test_an_analysis_worker_holds_no_more_than_it_needs():
    """Each worker's memory counts beside the reader's: OpenSSL (hashlib) alone took 4 MB of it."""
    done = subprocess.run([sys.executable, "-c", WORKER_IMPORTS], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_a_stop_ends_the_workers_at_once(articles, monkeypatch):
    monkeypatch.setattr(pool, "RUN", 1)
    asked = []

    def stop() -> bool:
        asked.append(time.monotonic())
        return len(asked) > 2

    assert analyse_corpus(articles, stop=stop, processes=2) is None
    assert pool._pool is None  # terminated, not left to finish the corpus


@pytest.mark.slow
def test_articles_analysed_as_they_load_get_the_entities_of_one_analysis_after(monkeypatch):
    monkeypatch.setattr(pool, "SMALL", 0)  # the workers from the first articles on
    monkeypatch.setattr(pool, "RUN", 7)
    politics = BBC / "politics"
    store = DocumentStore.open([politics] if politics.is_dir() else None)
    for batch in store.batches():
        store.add(batch)
        assert store.analyse_loaded()  # given to the workers, and what they found taken in
    store.analyse()
    after = analyse_corpus(store.articles, processes=0)
    assert store.entity_counts() == after.counts()
    assert all(store.entities(a) == after.entities(a.id, a.body, a.heading) for a in store.articles)


def test_naming_after_the_first_pass_steps_aside_for_keys_too(articles):
    """Giving every name its canonical name takes seconds at 100,000 articles, in the reader's own
    process: it asks `stop` (which waits while keys come) between runs, as the first pass does."""
    events: list[str] = []

    def stop() -> bool:
        events.append("stop")
        return False

    table = analyse_corpus(articles, stop=stop, progress=lambda done, total: events.append("progress"), processes=0)
    assert table is not None and table.counts()
    last_run_taken = len(events) - events[::-1].index("progress")
    assert "stop" in events[last_run_taken:]
    asked, said = events.count("stop"), []

    def stop_when_last_asked() -> bool:  # in the naming: the analysis is then of no use
        said.append(len(said) + 1 == asked)
        return said[-1]

    assert analyse_corpus(articles, stop=stop_when_last_asked, processes=0) is None
