"""Data that once broke a whole corpus: sentinel dates, a failing analyser, lone surrogates, huge
numbers. Each costs at most its own article or file, named; the rest loads and is analysed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsreader.analysis import first_pass
from newsreader.cli import main
from newsreader.ingest.dates import FIRST_YEAR, LAST_YEAR, parse_date_field
from newsreader.render import json_lines
from newsreader.store import DocumentStore

BODY = "Officials met last year in London on Monday. Next week Tony Blair will go to Paris for Christmas."

iso_dates = st.builds(
    lambda y, m, d, time: f"{y:04d}-{m:02d}-{d:02d}" + time,
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from(["", "T00:00:00Z", "T23:59:59+14:00", "T00:00:00-12:00"]),
)
rfc822_dates = st.builds(lambda y, d: f"Mon, {d:02d} Jan {y} 00:00:00 +0000", st.integers(0, 99999), st.integers(0, 40))
date_values = st.one_of(
    iso_dates,
    rfc822_dates,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["0001-01-01T00:00:00Z", "9999-12-31", "0000-01-01", "9999-12-31T23:59:59.9999999Z"]),
)


@given(value=date_values)
def test_a_date_field_of_any_value_is_a_publication_date_or_none(value):
    found = parse_date_field(value)
    assert found is None or found.year is None or FIRST_YEAR <= found.year <= LAST_YEAR


@pytest.mark.parametrize(
    "sentinel",
    [
        *("0001-01-01T00:00:00Z", "9999-12-31", "0000-01-01", -62135596800),
        # Unix's zero time, which a scraper or a feed writes for a date it does not have.
        *("1970-01-01T00:00:00Z", "1970-01-01", "Thu, 01 Jan 1970 00:00:00 +0000", 0, 0.0, "0"),
        # The same west of Greenwich, and the "-1" of a time that failed to parse.
        *("1969-12-31T19:00:00-05:00", "Wed, 31 Dec 1969 16:00:00 -0800", "12/31/1969 19:00:00", -1),
        # The zero times of .NET's and PHP's feeds, which email's two-digit rule read as 2001-01-01 and 2000-11-30.
        *("Mon, 01 Jan 0001 00:00:00 GMT", "Sat, 01 Jan 0000 00:00:00 GMT", "Wed, 30 Nov -0001 00:00:00 +0000"),
    ],
)
def test_a_sentinel_date_is_no_date(sentinel):
    assert parse_date_field(sentinel) is None


@pytest.mark.parametrize(
    ("written", "read"),
    [
        *(("14.01.2020", "2020-01-14"), ("5.3.2021 10:00", "2021-03-05"), ("03.04.2020", "2020-04-03")),
        *(("14/01/2020", "2020-01-14"), ("01/14/2020 10:00 AM", "2020-01-14"), ("03/04/2020", None)),
        *(("20200114", "2020-01-14"), ("20200114T100000Z", "2020-01-14"), ("2020011", None)),
        *(("2020011410", "2020-01-14"), ("202001141000", "2020-01-14"), ("20200114100000", "2020-01-14")),
        *(("1579000000", "2020-01-14"), ("1579000000000", "2020-01-14"), ("2020", None)),
    ],
)
def test_a_date_field_in_numbers_only_is_read_as_it_was_written(written, read):
    found = parse_date_field(written)
    assert (found and found.iso()) == read


@given(year=st.integers(0, 9999), month=st.sampled_from(["Jan", "January"]))
@example(year=1970, month="Jan")
def test_a_year_written_in_four_digits_in_a_feeds_date_is_the_year_read(year, month):
    found = parse_date_field(f"Mon, 02 {month} {year:04d} 00:00:00 +0000")  # 1 Jan 1970 is Unix's zero time
    assert (found and found.year) == (year if FIRST_YEAR <= year <= LAST_YEAR else None)
    two_digits = parse_date_field(f"Tue, 14 {month} {year % 100:02d} 10:00:00 GMT")
    assert two_digits is not None and two_digits.year in range(1969, 2069)


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dates=st.lists(date_values, min_size=1, max_size=8))
@example(dates=["0001-01-01T00:00:00Z", "9999-12-31", "0000-01-01", "Mon, 01 Jan 0001 00:00:00 +0000"])
def test_dates_across_the_full_range_never_stop_the_analysis(tmp_path_factory, dates):
    folder = tmp_path_factory.mktemp("dates")
    articles = [{"title": f"Article {n}", "body": BODY, "date": value} for n, value in enumerate(dates)]
    articles.append({"title": "Dated", "body": BODY, "date": "2020-01-14"})
    (folder / "a.json").write_text(json.dumps(articles))
    problems = []
    store = DocumentStore.load([folder], on_problem=problems.append)
    exported = list(json_lines(store, store.articles))  # what export writes
    assert len(exported) == len(articles) and store.entity_counts("person")
    assert any(event.value == "2020-01-14" and event.kind == "published" for event in store.timeline())
    hits = store.search("blair after:2019-01-01 before:2021-01-01")
    assert "Dated" in [store.get(hit.id).title for hit in hits]
    # An article whose analysis fails is named, never the corpus's end (the date rules' own faults land here).
    assert all(problem.reason.split(":")[0] in {a.id for a in store.articles} for problem in problems)


def test_an_analyser_error_costs_that_article_only_and_names_it(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_text(
        json.dumps(
            [{"id": "good", "title": "Good", "body": BODY}, {"id": "bad", "title": "Bad", "body": "BOOM " + BODY}]
        )
    )
    real = first_pass.Recogniser._mentions  # of one body, whether found alone or with others

    def breaks_on_boom(self, body, heading, *found):
        if body[heading:].startswith("BOOM"):
            raise ValueError("year 0 is out of range")
        return real(self, body, heading, *found)

    monkeypatch.setattr(first_pass.Recogniser, "_mentions", breaks_on_boom)
    problems = []
    store = DocumentStore.load([tmp_path], on_problem=problems.append)
    good, bad = sorted(store.articles, key=lambda article: article.title != "Good")
    assert {entity.text for entity in store.entities(good)} >= {"Tony Blair", "London"}
    assert store.entities(bad) == ()
    assert [p.reason for p in problems] == [f"{bad.id}: no entities found (ValueError: year 0 is out of range)"]
    assert [hit.id for hit in store.search("blair")]  # and search was built all the same


def test_a_lone_surrogate_is_printed_as_a_replacement_character(tmp_path, capsys):
    (tmp_path / "a.json").write_text('[{"title": "Cut emoji \\ud83d here", "body": "Text \\udc00 cut."}]')
    code, out = run(capsys, "export", "--no-cache", str(tmp_path))
    record = json.loads(out)
    assert code == 0 and record["title"] == "Cut emoji \ufffd here" and record["body"] == "Text \ufffd cut."
    code, out = run(capsys, "list", "--no-cache", str(tmp_path))
    assert code == 0 and "Cut emoji \ufffd here" in out


def test_a_number_of_thousands_of_digits_names_its_file_and_the_rest_loads(tmp_path, capsys):
    huge = "9" * 5000
    (tmp_path / "huge.json").write_text(f'{{"title": "Huge", "count": {huge}}}')
    (tmp_path / "lines.jsonl").write_text(f'{{"title": "Huge", "count": {huge}}}\n{{"title": "Fine line"}}\n')
    (tmp_path / "fine.json").write_text('{"title": "Fine"}')
    main(["list", "--no-cache", str(tmp_path)])
    out, err = capsys.readouterr()
    assert "Fine" in out and "Fine line" in out and "Huge" not in out
    assert "huge.json: invalid JSON: a number too long to read" in err and "lines.jsonl: skipped 1 bad entry" in err


def test_timestamps_of_every_size_are_no_error():
    assert parse_date_field(datetime(2020, 1, 14, 12, tzinfo=UTC).timestamp()).iso() == "2020-01-14"
    assert parse_date_field(10**30) is None and parse_date_field(10**400) is None
    assert parse_date_field(float("nan")) is None and parse_date_field(float("inf")) is None


def test_a_unix_time_is_read_in_the_unit_that_makes_it_a_calendar_moment():
    # 9999-12-31 and 10000-01-01 in seconds, sentinels for "no date", were read as milliseconds: 12 January 1978.
    sentinels = [datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp(), 253402300800, 32503680000, -62135596800]
    assert [parse_date_field(value) for value in sentinels] == [None] * 4
    day = datetime(2020, 1, 14, 12, tzinfo=UTC).timestamp()
    assert parse_date_field(day * 1000).iso() == parse_date_field(int(day)).iso() == "2020-01-14"
    assert parse_date_field(datetime(1600, 1, 2, tzinfo=UTC).timestamp() * 1000).iso() == "1600-01-02"
    # Milliseconds of 1973-1978 read as seconds fall in the years 5000-9999: they were no date.
    for moment in (datetime(1975, 6, 3, 9, 30, tzinfo=UTC), datetime(1977, 3, 1, tzinfo=UTC)):
        assert parse_date_field(moment.timestamp() * 1000).iso() == moment.date().isoformat()


def long_article(tmp_path, paragraphs: int = 3000):
    """One article of about a megabyte, in paragraphs."""
    text = "\n\n".join(
        f"Paragraph {n}: Tony Blair met Gordon Brown in London on Monday, officials said." for n in range(paragraphs)
    )
    (tmp_path / "long.txt").write_text("A very long article\n\n" + text + "\n")
    return DocumentStore.load([tmp_path])


def test_a_stop_is_heard_within_a_long_article_not_only_after_it(tmp_path, monkeypatch):
    store = long_article(tmp_path)
    read: list[int] = []
    real = first_pass.Recogniser.mentions

    def counting(self, body, heading=0):
        read.append(len(body))
        return real(self, body, heading)

    monkeypatch.setattr(first_pass.Recogniser, "mentions", counting)
    asked: list[bool] = []
    store.analyse(stop=lambda: asked.append(True) or len(asked) > 2)
    assert not store.analysed and sum(read) <= 2 * first_pass.PIECE < len(store.articles[0].body)
    store.analyse()
    assert store.analysed and sum(read) >= len(store.articles[0].body)  # and all of it when not stopped


def test_the_first_frame_does_not_wait_for_a_big_file(tmp_path, monkeypatch):
    monkeypatch.setattr("newsreader.store.BIG_FILE", 1000)
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("Small headline\n\nA short body.\n")
    big.write_text("Big headline\n\n" + "A long body of words. " * 100 + "\n")
    store = DocumentStore.open([small, big])
    assert store.load_batches(seconds=60) is False  # stopped before the big file, with time to spare
    assert [a.title for a in store.articles] == ["Small headline"]
    assert store.load_batches() is True and len(store.articles) == 2


@pytest.mark.parametrize(
    "reference", ["&#xd800;", "&#56320;", "&#x110000;", "&#99999999999999999999;", "&#" + "9" * 5000 + ";"]
)
def test_a_feed_with_a_character_reference_to_no_character_loads_with_a_replacement(tmp_path, capsys, reference):
    # A control character's reference is no XML, so feedparser reads the feed with its lenient parser,
    # which once failed on a reference to a surrogate or past U+10FFFF and lost the whole feed.
    (tmp_path / "feed.xml").write_text(
        "<rss><channel><title>Wire&#27;</title>"
        f"<item><title>Cut {reference} here</title><description>Text {reference} cut.</description></item>"
        "<item><title>Second</title><description>Fine.</description></item></channel></rss>"
    )
    code, out = run(capsys, "export", "--no-cache", str(tmp_path))
    records = [json.loads(row) for row in out.splitlines()]
    assert code == 0 and [record["title"] for record in records] == ["Cut \ufffd here", "Second"]
    assert records[0]["body"] == "Text \ufffd cut."
