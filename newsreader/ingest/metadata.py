"""From a loader's record to a clean article: the rules of `page_rules.py` applied in page order."""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader import clean
from newsreader.ingest import page_rules
from newsreader.ingest.dates import (
    WEEKDAYS,
    YEAR_MENTION,
    PartialDate,
    find_date,
    parse_date_field,
    weekday_of,
    years_mentioned,
)
from newsreader.model import Article, Record

if TYPE_CHECKING:
    from newsreader.bodies import BodyBlock, BodyFile

TOP_LINES = 3  # datelines, bylines and date lines stand within the first few paragraphs
ID_LENGTH = 10


def article_id(record: Record) -> str:
    """A short hash of the article as its file gives it: the same on every run, wherever the file is and
    whatever files are opened with it (a dataset's own `id` field is no id here: "2" is in many datasets)."""
    return hashlib.blake2b(record.raw.encode("utf-8", "replace"), digest_size=8).hexdigest()[:ID_LENGTH]


def paragraphs(text: str) -> list[list[str]]:
    """Blocks of tidied lines, split at blank lines; hard-wrapped blocks become one line."""
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = page_rules.tidy_line(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    return [[" ".join(block)] if page_rules.is_hard_wrapped(block) else block for block in blocks]


def without_captions(blocks: list[list[str]]) -> list[str]:
    """Every line but photo credits and the captions beside them."""
    kept: list[str] = []
    for block in blocks:
        if dropped := page_rules.caption_lines(block):
            kept.extend(line for i, line in enumerate(block) if i not in dropped)
        else:  # most blocks: no line to look at again
            kept += block
    return kept


def rejoin_split_sentences(lines: list[str]) -> list[str]:
    joined: list[str] = []
    for line in lines:
        if joined and page_rules.joins_next(joined[-1], line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


@dataclass
class _Page:
    """What the rules have found so far, and the lines still to read."""

    lines: list[str]
    title: str | None = None
    date: PartialDate | None = None
    dateline: page_rules.Dateline | None = None
    authors: tuple[str, ...] = ()


def _read_head(page: _Page, known_title: str | None) -> None:
    """Navigation, headline, bylines, date lines and the dateline at the top of the page."""
    lines = page.lines
    if known_title:
        if lines and lines[0].casefold() == known_title.casefold():
            lines.pop(0)
    else:
        while len(lines) > 2 and page_rules.is_navigation(lines[0], lines[1]):
            lines.pop(0)
        if len(lines) > 1 and page_rules.is_headline(lines[0]) and not page_rules.find_dateline(lines[0]):
            page.title = lines.pop(0)
    for i in range(min(TOP_LINES, len(lines))):
        line = lines[i]
        if not page.authors and (names := page_rules.byline_names(line)):
            page.authors, lines[i] = names, ""
        elif page.date is None and (day := page_rules.date_line(line)):
            page.date, lines[i] = day, ""
        elif page.dateline is None and (found := page_rules.find_dateline(line)):
            page.dateline, lines[i] = found, line[found.length :].lstrip()
            break
    page.lines = [line for line in lines if line]


def _read_tail(page: _Page) -> None:
    """Drop the furniture after the article, and lines that are furniture wherever they are."""
    end = len(page.lines) - page_rules.trailing_furniture(page.lines)
    page.lines = [line for line in page.lines[:end] if not page_rules.INLINE_FURNITURE.match(line)]


def infer_year(day: PartialDate, body: str, lead: str) -> PartialDate | None:
    """The year of a publication date that gives none, only from evidence in the text.

    Evidence is a full date elsewhere with the same month and day ("on January 14, 2020"), or a
    weekday named in the lead that falls on that date in exactly one of the years the text mentions.
    """
    for match in YEAR_MENTION.finditer(body):
        found = find_date(body[max(0, match.start() - 25) : match.end()])
        if found and found[0].year and (found[0].month, found[0].day) == (day.month, day.day):
            return found[0]
    named = [i for i, name in enumerate(WEEKDAYS) if re.search(rf"\b{name}\b", lead, re.I)]
    if len(named) != 1:
        return None
    fits = [year for year in years_mentioned(body) if weekday_of(day.with_year(year)) == named[0]]
    return day.with_year(fits[0]) if len(fits) == 1 else None


def _text_field(value: object) -> str | None:
    """A metadata field as one line of text ({"name": …} objects, as NewsAPI gives sources, too)."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return page_rules.tidy_line(str(value)) or None
    return None


def _authors(value: object) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    return tuple(name for item in values if (name := _text_field(item)))


def _interned(text: str | None) -> str | None:
    """One copy of a string many articles share (a source, a date) for all of them."""
    return sys.intern(text) if text else None


FIELD_DEPTH = 2  # a list of {"name": …} authors is as deep as metadata goes


def clean_record(found: Record) -> Record:
    """A loader's record with its text, its path and every string in its fields cleaned."""
    fields = {name: _field(value) for name, value in found.fields.items()}
    return found._replace(source_path=clean.line(found.source_path), text=clean.body(found.text), fields=fields)


def _field(value: object, depth: int = 0) -> object:
    """Every string in a field's value (strings, lists of them, {"name": …} objects) as one clean line;
    deeper than metadata ever goes, nothing."""
    if isinstance(value, str):
        return clean.line(value)
    if isinstance(value, (dict, list)) and depth < FIELD_DEPTH:
        if isinstance(value, dict):
            return {key: _field(item, depth + 1) for key, item in value.items()}
        return [_field(item, depth + 1) for item in value]
    return None if isinstance(value, (dict, list)) else value


def build_article(record: Record, article_id: str, bodies: BodyFile | BodyBlock | None = None) -> Article:
    """Apply every metadata rule to one record; fields the file format gave win over the text's.

    With `bodies`, the body goes to that file and the article only says where. The record is cleaned
    first, so every field the rules find is clean too."""
    record = clean_record(record)
    fields = record.fields
    known_title = _text_field(fields.get("title"))
    page = _Page(without_captions(paragraphs(record.text)))
    _read_head(page, known_title)
    _read_tail(page)
    body_lines = rejoin_split_sentences(page.lines)
    body = "\n\n".join(body_lines)
    lead = body_lines[0] if body_lines else ""

    dateline = page.dateline
    day = parse_date_field(fields.get("date")) or page.date or (dateline.date if dateline else None)
    inferred = False
    if day is not None and day.year is None and (with_year := infer_year(day, body, lead)):
        day, inferred = with_year, True
    title = known_title or page.title or (page_rules.title_from_lead(lead) if lead else "Untitled")
    return Article.of(
        id=article_id,
        source_path=record.source_path,
        title=title,
        body=body,
        bodies=bodies,
        # A dateline's outlet ("WASHINGTON (Reuters) -") names the source better than the feed it came in.
        source=_interned(
            _text_field(fields.get("source"))
            or (dateline.source if dateline else None)
            or _text_field(fields.get("feed"))
        ),
        url=_text_field(fields.get("url")),
        authors=_authors(fields.get("authors")) or page.authors,
        date=_interned(day.iso() if day else None),
        date_inferred=inferred,
        dateline=dateline.place if dateline else None,
    )
