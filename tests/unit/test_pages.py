"""Saved web pages: the article's own headline, publication date and authors, as the page declares them."""

from __future__ import annotations

from newsreader.store import DocumentStore

BODY = (
    "<p>Der ADAC hat im Herbst 2018 insgesamt 29 Kindersitze getestet. Die meisten Sitze schnitten gut ab.</p>"
    "<p>Die Tester prüften Sicherheit, Bedienung und Schadstoffe. Die Gurtführung war oft verbessert.</p>"
    "<p>Eltern sollten beim Kauf auf die Norm i-Size achten, die seitlichen Aufprallschutz vorschreibt.</p>"
)
JSON_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
    '{"@type": "WebSite", "name": "BMJV"}, {"@type": "NewsArticle", "headline": "Kindersitze im Test",'
    '"datePublished": "2018-10-23T09:00:00+02:00", "dateModified": "2019-05-02T11:00:00+02:00",'
    '"author": [{"@type": "Person", "name": "Anna Schmidt"}]}]}</script>'
)


def load(tmp_path, head: str, body: str) -> object:
    path = tmp_path / "page.html"
    path.write_text(f'<html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>')
    [article] = DocumentStore.load([path]).articles
    return article


def test_json_ld_over_the_sites_name_its_modified_time_and_a_widget(tmp_path):
    article = load(
        tmp_path,
        '<title>BMJV</title><meta name="author" content="So Artikel Empfehlen">'
        f'<meta name="last-modified" content="2019-05-02">{JSON_LD}',
        f"<header><h1>BMJV</h1></header><article><h1>Kindersitze im Test</h1>{BODY}</article>",
    )
    assert (article.title, article.date, article.authors) == ("Kindersitze im Test", "2018-10-23", ("Anna Schmidt",))


def test_open_graph_and_article_published_time(tmp_path):
    article = load(
        tmp_path,
        '<title>BMJV</title><meta property="og:title" content="Kindersitze im Test">'
        '<meta property="og:site_name" content="Bundesministerium der Justiz">'
        '<meta name="date" content="2019-05-02"><meta property="article:published_time" content="2018-10-23">'
        '<meta name="author" content="So Artikel Empfehlen">',
        f"<header><h1>BMJV</h1></header><article>{BODY}</article>",
    )
    assert (article.title, article.date, article.source) == (
        "Kindersitze im Test",
        "2018-10-23",
        "Bundesministerium der Justiz",
    )
    assert article.authors == ()  # a sharing widget, not a person


def test_the_first_heading_of_the_main_text_over_a_slug(tmp_path):
    article = load(
        tmp_path,
        "<title>adac-kindersitztest-herbst-2018</title>",
        f'<header><a href="/">ADAC</a></header><main><h1>Kindersitze im Test</h1>{BODY}</main>',
    )
    assert article.title == "Kindersitze im Test"


def test_a_control_character_anywhere_keeps_the_page(tmp_path):
    article = load(tmp_path, "<title>Kindersitze\x00 im Test</title>", f"<article>{BODY}\x01\x07</article>")
    assert article.title == "Kindersitze im Test" and "i-Size" in article.body
