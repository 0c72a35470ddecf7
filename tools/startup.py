"""Start-up of a query command against the two libraries it needs: ``newsgraph sql "select 1"``
against ``python -c "import duckdb, pyarrow.parquet"``, in one run (issue 14: at most 2x).

Run: ``.venv/bin/python tools/startup.py [--runs 5] [--store S]``. The two commands alternate, each
a fresh process, ``--runs`` times; the ratio is of the best wall time of each (and of the best CPU
time, user + system, of each). Without ``--store`` the query runs on a store of three hand-made
documents in a temporary folder. ``--rounds R`` repeats the whole measurement R times.

newsgraph's modules are compiled to bytecode first, as installing a package does (DuckDB's and PyArrow's
were when pip installed them): with PYTHONDONTWRITEBYTECODE=1 in the environment, an editable install
would otherwise compile its 25 modules from source on every start (0.07 s), which no installed copy does.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _small_store(root: Path) -> Path:
    """Three documents through the public API (no model needed)."""
    from newsgraph import Analysis, Document, Store

    docs = [Document(id=f"doc{n}", text=f"Article {n}.", published=f"2021-11-0{n + 1}") for n in range(3)]
    Store(root).write([Analysis(document=d) for d in docs])
    return root


def _timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run of ``cmd``, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(store: Path, runs: int) -> str:
    """One line: best wall and CPU of each command over ``runs`` alternated runs, and their ratios."""
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    commands = {
        "newsgraph": [newsgraph, "sql", "select 1", "--store", str(store)],
        "imports": [sys.executable, "-c", "import duckdb, pyarrow.parquet"],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(_timed(cmd))
    wall = {name: min(w for w, _ in t) for name, t in times.items()}
    cpu = {name: min(c for _, c in t) for name, t in times.items()}
    return (
        f"newsgraph sql 'select 1': wall {wall['newsgraph']:.3f} s, CPU {cpu['newsgraph']:.3f} s; "
        f"import duckdb, pyarrow.parquet: wall {wall['imports']:.3f} s, CPU {cpu['imports']:.3f} s; "
        f"ratio wall {wall['newsgraph'] / wall['imports']:.2f}x, CPU {cpu['newsgraph'] / cpu['imports']:.2f}x "
        f"(best of {runs}, load {os.getloadavg()[0]:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Alternated runs of each command (best kept).")
    parser.add_argument("--rounds", type=int, default=1, help="Measurements, one line each.")
    parser.add_argument("--store", type=Path, help="The store to query (default: three documents in a temp folder).")
    args = parser.parse_args()
    import newsgraph

    compileall.compile_dir(Path(newsgraph.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or _small_store(Path(tmp) / "store")
        for _ in range(args.rounds):
            print(measure(store, args.runs), flush=True)


if __name__ == "__main__":
    main()
