"""What the system refuses (too long a name, a loop of links, a pipe, a file where a folder
belongs) and arguments no file may be named after: one located line and exit 1, never a
traceback and exit 70; output never lands in the drafters' folders or over a build's manifest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_planted import reworded

import small
from helpers import AGENDA, GA, LVVN, briefgen, copy_example

LONG = "a" * 300


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return small.project(tmp_path / "project", 2)


def refused(root: Path, *args: str) -> str:
    """Run a command that must be refused: exit 1, one line on stderr, no traceback; that line."""
    result = briefgen(root, *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("new", LONG, "--from", small.ID),
        ("new", "raad-2030-06-12", "--from", LONG),
        ("verslag", LONG),
        ("render", f"agendas/{LONG}.yaml"),
        ("status", f"agendas/{LONG}.yaml"),
        ("check", f"positions/{LONG}.yaml"),
        ("import", f"{LONG}.docx", "--raad", "raad-2030-06-12"),
        ("render", small.AGENDA, "-o", LONG),
    ],
    ids=["new", "new-from", "verslag", "render", "status", "check", "import", "render-output"],
)
def test_a_name_too_long_is_a_located_line(root: Path, args: tuple[str, ...]) -> None:
    assert "the name is too long for the file system" in refused(root, *args)


@pytest.mark.parametrize(
    "args",
    [
        ("import", "ga.docx", "--raad", "raad-2030-06-12\n"),
        ("new", "raad-2030-06-12", "--from", f"{small.ID}\n"),
        ("render", small.AGENDA, "--arcering", "IenW\t"),
        ("diff", "bodem\x1b[2J", "--from", small.ID, "--to", small.ID),
    ],
    ids=["raad", "from", "arcering", "escape"],
)
def test_an_argument_with_a_control_character_is_refused_as_typed(root: Path, args: tuple[str, ...]) -> None:
    line = refused(root, *args)
    assert "holds a control character" in line
    assert line.startswith("'") and "\\" in line.split(":")[0]


def test_a_loop_of_links_is_a_located_line(root: Path) -> None:
    (root / "agendas" / "een.yaml").symlink_to("twee.yaml")
    (root / "agendas" / "twee.yaml").symlink_to("een.yaml")
    assert "agendas/een.yaml" in refused(root, "render", "agendas/een.yaml")


def test_absorb_calls_a_named_pipe_a_named_pipe(root: Path) -> None:
    os.mkfifo(root / "ga.docx")
    for args in (("absorb", "ga.docx"), ("import", "ga.docx", "--raad", "raad-2030-06-12")):
        assert (
            refused(root, *args)
            == "ga.docx:1:1: is a named pipe (FIFO), not a file; briefgen reads only regular files\n"
        )


@pytest.mark.parametrize("folder", ["positions", "agendas", "templates/eigen"])
def test_schemas_are_not_written_into_the_drafters_folders(root: Path, folder: str) -> None:
    before = sorted(p.name for p in (root / folder.split("/")[0]).rglob("*"))
    assert "will not write output inside" in refused(root, "schema", "-o", str(root / folder))
    assert sorted(p.name for p in (root / folder.split("/")[0]).rglob("*")) == before


def test_schema_into_something_that_is_not_a_folder_is_refused(root: Path) -> None:
    assert refused(root, "schema", "-o", "/dev/null") == (
        "/dev/null:1:1: is not a folder; -o takes the folder the schemas go into\n"
    )


def test_a_diff_document_never_replaces_a_builds_manifest(root: Path) -> None:
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    manifest = root / small.OUT / "manifest.json"
    before = manifest.read_bytes()
    for target in (manifest, root / small.OUT / "diff.docx"):
        line = refused(
            root, "diff", "bodem", "--from", small.ID, "--to", small.ID, "--format", "docx", "-o", str(target)
        )
        assert "will not write into a build folder" in line
    assert manifest.read_bytes() == before
    assert not (root / small.OUT / "diff.docx").exists()
    assert briefgen(root, "status", small.AGENDA, "--check").exit_code == 0


def test_a_diff_document_never_replaces_a_page_of_the_builds_preview(root: Path) -> None:
    assert briefgen(root, "preview", "--no-open", small.AGENDA).exit_code == 0
    page = root / small.OUT / "preview" / "index.html"
    before = page.read_bytes()
    line = refused(
        root, "diff", "bodem", "--from", small.ID, "--to", small.ID, "--format", "docx", "-o", str(page)
    )
    assert "will not write into a build folder" in line
    assert page.read_bytes() == before


def diff_to(root: Path, target: Path) -> str:
    return refused(
        root, "diff", "bodem", "--from", small.ID, "--to", small.ID, "--format", "docx", "-o", str(target)
    )


def test_a_diff_document_never_replaces_a_pipe_or_device(root: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    assert diff_to(root, pipe) == f"{pipe}:1:1: is a named pipe (FIFO), not a file; name a file to write\n"
    assert pipe.is_fifo()


def test_a_diff_document_never_replaces_the_kept_manifests(root: Path) -> None:
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    index = root / "build" / ".manifests" / small.ID / "index.json"
    before = index.read_bytes()
    assert "will not write into build/.manifests/" in diff_to(root, index)
    assert index.read_bytes() == before


def test_absorb_refuses_a_report_in_the_drafters_folders_before_absorbing(root: Path) -> None:
    answer = reworded(root)
    before = (root / "positions" / "bodem.yaml").read_bytes()
    line = refused(root, "absorb", str(answer), "--report", str(root / "positions" / "conflicten.docx"))
    assert "will not write output inside positions/" in line
    assert (root / "positions" / "bodem.yaml").read_bytes() == before


def test_dossier_new_refuses_a_council_id_no_agenda_file_can_have(root: Path) -> None:
    line = refused(root, "dossier", "new", "nieuw", "--raad", "raad-" + LONG)
    assert "would be longer than a file name can be" in line
    assert not (root / "positions" / "nieuw.yaml").exists()


def test_render_never_replaces_another_agendas_build(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "example")
    assert briefgen(project, "render", AGENDA).exit_code == 0
    manifest = project / GA.parent / "manifest.json"
    before = manifest.read_bytes()
    line = refused(project, "render", LVVN, "-o", str(project / GA.parent))
    assert line.startswith(f"{GA.parent}:1:1: holds the build of another agenda (milieuraad-2026-03-17)"), (
        line
    )
    assert manifest.read_bytes() == before


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("folder", ["positions", "agendas"])
def test_check_names_a_link_to_a_device_by_the_links_own_path(root: Path, folder: str) -> None:
    (root / folder / "nul.yaml").symlink_to("/dev/zero")
    result = briefgen(root, "check")
    assert result.exit_code == 1
    assert (
        f"{folder}/nul.yaml:1:1: is a link to '/dev/zero', which is a device, not a file; "
        "briefgen reads only regular files"
    ) in result.stderr.splitlines()


def test_check_names_a_link_to_another_project_file_by_the_links_own_path(root: Path) -> None:
    (root / "positions" / "kopie.yaml").symlink_to(f"../{small.AGENDA}")
    result = briefgen(root, "check")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "positions/kopie.yaml:1:1: missing key 'standpunten'" in lines
    assert not any(line.startswith(small.AGENDA) for line in lines), lines
