"""Messages in the user's language: every message of the source has its Dutch text in the
catalog, the compiled catalog is the catalog, and ``LANG=nl_NL.UTF-8`` shows Dutch errors and
``--help`` while ``LANG=C`` shows today's English."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import small
from helpers import REPO

PACKAGE = REPO / "briefgen"
_spec = importlib.util.spec_from_file_location("catalog", REPO / "tools" / "catalog.py")
assert _spec is not None and _spec.loader is not None
catalog = importlib.util.module_from_spec(_spec)
sys.modules["catalog"] = catalog
_spec.loader.exec_module(catalog)


def _message_argument(node: ast.Call) -> ast.expr | None:
    """The message a call passes: fail(where, MESSAGE), Problem(where, MESSAGE), click.echo(MESSAGE)."""
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in ("fail", "Problem") and len(node.args) >= 2:
        return node.args[1]
    if name == "echo" and node.args:
        return node.args[0]
    return None


def _is_echo(node: ast.Call) -> bool:
    return isinstance(node.func, ast.Attribute) and node.func.attr == "echo"


def _has_words(node: ast.expr) -> bool:
    """An English text literal or f-string (one with letters in its literal parts)."""
    parts = node.values if isinstance(node, ast.JoinedStr) else [node]
    return any(
        isinstance(part, ast.Constant) and isinstance(part.value, str) and re.search("[A-Za-z]", part.value)
        for part in parts
    )


def untranslatable(path: Path) -> list[str]:
    """Message sites in ``path`` that no catalog can translate: an f-string or a plain text
    literal where a message goes, or ``_()`` of anything but one literal."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        message = _message_argument(node)
        if message is not None and _has_words(message):
            found.append(f"{path.relative_to(REPO)}:{node.lineno}")
        if _is_echo(node) and isinstance(message, ast.Call) and getattr(message.func, "id", "") == "_":
            found.append(
                f"{path.relative_to(REPO)}:{node.lineno}: click.echo(_()) prints the English; echo str(_())"
            )
        if isinstance(node.func, ast.Name) and node.func.id == "_":
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: _() of no literal")
    return found


def test_no_message_site_is_an_f_string() -> None:
    sites = [site for path in sorted(PACKAGE.rglob("*.py")) for site in untranslatable(path)]
    assert sites == []


