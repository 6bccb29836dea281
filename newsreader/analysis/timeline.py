"""One timeline across articles: the dates they mention, each with its sentences, and when they appeared.

The same date mentioned by several articles is one event. A day whose year an article does not give
(`XXXX-01-03`) joins the one dated event of that day elsewhere in the corpus when their sentences
name the same person, place or organisation; otherwise it waits at the end, year unknown. A period
(a quarter, a season, a year) is a span from its first day to its last; "now" is the article's own
date; durations ("three years") and sets ("every Monday") are not points in time and stay off it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from newsreader.analysis.date_words import SEASONS
from newsreader.analysis.timex import sentence_span, timex_type
from newsreader.model import Article, Entity

SEASON_MONTH = dict(SEASONS.values())
UNKNOWN_YEAR_DAY = re.compile(r"XXXX-\d\d-\d\d")
DATED = re.compile(
    r"(?P<year>\d{2,4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?|-W(?P<week>\d\d)(?P<weekend>-WE)?"
    r"|-(?P<season>SP|SU|FA|WI)|-Q(?P<quarter>\d)|-H(?P<half>\d))?(?:T.*)?"
)


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

    @property
    def end(self) -> date | None:
        """The last day of the period the value names: a span for a quarter, a season, a year."""
        span = period(self.value)
        return span[1] if span else None


def period_start(value: str) -> date | None:
    """ "2020-01-03", "2020-01", "2020", "2020-W08", "2019-SU", "201" (a decade) → the first day."""
    span = period(value)
    return span[0] if span else None


def period(value: str) -> tuple[date, date] | None:
    """The first and last day of what a value names: "2019-SU" → 1 Jun to 31 Aug 2019 (None if undated)."""
    m = DATED.fullmatch(value)
    if not m:
        return None
    digits = m["year"]
    year = int(digits) * 10 ** (4 - len(digits))  # "201", a decade; "19", a century
    try:
        if m["week"]:
            first = date.fromisocalendar(year, int(m["week"]), 6 if m["weekend"] else 1)
            return first, date.fromisocalendar(year, int(m["week"]), 7)
        if m["day"]:
            day = date(year, int(m["month"]), int(m["day"]))
            return day, day
        if m["month"]:
            return _months(year, int(m["month"]), 1)
        if m["season"]:
            return _months(year, SEASON_MONTH[m["season"]], 3)
        if m["quarter"]:
            return _months(year, 3 * int(m["quarter"]) - 2, 3)
        if m["half"]:
            return _months(year, 6 * int(m["half"]) - 5, 6)
        return date(year, 1, 1), date(year + 10 ** (4 - len(digits)) - 1, 12, 31)
    except ValueError:
        return None


def _months(year: int, month: int, count: int) -> tuple[date, date]:
    """From the first day of a month to the last day of the count-th month."""
    after = year * 12 + month - 1 + count
    return date(year, month, 1), date(after // 12, after % 12 + 1, 1) - timedelta(days=1)


def build_timeline(articles: Iterable[Article], entities: Callable[[Article], Iterable[Entity]]) -> list[Event]:
    """Events and publication dates of these articles, in date order; unknown years last."""
    articles = list(articles)
    # (value, article id for an unknown year, else "") → its sentences, in order (a dict: a set that keeps it)
    events: dict[tuple[str, str], dict[Sentence, None]] = {}
    names: dict[Sentence, set[str]] = {}
    for article in articles:
        found = [e for e in entities(article) if e.part == "body"]  # events are sentences of the body
        dates = [(e, value) for e in found if e.type == "date" and (value := _when(e, article))]
        if not dates:
            continue
        body = article.body
        named = [e for e in found if e.type in ("person", "org", "place")]
        starts = [e.start for e in named]  # in body order
        for entity, value in dates:
            start, end = sentence_span(body, entity.start, entity.end)
            mention = Sentence(article.id, start, end)
            key = (value, article.id if value.startswith("X") else "")
            events.setdefault(key, {})[mention] = None
            if mention not in names:
                names[mention] = {e.canonical for e in named[bisect_left(starts, start) : bisect_left(starts, end)]}
    _join_unknown_years(events, names)
    timeline = [Event(value, "event", tuple(mentions)) for (value, _), mentions in events.items()]
    timeline += [Event(a.date, "published", (Sentence(a.id, 0, 0),)) for a in articles if a.date]
    return sorted(timeline, key=_order)


def _when(entity: Entity, article: Article) -> str | None:
    """Where a date mention stands on the timeline: its value, "now" as the article's date, or nowhere."""
    value = entity.value
    if value == "PRESENT_REF":
        return article.date if article.date and period(article.date) else None
    if not value or value.endswith("_REF") or timex_type(entity.text, value) in ("DURATION", "SET"):
        return None
    return value


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
