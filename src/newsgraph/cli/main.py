"""The `newsgraph` command line: a thin layer over the Python API.

Errors are one line on stderr with a non-zero exit; `--format json` is for machines and
the default table for people; every command's help ends with an example.
"""

import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph import __version__
from newsgraph.cli.common import QueryFormat, StoreOption, err, fail, open_store, out, warn, write_rows
from newsgraph.cli.values import Group
from newsgraph.cli.watch import DelayOption

app = typer.Typer(
    name="newsgraph",
    help="Evidence-linked facts about international relations from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=Group,
)
eval_app = typer.Typer(
    help="Score a stage against the external gold standards in ../shared/data.", no_args_is_help=True, cls=Group
)
export_app = typer.Typer(help="Export the store in other formats.", no_args_is_help=True, cls=Group)
app.add_typer(eval_app, name="eval")
app.add_typer(export_app, name="export")


def _version_flag(value: bool) -> None:
    if value:
        from newsgraph.data_version import data_version

        sys.stdout.write(f"newsgraph {__version__} ({data_version()})\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_flag, is_eager=True, help="Print the code and data versions."),
    ] = False,
) -> None:
    """Evidence-linked facts about international relations from news articles."""


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


DataOption = Annotated[
    Path | None, typer.Option("--data", help="The gold data folder (default: ../shared/data beside the repository).")
]
WorkersOption = Annotated[int, typer.Option("--workers", min=1, help="Worker processes, each with its own model.")]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for every input (resolves 'last Friday').")
]
FIELDS_PANEL = "JSONL fields (a key, or a dotted path into nested objects: meta.date)"


def _field_option(name: str, what: str) -> Any:
    return Annotated[
        str | None, typer.Option(f"--{name}-field", help=f"The field holding {what}.", rich_help_panel=FIELDS_PANEL)
    ]


TextField = _field_option("text", "the article's plain text (default: text)")
HtmlField = _field_option("html", "the article's HTML (default: html)")
IdField = _field_option("id", "the document id (default: id; letters, digits, _ . : -)")
PublishedField = _field_option("published", "the publication date (default: published, else date)")
TitleField = _field_option("title", "the headline (default: title)")
UrlField = _field_option("url", "the article's URL (default: url)")


def _published(value: str | None) -> str | None:
    from newsgraph.ingest import normalize_date

    try:
        return normalize_date(value)
    except ValueError as e:
        fail(f"--published: {e}", 2)


def _inputs(**fields: str | None) -> Any:
    """How inputs are read: the JSONL field names the user gave (the others keep their defaults)."""
    from newsgraph.ingest import Fields, InputOptions

    return InputOptions(fields=Fields(**{name: value for name, value in fields.items() if value}))


def _existing(paths: list[str], allow_none: bool = False) -> tuple[list[str], int]:
    """The paths that exist, the others reported before anything loads the model; fails when none is left
    (unless other inputs, URLs, remain)."""
    from newsgraph.ingest import missing_paths

    missing = set(missing_paths(paths))
    for name in sorted(missing):
        warn(f"{name}: no such file or directory")
    found = [name for name in paths if name not in missing]
    if not found and not allow_none:
        fail("no input could be read")
    return found, len(missing)


def _undated(count: int, total: int) -> None:
    if count:
        warn(
            f"{count} of {total} documents have no publication date (none given by --published, a FILE.meta.json "
            f"sidecar, the page or --published-field): 'on Monday' cannot be resolved and dyads and alerts "
            f"leave out events without a day"
        )


def _data_dir(path: Path | None) -> Path:
    if path is not None:
        candidates = [path]
    else:
        here = Path(__file__).resolve()
        candidates = [Path.cwd() / ".." / "shared" / "data", Path.cwd() / "shared" / "data"]
        candidates += [p / "shared" / "data" for p in here.parents[3:5]]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    fail(f"gold data not found (looked in {', '.join(str(c) for c in candidates)}); pass --data DIR")


