"""No import cycles inside ``newsgraph.extract``: the import graph, computed from the source with ``ast``.

Every ``import`` and ``from ... import`` counts, wherever it stands (inside a function or under
``if TYPE_CHECKING:`` too): a cycle hidden behind a local or type-only import is still two
modules that cannot be understood, tested or moved apart. An edge goes to the module named
(``from newsgraph.extract import amounts`` names the submodule); importing a submodule is not
counted as importing the package ``__init__`` that runs first.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

import newsgraph.extract
from test_import_graph import cycles  # the one Tarjan of the tests

EXTRACT = Path(newsgraph.extract.__file__).parent
PACKAGE = "newsgraph.extract"


def module_name(path: Path) -> str:
    return PACKAGE if path.name == "__init__.py" else f"{PACKAGE}.{path.stem}"


def imported_modules(source: str, importer: str, known: frozenset[str]) -> set[str]:
    """The modules of ``known`` that ``source`` (the text of module ``importer``) imports."""
    found: set[str] = set()  # candidate names; those not in ``known`` are dropped at the end
    package = importer if importer == PACKAGE else importer.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: ".amounts" from inside the package
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:  # "from pkg import submodule" names the submodule, not pkg
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return {name for name in found if name in known and name != importer}


def import_graph(sources: Mapping[str, str]) -> dict[str, set[str]]:
    """Module -> the modules of the same set it imports."""
    known = frozenset(sources)
    return {name: imported_modules(text, name, known) for name, text in sources.items()}


def extract_sources() -> dict[str, str]:
    return {module_name(p): p.read_text(encoding="utf-8") for p in sorted(EXTRACT.glob("*.py"))}


def test_extract_cycles_found_through_local_and_type_only_imports():
    x = "newsgraph.extract"
    sources = {
        f"{x}.a": "from newsgraph.extract.b import f\n",
        f"{x}.b": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .c import C\n",
        f"{x}.c": "def g():\n    from newsgraph.extract import a\n",  # a local import closes a -> b -> c -> a
        f"{x}.d": "from newsgraph.extract import a, b\n",  # submodules: d -> a, d -> b
        x: "from newsgraph.extract.d import run\n",
    }
    assert cycles(import_graph(sources)) == [[f"{x}.a", f"{x}.b", f"{x}.c"]]
    sources[f"{x}.c"] = "from newsgraph.extract import d\n"
    assert cycles(import_graph(sources)) == [[f"{x}.a", f"{x}.b", f"{x}.c", f"{x}.d"]]
    sources[f"{x}.c"] = "from newsgraph.extract import Knowledge\n"  # a name of the package itself
    assert cycles(import_graph(sources)) == [[x, f"{x}.a", f"{x}.b", f"{x}.c", f"{x}.d"]]
    sources[f"{x}.c"] = "import os\n"
    assert cycles(import_graph(sources)) == []


def test_extract_cycles_graph_sees_the_real_imports():
    graph = import_graph(extract_sources())
    assert "newsgraph.extract.amounts_data" in graph["newsgraph.extract.amounts"]
    assert "newsgraph.extract.actors_names" in graph["newsgraph.extract.actors_data"]


def test_extract_cycles_none_among_the_extract_modules():
    assert cycles(import_graph(extract_sources())) == []
