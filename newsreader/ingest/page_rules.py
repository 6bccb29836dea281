"""Named rules that recognise the parts of a scraped news page.

Each rule looks at the shape of a line (length, capitalisation, punctuation, position) and at words
that news sites use for the same furniture everywhere ("Subscribe to our newsletter", "© …"); none is
keyed to one outlet or one article. `tests/test_page_rules.py` has a real example for each.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from newsreader.ingest.dates import PartialDate, find_date
from newsreader.ingest.layout import ends_clause, ends_with_mark, without_closers, words


def ends_sentence(line: str) -> bool:
    """The line ends with a sentence's mark (. ! ?)."""
    return ends_with_mark(line, ".!?")


# --- Spacing -------------------------------------------------------------------------------------

WIDE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=[\w\"”’)]) +([,.;:!?])(?=[\s\"”’)]|$)")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]")  # with two spaces: odd spacing
SPACED_PUNCTUATION = re.compile(r" [,.;:!?]")


def tidy_line(line: str) -> str:
    """One space between words and none before punctuation ("Soleimani ." → "Soleimani.")."""
    # Each rewrite runs only where a quick look says it has work: most lines need none.
    if _oddly_spaced(line):
        line = WIDE_SPACE.sub(" ", ZERO_WIDTH.sub("", line))
    line = line.strip()
    if line.startswith("#"):
        line = MARKDOWN_HEADING.sub("", line)
    if " " in line and SPACED_PUNCTUATION.search(line):
        line = SPACE_BEFORE_PUNCTUATION.sub(r"\1", line)
    return line


def _oddly_spaced(line: str) -> bool:
    """Two spaces, a tab, or a space or mark of another width: substring tests where they can do
    (a fifth of the time of a pattern with two spaces as one of its branches)."""
    return "  " in line or ("\t" in line if line.isascii() else ODD_SPACE.search(line) is not None)


