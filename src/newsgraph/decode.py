"""Bytes of a web page → text, with the character set found as a browser finds it.

The order (WHATWG "determining the character encoding", simplified):
1. a byte order mark (UTF-8, UTF-16 LE/BE);
2. the charset the server declared (HTTP ``Content-Type``), passed in by whoever fetched the page;
3. ``<meta charset>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">`` in the head;
4. detection (trafilatura's ``detect_encoding``: UTF-8, else charset-normalizer's guesses), else windows-1252.

One deviation from browsers: bytes that hold non-ASCII text and are valid UTF-8 are read as UTF-8
whatever a header or meta declares. Pages re-saved as UTF-8 keep their old declaration often, and a
legacy-encoded text is almost never valid UTF-8 by accident, so the declaration is the likelier error.
Labels are mapped as browsers map them: ISO-8859-1 and ASCII mean windows-1252, GB2312 means GB18030
(a superset of GBK), Shift_JIS means windows-31J; a meta that declares UTF-16 means UTF-8.
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
#: how far into the page the head is searched for a declaration (browsers look at least 1,024 bytes;
#: large heads of scripts and styles push the meta further, so the whole head up to this size is read)
HEAD_BYTES = 65_536
_META = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
_BODY = re.compile(rb"<body[\s>]", re.IGNORECASE)
_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)

# WHATWG Encoding Standard labels whose Python codec differs from the label's literal meaning
_BROWSER_CODECS = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "ascii": "cp1252", "us-ascii": "cp1252", "iso-ir-100": "cp1252", "cp819": "cp1252", "ibm819": "cp1252",
    "iso-8859-9": "cp1254", "iso8859-9": "cp1254", "latin5": "cp1254", "l5": "cp1254",
    "iso-8859-11": "cp874", "tis-620": "cp874", "dos-874": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "chinese": "gb18030",
    "csgb2312": "gb18030", "iso-ir-58": "gb18030", "gb_2312": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
    "windows-31j": "cp932", "csshiftjis": "cp932", "ms932": "cp932",
    "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "korean": "cp949", "windows-949": "cp949",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "cn-big5": "big5hkscs", "x-x-big5": "big5hkscs",
}


def codec_for(label: str | None) -> str | None:
    """The Python codec a browser would use for a charset label, or None for an unknown label."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    name = _BROWSER_CODECS.get(key, key)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_of(content_type: str | None) -> str | None:
    """The charset label of an HTTP ``Content-Type`` value ("text/html; charset=koi8-r" → "koi8-r")."""
    m = _CONTENT_TYPE_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def meta_charset(data: bytes) -> str | None:
    """The charset label a page declares in its head (``<meta charset>`` or ``http-equiv``), or None."""
    head = data[:HEAD_BYTES]
    body = _BODY.search(head)
    m = _META.search(head, 0, body.start() if body else len(head))
    return m.group(1).decode("ascii") if m else None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode a page's bytes: BOM, then the declared charset (HTTP), then the page's meta, then detection."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    if not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for label in (declared, meta_charset(data)):
        name = codec_for(label)
        if name in ("utf-16-le", "utf-16-be", "utf-16"):
            name = "utf-8"  # as browsers do: a page that could declare itself is not UTF-16
        if name:
            return data.decode(name, errors="replace")
    if data.isascii():
        return data.decode("ascii")
    return _detected(data)


def _detected(data: bytes) -> str:
    """Decode by detection: trafilatura's guesses in order (charset-normalizer), else windows-1252."""
    from trafilatura.utils import detect_encoding

    for guess in detect_encoding(data):
        name = codec_for(guess)
        if name:
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                continue
    return data.decode("cp1252", errors="replace")