@app.command()
def analyze(
    files: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl, .html(.gz), WARC/WET; '-' for stdin.")],
    published: PublishedOption = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="json, jsonl or table.")] = Format.json,
    workers: WorkersOption = 1,
    text_field: TextField = None,
    html_field: HtmlField = None,
    id_field: IdField = None,
    published_field: PublishedField = None,
    title_field: TitleField = None,
    url_field: UrlField = None,
) -> None:
    """Analyze articles and print one Analysis per document.

    A text or HTML file may have FILE.meta.json beside it: {"published", "url", "title", "id"}.

    Example: newsgraph analyze examples/seed-article.txt --published 2021-12-06 --format table
    """
    from newsgraph.ingest import Problem, iter_inputs
    from newsgraph.pipeline import PipelineOptions, analyze_items
    from newsgraph.records import Analysis

    inputs = _inputs(text=text_field, html=html_field, id=id_field, published=published_field, title=title_field,
                     url=url_field)  # fmt: skip
    options = PipelineOptions(published=_published(published), workers=workers)
    paths, _ = _existing(files)
    results = analyze_items(iter_inputs(paths, options=inputs), options)
    ok = undated = 0
    pending: list[Analysis] = []
    single = len(files) == 1 and format == Format.json

    def emit(a: Analysis, pretty: bool) -> None:
        if format == Format.table:
            from newsgraph.render import analysis_table

            out.print(analysis_table(a, expand=out.is_terminal))
        elif pretty:
            sys.stdout.write(json.dumps(a.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")

    for result in results:
        if isinstance(result, Problem):
            warn(str(result))
            continue
        ok += 1
        undated += result.document.published is None
        if single and ok <= 1:
            pending.append(result)  # hold one back: a single result prints as one indented object
            continue
        for held in pending:
            emit(held, pretty=False)
        pending.clear()
        emit(result, pretty=False)
    for held in pending:
        emit(held, pretty=True)
    sys.stdout.flush()
    if ok == 0:
        fail("no document could be analyzed")
    _undated(undated, ok)


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, .jsonl, .html(.gz), WARC/WET, http(s) pages, feeds, sitemaps; '-' stdin."),
    ] = None,
    store: StoreOption = None,
    published: PublishedOption = None,
    workers: WorkersOption = 1,
    segment_size: Annotated[int, typer.Option(min=1, help="Documents per Parquet segment.")] = 500,
    engine: Annotated[
        str, typer.Option("--engine", help="local (worker processes) or ray (Ray Data actors; --workers actors).")
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option("--ray-address", help="A Ray cluster: HOST:PORT or auto (docs/scale.md); default: local Ray."),
    ] = None,
    text_field: TextField = None,
    html_field: HtmlField = None,
    id_field: IdField = None,
    published_field: PublishedField = None,
    title_field: TitleField = None,
    url_field: UrlField = None,
    urls: Annotated[
        Path | None, typer.Option("--urls", help="A text file of URLs (pages, feeds, sitemaps), one a line.")
    ] = None,
    delay: DelayOption = 1.0,
) -> None:
    """Analyze articles and append them to the store; documents and URLs already stored are skipped before their parse.

    A text or HTML file may have FILE.meta.json beside it: {"published", "url", "title", "id"}.
    A JSONL export with its own field names: --text-field body --published-field date ...
    An http(s) URL is an article page, an RSS/Atom feed or a sitemap, fetched politely.

    Example: newsgraph ingest examples/ --store /tmp/ng-store
    """
    from newsgraph.crawl import Crawl, CrawlError, CrawlOptions, iter_sources, read_sources
    from newsgraph.fetch import FetchOptions
    from newsgraph.ingest import Problem, count_inputs
    from newsgraph.pipeline import PipelineOptions, analyze_items
    from newsgraph.progress import progress_bar
    from newsgraph.store.segments import StoreError

    if engine not in ("local", "ray"):
        fail(f"--engine: {engine!r} is not one of local, ray", 2)
    try:
        given = read_sources(sources or [], str(urls) if urls else None)
    except CrawlError as e:
        fail(str(e), 2)
    if not (given.paths or given.urls or given.problems):
        fail("nothing to ingest: give files, folders or URLs (or --urls FILE)", 2)
    if engine == "ray" and (given.urls or given.problems):
        fail("--engine ray reads files and folders; ingest URLs with --engine local", 2)
    inputs = _inputs(text=text_field, html=html_field, id=id_field, published=published_field, title=title_field,
                     url=url_field)  # fmt: skip
    options = PipelineOptions(published=_published(published), workers=workers)
    paths, refused = _existing(list(given.paths), allow_none=bool(given.urls or given.problems))
    given = replace(given, paths=tuple(paths))
    target = open_store(store)
    try:
        stored = frozenset(target.document_ids())
    except StoreError as e:
        fail(str(e))
    crawl = Crawl(target.segments, CrawlOptions(fetch=FetchOptions(delay=delay))) if given.urls else None

    def results() -> Iterator[Any]:
        if engine == "local":
            return analyze_items(iter_sources(given, crawl, inputs), options, stored)
        from newsgraph.engine_ray import RayOptions, analyze_sources_ray

        ray_options = RayOptions(address=ray_address, concurrency=workers)
        return analyze_sources_ray(paths, options, ray_options, stored, inputs)

    def told(advance: Any) -> Iterator[Any]:
        for result in results():
            advance()
            if isinstance(result, Problem):
                warn(str(result))  # as it comes: a long ingest names its refusals while it runs
            yield result

    try:
        with progress_bar(None if given.urls else count_inputs(paths), err.console) as advance:
            written = target.ingest_results(told(advance), segment_size=segment_size)
        if crawl is not None:
            crawl.commit()  # feeds' validators only once their pages are stored
    except StoreError as e:
        fail(str(e))
    except Exception as e:  # RayEngineError and Ray's own start-up failures, as one line
        if type(e).__module__.split(".")[0] not in ("newsgraph", "ray"):
            raise
        fail(str(e))
    finally:
        if crawl is not None:
            crawl.close()
    already = written.already + (crawl.counts.already if crawl is not None else 0)  # also: twice in this run
    refused += written.refused
    warn(
        f"ingested {written.written} new documents into {target.root} "
        f"({already} already stored, {refused} refused, {written.segments} segments)"
    )
    _undated(written.undated, written.written)
    if written.written == 0 and already == 0:
        fail("no document could be ingested")


