"""Regenerating after Coreper: reproducible builds, manifest, status, incremental render,
the tracked-changes update, and drafting the next Council."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

import briefgen.output.package as build_stage
import small
from briefgen import __version__
from docxread import reading
from helpers import PACKAGE, briefgen, edit

OUT = small.OUT
AGENDA = small.AGENDA
POSITION = "positions/bodem.yaml"
OLD_SENTENCE = "Inzet van bodem."
NEW_SENTENCE = "Inzet van de bodem."


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small project with two items, a letter, a nota and a verslag."""
    return small.project(tmp_path / "small", 2, letter=True, nota=True, verslag=True)


def build_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / OUT).iterdir())}


def test_two_builds_in_different_folders_are_identical(root: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert briefgen(root, "render", AGENDA, "-o", str(tmp_path / name)).exit_code == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert sorted(first) == sorted([*PACKAGE, "manifest.json"])
    assert first == second


def test_manifest_records_inputs_outputs_and_items(root: Path) -> None:
    briefgen(root, "render", AGENDA)
    manifest = json.loads((root / OUT / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["briefgen"] == __version__
    inputs = manifest["inputs"]
    for name in (
        AGENDA,
        POSITION,
        "positions/_voetnoten.yaml",
        "templates/reference.docx",
        "templates/nota.md.j2",
    ):
        assert name in inputs
    for name in PACKAGE:
        assert manifest["outputs"][name] == hashlib.sha256((root / OUT / name).read_bytes()).hexdigest()
    item = next(item for item in manifest["punten"] if item["dossier"] == "bodem")
    assert OLD_SENTENCE in item["inzet"]


def test_status_after_a_build_is_up_to_date(root: Path) -> None:
    briefgen(root, "render", AGENDA)
    result = briefgen(root, "status", AGENDA, "--check")
    assert result.exit_code == 0
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert sorted(lines) == sorted(PACKAGE)
    assert set(lines.values()) == {"up to date"}


def test_status_names_the_ga_when_one_sentence_changed(root: Path) -> None:
    briefgen(root, "render", AGENDA)
    edit(root, POSITION, OLD_SENTENCE, NEW_SENTENCE)
    result = briefgen(root, "status", AGENDA, "--check")
    assert result.exit_code == 1
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert lines["geannoteerde-agenda.docx"] == f"stale: {POSITION} changed: inzet"
    assert lines["nota.docx"] == "up to date"
    assert lines["kamerbrief-tk.docx"] == "up to date"


def test_status_names_the_nota_when_the_summary_changed(root: Path) -> None:
    briefgen(root, "render", AGENDA)
    edit(root, POSITION, "Kern van bodem.", "Kern van de bodem.")
    data = json.loads(briefgen(root, "status", AGENDA, "--format", "json").stdout)
    states = {d["name"]: d for d in data["documents"]}
    assert states["nota.docx"]["stale"] is True
    assert states["nota.docx"]["reasons"] == [f"{POSITION} changed: kern"]
    assert states["geannoteerde-agenda.docx"]["stale"] is False


def test_status_before_any_build_says_so(root: Path) -> None:
    result = briefgen(root, "status", AGENDA, "--check")
    assert result.exit_code == 1
    assert "not built yet" in result.stdout


def test_unchanged_render_rewrites_nothing(root: Path) -> None:
    briefgen(root, "render", AGENDA)
    times = {p.name: p.stat().st_mtime_ns for p in (root / OUT).iterdir()}
    result = briefgen(root, "render", AGENDA)
    assert not [line for line in result.stdout.splitlines() if line.startswith("wrote")]
    assert len([line for line in result.stdout.splitlines() if line.startswith("kept")]) == len(PACKAGE)
    assert times == {p.name: p.stat().st_mtime_ns for p in (root / OUT).iterdir()}


def test_rerender_writes_only_what_changed_and_says_what_moved(root: Path) -> None:
    briefgen(root, "render", AGENDA)
    edit(root, POSITION, OLD_SENTENCE, NEW_SENTENCE)
    out = briefgen(root, "render", AGENDA).stdout.splitlines()
    written = {Path(line.removeprefix("wrote ")).name for line in out if line.startswith("wrote ")}
    assert written == {"geannoteerde-agenda.docx", "geannoteerde-agenda.wijzigingen.docx", "manifest.json"}
    assert "changed: bodem: inzet changed" in out
    assert briefgen(root, "status", AGENDA, "--check").exit_code == 0


@pytest.mark.parametrize(
    ("mode", "expected", "absent"),
    [("current", NEW_SENTENCE, OLD_SENTENCE), ("old", OLD_SENTENCE, NEW_SENTENCE)],
)
def test_update_document_accepts_to_new_and_rejects_to_old(
    root: Path, mode: str, expected: str, absent: str
) -> None:
    briefgen(root, "render", AGENDA)
    edit(root, POSITION, OLD_SENTENCE, NEW_SENTENCE)
    briefgen(root, "render", AGENDA)
    text = "\n".join(reading(root / OUT / "geannoteerde-agenda.wijzigingen.docx", mode)["paragraphs"])
    assert expected in text
    assert absent not in text


def test_update_document_reads_like_the_new_ga_when_accepted(root: Path) -> None:
    briefgen(root, "render", AGENDA)
    edit(root, POSITION, OLD_SENTENCE, NEW_SENTENCE)
    briefgen(root, "render", AGENDA)
    update = reading(root / OUT / "geannoteerde-agenda.wijzigingen.docx", "current")
    assert [p for p in update["paragraphs"] if p] == [
        p for p in reading(root / small.GA, "current")["paragraphs"] if p
    ]


def test_crash_while_composing_leaves_the_earlier_build(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefgen(root, "render", AGENDA)
    before = build_files(root)
    edit(root, POSITION, OLD_SENTENCE, NEW_SENTENCE)
    real = build_stage.write_docx
    calls = []

    def crashing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the writer crashed")
        return real(*args, **kwargs)

    monkeypatch.setattr(build_stage, "write_docx", crashing)
    assert briefgen(root, "render", AGENDA).exit_code == 70
    assert build_files(root) == before


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


@pytest.fixture
def drafted(project: Path) -> Path:
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "base")
    result = briefgen(
        project, "new", "milieuraad-2026-10-20", "--from", "milieuraad-2026-06-16", "--datum", "2026-10-20"
    )
    assert result.exit_code == 0, result.output
    return project


def test_new_only_adds_lines_to_positions(drafted: Path) -> None:
    numstat = git(drafted, "diff", "--numstat", "positions/").split()
    assert numstat[1::3] == ["0", "0"]
    assert sorted(numstat[2::3]) == ["positions/bio-economie-strategie.yaml", "positions/co2-normen.yaml"]


def test_new_keeps_the_comments(drafted: Path) -> None:
    text = (drafted / "positions/co2-normen.yaml").read_text(encoding="utf-8")
    assert "# Illustrative: the position carried forward to the example Milieuraad of 16 June 2026," in text
    assert "  - raad: milieuraad-2026-10-20\n" in text


def test_new_agenda_checks_and_renders(drafted: Path) -> None:
    assert briefgen(drafted, "check").exit_code == 0
    result = briefgen(drafted, "render", "agendas/milieuraad-2026-10-20.yaml")
    assert result.exit_code == 0
    assert (drafted / "build/milieuraad-2026-10-20/geannoteerde-agenda.docx").is_file()


def test_new_refuses_an_existing_agenda(drafted: Path) -> None:
    result = briefgen(drafted, "new", "milieuraad-2026-10-20", "--from", "milieuraad-2026-06-16")
    assert result.exit_code == 1
    assert "already exists; briefgen new does not overwrite an agenda" in result.stderr


def test_new_refuses_an_existing_position_entry(project: Path) -> None:
    (project / "agendas/milieuraad-2026-06-16.yaml").unlink()
    result = briefgen(project, "new", "milieuraad-2026-06-16", "--from", "milieuraad-2026-03-17")
    assert result.exit_code == 1
    assert (
        "already has a position for milieuraad-2026-06-16; briefgen new does not overwrite it"
        in result.stderr
    )
    assert not (project / "agendas/milieuraad-2026-06-16.yaml").exists()
