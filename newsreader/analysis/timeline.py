"""One timeline across articles: the dates they mention, each with its sentences, and when they appeared.

The same date mentioned by several articles is one event. A day whose year an article does not give
(`XXXX-01-03`) joins the one dated event of that day elsewhere in the corpus when their sentences
name the same person, place or organisation; otherwise it waits at the end, year unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from newsreader.analysis.timex import SEASONS, sentence_span
from newsreader.model import Article, Entity

SEASON_MONTH = dict(SEASONS.values())
UNKNOWN_YEAR_DAY = re.compile(r"XXXX-\d\d-\d\d")
DATED = re.compile(r"(\d{3,4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)(?:-WE)?|-(SP|SU|FA|WI)|-Q(\d))?")


@dataclass(frozen=True)
class Sentence:
    """Where an article mentions an event: the sentence, as offsets into its body."""

    article_id: str
    start: int
    end: int

    def text_in(self, body: str) -> str:
        """The sentence in its article's body, on one line."""
        return " ".join(body[self.start : self.end].split())


@dataclass(frozen=True)
class Event:
    """A date on the timeline: mentioned in sentences (`kind` "event") or a publication date."""

    value: str
    kind: str
    mentions: tuple[Sentence, ...]

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(m.article_id for m in self.mentions))

    @property
    def start(self) -> date | None:
        """The first day of the period the value names (None when the year is unknown)."""
        return period_start(self.value)


def period_start(value: str) -> date | None:
    """ "2020-01-03", "2020-01", "2020", "2020-W08", "2019-SU", "201" (a decade) → the first day."""
    m = DATED.fullmatch(value)
    if not m:
        return None
    year = int(m[1]) * 10 if len(m[1]) == 3 else int(m[1])
    if m[4]:
        return date.fromisocalendar(year, int(m[4]), 1)
    month = int(m[2]) if m[2] else SEASON_MONTH.get(m[5], 1) if m[5] else (int(m[6]) - 1) * 3 + 1 if m[6] else 1
    try:
        return date(year, month, int(m[3]) if m[3] else 1)
    except ValueError:
        return None


def build_timeline(articles: Iterable[Article], entities: Callable[[Article], Iterable[Entity]]) -> list[Event]:
    """Events and publication dates of these articles, in date order; unknown years last."""
    articles = list(articles)
    # (value, article id for an unknown year, else "") → its sentences, in order (a dict: a set that keeps it)
    events: dict[tuple[str, str], dict[Sentence, None]] = {}
    names: dict[Sentence, set[str]] = {}
    for article in articles:
        found = entities(article)
        dates = [e for e in found if e.type == "date" and e.value and not e.value.endswith("_REF")]
        if not dates:
            continue
        body = article.body
        named = [e for e in found if e.type in ("person", "org", "place")]
        starts = [e.start for e in named]  # in body order
        for entity in dates:
            start, end = sentence_span(body, entity.start, entity.end)
            mention = Sentence(article.id, start, end)
            key = (entity.value, article.id if entity.value.startswith("X") else "")
            events.setdefault(key, {})[mention] = None
            if mention not in names:
                names[mention] = {e.canonical for e in named[bisect_left(starts, start) : bisect_left(starts, end)]}
    _join_unknown_years(events, names)
    timeline = [Event(value, "event", tuple(mentions)) for (value, _), mentions in events.items()]
    timeline += [Event(a.date, "published", (Sentence(a.id, 0, 0),)) for a in articles if a.date]
    return sorted(timeline, key=_order)


def _order(event: Event) -> tuple:
    """Dated first, by day, the longer period first ("2020" before "2020-01"); then by month and day."""
    start = event.start
    if start is None:
        return (True, date.min, 0, event.value.replace("--", "XXXX-"), event.kind)
    return (False, start, len(event.value), event.value, event.kind)


def _join_unknown_years(events: dict[tuple[str, str], dict[Sentence, None]], names: dict[Sentence, set[str]]) -> None:
    dated_by_day: dict[str, list[tuple[str, str]]] = {}  # "-01-03" → the dated events of that day
    for key in events:
        if not key[0].startswith("X"):
            dated_by_day.setdefault(key[0][4:], []).append(key)
    for key in [k for k in events if UNKNOWN_YEAR_DAY.fullmatch(k[0])]:
        same_day = dated_by_day.get(key[0][4:], [])
        if len(same_day) != 1:
            continue
        dated_names = set().union(*(names[m] for m in events[same_day[0]]))
        if any(names[m] & dated_names for m in events[key]):
            events[same_day[0]].update(events.pop(key))
