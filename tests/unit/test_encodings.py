"""Encodings: what a file declares is honoured, what it does not is detected, and nothing is decoded twice."""

from __future__ import annotations

import codecs
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.ingest import decode as decode_module
from newsreader.ingest.decode import decode
from newsreader.store import DocumentStore

# Headlines and bodies in the scripts the encodings below exist for.
WORLD = {
    "windows-1251": ("Лавров: Россия готова к диалогу", "Министр иностранных дел заявил в Коломбо, что Россия готова."),
    "koi8-r": ("Лавров: Россия готова к диалогу", "Министр иностранных дел заявил в Коломбо, что Россия готова."),
    "shift_jis": ("東京で新しい政策を発表", "日本政府は本日、新しい経済政策を発表した。"),
    "gb2312": ("中国政府宣布新的经济政策", "中国政府今天宣布了新的经济政策，以促进国内消费。"),
    "euc-kr": ("한국 정부 새로운 정책 발표", "한국 정부는 오늘 새로운 경제 정책을 발표했습니다."),
}


def rss(encoding: str, title: str, body: str, declared: bool = True) -> bytes:
    """An RSS feed of one item in `encoding`, declaring it in its XML declaration (or not)."""
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if declared else '<?xml version="1.0"?>'
    return (
        f'{declaration}\n<rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>{title}</title><description>{body}</description>"
        "<pubDate>Tue, 14 Jan 2020 10:00:00 GMT</pubDate></item></channel></rss>"
    ).encode(encoding)


def html_page(encoding: str, title: str, body: str) -> bytes:
    return (
        f'<html><head><meta charset="{encoding}"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p><p>{body}</p><p>{body}</p></article></body></html>"
    ).encode(encoding)


@pytest.mark.parametrize("encoding", WORLD)
def test_a_feed_is_read_in_the_encoding_it_declares(tmp_path, encoding):
    title, body = WORLD[encoding]
    path = tmp_path / "feed.xml"
    path.write_bytes(rss(encoding, title, body))
    [article] = DocumentStore.load([path]).articles
    assert (article.title, article.body) == (title, body)


@pytest.mark.parametrize("encoding", WORLD)
def test_a_feed_that_declares_nothing_is_detected(tmp_path, encoding):
    title, body = WORLD[encoding]
    path = tmp_path / "feed.rss"
    path.write_bytes(rss(encoding, title, body, declared=False))
    [article] = DocumentStore.load([path]).articles
    assert (article.title, article.body) == (title, body)


# Western texts in Latin-1 (cp1252) that declare nothing, and texts of other code pages that do not either.
UNDECLARED = [
    ("cp1252", "Zürich", "Café society in Zürich is old."),
    ("cp1252", "El presidente español", "Señaló en Madrid que la economía crecerá un 2,5% este año."),
    ("cp1252", "Le président à Paris", "Il a déclaré que l’économie était forte — très forte."),
    ("cp1252", "Inflação em São Paulo", "O presidente disse que a inflação está sob controle."),
    ("cp1250", "Gdańsk i Łódź", "Zażółć gęślą jaźń. Łódź i Kraków są w Polsce, a Gdańsk nad morzem."),
    ("cp1251", "Лавров: Россия готова к диалогу", "Министр иностранных дел заявил в Коломбо, что Россия готова."),
    # Read as cp1252 they were "kormányfõ hétfõn", "Preºedintele … cã guvernul" and "Pøedseda … èeská".
    ("cp1250", "A kormányfő hétfőn", "A miniszterelnök hétfőn bejelentette, hogy a kormány jövő héten tárgyal."),
    ("iso8859_2", "A kormányfő hétfőn", "Az ellenzék szerint a döntés késői, és a helyzet továbbra is nehéz."),
    ("cp1250", "Preşedintele României", "Preşedintele a declarat luni că guvernul va continua negocierile."),
    ("cp1250", "Předseda vlády", "Předseda vlády řekl, že česká ekonomika letos poroste."),
]


