"""The timeline as the reader lays it out: a heading per period (a month, a year, a season, a week, a
quarter) with its events' mentions under it, each event's date as a reader writes it, and how many
articles each month (or year) has over the span its rows cover."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from newsreader.analysis.date_words import SEASON_NAMES, as_written
from newsreader.analysis.timeline import Event, period

Row = str | tuple[int, int]  # a heading, or (event number, mention number)
YEARLY_AFTER = 20  # rows spanning more years than this are counted per year, not per month


def heading(event: Event) -> str:
    """ "2020 · January"; a year, a decade, a season, a week or a quarter heads its own group."""
    if event.start is None:
        return "Year unknown"
    year = event.start.year
    part = event.value[5:]
    if not part:
        return str(year) if len(event.value) == 4 else as_written(event.value).removeprefix("the ")
    if part[:2].isdigit():
        return event.start.strftime("%Y · %B")
    if part.startswith("W"):
        return f"{year} · week {part[1:3]}"
    return f"{year} · {SEASON_NAMES.get(part, part)}"


def timeline_rows(events: Sequence[Event]) -> list[Row]:
    """Each event's mentions under their heading, in order."""
    rows: list[Row] = []
    last = None
    for number, event in enumerate(events):
        if (group := heading(event)) != last:
            rows.append(group)
            last = group
        rows.extend((number, index) for index in range(len(event.mentions)))
    return rows


def label(event: Event) -> str:
    """The event's date as a reader writes it: "3 Jan 2020", "Q3 1998", "the 1800s", "3 Jan" (year unknown)."""
    return as_written(event.value)


def activity(events: Sequence[Event]) -> tuple[list[float], str]:
    """Articles per month from the first dated row to the last (per year over more than twenty years, or
    where no event's period fits in a month: "2015" alone), and a caption saying so. An event counts where
    it starts when its period fits in one month (or year)."""
    spans = [(event, span) for event in events if (span := period(event.value))]
    if not spans:
        return [0.0], "No dated events."
    first = min(start for _, (start, _) in spans)
    last = max(start for _, (start, _) in spans)
    yearly = last.year - first.year > YEARLY_AFTER or all((end - start).days >= 31 for _, (start, end) in spans)
    longest = 366 if yearly else 31
    buckets: dict[tuple[int, ...], set[str]] = {}
    for event, (start, end) in spans:
        if (end - start).days < longest:
            buckets.setdefault((start.year,) if yearly else (start.year, start.month), set()).update(event.article_ids)
    if yearly:
        keys: list[tuple[int, ...]] = [(year,) for year in range(first.year, last.year + 1)]
        unit, since, until = "year", str(first.year), str(last.year)
    else:
        keys = list(months_between(first, last))
        unit, since, until = "month", f"{first:%Y-%m}", f"{last:%Y-%m}"
    counts = [float(len(buckets.get(key, ()))) for key in keys]
    caption = (
        f"Articles per {unit}, {since} to {until} (at most {int(max(counts))} in a {unit}) · {len(events):,} events"
    )
    return counts, caption


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