@app.command()
def stats(
    store: StoreOption = None,
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
) -> None:
    """Counts per table, segments, date range and the code/data versions in the store.

    Example: newsgraph stats --store /tmp/ng-store
    """
    from newsgraph.store.segments import StoreError

    try:
        s = open_store(store).stats()
    except StoreError as e:
        fail(str(e))
    if format != QueryFormat.table:
        sys.stdout.write(json.dumps(s, indent=2) + "\n")
        return
    from newsgraph.render import result_table

    rows = [(t, n) for t, n in s["rows"].items()]
    out.print(f"store {s['store']} ({s['segments']} segments)", markup=False, highlight=False)
    out.print(result_table(["table", "rows"], rows))
    out.print(f"published {s['published']['first']} … {s['published']['last']}")
    for v in s["versions"]:
        out.print(f"code {v['code']}  data {v['data']}: {v['documents']} documents")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="One SQL statement over the tables documents, actors, quotes, ...")],
    store: StoreOption = None,
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
) -> None:
    """Run SQL (DuckDB) over the store's tables.

    Example: newsgraph sql "SELECT source_code, target_code, count(*) FROM events GROUP BY ALL"
    """
    from newsgraph.query.views import QueryError
    from newsgraph.store.segments import StoreError

    try:
        result = open_store(store).sql(query)
    except (StoreError, QueryError) as e:
        fail(str(e))
    write_rows(result.columns, result.rows, format)


def _report(report: Any, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        out.print(report.render(), markup=False, highlight=False)


JsonFlag = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N items.")]


@eval_app.command("boilerplate")
def eval_boilerplate(
    track: Annotated[str, typer.Option(help="html (raw pages) or text (flat page text).")] = "text",
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="The gold data folder, or a benchmark folder of the same shape (ground-truth.json, html/*.html.gz).",
        ),
    ] = None,
    limit: LimitOption = None,
    json_: JsonFlag = False,
) -> None:
    """Article-body extraction on the Zyte benchmark (word 4-gram F1), with trafilatura as the comparison.

    Example: newsgraph eval boilerplate --track html --data ../other-benchmark
    """
    from newsgraph.evaluate.boilerplate import evaluate

    if track not in ("html", "text"):
        fail("--track must be html or text", 2)
    try:
        report = evaluate(_data_dir(data), track, limit=limit)
    except FileNotFoundError as e:
        fail(f"--data: {e}", 2)
    _report(report, json_)


@eval_app.command("timex")
def eval_timex(
    data: DataOption = None,
    limit: LimitOption = None,
    compare: Annotated[bool, typer.Option(help="Also score dateparser in the same run.")] = True,
    json_: JsonFlag = False,
) -> None:
    """Temporal expressions on TimeBank + AQUAINT (TempEval-3 extent and value F1), with dateparser.

    Example: newsgraph eval timex --no-compare
    """
    from newsgraph.evaluate.timex import evaluate

    _report(evaluate(_data_dir(data), limit=limit, compare=compare), json_)


@eval_app.command("quotes")
def eval_quotes(
    split: Annotated[str, typer.Option(help="PolNeAR split: dev or train.")] = "dev",
    data: DataOption = None,
    limit: LimitOption = None,
    compare: Annotated[bool, typer.Option(help="Also score textacy's direct_quotations in the same run.")] = True,
    json_: JsonFlag = False,
) -> None:
    """Quote and speaker attribution on PolNeAR, with textacy as the comparison.

    Example: newsgraph eval quotes --split dev
    """
    from newsgraph.evaluate.quotes import evaluate

    if split not in ("dev", "train"):
        fail("--split must be dev or train", 2)
    _report(evaluate(_data_dir(data), split=split, limit=limit, compare=compare), json_)


@eval_app.command("actors")
def eval_actors(data: DataOption = None, limit: LimitOption = None, json_: JsonFlag = False) -> None:
    """Actor coding on PLOVER GSR: gold source/target country and sector among our actors.

    Example: newsgraph eval actors
    """
    from newsgraph.evaluate.actors import evaluate

    _report(evaluate(_data_dir(data), limit=limit), json_)


@eval_app.command("events")
def eval_events(
    dataset: Annotated[str, typer.Option(help="cameo, plover, petrarch or all.")] = "all",
    data: DataOption = None,
    limit: LimitOption = None,
    json_: JsonFlag = False,
) -> None:
    """Event coding on the CAMEO manual examples, PLOVER GSR and PETRARCH's unit tests.

    Example: newsgraph eval events --dataset plover
    """
    from newsgraph.evaluate.events import evaluate

    _report(evaluate(_data_dir(data), dataset=dataset, limit=limit), json_)


@eval_app.command("amounts")
def eval_amounts(
    devset: Annotated[
        Path | None, typer.Option(help="The hand-annotated set (default: tests/data/amounts-claims-dev).")
    ] = None,
    split: Annotated[str, typer.Option(help="dev, test or all.")] = "all",
    data: DataOption = None,
    json_: JsonFlag = False,
) -> None:
    """Amounts and disputed claims on the hand-annotated development set in tests/.

    Example: newsgraph eval amounts --split test
    """
    from newsgraph.evaluate.amounts import DEFAULT_DEVSET, SPLITS, evaluate

    if split not in (*SPLITS, "all"):
        fail(f"--split must be one of {', '.join(SPLITS)} or all", 2)
    folder = devset or DEFAULT_DEVSET
    if not folder.is_dir():
        fail(f"no annotated set at {folder}; pass --devset DIR")
    _report(evaluate(_data_dir(data), folder, SPLITS if split == "all" else (split,)), json_)


@export_app.command("gdelt")
def export_gdelt(
    out_file: Annotated[Path, typer.Argument(help="The GDELT 2.0 events file to write (tab-separated, 61 columns).")],
    store: StoreOption = None,
) -> None:
    """Write the store's events as GDELT 2.0 event rows, with our evidence in OUT.evidence.jsonl.

    Example: newsgraph export gdelt events.export.CSV --store /tmp/ng-store
    """
    from newsgraph.export import write_gdelt_events
    from newsgraph.store.segments import StoreError

    target = open_store(store)
    if not target.exists():
        fail(f"no store at {target.root}")
    evidence = out_file.with_name(out_file.name + ".evidence.jsonl")
    try:
        n = write_gdelt_events(target.analyses(), out_file, evidence)
    except (StoreError, OSError) as e:
        fail(f"cannot export to {out_file}: {e}")
    warn(f"wrote {n} events to {out_file} (evidence in {evidence})")


@app.command()
def bench(
    docs: Annotated[int, typer.Option(min=10, help="Reuters articles to analyze.")] = 400,
    data: DataOption = None,
    html: Annotated[
        bool,
        typer.Option("--html", help="Instead: cleaning vs trafilatura's extract, and the pipeline, on the Zyte pages."),
    ] = False,
) -> None:
    """Throughput of the whole pipeline vs. the bare spaCy parse on Reuters, at 1 and 2 workers.

    Example: newsgraph bench --docs 400
    """
    if html:
        from newsgraph.bench_html import run_html_bench

        lines = run_html_bench(_data_dir(data))
    else:
        from newsgraph.bench import run_bench

        lines = run_bench(_data_dir(data), docs)
    for line in lines:
        out.print(line, markup=False, highlight=False)


@app.command()
def version() -> None:
    """Print the code and reference-data versions.

    Example: newsgraph version
    """
    from newsgraph.data_version import data_version

    out.print(f"newsgraph {__version__} ({data_version()})", markup=False, highlight=False)


def _register_extensions() -> None:
    from newsgraph.cli import check, clean, corpus, serve, watch

    clean.register(app)
    corpus.register(app)
    check.register(app)
    serve.register(app)
    watch.register(app)


_register_extensions()
