"""The kept manifests (``build/.manifests/``) planted or damaged by someone else.

``index.json`` and ``absorbed.json`` name builds and are read by render, status, send and
absorb: a name climbing out of the folder is never joined to a path (render's pruning
would remove a file outside), a pipe or device is never read (the command would hang),
and a link where one of the archive's folders belongs is refused before anything is
written through it.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import helpers
import small
from briefgen.word.archive import MAX_PACKAGE_BYTES
from docxedit import Docx
from helpers import briefgen

ARCHIVE = Path("build") / ".manifests"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = small.project(tmp_path / "project", 2)
    assert briefgen(project, "render", small.AGENDA).exit_code == 0
    return project


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim.json.gz").write_bytes(b"precious")
    return folder


def index_path(root: Path) -> Path:
    return root / ARCHIVE / small.ID / "index.json"


def test_a_build_climbing_out_of_the_index_is_not_pruned(root: Path, outside: Path) -> None:
    index = json.loads(index_path(root).read_text(encoding="utf-8"))
    climbing = os.path.relpath(outside / "victim", index_path(root).parent)
    index["builds"] = [climbing] + [f"{n:016x}" for n in range(30)]
    index_path(root).write_text(json.dumps(index), encoding="utf-8")
    helpers.edit(root, "positions/bodem.yaml", "Kern van bodem.", "Kern van de bodem.")
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    assert (outside / "victim.json.gz").read_bytes() == b"precious"
    assert climbing not in index_path(root).read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["render", "status"])
def test_a_pipe_as_the_index_is_not_read(root: Path, command: str) -> None:
    index_path(root).unlink()
    os.mkfifo(index_path(root))
    result = briefgen(root, command, small.AGENDA)
    assert result.exit_code == 0, result.output


def test_a_pipe_as_absorbed_json_is_not_read(root: Path) -> None:
    os.mkfifo(root / ARCHIVE / "absorbed.json")
    result = briefgen(root, "absorb", str(root / small.GA))
    assert result.exit_code == 0, result.output


def test_a_deeply_nested_index_is_no_traceback(root: Path) -> None:
    index_path(root).write_text("[" * 100_000, encoding="utf-8")
    result = briefgen(root, "status", small.AGENDA)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("linked", [ARCHIVE, ARCHIVE / small.ID, Path("build")])
def test_an_archive_folder_linked_out_is_refused(root: Path, outside: Path, linked: Path) -> None:
    shutil.rmtree(root / linked)
    (root / linked).symlink_to(outside)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 1
    assert result.output.startswith(f"{linked}/: is a link"), result.output
    assert sorted(p.name for p in outside.iterdir()) == ["victim.json.gz"]


def test_send_refuses_a_manifest_naming_an_agenda_outside(root: Path, outside: Path) -> None:
    manifest = root / small.OUT / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["agenda"] = os.path.relpath(outside, root / ARCHIVE)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = briefgen(root, "send", small.AGENDA)
    assert result.exit_code == 1
    assert result.output.startswith(f"{small.OUT}/manifest.json: damaged build"), result.output
    assert sorted(p.name for p in outside.iterdir()) == ["victim.json.gz"]


def test_a_deeply_nested_journal_is_refused_at_its_place(root: Path) -> None:
    journal = f"agendas/.{small.ID}.briefgen-verslag.json"
    (root / journal).write_text("[" * 200_000, encoding="utf-8")
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 1
    assert result.output.startswith(f"{journal}:"), result.output


def test_a_deeply_nested_manifest_is_a_damaged_build(root: Path) -> None:
    (root / small.OUT / "manifest.json").write_text("[" * 200_000, encoding="utf-8")
    result = briefgen(root, "status", small.AGENDA)
    assert result.exit_code == 1
    assert result.output.startswith(f"{small.OUT}/manifest.json: damaged build"), result.output


def test_a_build_id_with_a_line_break_is_shown_escaped_on_one_line(root: Path, tmp_path: Path) -> None:
    docx = Docx.read((root / small.GA).read_bytes())
    custom = docx.parts["docProps/custom.xml"].decode("utf-8")
    docx.parts["docProps/custom.xml"] = re.sub(r"(<vt:lpwstr>)[^<]*", r"\1abc&#10;def", custom).encode(
        "utf-8"
    )
    answer = tmp_path / "answer.docx"
    answer.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(answer))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "made from build abc\\ndef, which" in result.stderr


def test_send_runs_no_hook_named_in_the_repositorys_config(root: Path, tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "positions")
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    marker = tmp_path / "ran"
    (hooks / "reference-transaction").write_text(f"#!/bin/sh\ntouch '{marker}'\n", encoding="utf-8")
    (hooks / "reference-transaction").chmod(0o755)
    git("config", "core.hooksPath", str(hooks))
    result = briefgen(root, "send", small.AGENDA)
    assert result.exit_code == 0, result.output
    assert "tagged the current commit sent/" in result.output
    assert not marker.exists()


def test_a_failed_write_of_the_archive_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.output import history

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(history.os, "replace", full)
    with pytest.raises(OSError):
        history._write(tmp_path / "index.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_an_index_owned_by_someone_else_is_not_followed(root: Path) -> None:
    index = json.loads(index_path(root).read_text(encoding="utf-8"))
    build = index["builds"][-1]
    index["sent"] = [build]
    index_path(root).write_text(json.dumps(index), encoding="utf-8")
    os.chown(index_path(root), 4242, 4242)
    result = briefgen(root, "status", small.AGENDA, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sent"] is None


def test_status_never_reads_a_huge_file_put_in_a_documents_place(root: Path, tmp_path: Path) -> None:
    huge = tmp_path / "sparse.bin"
    with open(huge, "wb") as file:
        file.truncate(MAX_PACKAGE_BYTES + 1)  # sparse: no disk used; larger than any document
    document = root / small.GA
    document.unlink()
    document.symlink_to(huge)
    result = briefgen(root, "status", small.AGENDA)
    assert result.exit_code == 0, result.output
    assert "geannoteerde-agenda.docx: stale: not a document briefgen wrote" in result.output
