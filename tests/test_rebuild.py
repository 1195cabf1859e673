"""Regenerating after Coreper: reproducible builds, manifest, status, incremental render,
the tracked-changes update, and drafting the next Council."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

import briefgen.commands.render as build_stage
from briefgen import __version__
from docxread import reading
from helpers import AGENDA, GA, PACKAGE, briefgen, edit

OUT = GA.parent
BIO = "positions/bio-economie-strategie.yaml"
OLD_SENTENCE = "Het kabinet zal daarom haar ambities tijdens de"
NEW_SENTENCE = "Het kabinet zal daarom zijn ambities tijdens de"


def build_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / OUT).iterdir())}


def test_two_builds_in_different_folders_are_identical(project: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert briefgen(project, "render", AGENDA, "-o", str(tmp_path / name)).exit_code == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert sorted(first) == sorted([*PACKAGE, "manifest.json"])
    assert first == second


def test_manifest_records_inputs_outputs_and_items(project: Path) -> None:
    briefgen(project, "render", AGENDA)
    manifest = json.loads((project / OUT / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["briefgen"] == __version__
    inputs = manifest["inputs"]
    for name in (
        AGENDA,
        BIO,
        "positions/_voetnoten.yaml",
        "templates/reference.docx",
        "templates/nota.md.j2",
    ):
        assert name in inputs
    for name in PACKAGE:
        assert manifest["outputs"][name] == hashlib.sha256((project / OUT / name).read_bytes()).hexdigest()
    bio = next(item for item in manifest["punten"] if item["dossier"] == "bio-economie-strategie")
    assert OLD_SENTENCE in bio["inzet"]


def test_status_after_a_build_is_up_to_date(project: Path) -> None:
    briefgen(project, "render", AGENDA)
    result = briefgen(project, "status", AGENDA, "--check")
    assert result.exit_code == 0
    assert all(line.endswith(": up to date") for line in result.stdout.splitlines())


def test_status_names_the_ga_when_one_sentence_changed(project: Path) -> None:
    briefgen(project, "render", AGENDA)
    edit(project, BIO, OLD_SENTENCE, NEW_SENTENCE)
    result = briefgen(project, "status", AGENDA, "--check")
    assert result.exit_code == 1
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert lines["geannoteerde-agenda.docx"] == f"stale: {BIO} changed: inzet"
    assert lines["nota.docx"] == "up to date"
    assert lines["kamerbrief-tk.docx"] == "up to date"


def test_status_names_the_nota_when_the_summary_changed(project: Path) -> None:
    briefgen(project, "render", AGENDA)
    edit(project, BIO, "De conceptraadsconclusies worden 6 maart", "De conceptraadsconclusies zijn 6 maart")
    data = json.loads(briefgen(project, "status", AGENDA, "--format", "json").stdout)
    states = {d["name"]: d for d in data["documents"]}
    assert states["nota.docx"]["stale"] is True
    assert states["nota.docx"]["reasons"] == [f"{BIO} changed: kern"]
    assert states["geannoteerde-agenda.docx"]["stale"] is False


def test_status_before_any_build_says_so(project: Path) -> None:
    result = briefgen(project, "status", AGENDA, "--check")
    assert result.exit_code == 1
    assert "not built yet" in result.stdout


def test_unchanged_render_rewrites_nothing(project: Path) -> None:
    briefgen(project, "render", AGENDA)
    times = {p.name: p.stat().st_mtime_ns for p in (project / OUT).iterdir()}
    result = briefgen(project, "render", AGENDA)
    assert not [line for line in result.stdout.splitlines() if line.startswith("wrote")]
    assert len([line for line in result.stdout.splitlines() if line.startswith("kept")]) == len(PACKAGE)
    assert times == {p.name: p.stat().st_mtime_ns for p in (project / OUT).iterdir()}


def test_rerender_writes_only_what_changed_and_says_what_moved(project: Path) -> None:
    briefgen(project, "render", AGENDA)
    edit(project, BIO, OLD_SENTENCE, NEW_SENTENCE)
    out = briefgen(project, "render", AGENDA).stdout.splitlines()
    written = {Path(line.removeprefix("wrote ")).name for line in out if line.startswith("wrote ")}
    assert written == {"geannoteerde-agenda.docx", "geannoteerde-agenda.wijzigingen.docx", "manifest.json"}
    assert "changed: bio-economie-strategie: inzet changed" in out
    assert briefgen(project, "status", AGENDA, "--check").exit_code == 0


@pytest.mark.parametrize(
    ("mode", "expected", "absent"),
    [("current", NEW_SENTENCE, OLD_SENTENCE), ("old", OLD_SENTENCE, NEW_SENTENCE)],
)
def test_update_document_accepts_to_new_and_rejects_to_old(
    project: Path, mode: str, expected: str, absent: str
) -> None:
    briefgen(project, "render", AGENDA)
    edit(project, BIO, OLD_SENTENCE, NEW_SENTENCE)
    briefgen(project, "render", AGENDA)
    text = "\n".join(reading(project / OUT / "geannoteerde-agenda.wijzigingen.docx", mode)["paragraphs"])
    assert expected in text
    assert absent not in text


def test_update_document_reads_like_the_new_ga_when_accepted(project: Path) -> None:
    briefgen(project, "render", AGENDA)
    edit(project, BIO, OLD_SENTENCE, NEW_SENTENCE)
    briefgen(project, "render", AGENDA)
    update = reading(project / OUT / "geannoteerde-agenda.wijzigingen.docx", "current")
    assert [p for p in update["paragraphs"] if p] == [
        p for p in reading(project / GA, "current")["paragraphs"] if p
    ]


def test_crash_while_composing_leaves_the_earlier_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefgen(project, "render", AGENDA)
    before = build_files(project)
    edit(project, BIO, OLD_SENTENCE, NEW_SENTENCE)
    real = build_stage.write_docx
    calls = []

    def crashing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the writer crashed")
        return real(*args, **kwargs)

    monkeypatch.setattr(build_stage, "write_docx", crashing)
    assert briefgen(project, "render", AGENDA).exit_code == 70
    assert build_files(project) == before


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
