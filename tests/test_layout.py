"""The package's layout: stages import only from stages before them, nothing in a cycle, the
document model shared without compose, and commands left to parse, call and print."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefgen"

STAGES = [
    "errors",
    "data",
    "document",
    "compose",
    "word",
    "html",
    "changes",
    "output",
    "readback",
    "commands",
]
AFTER_COMPOSE = ("word", "html", "changes", "readback")
"""The stages that read the block document: they get it from ``document/``, never from ``compose/``."""
LOW_LEVEL = {"lxml", "zipfile", "difflib", "subprocess"}
"""What a command leaves to its stage: XML, zip archives, diffs and child processes."""

EDGE = {"cli", "__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def all_imports_of(name: str) -> set[str]:
    """Every module ``name`` imports, at the top or inside a function, ours and others' (absolute names)."""
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
    return found


def imports_of(name: str) -> set[str]:
    """Every briefgen module ``name`` imports."""
    return {module for module in all_imports_of(name) if module in MODULES and module != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def folder(name: str) -> str:
    """The stage folder a module sits in (``""`` for the package itself)."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def stage(name: str) -> int:
    parts = name.split(".")
    if len(parts) == 1:
        return 0
    if parts[1] in EDGE:
        return len(STAGES)
    return STAGES.index(parts[1])


SAME_ROLE = {"writer": "word/ and html/ each write the block document, each in its own format"}
"""Module names two stages share because the modules do the same job."""


def test_a_module_name_means_one_thing() -> None:
    """Outside commands/ (each named after its command), no two stage modules share a name."""
    stems = [name.rpartition(".")[2] for name in MODULES if folder(name) not in ("", "commands")]
    shared = sorted({stem for stem in stems if stems.count(stem) > 1} - {"__init__", *SAME_ROLE})
    assert shared == []


def test_a_public_class_name_means_one_thing() -> None:
    """No two modules define a public class (or type alias) of the same name."""
    names: list[str] = []
    for path in MODULES.values():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                names.append(node.name)
            elif (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                target = node.targets[0].id
                if (
                    target[:1].isupper() and not target.isupper()
                ):  # ``Tracked = Literal[...]``, not a constant
                    names.append(target)
    public = [name for name in names if not name.startswith("_")]
    assert sorted({name for name in public if public.count(name) > 1}) == []


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


@pytest.mark.parametrize("name", sorted(name for name in MODULES if folder(name) == "document"))
def test_the_document_model_needs_no_jinja(name: str) -> None:
    assert sorted(other for other in all_imports_of(name) if other.split(".")[0] == "jinja2") == []


@pytest.mark.parametrize("name", sorted(name for name in MODULES if folder(name) in AFTER_COMPOSE))
def test_readers_of_the_document_import_nothing_from_compose(name: str) -> None:
    assert sorted(other for other in GRAPH[name] if folder(other) == "compose") == []


@pytest.mark.parametrize("name", sorted(name for name in MODULES if folder(name) == "commands"))
def test_a_command_leaves_xml_zip_diff_and_processes_to_its_stage(name: str) -> None:
    low = sorted(other for other in all_imports_of(name) if other.split(".")[0] in LOW_LEVEL)
    assert low == []
