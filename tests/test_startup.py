"""Start-up: a command imports only what it uses (read from ``python -X importtime``), and
pydantic looks for no plugins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import small

HEAVY = {"jinja2", "docx", "lxml", "markdown_it", "importlib.metadata"}


def imported(root: Path, *args: str) -> set[str]:
    """The modules ``briefgen ARGS`` imports, as ``-X importtime`` lists them."""
    return set(imported_in_order(root, *args))


def run_importtime(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``briefgen ARGS`` run in ``root`` under ``python -X importtime``, its output kept."""
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefgen", *args],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip


def imported_in_order(root: Path, *args: str) -> list[str]:
    """The modules ``briefgen ARGS`` imports, in the order their imports finish."""
    done = run_importtime(root, *args)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert lines, "no importtime output"
    return [line.rsplit("|", 1)[1].strip() for line in lines]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return small.project(tmp_path / "project", 2, letter=True)


def test_checking_positions_loads_neither_jinja_nor_word(root: Path) -> None:
    assert imported(root, "check", "positions") & HEAVY == set()


def test_checking_positions_loads_no_journal_writing(root: Path) -> None:
    """JSON and random names are for commands that change files (start-up is serial with -j)."""
    assert imported(root, "check", "positions") & {"json", "secrets", "random"} == set()


def test_checking_agendas_composes_without_the_word_writer(root: Path) -> None:
    found = imported(root, "check")
    assert "jinja2" in found
    assert found & {"docx", "lxml", "importlib.metadata"} == set()


def test_rendering_what_the_templates_write_needs_no_markdown_it(root: Path) -> None:
    """Headings, paragraphs, lists, emphasis and footnotes are read by document/quickread.py."""
    found = imported(root, "render", small.AGENDA)
    assert "briefgen.document.quickread" in found
    assert "markdown_it" not in found


def test_rendering_loads_no_plugin_discovery(root: Path) -> None:
    found = imported(root, "render", small.AGENDA)
    assert {"jinja2", "docx"} <= found
    assert "importlib.metadata" not in found


def test_valid_files_are_checked_without_pydantic(root: Path) -> None:
    """pydantic is loaded only to say what is wrong with a file (see data/modelbase.py)."""
    for args in (("render", small.AGENDA), ("check",)):
        found = imported(root, *args)
        assert "briefgen.data.validation" in found
        assert not any(name.startswith(("pydantic", "briefgen.data.pydantic_models")) for name in found)


def test_a_wrong_file_is_explained_by_pydantic(root: Path) -> None:
    position = root / "positions" / f"{small.DOSSIERS[0]}.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace("titel:", "titels:"), encoding="utf-8")
    done = run_importtime(root, "check")
    assert done.returncode == 1
    assert "unknown key 'titels'" in done.stderr
    assert "| pydantic" in done.stderr


def test_rendering_loads_neither_the_html_writer_nor_subprocess(root: Path) -> None:
    """The preview's writer is for ``briefgen preview``, git (through subprocess) for ``send``."""
    found = imported(root, "render", small.AGENDA)
    assert "briefgen.output.package" in found
    assert found & {"briefgen.html", "briefgen.html.writer", "subprocess"} == set()


def test_the_cache_of_dataclasses_code_is_installed_before_briefgen_makes_a_class(root: Path) -> None:
    """``briefgen.errors`` makes the first of briefgen's dataclasses."""
    found = imported_in_order(root, "check", "positions")
    assert found.index("briefgen.data.dataclass_code") < found.index("briefgen.errors")


def test_help_loads_no_pipeline(root: Path) -> None:
    found = imported(root, "--help")
    assert not any(name.startswith(("briefgen.data", "briefgen.compose", "pydantic")) for name in found)


def test_the_script_runs_exit_handlers_and_keeps_the_exit_code(tmp_path: Path) -> None:
    """The script ends the process without module teardown, but after the exit handlers."""
    marker = tmp_path / "exit-handler-ran"
    probe = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').close())\n"
        "sys.argv = ['briefgen', 'render', 'agendas/none.yaml']\n"
        "from briefgen.__main__ import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1
    assert "none.yaml" in done.stderr
    assert marker.exists()


def test_checking_a_project_nothing_interrupted_loads_no_journal(root: Path) -> None:
    assert "briefgen.output.journal" not in imported(root, "check")


