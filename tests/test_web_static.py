"""The web page's assets: shipped in the package, no inline script, no HTML injection sinks, no network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.api.app import CSP, web_dir

ASSETS = sorted(p for p in web_dir().iterdir() if p.suffix in {".html", ".js", ".css"})
SCRIPTS = [p for p in ASSETS if p.suffix == ".js"]
#: DOM sinks that parse strings as HTML or code; article text must only ever reach textContent.
SINKS = re.compile(r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\(\s*[\"']on")


def test_web_assets_are_in_the_package() -> None:
    names = {p.name for p in ASSETS}
    assert {"index.html", "app.js", "article.js", "dyad.js", "actor.js", "dom.js", "style.css"} <= names


def test_web_index_has_no_inline_script_or_style() -> None:
    html = (web_dir() / "index.html").read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline script: {tag}"
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html), "script element with a body"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert "<style" not in html and " style=" not in html


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_web_scripts_use_no_html_sinks(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert not SINKS.search(source), SINKS.search(source)


@pytest.mark.parametrize("path", ASSETS, ids=lambda p: p.name)
def test_web_assets_load_nothing_from_the_network(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    urls = set(re.findall(r"(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![a-z(])[^\s\"')]*", source, flags=re.I))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls
    assert "@import" not in source


def test_web_csp_forbids_inline_and_foreign_script() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in CSP


def test_web_confidence_threshold_is_the_store_default() -> None:
    from newsgraph.store.rows import DEFAULT_MIN_CONFIDENCE

    source = (web_dir() / "dom.js").read_text(encoding="utf-8")
    found = re.search(r"export const MIN_CONFIDENCE = ([0-9.]+);", source)
    assert found and float(found.group(1)) == DEFAULT_MIN_CONFIDENCE
