"""The `clean` command (article text and metadata, no parsing): registered on the main app."""

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class CleanFormat(str, Enum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add the `clean` command to ``app``."""
    app.command("clean")(clean)


def clean(
    files: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl, .html(.gz), WARC/WET; '-' for stdin.")],
    format: Annotated[
        CleanFormat,
        typer.Option("--format", "-f", help="text (the article) or json (one object per line, with metadata)."),
    ] = CleanFormat.text,
) -> None:
    """Print the article text found in each page, without parsing it (no language model is loaded).

    The text is what `analyze` reads: the headline first when the article opens with it, then the
    body. JSON lines add source, url, title, headline, byline, published date and the body alone.
    A file that cannot be cleaned gets one line on stderr; the exit code is 1 when none could.

    Example: newsgraph clean page.html --format json
    """
    from newsgraph.clean import warm_html
    from newsgraph.ingest import Problem, iter_inputs

    warm_html()
    headers = format == CleanFormat.text and (len(files) > 1 or any(Path(f).is_dir() for f in files))
    ok = 0
    for result in _cleaned(iter_inputs(files)):
        if isinstance(result, Problem):
            sys.stderr.write(f"newsgraph: {' '.join(str(result).split())}\n")
            continue
        ok += 1
        if format == CleanFormat.json:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            if headers:
                sys.stdout.write(f"==> {result['source']} <==\n")
            sys.stdout.write(result["text"] + "\n\n")
    sys.stdout.flush()
    if ok == 0:
        sys.stderr.write("newsgraph: error: no document could be cleaned\n")
        raise typer.Exit(1)


def _cleaned(items: Iterator[object]) -> Iterator[dict[str, str | None] | object]:
    """Each raw item cleaned into a JSON-ready dict; problems (and cleaning failures) as Problems."""
    from newsgraph.clean import CleanError, clean_html, clean_text, document_text
    from newsgraph.ingest import Problem, RawItem

    for item in items:
        if not isinstance(item, RawItem):
            yield item
            continue
        try:
            cleaned = clean_html(item.content, item.url) if item.is_html else clean_text(item.content)
        except CleanError as err:
            yield Problem(item.source, str(err))
            continue
        except Exception as err:  # a cleaner bug must not lose the other files
            yield Problem(item.source, f"cleaning failed ({type(err).__name__}: {err})")
            continue
        yield {
            "source": item.source,
            "id": item.id,
            "url": item.url,
            "title": item.title or cleaned.title,
            "headline": cleaned.headline,
            "byline": cleaned.byline,
            "published": item.published or cleaned.published,
            "text": document_text(cleaned, item.title),
            "body": cleaned.body,
        }
