"""The package's layout: stages import only from stages before them, and nothing in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefgen"

STAGES = ["errors", "data", "compose", "word", "changes", "build", "readback", "commands"]
EDGE = {"cli", "__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """Every briefgen module ``name`` imports, at the top or inside a function."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            for alias in node.names:
                child = f"{source}.{alias.name}"
                found.add(child if child in MODULES else source)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def stage(name: str) -> int:
    parts = name.split(".")
    if len(parts) == 1:
        return 0
    if parts[1] in EDGE:
        return len(STAGES)
    return STAGES.index(parts[1])


def test_every_module_belongs_to_a_stage() -> None:
    loose = [name for name in MODULES if name.count(".") == 1 and name.split(".")[1] not in {*STAGES, *EDGE}]
    assert loose == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_stage_imports_nothing_further_down_the_line(name: str) -> None:
    later = sorted(other for other in GRAPH[name] if stage(other) > stage(name))
    assert later == []


def test_no_import_cycle() -> None:
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " → ".join([*path[path.index(name) :], name])
        if name in done:
            return
        for other in sorted(GRAPH[name]):
            visit(other, (*path, name))
        done.add(name)

    for name in sorted(GRAPH):
        visit(name, ())
