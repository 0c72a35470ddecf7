"""Ray engine: the pipeline's stage functions inside Ray Data, for a cluster or many local cores.

1. Read: one read task per input argument (file, folder, .jsonl, WARC) streams its raw
   items as small Arrow blocks. Read tasks stay on the driver's node, so local paths work
   on a cluster too.
2. Analyze: ``map_batches`` with an actor pool (``concurrency`` actors); each actor loads
   spaCy and the reference data once and runs `newsgraph.pipeline.analyze_items` on its
   batches, exactly as a local worker process does.
3. Store: the driver iterates the results in input order (``preserve_order``) and hands
   them to `Store.write`, which writes the same segment layout (locally, or to object
   storage through PyArrow's filesystems). Ray Data's backpressure keeps a bounded number
   of blocks in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from newsgraph.ingest import InputOptions, Problem, RawItem
from newsgraph.pipeline import PipelineOptions, Stored
from newsgraph.records import Analysis


@dataclass(frozen=True, slots=True)
class RayOptions:
    """Where Ray runs (None: a local Ray on this machine), how many analyzer actors, rows per block and batch."""

    address: str | None = None
    concurrency: int = 1
    block_rows: int = 64
    batch_size: int = 32
    object_store_mb: int = 512  # local Ray only: keep its shared memory small beside spaCy


class RayEngineError(Exception):
    """Ray cannot run this ingest; the message is one line."""


def prepare_connection(address: str, env: MutableMapping[str, str]) -> None:
    """Let an explicit ``HOST:PORT`` join a cluster as ``auto`` does (before Ray is imported).

    Ray turns token authentication on by itself only for ``auto``: for an explicit address
    the driver sends no token, and a cluster started with ``ray start`` (token authentication
    on by default) refuses it. So when a token is at hand (``RAY_AUTH_TOKEN``,
    ``RAY_AUTH_TOKEN_PATH`` or ``~/.ray/auth_token``) and ``RAY_AUTH_MODE`` is unset, token mode
    is set. And Ray rewrites a loopback address into the machine's network address, where a
    head started on 127.0.0.1 does not listen; ``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`` keeps
    it on loopback. Variables already set are left as they are.
    """
    if address == "auto" or "://" in address:
        return  # auto finds the token itself; ray:// goes through Ray Client
    token_file = Path(env.get("RAY_AUTH_TOKEN_PATH") or Path.home() / ".ray" / "auth_token")
    if "RAY_AUTH_MODE" not in env and (env.get("RAY_AUTH_TOKEN") or token_file.is_file()):
        env["RAY_AUTH_MODE"] = "token"
    host = address.rsplit(":", 1)[0].strip("[]")
    if _is_loopback(host):
        env.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _item_row(item: RawItem | Problem) -> dict[str, str]:
    kind = "problem" if isinstance(item, Problem) else "item"
    return {"kind": kind, "payload": json.dumps(asdict(item), ensure_ascii=False)}


def _item(row: dict[str, Any]) -> RawItem | Problem:
    data = json.loads(row["payload"])
    return Problem(**data) if row["kind"] == "problem" else RawItem(**data)


def _read_source(source: str, block_rows: int, inputs: InputOptions) -> Iterator[Any]:
    """Arrow blocks of the raw items of one input argument, in order."""
    import pyarrow as pa

    from newsgraph.ingest import iter_inputs

    rows: list[dict[str, str]] = []
    for item in iter_inputs([source], options=inputs):
        rows.append(_item_row(item))
        if len(rows) >= block_rows:
            yield pa.Table.from_pylist(rows)
            rows = []
    if rows:
        yield pa.Table.from_pylist(rows)


def _datasource(sources: list[str], block_rows: int, inputs: InputOptions) -> Any:
    from functools import partial

    from ray.data.block import BlockMetadata
    from ray.data.datasource import Datasource, ReadTask

    class InputDatasource(Datasource):
        """One read task per input argument; each streams blocks of ``block_rows`` raw items."""

        @property
        def supports_distributed_reads(self) -> bool:
            return False  # the inputs are the driver's files

        def estimate_inmemory_data_size(self) -> int | None:
            return None

        def get_read_tasks(
            self, parallelism: int, per_task_row_limit: int | None = None, data_context: Any = None
        ) -> list[ReadTask]:
            return [
                ReadTask(
                    partial(_read_source, source, block_rows, inputs),
                    BlockMetadata(num_rows=None, size_bytes=None, input_files=None, exec_stats=None),
                )
                for source in sources
            ]

    return InputDatasource()


class Analyzer:
    """A Ray actor: analyzes batches of raw items, loading spaCy and the reference data once, when first needed."""

    def __init__(self, options: PipelineOptions, stored: frozenset[str]) -> None:
        self.options = replace(options, workers=1)
        self.stored = stored  # the store's ids when the run began: those documents are not parsed again

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        from newsgraph.pipeline import analyze_items

        rows = [{"kind": k, "payload": p} for k, p in zip(batch["kind"], batch["payload"], strict=True)]
        kinds, payloads = [], []
        for result in analyze_items([_item(r) for r in rows], self.options, self.stored):
            if isinstance(result, (Problem, Stored)):
                kinds.append("problem" if isinstance(result, Problem) else "stored")
                payloads.append(json.dumps(asdict(result), ensure_ascii=False))
            else:
                kinds.append("analysis")
                payloads.append(json.dumps(result.to_dict(), ensure_ascii=False))
        return {"kind": kinds, "payload": payloads}


def analyze_sources_ray(
    sources: Iterable[str],
    options: PipelineOptions,
    ray_options: RayOptions,
    stored: frozenset[str] = frozenset(),
    inputs: InputOptions | None = None,
) -> Iterator[Analysis | Problem | Stored]:
    """Analyze every input argument on Ray, yielding results in input order like `analyze_items`."""
    sources = list(sources)
    if "-" in sources:
        raise RayEngineError("--engine ray reads files and folders, not standard input")
    if ray_options.address:
        prepare_connection(ray_options.address, os.environ)
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayEngineError("--engine ray needs Ray: pip install 'ray[data]'") from None
    import logging

    logging.getLogger("ray.data").setLevel(logging.WARNING)  # stderr is for newsgraph's one-line messages
    started = not ray.is_initialized()
    if started:
        kwargs: dict[str, Any] = {"log_to_driver": False, "configure_logging": False}
        if ray_options.address:
            kwargs["address"] = ray_options.address
        else:
            # "local": a Ray of our own even when `ray start` left a cluster address on this machine
            kwargs["address"] = "local"
            kwargs["include_dashboard"] = False
            kwargs["num_cpus"] = max(1, ray_options.concurrency) + 1  # one more for the read tasks
            kwargs["object_store_memory"] = ray_options.object_store_mb * 1024 * 1024
        ray.init(**kwargs)
    try:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # the store's story ids depend on input order
        context.enable_progress_bars = False
        ds = ray.data.read_datasource(_datasource(sources, ray_options.block_rows, inputs or InputOptions()))
        ds = ds.map_batches(
            Analyzer,
            fn_constructor_args=(options, frozenset(stored)),
            compute=ray.data.ActorPoolStrategy(size=max(1, ray_options.concurrency)),
            batch_size=ray_options.batch_size,
            batch_format="numpy",
            num_cpus=1,
        )
        for batch in ds.iter_batches(batch_format="numpy", batch_size=None):
            for kind, payload in zip(batch["kind"], batch["payload"], strict=True):
                data = json.loads(payload)
                if kind == "analysis":
                    yield Analysis.from_dict(data)
                else:
                    yield Problem(**data) if kind == "problem" else Stored(**data)
    finally:
        if started:
            ray.shutdown()
