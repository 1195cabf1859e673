"""Input at the edges: huge, deep or strange files, and names that are not files.

Each gives a one-line ``file:line:col`` error (or a safe result) in bounded time: no
crash, no traceback, no wait on a pipe.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import small
from briefgen.data import files
from helpers import AGENDA, briefgen, edit, load_file

BODEM = "positions/bodem.yaml"
CO2 = "positions/co2-normen.yaml"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """briefgen in a process of its own: a crash or a hang fails the test, not the suite."""
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 40_000 + "]" * 40_000,
        "x:\n" + "".join("  " * level + "- \n" for level in range(200)),
        "x:\n  " + "- " * 40_000 + "a",
        "x:\n" + "".join(" " * level + f"k{level}:\n" for level in range(300)) + " " * 300 + "a",
    ],
    ids=["flow", "block", "compact", "indented"],
)
def test_values_nested_tens_of_thousands_deep_are_refused_before_parsing(project: Path, text: str) -> None:
    (project / "positions" / "diep.yaml").write_text(f"id: diep\n{text}\n", encoding="utf-8")
    result = run(project, "check", "positions/diep.yaml")
    assert result.returncode == 1, result.stderr
    assert "values are nested more than 50 levels deep here" in result.stderr
    assert result.stderr.startswith("positions/diep.yaml:")
    assert "Traceback" not in result.stderr


def test_nesting_that_stays_under_the_limit_reads(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("x: " + "[" * 49 + "1" + "]" * 49 + "\n", encoding="utf-8")
    value = load_file(path, "f.yaml").data["x"]
    for _ in range(48):
        value = value[0]
    assert value == [1]


def test_a_file_too_large_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 4096)
    edit(root, BODEM, "kort: Kort bodem", "kort: Kort bodem\n# " + "x" * 5000)
    result = briefgen(root, "check", BODEM)
    assert result.exit_code == 1
    assert f"{BODEM}:1:1: the file is 0.0 MiB, more than the 0 MiB a YAML file may hold" in result.stderr


@pytest.mark.parametrize(
    ("character", "name"),
    [("\u2028", "line separator"), ("\u2029", "paragraph separator"), ("\x85", "next line")],
)
def test_line_separators_are_refused_with_their_place(tmp_path: Path, character: str, name: str) -> None:
    root = small.project(tmp_path)
    edit(root, BODEM, "kort: Kort bodem", f"kort: Kort{character} bodem")
    result = briefgen(root, "check", BODEM)
    assert result.exit_code == 1
    line = next(
        number
        for number, text in enumerate((root / BODEM).read_text(encoding="utf-8").split("\n"), 1)
        if text.startswith("kort:")
    )
    assert (
        f"{BODEM}:{line}:11: character U+{ord(character):04X} ({name}) is a line break to some YAML readers"
        in result.stderr
    )


def test_many_values_without_aliases_are_not_called_aliases(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        "voetnoten:\n" + "".join(f"  n{i}: tekst {i}\n" for i in range(100_001)), encoding="utf-8"
    )
    assert len(load_file(path, "f.yaml").data["voetnoten"]) == 100_001


def _make(kind: str, path: Path) -> None:
    if kind == "dangling link":
        path.symlink_to("nergens.yaml")
    elif kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)


KINDS = {
    "dangling link": "is a link to 'nergens.yaml', which does not exist",
    "folder": "is a folder, not a file; briefgen reads only regular files",
    "fifo": "is a named pipe (FIFO), not a file; briefgen reads only regular files",
}


@pytest.mark.parametrize("command", ["render", "status", "check"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_position_that_is_not_a_file_is_refused(project: Path, kind: str, command: str) -> None:
    (project / CO2).unlink()
    _make(kind, project / CO2)
    result = run(project, command, *([AGENDA] if command != "check" else []))
    assert result.returncode == 1, result.stderr
    assert f"{CO2}:1:1: {KINDS[kind]}\n" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["render", "check"])
def test_an_agenda_that_is_a_fifo_is_refused_without_waiting(project: Path, command: str) -> None:
    os.mkfifo(project / "agendas" / "pijp.yaml")
    result = run(project, command, "agendas/pijp.yaml" if command == "render" else "agendas")
    assert result.returncode == 1, result.stderr
    assert f"agendas/pijp.yaml:1:1: {KINDS['fifo']}" in result.stderr


def test_new_copies_a_vertical_tab_that_render_accepts(project: Path) -> None:
    edit(project, "positions/ipbes-12.yaml", "De twaalfde", "De\vtwaalfde")
    assert briefgen(project, "check").exit_code == 0
    result = briefgen(project, "new", "milieuraad-2026-09-22", "--from", "milieuraad-2026-03-17")
    assert result.exit_code == 0, result.output
    text = (project / "positions/ipbes-12.yaml").read_text(encoding="utf-8")
    assert text.count("De\vtwaalfde") == 2
    assert briefgen(project, "render", "agendas/milieuraad-2026-09-22.yaml").exit_code == 0


def test_new_refuses_an_id_ending_in_a_line_break(project: Path) -> None:
    result = briefgen(project, "new", "milieuraad-2026-09-22\n", "--from", "milieuraad-2026-03-17")
    assert result.exit_code == 1
    assert "'milieuraad-2026-09-22\\n': holds a control character" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in (project / "agendas").iterdir()) == sorted(
        p.name for p in (Path(__file__).parent.parent / "agendas").iterdir()
    )
