"""``check`` of many position files on several processes says what it says on one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import briefgen.data.project as project_module
import small
from briefgen.data import parallel
from briefgen.data.project import Project
from briefgen.data.references import FORK_FROM, _in_folder_order, check_paths
from helpers import briefgen

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")

BROKEN = {
    "datum": ("raad: {id}\n", "raad: {id}\n    uitkomst: 2030-13-45\n"),
    "noot": ("Kern van {dossier}.", "Kern van {dossier}.[^onbekend]"),
    "teken": ("Kern van {dossier}.", "Kern van {dossier}.\x07"),
    "syntax": ("kort: Kort {dossier}", "kort: [Kort {dossier}"),
    "naam": ("id: {dossier}", "id: anders-{dossier}"),
}


def many(root: Path) -> Path:
    """A small project and more than FORK_FROM further position files, a few of them broken."""
    small.project(root, 3, letter=True, verslag=True)
    template = small.POSITION.format(dossier="{dossier}", uitkomst="")
    for number in range(FORK_FROM + 10):
        dossier = f"extra-{number:03d}"
        text = template.replace("{dossier}", dossier)
        kind = list(BROKEN)[number % 13] if number % 13 < len(BROKEN) else None
        if kind is not None:
            old, new = (part.format(dossier=dossier, id=small.ID) for part in BROKEN[kind])
            assert old in text
            text = text.replace(old, new)
        (root / "positions" / f"{dossier}.yaml").write_text(text, encoding="utf-8")
    return root


def test_two_processes_report_what_one_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = many(tmp_path)
    one = briefgen(root, "check", "-j1")
    forks: list[int] = []
    fork = parallel._fork
    monkeypatch.setattr(parallel, "_fork", lambda part, work: forks.append(len(part)) or fork(part, work))
    two = briefgen(root, "check", "-j2")
    assert forks, "no child did a part"
    assert one.exit_code == two.exit_code == 1
    assert two.stderr == one.stderr
    for kind in ("extra-000", "extra-001", "extra-002", "extra-003", "extra-004"):
        assert f"positions/{kind}.yaml:" in one.stderr


def test_the_dossiers_an_agenda_names_are_read_here(tmp_path: Path) -> None:
    """Its agenda's documents are composed from them afterwards, in this process."""
    root = many(tmp_path)
    one, two = check_paths(root, [], 1), check_paths(root, [], 2)
    assert {"bodem", "lucht", "water"} <= set(two.dossiers)
    assert len(two.dossiers) < len(one.dossiers)  # the others were read by a child
    assert two.files_read == one.files_read
    assert sorted(set(two.problems), key=str) == sorted(set(one.problems), key=str)


def test_parts_come_back_in_order() -> None:
    parent = os.getpid()
    parts = [[1, 2], [3], [4, 5, 6], []]
    results = parallel.in_parts(parts, lambda part: (sum(part), os.getpid() == parent))
    assert results == [(3, True), (3, False), (15, False), (0, False)]


def test_a_failed_childs_part_is_done_here() -> None:
    parent = os.getpid()

    def work(part: list[int]) -> tuple[int, bool]:
        if part == [3] and os.getpid() != parent:
            raise RuntimeError("a child's bug")
        return sum(part), os.getpid() == parent

    assert parallel.in_parts([[1], [3], [5]], work) == [(1, True), (3, True), (5, False)]


def test_a_failure_here_is_raised_and_no_child_is_left(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    children: list[int] = []
    fork = parallel._fork

    def forked(part: list[int], work: object) -> tuple[int, int]:
        child = fork(part, work)  # type: ignore[arg-type]
        children.append(child[0])
        return child

    monkeypatch.setattr(parallel, "_fork", forked)

    def work(part: list[int]) -> int:
        if os.getpid() == parent:
            raise ValueError("here")
        return sum(part)

    with pytest.raises(ValueError, match="here"):
        parallel.in_parts([[1], [2]], work)
    assert children
    with pytest.raises(ChildProcessError):  # waited for already
        os.waitpid(children[0], os.WNOHANG)


def test_a_path_is_shown_relative_to_the_project_as_pathlib_would(tmp_path: Path) -> None:
    root = small.project(tmp_path / "p", 1)
    project = Project(root)
    (tmp_path / "elders.yaml").write_text("id: x\n", encoding="utf-8")
    (root / "positions" / "link.yaml").symlink_to(tmp_path / "elders.yaml")
    for path in (root / "positions" / "bodem.yaml", root / "positions", root):
        expected = path.resolve().relative_to(root.resolve())
        assert project.display(path) == str(expected) == project.display(path)
    link = root / "positions" / "link.yaml"  # a link out of the project: by its own path in it
    assert project.display(link) == "positions/link.yaml"
    assert project.display(tmp_path / "elders.yaml") == str(tmp_path / "elders.yaml")


def test_a_child_does_not_read_the_shared_footnotes_again(tmp_path: Path) -> None:
    """Their problems are found once, as on one process (``check`` would hide a repeat)."""
    root = many(tmp_path)
    (root / small.NOTES).write_text("voetnoten:\n  gedeeld: [\n", encoding="utf-8")
    one, two = check_paths(root, [], 1), check_paths(root, [], 2)
    assert len(two.dossiers) < len(one.dossiers)  # a child read some
    shared = [problem for problem in two.problems if problem.location.path == small.NOTES]
    assert len(shared) == 1
    assert sorted(map(str, two.problems)) == sorted(map(str, one.problems))


def test_the_files_of_a_folder_are_taken_in_the_order_their_paths_sort(tmp_path: Path) -> None:
    names = ["b.yaml", "a-b.yaml", "a.yaml", "A.yaml", "a_b.yaml", "0.yaml", "é.yaml", "z.yaml"]
    paths = [tmp_path / name for name in names]
    assert sorted(paths, key=_in_folder_order) == sorted(paths)


def test_a_folder_is_asked_once_whether_it_leads_out_of_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every position file lies in positions/: the folder's place is tested once, not once a file."""
    root = small.project(tmp_path, 3)
    asked: list[Path] = []
    real = project_module.folder_linked_out

    def counted(folder: Path, inside: Path) -> bool:
        asked.append(folder)
        return real(folder, inside)

    monkeypatch.setattr(project_module, "folder_linked_out", counted)
    project = check_paths(root, [root / "positions"], 1)
    assert len([name for name in project.files_read if name.startswith("positions/")]) == 4
    assert asked == [(root / "positions").resolve()]
