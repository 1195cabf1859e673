"""The command group: each command found in its own module, and a user's mistake reported as a place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from briefgen.cli import COMMANDS, main
from helpers import AGENDA, GA, briefgen

FAILING_SOFFICE = """#!{python}
import sys
print("Error: source file could not be loaded", file=sys.stderr)
sys.exit(1)
"""


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_command_list_shows_each_commands_own_summary(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    assert command.name == name
    assert command.get_short_help_str(limit=1000) == COMMANDS[name][1]


def test_help_loads_no_command() -> None:
    probe = (
        "import sys\nfrom briefgen.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('briefgen'))), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "Commands:" in done.stdout
    assert done.stderr.split() == ["briefgen", "briefgen.cli", "briefgen.errors"]


def test_a_failed_pdf_conversion_names_the_document(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAILING_SOFFICE.format(python=sys.executable))
    script.chmod(0o700)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    result = briefgen(project, "render", AGENDA, "--pdf")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"{project / GA}: LibreOffice did not convert this document: Error: source file could not be loaded\n"
    )
    assert (project / GA).is_file()


def test_a_template_that_nests_too_deep_is_named(project: Path) -> None:
    template = project / "templates" / "nota.md.j2"
    nested = "\n".join("  " * level + "- punt" for level in range(60))
    template.write_text(template.read_text(encoding="utf-8") + "\n\n" + nested + "\n", encoding="utf-8")
    result = briefgen(project, "render", AGENDA)
    assert result.exit_code == 1
    assert result.stderr.startswith("templates/nota.md.j2: a document nests lists, quotes or blocks")


def test_there_is_no_server_command() -> None:
    done = subprocess.run([sys.executable, "-m", "briefgen", "server"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == "briefgen: No such command 'server'.\n"


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["render"], "briefgen render: Missing argument 'AGENDAS...'."),
        (["status", "--bogus", "x"], "briefgen status: No such option '--bogus'."),
        (["--bogus"], "briefgen: No such option '--bogus'."),
        (["render", "x", "-o", "plain-file"], "briefgen render: Invalid value for '-o' / '--output': "),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(tmp_path: Path, args: list[str], line: str) -> None:
    (tmp_path / "plain-file").write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stderr.startswith(line) and done.stderr.count("\n") == 1, done.stderr
    assert done.stdout == ""


def test_help_is_unchanged_by_usage_errors_becoming_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", "render", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("Usage: briefgen render [OPTIONS] AGENDAS...")


def test_no_module_listens_for_other_processes() -> None:
    """Every command runs in the caller's process: nothing in briefgen opens a socket."""
    package = Path(__file__).resolve().parent.parent / "briefgen"
    importing = [
        path.name for path in package.rglob("*.py") if "import socket" in path.read_text(encoding="utf-8")
    ]
    assert importing == []