def is_hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph broken at a fixed width (e-mail, Markdown), not one paragraph a line."""
    if len(lines) < 2:
        return False
    wrapped = lines[:-1]
    sentence_ends = sum(ends_sentence(line) for line in wrapped)
    return all(40 <= len(line) <= 100 for line in wrapped) and sentence_ends * 2 <= len(wrapped)


def joins_next(paragraph: str, following: str) -> bool:
    """A sentence split across paragraphs: no closing punctuation here, lower case there.

    Example (BBC): "…Parry revealed Real Madrid" / "did" / "ask for an option on…".
    """
    return not ends_clause(paragraph) and following[:1].islower() and not paragraph.startswith(("-", "•", "*"))


# --- Before the headline ---------------------------------------------------------------------------

BREADCRUMB = re.compile(r"\s(?:>|»|›|/|\|)\s")
# Words that site menus are made of, in any outlet: "All news", "Home", "World | Europe".
MENU_WORDS = frozenset(
    "all home news latest top stories world local national international politics business economy "
    "sport sports tech technology science health culture entertainment opinion video videos live "
    "menu sections section search more main page front the".split()
)


def is_navigation(line: str, following: str | None) -> bool:
    """A menu or breadcrumb line before the headline ("All news", "Home > World > Europe").

    Made only of menu words, or of parts joined by breadcrumb marks, and followed by a line that
    could still be the headline.
    """
    if following is None or not is_headline(following) or ends_clause(line):
        return False
    if BREADCRUMB.search(line):
        return True
    return words(line, 4) <= 4 and all(word.casefold() in MENU_WORDS for word in re.findall(r"[\w']+", line))


def is_headline(line: str) -> bool:
    """A headline is a line of at most 30 words that does not end like a sentence with a full stop.

    "Russia hopes that friction … is temporary …, Lavrov said on Wednesday." is a lead, not a headline.
    """
    if not 0 < words(line, 30) <= 30:
        return False
    # Not a full stop, comma, colon or semicolon at the end, closing quotes after it or not; one after a
    # capital or a full stop ("the U.S.") does not end a sentence.
    end = without_closers(line, "\"'”’)")
    if end[-1:] == "" or end[-1] not in ".,;:":
        return True
    before = end[-2:-1]
    return before == "." or "A" <= before <= "Z"


# --- Captions and photo credits --------------------------------------------------------------------

CREDIT_LABEL = re.compile(
    r"©|\(c\)\s|^(?:photo|image|picture|photograph|credit|image source|image caption)s?\b\s*[:,]"
    r"|\bgetty images\b|\bvia getty\b|\bphoto by\b",
    re.IGNORECASE,
)
# An agency code after a slash at the end of the line: "Vitaly Belousov/POOL/TASS", "Reuters/AFP".
AGENCY_SUFFIX = re.compile(r"\S/[A-Z][A-Z-]+(?:/[A-Z][A-Za-z-]+)*\s*$")
CAPTION_MAX_WORDS = 15


# What every credit holds, one of them at least: checked first, as plain substrings, since most lines are
# no credit and the patterns above cost ten times as much (a 50 MB article has 800,000 lines).
CREDIT_STARTS = ("photo", "image", "picture", "credit")
CREDIT_HINTS = ("©", "(c)", "getty", "photo by", "/")


def is_credit(line: str) -> bool:
    """A photo credit ("© Vitaly Belousov/POOL/TASS", "Photo: AFP")."""
    if words(line, CAPTION_MAX_WORDS) > CAPTION_MAX_WORDS:
        return False
    lowered = line.lower()
    if not (lowered.startswith(CREDIT_STARTS) or any(hint in lowered for hint in CREDIT_HINTS)):
        return False
    return bool(CREDIT_LABEL.search(line) or AGENCY_SUFFIX.search(line))


def caption_lines(block: list[str]) -> set[int]:
    """Indexes of credits and of the short caption lines next to them within one block of lines."""
    credits = {i for i, line in enumerate(block) if is_credit(line)}
    if not credits:
        return credits  # no caption without a credit beside it
    captions = {
        i
        for i, line in enumerate(block)
        if i not in credits
        and ({i - 1, i + 1} & credits)
        and words(line, CAPTION_MAX_WORDS) <= CAPTION_MAX_WORDS
        and not ends_sentence(line)
    }
    return credits | captions


# --- Page furniture --------------------------------------------------------------------------------

FURNITURE = re.compile(
    r"^(?:"
    r"subscribe\b.*|sign up\b.*"
    r"|(?:be (?:the )?)?first to comment|\d+\s+comments?|comments?|view (?:all )?comments|"
    r"(?:leave|post|add|write) a (?:comment|reply)|your comment|you are replying to\b.*"
    r"|(?:related|more|recommended|latest|top|popular|trending) (?:news|stories|articles|posts|reading|videos?)"
    r"|read more\b.{0,120}|follow us\b.*|share (?:this|on)\b.*|advertisement|sponsored(?: content)?"
    r"|tags?:.*|(?:click|tap) here\b.*|all rights reserved\b.*|copyright\b.{0,80}|print this (?:article|page)"
    r")$",
    re.IGNORECASE,
)
# Furniture whose words may stand anywhere in its line, looked for only in a line that holds them (folded,
# as the pattern's IGNORECASE folds "ſ" to "s"): as a branch of FURNITURE starting ".*", every paragraph was searched.
FURNITURE_WITHIN = re.compile(r"\bnewsletter\b.{0,40}$|\bplease comment\b", re.IGNORECASE)
WITHIN_WORDS = ("newsletter", "please comment")
# Lines that are furniture wherever they stand, even inside the article.
INLINE_FURNITURE = re.compile(r"^(?:advertisement|read more:.{0,120}|story continues below.*)$", re.IGNORECASE)
WIDGET_WORDS = 4


def is_furniture(line: str) -> bool:
    """Newsletter prompts, comment widgets, social links, "Related News" and the like."""
    if FURNITURE.match(line):
        return True
    folded = line.casefold()
    return any(word in folded for word in WITHIN_WORDS) and FURNITURE_WITHIN.search(line) is not None


def trailing_furniture(paragraphs: list[str]) -> int:
    """How many paragraphs at the end are page furniture.

    A run of lines at the end counts when each is furniture or a short widget label ("Notify of",
    "Inline Feedbacks") and at least one is plainly furniture.
    """
    run = strong = 0
    for line in reversed(paragraphs):
        if is_furniture(line):
            strong += 1
        elif not (words(line, WIDGET_WORDS) <= WIDGET_WORDS and not ends_sentence(line)):
            break
        run += 1
    return run if strong else 0


# --- Bylines and date lines ------------------------------------------------------------------------

BYLINE = re.compile(r"^(?i:by)\s+(?P<names>[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+)[A-Z][\w.'’-]*){0,11})\s*$")
DATE_LINE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last|modified|date|on|at|gmt|utc|bst|[ap]m|[0-2]?\d[:.][0-5]\d)\b|[|,:\-–]",
    re.IGNORECASE,
)


# Words of sharing and printing widgets that pages mark up as their author ("So Artikel Empfehlen").
WIDGET_AUTHOR_WORDS = frozenset(
    "share teilen empfehlen recommend print drucken email e-mail mail follow folgen tweet facebook twitter "
    "whatsapp linkedin pinterest bookmark merken comments kommentare artikel article newsletter subscribe".split()
)
AUTHOR_MAX_WORDS = 6


def is_author_name(text: str) -> bool:
    """A person's or an outlet's name as an author, not a widget's label, an address or a sentence."""
    words = text.split()
    return (
        0 < len(words) <= AUTHOR_MAX_WORDS
        and not any(word.strip(".,:;!?").casefold() in WIDGET_AUTHOR_WORDS for word in words)
        and not any(mark in text for mark in ("http", "www.", "@"))
    )


