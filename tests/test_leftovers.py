"""What an interrupted drafting command left is found before check loads the journal: a
staged file or journal draft beside the sources, a journal in agendas/."""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from briefgen.output.leftovers import any_left
from helpers import briefgen

STAGED = ".bodem.yaml.briefgen-0123456789abcdef.tmp"
DRAFT = f".{small.ID}.briefgen-new.json.0123456789abcdef.tmp"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return small.project(tmp_path / "project", 1)


def test_a_clean_project_has_nothing_left(root: Path) -> None:
    assert not any_left(root)


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        ("positions", STAGED),
        ("agendas", STAGED),
        ("agendas", DRAFT),
        ("build/.drafts", DRAFT),
        ("agendas", f".{small.ID}.briefgen-new.json"),
    ],
)
def test_a_file_an_interrupted_command_left_is_found(root: Path, folder: str, name: str) -> None:
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / folder / name).write_text("{}", encoding="utf-8")
    assert any_left(root)


def test_a_journal_name_outside_agendas_is_not_one(root: Path) -> None:
    (root / "positions" / f".{small.ID}.briefgen-new.json").write_text("{}", encoding="utf-8")
    assert not any_left(root)


def test_check_still_sweeps_a_staged_file_beside_a_position(root: Path) -> None:
    (root / "positions" / STAGED).write_text("id: bodem\n", encoding="utf-8")
    assert briefgen(root, "check").exit_code == 0
    assert not (root / "positions" / STAGED).exists()
