"""The package's import graph, computed from the source with `ast` (issue 16): no import cycles
among newsgraph's modules, and no private name (``_x``) imported from another module.

Every import counts, at module level or inside a function (a lazy import is still a dependency),
except those under ``if TYPE_CHECKING:``, which never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "newsgraph"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: nested ones too, not those under ``if TYPE_CHECKING``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                yield from imports(ast.Module(body=[child], type_ignores=[]))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from imports(node)


def absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imported(known: dict[str, Path]) -> Iterator[tuple[str, str, str | None]]:
    """(importer, imported module, name imported from it or None) for every import within the package."""
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in imports(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in known:
                        yield name, alias.name, None
                continue
            target = absolute(node, name, path.name == "__init__.py")
            if target not in known:
                continue
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                yield (name, submodule, None) if submodule in known else (name, target, alias.name)


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {name: set() for name in known}
    for importer, target, _ in imported(known):
        if target != importer:
            edges[importer].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(found)


def test_import_graph_sees_the_package() -> None:
    edges = graph()
    assert "newsgraph.query.views" in edges["newsgraph.query.analytics"]
    assert "newsgraph.extract" in edges["newsgraph.pipeline"]  # a lazy import inside a function counts
    assert "newsgraph.library" not in edges["newsgraph"]  # TYPE_CHECKING imports do not


def test_import_graph_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_import_graph_has_no_cycles() -> None:
    assert cycles(graph()) == []


def test_import_graph_no_private_names_cross_modules() -> None:
    crossing = sorted(
        f"{importer} imports {target}.{name}"
        for importer, target, name in imported(modules())
        if name and name.startswith("_") and not name.startswith("__")
    )
    assert crossing == []