def _shadows_the_message_function(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when ``function`` both binds ``_`` (``data, _ = ...``) and calls ``_()``: the
    call then finds the local name, unbound or a value, instead of the message function."""
    binds = calls = False
    stack: list[ast.AST] = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        if isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
            calls = calls or any(  # its own scope binds its loop names; a call in it sees the function's
                isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "_"
                for inner in ast.walk(node)
            )
            continue
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            binds = True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
            calls = True
        stack.extend(ast.iter_child_nodes(node))
    return binds and calls


def test_no_function_hides_the_message_function_behind_a_throwaway_name() -> None:
    hiding = [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _shadows_the_message_function(node)
    ]
    assert hiding == []


def test_every_message_has_a_dutch_text() -> None:
    _, entries = catalog.read_po(catalog.PO.read_text(encoding="utf-8"))
    translated = {entry.msgid for entry in entries if all(entry.msgstr) and "fuzzy" not in entry.flags}
    assert [msgid for msgid, _ in catalog.wanted() if msgid not in translated] == []


def test_the_catalog_holds_no_message_the_source_lost() -> None:
    _, entries = catalog.read_po(catalog.PO.read_text(encoding="utf-8"))
    wanted = {msgid for msgid, _ in catalog.wanted()}
    assert [entry.msgid for entry in entries if entry.msgid not in wanted] == []


def test_a_translation_keeps_the_placeholders() -> None:
    _, entries = catalog.read_po(catalog.PO.read_text(encoding="utf-8"))
    differing = [
        (entry.msgid, text)
        for entry in entries
        for index, text in enumerate(entry.msgstr)
        if catalog.placeholders(text) != catalog.placeholders(entry.plural if index else entry.msgid)
    ]
    assert differing == []


def test_the_compiled_catalog_is_the_catalog() -> None:
    header, entries = catalog.read_po(catalog.PO.read_text(encoding="utf-8"))
    assert catalog.MO.read_bytes() == catalog.compile_mo(header, entries)


def test_clicks_messages_are_still_clicks() -> None:
    """The click texts the catalog translates are texts this click still writes."""
    import click

    source = "".join(path.read_text(encoding="utf-8") for path in Path(click.__file__).parent.glob("*.py"))
    literals = {node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)}
    assert [text for text, _ in catalog.click_texts() if text not in literals] == []


def run(root: Path, locale: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=root, env={**env, "LANG": locale, "COLUMNS": "80"}, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.fixture
def misspelled(tmp_path: Path) -> Path:
    root = small.project(tmp_path / "project")
    text = (root / small.AGENDA).read_text(encoding="utf-8").replace("plaats:", "plaatss:")
    (root / small.AGENDA).write_text(text, encoding="utf-8")
    return root


def test_a_misspelled_key_is_said_in_dutch(misspelled: Path) -> None:
    done = run(misspelled, "nl_NL.UTF-8", "check", small.AGENDA)
    assert done.returncode == 1
    assert f"{small.AGENDA}:4:1: onbekende sleutel 'plaatss' (bedoelt u 'plaats'?)\n" in done.stderr


def test_a_misspelled_key_is_said_in_english_under_c(misspelled: Path) -> None:
    done = run(misspelled, "C", "check", small.AGENDA)
    assert done.returncode == 1
    assert f"{small.AGENDA}:4:1: unknown key 'plaatss' (did you mean 'plaats'?)\n" in done.stderr


@pytest.mark.parametrize("command", [[], ["check"], ["render"], ["dossier", "new"]])
def test_help_is_dutch(tmp_path: Path, command: list[str]) -> None:
    done = run(tmp_path, "nl_NL.UTF-8", *command, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("Gebruik: briefgen")
    assert "Toon deze hulptekst en stop." in done.stdout
    assert "Show this message" not in done.stdout


@pytest.mark.parametrize("command", [[], ["check"], ["render"], ["dossier", "new"]])
def test_help_under_c_is_the_english_one(tmp_path: Path, command: list[str]) -> None:
    english = run(tmp_path, "C", *command, "--help").stdout
    assert english.startswith("Usage: briefgen")
    assert "Show this message and exit." in english
    assert run(tmp_path, "", *command, "--help").stdout == english
    assert run(tmp_path, "en_GB.UTF-8", *command, "--help").stdout == english


def test_a_usage_error_is_dutch(tmp_path: Path) -> None:
    done = run(tmp_path, "nl_NL.UTF-8", "check", "--nope")
    assert (done.returncode, done.stderr) == (2, "briefgen check: Optie '--nope' bestaat niet.\n")


def test_english_reads_no_catalog(tmp_path: Path) -> None:
    """Under LANG=C the messages are the source's English: gettext is not even imported for them."""
    probe = (
        "import sys\n"
        "from briefgen.errors import _\n"
        "print(str(_('unknown key {key}', key='x')), 'gettext' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run(
        [sys.executable, "-c", probe], env={**env, "LANG": "C"}, capture_output=True, text=True
    )
    assert done.stdout == "unknown key x False\n"


def test_a_message_compares_as_its_english_and_shows_in_dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.errors import _, did_you_mean

    message = _(
        "unknown key '{key}'{hint}{known}", key="datun", hint=did_you_mean("datun", ["datum"]), known=""
    )
    monkeypatch.setenv("LANGUAGE", "nl")
    assert message == "unknown key 'datun' (did you mean 'datum'?)"
    assert str(message) == "onbekende sleutel 'datun' (bedoelt u 'datum'?)"
    assert f"{message}" == str(message)


def test_a_number_with_thousands_shows_in_dutch_with_a_point(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.errors import _

    message = _(
        "this text has {count:,} footnote references, more than the {limit:,} one text may hold; split it",
        count=1001,
        limit=1000,
    )
    monkeypatch.setenv("LANGUAGE", "nl")
    assert "1.001" in str(message) and "1.000" in str(message)
    assert "1,001" in message
