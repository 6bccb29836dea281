"""The first pass over a corpus: every article's names and dates (dates with their values), found
part by part and packed compactly, and the names' votes for their types.

It runs in worker processes (`pool.py`) or here, over runs of articles; `entity_table.py` settles
the types and names what it found.
"""

from __future__ import annotations

import gc
import re
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache

from newsreader.analysis.date_words import as_written
from newsreader.analysis.entities import Recogniser
from newsreader.analysis.found import Found, name_code
from newsreader.analysis.rules import Mention
from newsreader.analysis.timex import HOW_OFTEN_WORDS, Normaliser, timex_type

PIECE = 100_000  # characters of a long body recognised at a time (a 100 MB article: 1,000 parts)
# Characters of shorter bodies recognised together: their names tagged at once, numpy's cost of a call paid
# once for twenty articles or so, not for each.
BATCH = 50_000
YOUNG = 10_000  # allocations between two of the garbage collector's passes over the youngest objects
BREAKS = ("\n\n", "\n", ". ", " ")  # where a piece may end, best first
# A TIMEX3 value of no known year, month, week or day, perhaps with a part of the day ("XXXX-XX-XXTNI": "that
# night" in an undated article): named by its own words, not as a reader writes a value ("a week", "night").
NOTHING_KNOWN = re.compile(r"[X-]+(?:WXX)?(?:T[A-Z]{2})?")


Source = tuple[int, str, str | None, str]  # an article's place, body, publication date and heading


def pieces(body: str) -> Iterator[tuple[int, str]]:
    """(offset, text) parts of a body of about `PIECE` characters each, cut between paragraphs (else
    lines, sentences or words), so that `stop` is heard within a long article, not only after it,
    and one recogniser's work holds the memory of a part, not of the whole."""
    start = 0
    while len(body) - start > PIECE:
        cut = next(
            (found for mark in BREAKS if (found := body.rfind(mark, start + PIECE // 2, start + PIECE)) > 0),
            start + PIECE,
        )
        yield start, body[start:cut]
        start = cut
    yield start, body[start:] if start else body


@lru_cache(maxsize=1 << 12)  # "last year", "Monday": the same dates again and again
def _written(text: str, value: str | None) -> str:
    """A date's name as a reader writes it ("3 Jan 2020", "every Monday"); where its value names
    nothing ("XXXX": "last year" in an undated article), its own words, lower-cased; where it does not say how often
    ("twice a week" is P1W, "every other Monday" every Monday), its own words."""
    if value and NOTHING_KNOWN.fullmatch(value):
        return text.lower()
    if HOW_OFTEN_WORDS.fullmatch((words := " ".join(text.split())).lower()):
        return words[:1].lower() + words[1:]  # "Twice a week" at a sentence's start: "twice a week"
    return as_written(value, timex_type(text, value)) or text


def find_run(articles: Iterable[Source], stop: Callable[[], bool] | None = None) -> Found | None:
    """The first pass over (place, body, publication date, heading) of some articles: every
    article's names and dates (dates with their values), those of the heading at negative offsets
    (`Article.heading`: its text ends two characters before the body's start). None when `stop`, asked between
    batches of articles and between the parts of a long one, says so."""
    recogniser = Recogniser()
    _spare_the_long_lived()
    run = Found(array("i"), array("q"), b"", [], [], [])
    packed = array("i")
    texts: dict[str, int] = {}
    dates: dict[tuple[str, str | None], int] = {}
    numbers: dict[tuple[str, str | None], int] = {}  # each date's number by its words as found and its value
    for batch in _batches(articles):
        if stop and stop():
            return None
        for (place, body, published, head), together in zip(batch, _together(recogniser, batch), strict=True):
            begun = len(packed)
            try:
                normaliser = Normaliser(published)
                for offset, piece in pieces(body):
                    if offset and stop and stop():
                        return None
                    before = _before(head, offset)
                    found = together if together is not None else recogniser.mentions(before + piece, len(before))
                    shift = offset - len(before)  # from the piece read to the body
                    for text, kind, in_piece, piece_end, strong, _ in found:
                        start, end = in_piece + shift, piece_end + shift
                        if kind == "date":
                            value = (
                                normaliser.value_at(body, start, end)
                                if start >= 0
                                else normaliser.value_at(head, in_piece, piece_end)
                            )
                            if (number := numbers.get(found_as := (text, value))) is None:
                                if (number := dates.get(key := (_written(text, value), value))) is None:
                                    number = dates[key] = len(run.dates)
                                    run.dates.append(key)
                                numbers[found_as] = number
                            packed.extend((start, end, -1 - number))
                        else:
                            if (number := texts.get(text)) is None:
                                number = texts[text] = len(run.texts)
                                run.texts.append(text)
                            packed.extend((start, end, name_code(number, kind, strong)))
            except Exception as error:  # one article's fault: it has no entities, the others all do
                del packed[begun:]
                run.failed.append((place, f"{type(error).__name__}: {error}"))
            run.places.append(place)
            run.ends.append(len(packed))
    return run._replace(packed=zlib.compress(packed, 1))  # zlib's quickest level: half the size


@cache  # once a process
def _spare_the_long_lived() -> None:
    """Leave what is alive now (the model and name lists just loaded; here, the articles too) out of the
    garbage collector's passes: it went over all of them again in each full pass that the first pass's
    millions of short-lived mentions set off, 0.11 s of a cold export's 5 on one core. What dies later is
    freed all the same, only not what a cycle holds. The youngest objects are looked over every YOUNG
    allocations, not every 700: most of the first pass's die sooner, unseen."""
    gc.freeze()
    gc.set_threshold(YOUNG, *gc.get_threshold()[1:])


def _before(head: str, offset: int) -> str:
    """What is read before a body's part: the heading, before its first part, as a headline above its story."""
    return f"{head}\n\n" if head and not offset else ""


def _batches(articles: Iterable[Source]) -> Iterator[list[Source]]:
    """The articles in batches of about `BATCH` characters of bodies, a body of more than one part (more
    than `PIECE`, which is more than `BATCH`) alone."""
    batch: list[Source] = []
    size = 0
    for article in articles:
        if len(article[1]) > PIECE and batch:
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article[1])
        if size >= BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _together(recogniser: Recogniser, batch: list[Source]) -> Sequence[list[Mention] | None]:
    """The mentions of a batch's articles (each read with its heading), found together; None for each
    where the batch is one article, or where finding them together failed: then each is found alone,
    so that one article's fault is its own."""
    if len(batch) == 1:
        return [None]
    befores = [_before(head, 0) for _, _, _, head in batch]
    texts = [(before + body, len(before)) for before, (_, body, _, _) in zip(befores, batch, strict=True)]
    try:
        return recogniser.mentions_all(texts)
    except Exception:
        return [None] * len(batch)
