"""The module map in docs/architecture.md names every module of every stage folder, and only
modules that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefgen"
MAP = ROOT / "docs" / "architecture.md"
ROW = re.compile(r"^\| `briefgen/(?P<folder>\w+)/` \|[^|]*\|(?P<modules>.*)\|$")
NAME = re.compile(r"`([a-z_]+)`")


def table() -> dict[str, set[str]]:
    """Each folder's row of the module map: the module names in backticks."""
    text = MAP.read_text(encoding="utf-8")
    section = text.split("\n## Module map\n", 1)[1].split("\n## ", 1)[0]
    rows = (ROW.match(line) for line in section.splitlines())
    return {row["folder"]: set(NAME.findall(row["modules"])) for row in rows if row}


def folders() -> dict[str, set[str]]:
    """Each stage folder of the package: its modules, without ``__init__``."""
    return {
        folder.name: {path.stem for path in folder.glob("*.py") if path.stem != "__init__"}
        for folder in sorted(PACKAGE.iterdir())
        if (folder / "__init__.py").is_file()
    }


def test_every_stage_folder_has_a_row() -> None:
    assert sorted(table()) == sorted(folders())


@pytest.mark.parametrize("folder", sorted(folders()))
def test_row_names_every_module_of_its_folder(folder: str) -> None:
    assert sorted(folders()[folder] - table().get(folder, set())) == []


@pytest.mark.parametrize("folder", sorted(folders()))
def test_row_names_only_modules_that_exist(folder: str) -> None:
    assert sorted(table().get(folder, set()) - folders()[folder]) == []