@pytest.mark.parametrize("encoding, title, body", UNDECLARED, ids=[f"{e}-{t[:8]}" for e, t, _ in UNDECLARED])
@pytest.mark.parametrize("suffix", [".json", ".txt", ".html"])
def test_a_western_text_that_declares_nothing_is_read_as_cp1252_others_as_detected(
    tmp_path, encoding, title, body, suffix
):
    # A short Latin-1 JSON file's "Zürich" was read as "Z³rich" (cp775), a Spanish "señaló" as "seńaló" (cp1250).
    path = tmp_path / f"article{suffix}"
    if suffix == ".json":
        path.write_bytes(json.dumps({"title": title, "body": body}, ensure_ascii=False).encode(encoding))
    elif suffix == ".txt":
        path.write_bytes(f"{title}\n\n{body}\n".encode(encoding))
    else:
        path.write_bytes(f"<html><head><title>{title}</title></head><body><p>{body}</p></body></html>".encode(encoding))
    [article] = DocumentStore.load([path]).articles
    assert article.title == title and body in article.body


def test_a_page_is_read_in_the_encoding_its_meta_charset_names():
    title, body = WORLD["windows-1251"]
    page = html_page("windows-1251", title, body)
    assert title in decode(page)
    http_equiv = b'http-equiv="Content-Type" content="text/html; charset='
    assert title in decode(page.replace(b'charset="', http_equiv))


def test_the_content_type_counts_when_the_document_declares_nothing():
    data = "Лавров: Россия".encode("koi8-r")
    assert decode(data, content_type="text/plain; charset=KOI8-R") == "Лавров: Россия"


def test_a_wrong_declaration_gives_way_to_what_the_bytes_are():
    data = '<?xml version="1.0" encoding="utf-8"?><p>Café – “quoted”</p>'.encode("cp1252")
    assert "Café – “quoted”" in decode(data)


def test_latin1_feeds_keep_cp1252_typographic_quotes(tmp_path):
    path = tmp_path / "feed.xml"
    # The bytes 0x92, 0x93, 0x94 and 0x96 are cp1252's quotes and dash; Latin-1 calls them C1 controls.
    path.write_bytes(rss("cp1252", "Don’t panic", "“Quoted” – and don’t stop.").replace(b"cp1252", b"ISO-8859-1"))
    [article] = DocumentStore.load([path]).articles
    assert (article.title, article.body) == ("Don’t panic", "“Quoted” – and don’t stop.")
    assert decode("don\u0092t".encode()) == "don’t"


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_a_bom_is_text(codec, bom):
    text = "Zürich: a headline\n\nThe body of the article."
    mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[codec] if bom else b""
    assert decode(mark + text.encode(codec)) == text


def test_utf32_with_a_bom_is_text():
    assert decode("Zürich".encode("utf-32")) == "Zürich"


@given(text=st.text(alphabet=st.sampled_from("a é’€\x80\x81\x8d\x92\x9f\xa0\r\n")) | st.text())
def test_c1_codes_are_read_as_cp1252_wherever_they_stand(text):
    # Decoding rewrites only text a look finds C1 codes in: what it gives must be what a rewrite of any gives.
    assert decode_module._normal(text) == decode_module.clean_text(decode_module.C1.sub(decode_module._as_cp1252, text))


# UTF-8 articles of several scripts, each given one stray cp1252 byte (0x92, a typographic apostrophe).
MOSTLY_UTF8 = [
    ("Zürich café – “quoted”", "Müller said{stray}s the crème brûlée was délicieux."),
    ("東京で新しい政策を発表", "日本政府は本日{stray}新しい経済政策を発表した。"),
    ("Лавров: Россия готова к диалогу", "Министр заявил{stray}s в Коломбо, что Россия готова."),
]


@pytest.mark.parametrize("title, body", MOSTLY_UTF8, ids=["latin", "japanese", "cyrillic"])
@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".txt"])
def test_utf8_with_a_stray_byte_stays_utf8_and_the_byte_reads_as_cp1252(tmp_path, title, body, suffix):
    # The whole file (or JSON Lines line) was read as cp1252 for one byte: "ZÃ¼rich", "æ—¥æœ¬".
    path = tmp_path / f"article{suffix}"
    if suffix == ".txt":
        data = f"{title}\n\n{body}\n".encode()
    else:
        data = json.dumps({"title": title, "body": body}, ensure_ascii=False).encode() + b"\n"
    path.write_bytes(data.replace(b"{stray}", b"\x92"))
    [article] = DocumentStore.load([path]).articles
    assert (article.title, article.body) == (title, body.format(stray="’"))
