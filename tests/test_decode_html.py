"""Pages decode as a browser reads them: BOM, declared charset, meta, then detection."""

from __future__ import annotations

import pytest

from newsgraph.decode import charset_of, codec_for, decode_html, meta_charset

# sentences written for these tests, one per script
POLISH = "Ciężar sporu o cła spadł na rolników, którzy sprzedają zboże za granicę."
CHINESE = "两国外交部长星期二在日内瓦会晤，讨论新的贸易协定。"
JAPANESE = "両国の外相は火曜日にジュネーブで会談し、新しい貿易協定について話し合った。"
RUSSIAN = "Министры иностранных дел двух стран встретились во вторник в Женеве."


def page(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("text", "charset"),
    [(POLISH, "windows-1250"), (CHINESE, "gb2312"), (JAPANESE, "shift_jis"), (RUSSIAN, "koi8-r")],
)
def test_decode_html_meta_charset(text: str, charset: str) -> None:
    html = page(text, f'<meta charset="{charset}">')
    data = html.encode(codec_for(charset) or charset)
    assert text in decode_html(data)


@pytest.mark.parametrize(
    ("text", "charset"),
    [(POLISH, "windows-1250"), (CHINESE, "gb2312"), (JAPANESE, "shift_jis"), (RUSSIAN, "koi8-r")],
)
def test_decode_html_http_equiv_and_declared(text: str, charset: str) -> None:
    data = page(text, f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">').encode(
        codec_for(charset) or charset
    )
    assert text in decode_html(data)
    bare = page(text).encode(codec_for(charset) or charset)
    assert text in decode_html(bare, declared=charset_of(f"text/html; charset={charset}"))


def test_decode_html_declared_charset_wins_over_meta() -> None:
    data = page(RUSSIAN, '<meta charset="windows-1252">').encode("koi8_r")
    assert RUSSIAN in decode_html(data, declared="koi8-r")


def test_decode_html_utf8_with_a_wrong_meta() -> None:
    data = page(POLISH, '<meta charset="iso-8859-1">').encode("utf-8")
    assert POLISH in decode_html(data)
    assert POLISH in decode_html(data, declared="windows-1250")


def test_decode_html_bom_wins() -> None:
    data = b"\xef\xbb\xbf" + page(POLISH, '<meta charset="windows-1250">').encode("utf-8")
    assert decode_html(data).startswith("<html>") and POLISH in decode_html(data)
    data16 = page(RUSSIAN).encode("utf-16")  # with its BOM
    assert RUSSIAN in decode_html(data16)


def test_decode_html_without_declaration_is_detected() -> None:
    text = " ".join([RUSSIAN] * 8)
    assert RUSSIAN in decode_html(page(text).encode("cp1251"))
    assert CHINESE in decode_html(page(" ".join([CHINESE] * 8)).encode("gb18030"))


def test_decode_html_browser_label_mapping() -> None:
    assert codec_for("ISO-8859-1") == "cp1252"
    assert codec_for("GB2312") == "gb18030"
    assert codec_for("Shift_JIS") == "cp932"
    assert codec_for("no-such-charset") is None
    # a meta that declares UTF-16 on an ASCII-compatible page means UTF-8
    assert decode_html(page("café", '<meta charset="utf-16">').encode("utf-8")).count("café") == 1


def test_meta_charset_only_in_the_head() -> None:
    assert meta_charset(b'<head><meta charset="koi8-r"></head>') == "koi8-r"
    assert meta_charset(b'<head></head><body><meta charset="koi8-r"></body>') is None
