"""The house's import graph: data flows one way, over a ground floor that imports nothing above.

Every import in planctl's source is read (at the top of a module, inside a function, and
under TYPE_CHECKING alike: a circle of type hints is still a circle of ideas), and the test
fails on an import circle between modules and on an import from a lower layer to a higher
one. The layers, lowest first, are the packages of `LAYERS`; a module may import its own
layer and any below it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SOURCE / "planctl"

# Lowest first: the catalog and the domain at the ground, the command line at the top.
LAYERS: list[list[str]] = [
    ["planctl"],
    ["planctl.i18n"],
    ["planctl.domain"],
    ["planctl.files"],
    ["planctl.targets"],
    ["planctl.read"],
    ["planctl.gather"],
    ["planctl.judge"],
    ["planctl.records"],
    ["planctl.render"],
    ["planctl.authoring"],
    ["planctl.check", "planctl.schemas"],
    ["planctl.cli"],
    ["planctl.__main__"],
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> Iterator[str]:
    """The planctl modules `path` imports, each as the module (not the package) it names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    yield from imports_in(path.read_text(encoding="utf-8"), package, known)


def imports_in(source_text: str, package: str, known: set[str]) -> Iterator[str]:
    for node in ast.walk(ast.parse(source_text)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "planctl":
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            if source.split(".")[0] != "planctl":
                continue
            for alias in node.names:
                # `from planctl.read import columns` imports the module columns.
                candidate = f"{source}.{alias.name}"
                yield candidate if candidate in known else source


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {
        name: {target for target in imports_of(path, known) if target != name}
        for name, path in found.items()
    }


def layer_of(module: str) -> int:
    best, rank = -1, -1
    for index, members in enumerate(LAYERS):
        for member in members:
            if (module == member or module.startswith(member + ".")) and len(member) > best:
                best, rank = len(member), index
    return rank


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer() -> None:
    assert [name for name in modules() if layer_of(name) < 0] == []


def test_no_import_circles() -> None:
    assert circles(graph()) == []


def upward(edges: dict[str, set[str]]) -> list[str]:
    return [
        f"{source} -> {target}"
        for source, targets in sorted(edges.items())
        for target in sorted(targets)
        if layer_of(target) > layer_of(source)
    ]


def test_no_import_from_a_lower_layer_to_a_higher_one() -> None:
    assert upward(graph()) == []


def test_the_domain_needs_no_pydantic_polars_or_io() -> None:
    """The ground floor: no pydantic, no polars, no files (the domain is pure)."""
    heavy = {"pydantic", "polars", "yaml", "rich", "openpyxl", "xlrd", "os", "io", "pathlib"}
    found = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in heavy]
    assert found == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_circle_finder_finds_circles(
    edges: dict[str, set[str]], expected: list[list[str]]
) -> None:
    assert circles(edges) == expected


def test_an_upward_import_inside_a_function_is_seen() -> None:
    """Lazy imports are written inside functions: they count as much as any other."""
    source_text = "def f() -> None:\n    from planctl.judge.report import Status\n"
    edges = {"planctl.domain.terms": set(imports_in(source_text, "planctl.domain", set()))}
    assert upward(edges) == ["planctl.domain.terms -> planctl.judge.report"]
