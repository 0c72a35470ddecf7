"""Clean stage: raw HTML or a plain-text page dump → the article's main text, title, byline and date.

HTML goes through trafilatura (main text, title, author) and htmldate (published date); plain text
through the line classifier in newsgraph.clean_text, which drops page furniture.

How an HTML page is read (one parse, two fast trafilatura runs on it):
1. trafilatura's precise run (``favor_precision``) finds the article's span; its standard run keeps what
   the precise run cut inside that span (list items, definition lists, FAQ answers, captions, contact
   lines), block by block: a block of the standard run that lies between two blocks both runs kept is
   put back (an all-capitals block, a shouted promo link, is not).
2. When the result looks cut (under half the standard run's words, or short and a small share of the
   page's visible text), trafilatura's full standard run (with its readability and jusText comparison)
   is paid for and used if it is clearly longer.
3. Paragraphs the furniture cues recognize are dropped anywhere; notices (long cookie and copyright
   text, contact lines with an e-mail address) only at the edges of the body.

The headline rule (``Cleaned.text``): the title is a separate field. The text a document is read
from starts with the headline only when the article body itself begins with it: on an HTML page, when
the extracted text's first paragraph is the title (with or without the site name); in plain text, when
the title is the line that opens the article (a wire story's first line, the headline over a page
dump's article block). A page whose body starts elsewhere keeps its title out of the text.
"""

from __future__ import annotations

import difflib
import re
from copy import copy
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml.etree import XPath, strip_elements

from newsgraph.clean_text import (
    Kind,
    TextCleanOptions,
    classify_paragraphs,
    default_options,
    line_key,
    split_page,
    without_site,
)

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement
    from trafilatura.settings import Extractor

