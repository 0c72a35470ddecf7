"""docs/python.md runs as written: its Python blocks, in order, print what their comments say."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks(text: str) -> list[str]:
    return BLOCK.findall(text)


def expected_output(block: str) -> str:
    """The block's whole-line comments: the output it prints, line by line."""
    lines = [line.strip() for line in block.splitlines()]
    return "".join(line[2:] + "\n" for line in lines if line.startswith("# "))


def test_docs_python_has_examples() -> None:
    blocks = python_blocks(PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 8
    assert all(expected_output(b) for b in blocks)


@pytest.mark.slow
def test_docs_python_blocks_print_what_they_say(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "docs_python"}
    for number, block in enumerate(python_blocks(PAGE.read_text(encoding="utf-8")), 1):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(block, f"docs/python.md block {number}", "exec"), namespace)
        assert printed.getvalue() == expected_output(block), f"block {number}"


def test_docs_python_import_loads_nothing_heavy() -> None:
    code = "import sys, newsgraph; print(sorted(m for m in ('spacy', 'duckdb', 'pyarrow', 'typer') if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "[]"