def test_checking_positions_loads_no_council_configurations(root: Path) -> None:
    """The formations' tables are made at import; only an agenda's checks read them."""
    assert "briefgen.data.formations" not in imported(root, "check", "positions")


def test_rendering_loads_no_journal_when_nothing_was_interrupted(root: Path) -> None:
    """An interrupted command's leftovers are looked for first (output/leftovers.py)."""
    assert "briefgen.output.journal" not in imported(root, "render", small.AGENDA)


def test_rendering_names_its_temporary_files_without_secrets(root: Path) -> None:
    """Build folders and history files are named with output/disk.token (os.urandom)."""
    found = imported(root, "render", small.AGENDA)
    assert "briefgen.output.switch" in found
    assert found & {"secrets", "hmac"} == set()


def test_rendering_one_agenda_loads_neither_the_forking_nor_the_syntax_messages(root: Path) -> None:
    """data/parallel is for several agendas or many position files, data/syntax for a file
    that does not parse."""
    found = imported(root, "render", small.AGENDA)
    assert "briefgen.data.parsers" in found
    assert found & {"briefgen.data.parallel", "briefgen.data.syntax"} == set()


def test_a_file_that_does_not_parse_is_still_explained(root: Path) -> None:
    agenda = root / small.AGENDA
    agenda.write_text(agenda.read_text(encoding="utf-8") + "kapot: [\n", encoding="utf-8")
    done = run_importtime(root, "render", small.AGENDA)
    assert done.returncode == 1
    assert "YAML syntax error" in done.stderr
    assert "briefgen.data.syntax" in done.stderr


def test_a_render_after_an_interrupted_command_still_names_it(root: Path) -> None:
    (root / "agendas" / f".{small.ID}.briefgen-new.json").write_text("{}", encoding="utf-8")
    done = run_importtime(root, "render", small.AGENDA)
    assert "briefgen.output.journal" in done.stderr
    assert f"agendas/.{small.ID}.briefgen-new.json" in done.stderr


RARE_PATTERNS = {
    "briefgen.document.dutch": ["_UNBROKEN"],
    "briefgen.data.limits": ["_SEPARATOR", "_FLOW_OPEN", "_BLOCK_START"],
    "briefgen.data.parsers": ["_ESCAPE"],
    "briefgen.document.markdown": ["_FENCE", "_CLOSING_HASHES", "ESCAPED_SPACE"],
    "briefgen.document.quickread": ["_FENCE", "_CELL", "WIDTH", "_BREAK"],
    "briefgen.document.tomarkdown": ["_LINE_START", "_BREAKABLE_BEFORE"],
    "briefgen.output.render": ["_EARLIER_TEMPORARY", "_KNOWN"],
    "briefgen.output.leftovers": ["PENDING", "LEFTOVER", "STAGED"],
}
"""Patterns compiled on first use, which a first render of a plain GA never uses (also
``output.recovery.STAGED``, tried only on hidden names: ``build/`` holds some)."""

COMPILED = """
import atexit, importlib, json, re, sys
from re import _compiler
compiled, compile_ = [], _compiler.compile
_compiler.compile = lambda pattern, flags=0: compiled.append(pattern) or compile_(pattern, flags)
rare = json.loads(sys.argv[1])

def done():
    named = {f"{m}.{n}": getattr(importlib.import_module(m), n) for m, ns in rare.items() for n in ns}
    print(json.dumps({"compiled": [p for p in compiled if isinstance(p, str)], "rare": named}))

atexit.register(done)
sys.argv = ["briefgen", "render", sys.argv[2]]
from briefgen.__main__ import main
main()
"""


def test_a_render_compiles_no_pattern_only_rare_texts_need(root: Path) -> None:
    """Each is compiled by ``re`` on its first use; a render's start-up does not pay for them."""
    import json

    done = subprocess.run(
        [sys.executable, "-c", COMPILED, json.dumps(RARE_PATTERNS), small.AGENDA],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.splitlines()[-1])
    compiled = set(found["compiled"])
    assert all(isinstance(pattern, str) for pattern in found["rare"].values())
    assert {name for name, pattern in found["rare"].items() if pattern in compiled} == set()
    assert "\\n[ \\t?:-]{25}" in compiled  # the shallow-file check, one pattern per width
    assert not any(pattern.startswith("[ \\t?:-]{") for pattern in compiled)