_WORD = re.compile(r"\w+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# paragraphs of an extracted text that are page furniture whatever their place
_FURNITURE = (Kind.FURNITURE, Kind.BYLINE, Kind.EMPTY, Kind.END)
# elements trafilatura's tree cleaning removes in every run, and none of its steps reads
_NEVER_TEXT = ("style", "noscript", "svg", "template")


class CleanError(ValueError):
    """Nothing usable remains after cleaning (empty input, HTML without an article body, ...)."""


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The article found in a page: body paragraphs separated by a blank line, and its metadata.

    `headline` is the title as the article body opens with it, or None when the body does not.
    """

    body: str
    title: str | None
    byline: str | None
    published: str | None
    headline: str | None = None

    @property
    def text(self) -> str:
        """What becomes Document.text: the headline and a blank line when the article opens with it, then the body."""
        return f"{self.headline}\n\n{self.body}" if self.headline else self.body


@dataclass(frozen=True, slots=True)
class HtmlCleanOptions:
    """How trafilatura is asked; the defaults are the best measured on the Zyte benchmark (181 pages).

    The precise run's span with the standard run's blocks restored inside it scores F1 0.973 there
    (P 0.970, R 0.977), against 0.960 for trafilatura without comments (see docs/quality.md).
    """

    favor_precision: bool = True
    restore_blocks: bool = True
    include_comments: bool = False
    include_tables: bool = True
    #: the result looks cut under this share of the standard run's words ...
    fallback_ratio: float = 0.5
    #: ... or when shorter than this many characters and under `page_share` of the page's visible text
    #: outside links and page chrome (trafilatura's own escalation test uses 3000 and 0.2 of its page text)
    short_chars: int = 3000
    page_share: float = 0.2
    #: the full standard run replaces a result that looks cut when it has this many times its words
    accept_ratio: float = 1.5
    drop_furniture: bool = True
    #: search the markup for the author when neither the head nor the text names one (trafilatura's
    #: extract_author, 17 ms where it runs: bylines on 154 of the 181 Zyte pages instead of 106)
    author_search: bool = True
    text: TextCleanOptions | None = None


def document_text(cleaned: Cleaned, given_title: str | None = None) -> str:
    """What a document is read from: the cleaned text, led by a title given beside it (JSONL, sidecars)."""
    if given_title and not cleaned.text.startswith(given_title):
        return f"{given_title}\n\n{cleaned.body}"
    return cleaned.text


def clean_text(text: str, options: TextCleanOptions | None = None) -> Cleaned:
    """Remove page furniture from a plain-text page dump; keep the title apart from the body."""
    parts = split_page(text, options)
    body = "\n\n".join(parts.paragraphs)
    if not _WORD.search(body):
        raise CleanError("no article text found in the plain text")
    # in plain text the title found is the line that opens the article (see the module docstring)
    return Cleaned(body=body, title=parts.title, byline=parts.byline, published=None, headline=parts.title)


def clean_html(html: str, url: str | None = None, options: HtmlCleanOptions | None = None) -> Cleaned:
    """Extract the article from an HTML page with trafilatura; date from the page metadata (htmldate)."""
    import trafilatura

    opts = options or HtmlCleanOptions()
    if not html or not html.strip():
        raise CleanError("empty HTML")
    # one parse serves every run, title, author and date (trafilatura copies a tree before pruning it)
    tree = trafilatura.load_html(html)
    if tree is None:
        raise CleanError("not parseable as HTML")
    meta = page_metadata(tree, url)
    _strip_never_text(tree)
    paragraphs = _article(tree, url, opts)
    title, byline, published = meta.title, meta.byline, meta.published
    headline = None
    if title and paragraphs and is_same_headline(paragraphs[0], title):
        headline = paragraphs.pop(0)
    if opts.drop_furniture:
        units = classify_paragraphs(paragraphs, opts.text)
        byline = byline or next((u.byline for u in units if u.byline), None)
        kept = [(p, u.kind) for p, u in zip(paragraphs, units) if u.kind not in _FURNITURE]
        paragraphs = [p for p, _ in _trim_notices(kept)]
    body = "\n\n".join(paragraphs)
    if not _WORD.search(body):
        raise CleanError("no article body found in the HTML")
    if byline is None and opts.author_search:
        # the markup search (9 ms) only when neither the head nor the text names the author
        byline = (_markup_author(tree) or "").strip() or None
    return Cleaned(body=body, title=title, byline=byline, published=published, headline=headline)


def _markup_author(tree: HtmlElement) -> str | None:
    """trafilatura's ``extract_author`` without its copy of the page: it prunes the tree, so it is the
    last step of clean_html that reads it."""
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.metadata import extract_metainfo, normalize_authors
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

    author = extract_metainfo(prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS), AUTHOR_XPATHS, len_limit=120)
    return normalize_authors(None, author) if author else author


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page's head and markup say of the article."""

    title: str | None
    byline: str | None
    published: str | None


def page_metadata(tree: object, url: str | None = None) -> PageMetadata:
    """Title, author and date from meta tags and JSON-LD (trafilatura's readers) and htmldate.

    trafilatura's ``extract_metadata`` also reads site name, categories, tags, licence and image, and
    searches the markup for an author when the head names none (18 ms a page on the Zyte pages, most
    of it that search); these readers cost about 3 ms. clean_html runs the markup search only when
    neither the head nor the text's byline cues name the author.
    """
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title
    from trafilatura.settings import set_date_params

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # one word is a handle or a site, not a name (as extract_metadata judges)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 -- trafilatura's JSON-LD reader fails on odd markup; the head is enough
        pass
    title = (meta.title or extract_title(tree) or "").strip() or None
    date = find_date(tree, url=url, **set_date_params(False))
    published = date if date and _ISO_DATE.fullmatch(date) else None
    return PageMetadata(title, (meta.author or "").strip() or None, published)


def _strip_never_text(tree: object) -> None:
    """Remove once what every trafilatura run would remove from its own copy of the tree (tails kept):
    styles, SVG, templates and scripts, except JSON-LD (trafilatura tells a forum thread by it)."""
    strip_elements(tree, *_NEVER_TEXT, with_tail=False)
    scripts = [s for s in tree.iter("script") if s.get("type") != "application/ld+json"]  # type: ignore[attr-defined]
    for script in scripts:
        script.drop_tree()


def _article(tree: object, url: str | None, opts: HtmlCleanOptions) -> list[str]:
    """The article's paragraphs (one per block trafilatura found)."""
    common = dict(url=url, include_comments=opts.include_comments, include_tables=opts.include_tables)
    if opts.favor_precision and not opts.include_comments:
        standard, precise = fast_runs(tree, url, include_tables=opts.include_tables)
        lines = restore_blocks(_lines(precise), _lines(standard)) if opts.restore_blocks else _lines(precise)
    elif opts.favor_precision:
        standard = _extract(tree, fast=True, **common)
        precise = _extract(tree, fast=True, favor_precision=True, **common)
        lines = restore_blocks(_lines(precise), _lines(standard)) if opts.restore_blocks else _lines(precise)
    else:
        standard = _extract(tree, fast=True, **common)
        lines = _lines(standard)
    if _looks_cut(lines, standard, tree, opts):
        full = _lines(_extract(tree, **common))
        if _words(full) >= opts.accept_ratio * _words(lines):
            lines = full
    return lines


def _looks_cut(lines: list[str], standard: str, tree: HtmlElement, opts: HtmlCleanOptions) -> bool:
    """Whether the article may have been cut: few words against the fast standard run, or against the page."""
    if _words(lines) < opts.fallback_ratio * len(_WORD.findall(standard)):
        return True
    chars = sum(len(line) for line in lines)
    if chars >= opts.short_chars:
        return False
    # the page's visible text is only counted for short results (trafilatura's own escalation test,
    # with text nodes counted by one XPath instead of its html2txt: 3 ms, not 12), and only when all the
    # body's text (a bound of it, 0.4 ms) does not settle the test already (65 of 81 Zyte pages)
    return chars < opts.page_share * _body_chars(tree) and chars < opts.page_share * _visible_chars(tree)


@lru_cache(maxsize=1)
def _visible_xpath() -> XPath:
    # text outside scripts, links and page chrome: what an article cut short would have lost
    skip = ("script", "style", "noscript", "template", "a", "nav", "header", "footer", "aside", "form")
    return XPath(f"//body//text()[not({' or '.join(f'ancestor::{tag}' for tag in skip)})]")


def _visible_chars(tree: HtmlElement) -> int:
    """Characters of the page's visible text outside links and page chrome (each text node stripped)."""
    return sum(len(t.strip()) for t in _visible_xpath()(tree))


def _body_chars(tree: HtmlElement) -> int:
    """All of the body's text, counted as _visible_chars counts it: a bound of it at a third of its cost."""
    return sum(len(t.strip()) for body in tree.iter("body") for t in body.itertext())


def restore_blocks(precise: list[str], standard: list[str]) -> list[str]:
    """The precise run's blocks, with the standard run's blocks that lie inside the article put back.

    Blocks are aligned as sequences; a standard block is put back where it sits between two aligned
    blocks (inside the span the precise run found), never before the first or after the last.
    """
    matcher = difflib.SequenceMatcher(None, precise, standard, autojunk=False)
    ops = matcher.get_opcodes()
    aligned = [i for i, op in enumerate(ops) if op[0] == "equal"]
    if not aligned:
        return precise
    first, last = aligned[0], aligned[-1]
    out: list[str] = []
    for i, (tag, i1, i2, j1, j2) in enumerate(ops):
        out.extend(precise[i1:i2])
        if first < i < last and tag in ("insert", "replace"):
            own = set(precise[i1:i2])
            out.extend(b for b in standard[j1:j2] if b not in own and not _shouted(b))
    return out


def _shouted(block: str) -> bool:
    """An all-capitals block of three words or more: in an article's middle, a promo link, not text."""
    letters = [c for c in block if c.isalpha()]
    return len(_WORD.findall(block)) >= 3 and bool(letters) and all(c.isupper() for c in letters)


def is_same_headline(paragraph: str, title: str) -> bool:
    """Whether a paragraph is the page title (either may carry the site name: "Headline | Site")."""
    a, b = line_key(paragraph).lower(), line_key(title).lower()
    return a == b or line_key(without_site(paragraph)).lower() == b or a == line_key(without_site(title)).lower()


def _trim_notices(paragraphs: list[tuple[str, Kind]]) -> list[tuple[str, Kind]]:
    """Notices (copyright, cookies, contact lines) off the edges of the body; inside it they stay."""
    start, end = 0, len(paragraphs)
    while start < end and paragraphs[start][1] is Kind.NOTICE:
        start += 1
    while end > start and paragraphs[end - 1][1] is Kind.NOTICE:
        end -= 1
    return paragraphs[start:end]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _words(lines: list[str]) -> int:
    return sum(len(_WORD.findall(line)) for line in lines)


def fast_runs(tree: HtmlElement, url: str | None = None, include_tables: bool = True) -> tuple[str, str]:
    """trafilatura's standard and precise fast runs without comments, as ``extract`` gives them
    (``extract(tree, fast=True, include_comments=False)`` and the same with ``favor_precision=True``),
    with the steps both runs repeat on the raw page done once: the copy of the tree, the forum test and
    the two raw-tree prunes (regular-expression XPaths over every element: about a quarter of a run).

    It follows ``trafilatura.core.trafilatura_sequence`` of the pinned trafilatura (2.3.1) for these
    options; tests/test_clean_html.py checks that both texts equal ``extract``'s.
    """
    from trafilatura.core import _forum_thread_page
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.settings import Extractor
    from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

    raw = copy(tree)
    is_forum = _forum_thread_page(raw)
    raw = prune_unwanted_nodes(raw, RAW_TREE_PRUNE_XPATH)
    standard_raw = raw if is_forum else prune_unwanted_nodes(raw, REMOVE_COMMENTS_AND_LISTS_XPATH)
    # the precise run prunes comments and comment lists on a forum page too, the standard run does not
    precise_raw = prune_unwanted_nodes(copy(raw), REMOVE_COMMENTS_AND_LISTS_XPATH) if is_forum else raw
    standard, precise = (
        Extractor(output_format="txt", fast=True, comments=False, tables=include_tables, url=url, precision=precision)
        for precision in (False, True)
    )
    return _run(standard_raw, standard, url, is_forum), _run(precise_raw, precise, url, is_forum)


def _run(raw: HtmlElement, options: Extractor, url: str | None, is_forum: bool) -> str:
    """One fast run of trafilatura's cascade on a raw tree already pruned (``trafilatura_sequence`` and
    ``bare_extraction`` for comments off: the raw tree is only read, every stage works on a copy)."""
    from trafilatura import core
    from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
    from trafilatura.main_extractor import extract_content
    from trafilatura.metadata import Document
    from trafilatura.xpaths import REMOVE_COMMENTS_XPATH

    try:
        # _prepare_tree without its pre-conversion backup, which only the slow run's comparison reads
        cleaned = convert_tags(tree_cleaning(copy(raw), options), options, url)
        if options.focus == "precision" and not is_forum:
            cleaned = prune_unwanted_nodes(cleaned, REMOVE_COMMENTS_XPATH)
        body, text = extract_content(cleaned, options)
        if options.focus == "balanced":
            body, text = _rescue(raw, options, url, body, text)
        if len(text) < options.min_output_size:
            return ""
    except (TypeError, ValueError):
        return ""
    document = Document()
    document.body, document.commentsbody = body, core.Element("body")
    return core.determine_returnstring(document, options)


def _rescue(raw: HtmlElement, options: Extractor, url: str | None, body: _Element, text: str) -> tuple[_Element, str]:
    """The standard run's stages 3 and 4 (``trafilatura_sequence``): the baseline on the raw tree when the
    text is short, then the recall retry when the text covers little of the page (no jusText: fast)."""
    from trafilatura import core

    if len(text) < options.min_extracted_size:
        b_body, b_text, b_len = core.baseline(raw)
        if b_len > len(text):
            body, text = b_body, b_text
    short = 0 < len(text) < core.ESCALATION_MAX_LENGTH
    if short and _covers_little(len(text), raw, core.ESCALATION_PAGE_SHARE):
        recall = copy(options)
        recall.focus = "recall"
        r_text = ""
        try:
            r_body, r_text = core._recall_retry(raw, recall, url)
        except Exception:  # noqa: BLE001 -- as trafilatura does: a failed retry keeps the first result
            pass
        if len(r_text) >= options.min_extracted_size and len(r_text) > core.ESCALATION_ACCEPT_RATIO * len(text):
            body, text = r_body, r_text
    return body, text


def _covers_little(chars: int, raw: HtmlElement, share: float) -> bool:
    """``chars < share * len(html2txt(raw))``, trafilatura's escalation test, with html2txt (a copy of the
    tree and a regular-expression XPath over it: 3 to 11 ms) skipped when a bound shows the test fails.

    html2txt is the body's text after removing some elements, with a space put before the text and
    before the tail of each block element, whitespace collapsed. Removing elements and control
    characters never adds a word or a character, and each space put in splits at most one word, so its
    length is at most the body's collapsed text plus two per block element (the bound costs 0.5 ms and
    settles 59 of the 79 Zyte pages where the test is asked).
    """
    from trafilatura.baseline import _BLOCK_ELEMS, html2txt

    body = raw.find(".//body")
    body = raw if body is None else body  # html2txt reads the element itself when it has no <body>
    bound = len(" ".join(body.text_content().split())) + 2 * sum(1 for _ in body.iter(*_BLOCK_ELEMS))
    return chars < share * bound and chars < share * len(html2txt(raw))


def _extract(tree: object, **kwargs: object) -> str:
    import trafilatura

    return trafilatura.extract(tree, output_format="txt", **kwargs) or ""


@lru_cache(maxsize=1)
def warm_html() -> None:
    """Load, once per process, what the first HTML page would otherwise pay for (about a second):
    trafilatura, the furniture cues, and jusText's stop lists of every language (which trafilatura
    builds on its first jusText fallback)."""
    from trafilatura import external

    default_options()
    if external.JT_STOPLIST is None:
        external.jt_stoplist_init()
    # the regular expressions of trafilatura's XPaths (compiled on the first element with a class or
    # an id they test) and of the date parsing (htmldate's strptime): about 5 ms the first page would pay
    _visible_xpath()
    datetime.strptime("2020-01-02", "%Y-%m-%d")
    for page in (_WARM_PAGE, _WARM_PAGE.replace("<article", "<div").replace("</article>", "</div>")):
        try:
            clean_html(page, url="https://example.org/2020/01/02/warm-up")
        except CleanError:
            pass


_WARM_PAGE = """<html><head><title>Warm-up page | Example</title>
<meta property="article:published_time" content="2020-01-02T03:04:05Z">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Warm-up page", "datePublished": "2020-01-02"}</script></head>
<body><div id="header" class="header"><ul class="menu nav"><li><a href="/">Home</a></li></ul></div>
<article id="story" class="article-body post-content"><h1 class="title">Warm-up page</h1>
<div class="meta"><span class="author-name">Ann Example</span> <time datetime="2020-01-02">2 January 2020</time></div>
<p class="lead">The first paragraph of a page that no reader sees, written so that every run keeps it.</p>
<figure class="image"><img src="a.jpg"><figcaption class="caption">A caption under the picture.</figcaption></figure>
<p>A second paragraph, with <a href="/b" class="inline-link">a link</a> inside the sentence it belongs to.</p>
<ul class="list"><li>One item of a list that stands inside the article.</li><li>Another item.</li></ul>
<table class="data"><tr><td>1</td><td>2</td></tr></table>
<div class="share-buttons social"><a href="#">Share</a></div>
<section id="comments" class="comments"><div class="comment">A reader's comment.</div></section></article>
<aside class="sidebar related"><h2>Related</h2><a href="/c">Another story</a></aside>
<div id="cookie-banner" class="cookie-consent">We use cookies.</div>
<footer id="footer" class="footer">© 2020 Example</footer></body></html>"""
