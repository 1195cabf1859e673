"""A data file that leads out of the project is not read: a colleague who can write the
project could plant ``positions/x.yaml`` as a link to a file only the drafter may read (or
make ``positions/`` such a link), and its text would land in documents others read."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _swapped_before_the_open(monkeypatch: pytest.MonkeyPatch, name: str, swap: Callable[[], None]) -> None:
    """``swap`` runs just before briefgen first opens a file called ``name``: a colleague's
    link changed after every look briefgen took at the path, before the read."""
    from briefgen.data import files

    opened = files.platform.open_file
    swapped: list[bool] = []

    def swap_then_open(path: Path | str, *args: Any, **kwargs: Any) -> int:
        if not swapped and Path(path).name == name:
            swapped.append(True)
            swap()
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(files.platform, "open_file", swap_then_open)


def test_a_link_retargeted_out_before_its_open_is_not_read(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.data.project import Project

    name = "positions/bodem.yaml"
    (root / "bewaard").mkdir()
    shutil.copy(root / name, root / "bewaard" / "bodem.yaml")
    target = _private_copy(root, name, tmp_path)
    (root / name).symlink_to(root / "bewaard" / "bodem.yaml")

    def retarget() -> None:
        (root / "positions" / "nieuw").symlink_to(target)
        (root / "positions" / "nieuw").replace(root / name)

    _swapped_before_the_open(monkeypatch, "bodem.yaml", retarget)
    project = Project(root)
    assert project.dossier("bodem") is None
    assert [problem.message for problem in project.problems] == [
        _refusal(root, name, target.resolve()).split(":1:1: ", 1)[1]
    ]


def test_a_positions_folder_swapped_for_a_link_before_its_open_is_not_read(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.data.project import Project

    elsewhere = tmp_path / "andere-posities"
    shutil.copytree(root / "positions", elsewhere)
    bodem = elsewhere / "bodem.yaml"
    bodem.write_text(
        bodem.read_text(encoding="utf-8").replace("Hiervoor zijn nog geen stukken gedeeld.", SECRET)
    )

    def swap_folder() -> None:
        (root / "positions").rename(root / "oud")
        (root / "positions").symlink_to(elsewhere, target_is_directory=True)

    _swapped_before_the_open(monkeypatch, "bodem.yaml", swap_folder)
    project = Project(root)
    assert project.dossier("bodem") is None
    assert len(project.problems) == 1
    assert "outside this project; briefgen reads no file through it" in project.problems[0].message


@pytest.mark.parametrize("name", ["templates/reference.docx", "templates/logo.png"])
def test_a_reference_or_logo_retargeted_out_before_its_open_is_not_read(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from briefgen.errors import UserError
    from briefgen.output import resources
    from briefgen.output.resources import Resources

    (root / "bewaard").mkdir()
    shutil.copy(root / name, root / "bewaard" / Path(name).name)
    target = tmp_path / Path(name).name
    shutil.move(root / name, target)
    (root / name).symlink_to(root / "bewaard" / Path(name).name)

    def retarget() -> None:
        (root / "templates" / "nieuw").symlink_to(target)
        (root / "templates" / "nieuw").replace(root / name)

    _swapped_before_the_open(monkeypatch, Path(name).name, retarget)
    monkeypatch.setattr(resources, "_REFERENCES", {})
    with pytest.raises(UserError) as raised:
        Resources(root).logo("Milieuraad") if name.endswith(".png") else Resources(root).reference()
    assert [str(problem) for problem in raised.value.problems] == [
        _refusal(root, name, target.resolve()).replace(f"{name}:1:1:", f"{name}:", 1)
    ]


def test_a_reference_saved_between_its_hash_and_its_reading_is_read_again(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.output import resources
    from briefgen.output.resources import Resources

    path = root / "templates" / "reference.docx"
    first = path.read_bytes()
    with zipfile.ZipFile(path, "a") as package:  # another save: the same parts, other bytes
        package.comment = b"opnieuw bewaard"
    second = path.read_bytes()
    path.write_bytes(first)
    hashed = resources.file_digest
    saves = [second]

    def hash_then_save(file: Path) -> str:
        digest = hashed(file)
        if file == path and saves:
            path.write_bytes(saves.pop())  # the drafter saves right after the hash was taken
        return digest

    monkeypatch.setattr(resources, "file_digest", hash_then_save)
    monkeypatch.setattr(resources, "_REFERENCES", {})
    Resources(root).reference()
    path.write_bytes(first)  # and undoes it: the first bytes again
    again = Resources(root).reference()
    assert again.sha256 == resources.hashlib.sha256(first).hexdigest()


def test_a_template_folder_swapped_for_a_link_before_its_open_is_not_read(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    from briefgen.compose import loader
    from briefgen.errors import UserError

    templates = root / "templates"
    elsewhere = tmp_path / "andere-sjablonen"
    elsewhere.mkdir()
    (elsewhere / "_ga-opening.md.j2").write_text(SECRET, encoding="utf-8")
    read = loader.read_regular

    def swap_then_read(path: Path, *args: object, **kwargs: object) -> object:
        (templates / "milieuraad").rename(templates / "oud")
        (templates / "milieuraad").symlink_to(elsewhere, target_is_directory=True)
        return read(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "read_regular", swap_then_read)
    reader = loader.Loader([templates / "milieuraad", templates], templates)
    with pytest.raises(UserError) as raised:
        reader.get_source(jinja2.Environment(), "_ga-opening.md.j2")
    assert "is a link to a file outside templates/" in str(raised.value)


def test_import_copies_nothing_of_a_position_linked_out_into_the_project(root: Path, tmp_path: Path) -> None:
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    answer = tmp_path / "aangeleverd.docx"
    shutil.copyfile(root / small.GA, answer)
    name = "positions/bodem.yaml"
    target = _private_copy(root, name, tmp_path)
    (root / name).symlink_to(target)
    result = briefgen(root, "import", str(answer), "--raad", "raad-2031-01-01")
    assert result.exit_code == 1, result.output
    written = [path.read_bytes() for path in (root / "positions").iterdir() if not path.is_symlink()]
    written += [path.read_bytes() for path in (root / "agendas").iterdir()]
    assert not any(SECRET.encode("utf-8") in data for data in written)
