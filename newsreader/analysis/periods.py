"""The timeline as the reader lays it out: a heading per period (a month, a year, a season, a week, a
quarter) with its events' mentions under it, and how many articles each month has."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from newsreader.analysis.timeline import Event
from newsreader.ingest.dates import SEASON_NAMES

Row = str | tuple[int, int]  # a heading, or (event number, mention number)


def heading(event: Event) -> str:
    """ "2020 · January"; a year, a decade, a season, a week or a quarter heads its own group."""
    if event.start is None:
        return "Year unknown"
    year = event.start.year
    part = event.value[5:]
    if not part:
        return str(year) if len(event.value) == 4 else f"{year}s"
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


def monthly_counts(events: Sequence[Event]) -> tuple[list[float], str]:
    """Articles per month over the months the dated events span, and a caption saying so."""
    per_month: dict[tuple[int, int], set[str]] = {}
    for event in events:
        if event.start and len(event.value) >= 7 and "W" not in event.value:
            per_month.setdefault((event.start.year, event.start.month), set()).update(event.article_ids)
    if not per_month:
        return [0.0], "No dated events."
    months = months_between(date(*min(per_month), 1), date(*max(per_month), 1))
    counts = [float(len(per_month.get(m, ()))) for m in months]
    (first_year, first_month), (last_year, last_month) = months[0], months[-1]
    caption = (
        f"Articles per month, {first_year}-{first_month:02d} to {last_year}-{last_month:02d} "
        f"(at most {int(max(counts))} in a month) · {len(events):,} events"
    )
    return counts, caption


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