def byline_names(line: str) -> tuple[str, ...] | None:
    """The names in a byline ("By Sarah Smith and Tom Jones")."""
    match = BYLINE.match(line)
    if not match or words(line, 12) > 12:
        return None
    names = re.split(r"\s*,\s*|\s+and\s+", match["names"])
    return tuple(name for name in names if name)


def date_line(line: str) -> PartialDate | None:
    """A line that is only a publication date ("Published 14 January 2020, 10:31 GMT")."""
    if words(line, 10) > 10:
        return None
    found = find_date(line)
    if not found or found[0].year is None:
        return None
    value, match = found
    rest = DATE_LINE_WORDS.sub(" ", line[: match.start()] + " " + line[match.end() :])
    return value if not rest.strip(" .()") else None


# --- Datelines -------------------------------------------------------------------------------------

PLACE = r"(?P<place>[A-Z][\w'.-]+(?:[ -][A-Z][\w'.-]+){0,3})"
CAPS_PLACE = r"(?P<place>[A-Z][A-Z'.-]+(?:[ -][A-Z][A-Z'.-]+){0,3})"
DASH = r"\s*[-–—]+\s+"
DATELINE_PATTERNS = (
    # "COLOMBO, January 14. /TASS/. Moscow is ready…"
    re.compile(PLACE + r",\s+(?P<date>[^./]{3,30}?)\.\s*/(?P<source>[^/]{2,40})/\.?\s+"),
    # "Moscow, April 18, IRNA – Analysts believe…"
    re.compile(PLACE + r",\s+(?P<date>[^,]{3,30}),\s+(?P<source>[A-Z][\w.&' ]{1,40}?)" + DASH),
    # "MOSCOW (Pakistan Point News / Sputnik - 17th February, 2020) Moscow believes…",
    # "WASHINGTON, Jan 5 (Reuters) - The United States…"
    re.compile(PLACE + r"(?:,\s+(?P<date>[^(]{3,30}?))?\s*\((?P<paren>[^()]{2,100})\)(?P<dash>" + DASH + r")?\s*"),
    # "TEHRAN – The foreign ministers…", "LONDON: Shares rose…"
    re.compile(CAPS_PLACE + r"(?:,\s+(?P<date>[^-–—:]{3,30}?))?(?:" + DASH + r"|:\s+)"),
)
# What every dateline above starts with: capitalised words, then a comma, a bracket, a dash or a colon.
# One look for it spares most paragraphs (sentences, whose second word is lower case) the four patterns.
DATELINE_START = re.compile(r"[A-Z][\w'.-]+(?:[ -][A-Z][\w'.-]+){0,3}(?:,|\s*[(:\-–—])")


@dataclass(frozen=True)
class Dateline:
    """The place, outlet and date that open a news report, and where the report itself starts."""

    place: str
    source: str | None
    date: PartialDate | None
    length: int


def _whole_date(text: str | None) -> PartialDate | None:
    """A date when `text` is nothing but a date."""
    if not text:
        return None
    found = find_date(text)
    if not found:
        return None
    value, match = found
    return value if not (text[: match.start()] + text[match.end() :]).strip(" ,.") else None


def _split_paren(paren: str) -> tuple[str | None, PartialDate | None]:
    """ "Pakistan Point News / Sputnik - 17th February, 2020" → the outlet and the date."""
    source_parts, day = [], None
    for part in re.split(r"\s+[-–—]\s+", paren):
        if day is None and (value := _whole_date(part)):
            day = value
        else:
            source_parts.append(part.strip())
    return (" - ".join(source_parts) or None), day


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph, in any of the common wire and outlet styles."""
    if not DATELINE_START.match(paragraph):
        return None
    for pattern in DATELINE_PATTERNS:
        match = pattern.match(paragraph)
        if not match or match.end() >= len(paragraph):
            continue
        groups = match.groupdict()
        day = _whole_date(groups.get("date"))
        if groups.get("date") and day is None:
            continue
        source = groups.get("source")
        if "paren" in groups:
            source, paren_day = _split_paren(groups["paren"])
            day = day or paren_day
            if not (groups["dash"] or paren_day or match["place"].isupper()):
                continue  # "Lavrov (pictured) said" is not a dateline
        place = match["place"]
        if place.isupper():
            place = string.capwords(place)
        return Dateline(place, source.strip(" /") if source else None, day, match.end())
    return None


# --- Titles from leads -----------------------------------------------------------------------------

SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
ATTRIBUTION = re.compile(r",\s+[^,]{0,80}\b(?:said|says|told|stated|added|announced|reported|noted)\b[^,]{0,40}$")
TITLE_MAX = 120


def first_sentence(text: str) -> str:
    return SENTENCE_BREAK.split(text.strip(), maxsplit=1)[0]


def title_from_lead(lead: str) -> str:
    """A headline for an article that has none: its first sentence, without "…, X said on Tuesday"."""
    sentence = first_sentence(lead).rstrip(".") or lead.strip()
    sentence = ATTRIBUTION.sub("", sentence) or sentence
    if len(sentence) > TITLE_MAX:
        sentence = sentence[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence
