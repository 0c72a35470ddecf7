"""The `check` command (store integrity): registered on the main app."""

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.common import StoreOption


def register(app: typer.Typer) -> None:
    """Add the `check` command to ``app``."""
    app.command()(check)


def check(
    store: StoreOption = None,
    repair: Annotated[
        bool, typer.Option("--repair", help="Move damaged segments to STORE/quarantine/ and list their documents.")
    ] = False,
) -> None:
    """Verify every segment (file sizes, SHA-256, Parquet footers); exit 1 naming the damaged ones.

    With --repair, damaged segments move to STORE/quarantine/ with the ids and sources of the
    documents they held, and the command that ingests them again is printed.

    Example: newsgraph check --store /tmp/ng-store --repair
    """
    from newsgraph.cli.common import fail, open_store, warn
    from newsgraph.store.segments import StoreError

    target = open_store(store)
    try:
        report = target.check()
    except StoreError as e:
        fail(str(e))
    for seg in report.damaged:
        for problem in seg.problems:
            sys.stdout.write(f"{seg.segment}: {problem}\n")
    if not report.damaged:
        warn(f"store {target.root}: {report.segments} segments, {report.files} files, all whole")
        return
    names = ", ".join(seg.segment for seg in report.damaged)
    if not repair:
        fail(
            f"{len(report.damaged)} of {report.segments} segments damaged ({names}); "
            f"`newsgraph check --repair --store {target.root}` moves them to {target.root / 'quarantine'}"
        )
    try:
        moved = target.quarantine(report)
    except StoreError as e:
        fail(str(e))
    for q in moved:
        warn(f"moved {q.segment} to {q.moved_to}; its {q.documents} documents are listed in {q.listing}")
    sources = sorted({s.split("#", 1)[0] for q in moved for s in q.sources})
    again = [s for s in sources if Path(s).exists()]
    if again:
        command = " ".join(shlex.quote(s) for s in again)
        warn(f"to bring them back: newsgraph ingest {command} --store {shlex.quote(str(target.root))}")
    gone = [s for s in sources if s not in again]
    if gone or not sources:
        shown = ", ".join(gone[:5]) + (f" and {len(gone) - 5} more" if len(gone) > 5 else "")
        where = f"inputs not found from here ({shown}; paths are as ingest was given them)" if gone else "standard input"
        warn(f"some documents came from {where}: their ids and sources are in the lists above")
