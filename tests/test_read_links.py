"""A data file that leads out of the project is not read: a colleague who can write the
project could plant ``positions/x.yaml`` as a link to a file only the drafter may read (or
make ``positions/`` such a link), and its text would land in documents others read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import small
from helpers import briefgen

SECRET = "Alleen voor de opsteller"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return small.project(tmp_path / "project", 2)


def _private_copy(root: Path, name: str, tmp_path: Path) -> Path:
    """The project's file ``name`` moved to a folder outside it, with a private sentence in it."""
    outside = tmp_path / "privé"
    outside.mkdir(exist_ok=True)
    target = outside / Path(name).name
    text = (root / name).read_text(encoding="utf-8")
    target.write_text(text.replace("Hiervoor zijn nog geen stukken gedeeld.", SECRET), encoding="utf-8")
    (root / name).unlink()
    return target


def _refusal(root: Path, name: str, target: Path) -> str:
    return (
        f"{name}:1:1: is a link to '{target}', outside this project; briefgen reads no file "
        "through it: copy the file into the project"
    )


def test_check_refuses_a_position_linked_out_of_the_project(root: Path, tmp_path: Path) -> None:
    name = "positions/bodem.yaml"
    target = _private_copy(root, name, tmp_path)
    (root / name).symlink_to(target)
    result = briefgen(root, "check")
    assert result.exit_code == 1
    assert _refusal(root, name, target.resolve()) in result.stderr.splitlines()


def test_render_writes_nothing_of_a_position_linked_out(root: Path, tmp_path: Path) -> None:
    name = "positions/bodem.yaml"
    target = _private_copy(root, name, tmp_path)
    (root / name).symlink_to(target)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 1
    assert _refusal(root, name, target.resolve()) in result.stderr.splitlines()
    build = root / "build"
    written = [path.read_bytes() for path in build.rglob("*") if path.is_file()] if build.exists() else []
    assert not any(SECRET.encode("utf-8") in data for data in written)


def test_an_agenda_linked_out_of_the_project_is_refused(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "elders.yaml"
    shutil.move(root / small.AGENDA, target)
    (root / small.AGENDA).symlink_to(target)
    result = briefgen(root, "check")
    assert result.exit_code == 1
    assert _refusal(root, small.AGENDA, target.resolve()) in result.stderr.splitlines()


def test_a_positions_folder_linked_out_of_the_project_is_not_read(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "andere-posities"
    shutil.move(root / "positions", elsewhere)
    (root / "positions").symlink_to(elsewhere, target_is_directory=True)
    result = briefgen(root, "check", "positions")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"positions/: is a link to '{elsewhere.resolve()}', outside this project; briefgen reads "
        "nothing through it: make it a folder of the project"
    )


def test_a_link_to_a_file_inside_the_project_is_read(root: Path) -> None:
    (root / "bewaard").mkdir()
    name = "positions/bodem.yaml"
    shutil.move(root / name, root / "bewaard" / "bodem.yaml")
    (root / name).symlink_to(root / "bewaard" / "bodem.yaml")
    result = briefgen(root, "check")
    assert result.exit_code == 0, result.output


def test_check_on_many_processes_refuses_a_position_linked_out(root: Path, tmp_path: Path) -> None:
    text = (root / "positions" / "bodem.yaml").read_text(encoding="utf-8")
    for number in range(70):  # enough files for check to share them among processes
        dossier = f"extra-{number:02d}"
        (root / "positions" / f"{dossier}.yaml").write_text(
            text.replace("id: bodem", f"id: {dossier}"), encoding="utf-8"
        )
    name = "positions/extra-69.yaml"
    target = _private_copy(root, name, tmp_path)
    (root / name).symlink_to(target)
    result = briefgen(root, "check", "-j2", "positions")
    assert result.exit_code == 1
    assert _refusal(root, name, target.resolve()) in result.stderr.splitlines()


@pytest.mark.parametrize("name", ["templates/reference.docx", "templates/logo.png"])
def test_a_reference_or_logo_linked_out_of_the_project_is_refused(
    root: Path, tmp_path: Path, name: str
) -> None:
    target = tmp_path / Path(name).name
    shutil.move(root / name, target)
    (root / name).symlink_to(target)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        _refusal(root, name, target.resolve()).replace(f"{name}:1:1:", f"{name}:", 1)
    ]
    assert not (root / "build").exists()
