"""What a saved page says of itself: Open Graph and article meta tags, JSON-LD, the article's own <h1>.

Pages name their site in <title> as often as their article, and their modified time beside their
published one; these, where a page has them, say which is which.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

# Objects of these JSON-LD types describe the article itself (not the site, the breadcrumbs or the logo).
ARTICLE_TYPES = frozenset(
    "Article NewsArticle ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle BlogPosting "
    "LiveBlogPosting Report ScholarlyArticle TechArticle".split()
)
PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "dc.date.issued")


@dataclass(frozen=True)
class PageMetadata:
    """The article's headline, publication date, authors and site as the page declares them."""

    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    site: str | None = None
    url: str | None = None


def page_metadata(html: str) -> PageMetadata:
    """The metadata a page declares; fields it does not declare are None."""
    import lxml.html  # trafilatura's parser: loaded with it, only when a page is

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return PageMetadata()
    meta = _meta_tags(tree)
    article = _json_ld_article(tree)
    headline = article.get("headline") or article.get("name")
    return PageMetadata(
        title=_one_line(meta.get("og:title")) or _one_line(headline) or _main_heading(tree),
        date=next((meta[name] for name in PUBLISHED_META if meta.get(name)), None)
        or _one_line(article.get("datePublished")),
        authors=_names(article.get("author")),
        site=_one_line(meta.get("og:site_name")) or next(iter(_names(article.get("publisher"))), None),
        url=_one_line(meta.get("og:url")),
    )


def _meta_tags(tree) -> dict[str, str]:
    """`<meta property|name|itemprop=… content=…>`, by lower-case name, the first of each."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        name = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if name and content:
            found.setdefault(name.strip().lower(), content)
    return found


def _json_ld_article(tree) -> dict:
    """The first JSON-LD object of an article type, looked for in lists and `@graph`s too."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        if found := _find_article(data):
            return found
    return {}


def _find_article(data: object, depth: int = 0) -> dict | None:
    if depth > 5:
        return None
    if isinstance(data, list):
        return next((found for item in data if (found := _find_article(item, depth + 1))), None)
    if not isinstance(data, dict):
        return None
    kinds = data.get("@type")
    if set(kinds if isinstance(kinds, list) else [kinds]) & ARTICLE_TYPES:
        return data
    return _find_article(data.get("@graph"), depth + 1)


def _main_heading(tree) -> str | None:
    """The first <h1> of the article (inside <article> or <main>), else of the page."""
    for path in ("//article//h1", "//main//h1", "//*[@role='main']//h1", "//h1"):
        for heading in tree.xpath(path):
            if text := _one_line(heading.text_content()):
                return text
    return None


def _names(value: object) -> tuple[str, ...]:
    """Names of JSON-LD people or organisations: a string, an object with a name, or a list of those."""
    values = value if isinstance(value, list) else [value]
    names = (item.get("name") if isinstance(item, dict) else item for item in values)
    return tuple(name for name in map(_one_line, names) if name)


def _one_line(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
