"""A paragraph moved with tracking on, as Word and LibreOffice store it: its text and its
paragraph mark marked as moved away where it was, and as moved here where it went. Absorbed,
the value holds the paragraph once, in its new place, and no empty paragraph where it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docxedit import Docx, q
from helpers import AGENDA, GA, briefgen, copy_example
from unoedit import Answer, edit_in_libreoffice, needs_uno

POSITION = "positions/decarbonisatie-post-2030.yaml"
MOVED = "Tot slot, zal het kabinet bij de uitwerking"
BEFORE = "Daarnaast is het van belang te zorgen"


def _inzet(root: Path) -> str:
    """The Milieuraad of 17 March's inzet of the decarbonisation position, as the file holds it."""
    from briefgen.data.load import load_text  # noqa: PLC0415 - the test's one reader of YAML

    loaded = load_text((root / POSITION).read_text(encoding="utf-8"), POSITION)
    return str(loaded.data["standpunten"][0]["inzet"])


def _assert_moved(root: Path) -> None:
    inzet = _inzet(root)
    assert inzet.index(MOVED) < inzet.index(BEFORE)
    assert inzet.count(MOVED) == 1
    assert not inzet.endswith("\n\n"), repr(inzet[-40:])
    assert "\n\n\n" not in inzet


def _rendered(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    return root


def _text(p: object) -> str:
    return "".join(t.text or "" for t in p.iter(q("t")))  # type: ignore[attr-defined]


def _moved_in_xml(tmp_path: Path) -> tuple[Path, Path]:
    """The project and an answer in which the paragraph is moved as Word tracks a move."""
    root = _rendered(tmp_path)
    docx = Docx.read((root / GA).read_bytes())
    paragraphs = docx.paragraphs()
    moved = next(p for p in paragraphs if _text(p).startswith(MOVED))
    before = next(p for p in paragraphs if _text(p).startswith(BEFORE))
    docx.move_before(moved, before)
    answer = tmp_path / "olaf.docx"
    answer.write_bytes(docx.bytes())
    return root, answer


def _moved_in_libreoffice(tmp_path: Path) -> tuple[Path, Path]:
    """The project and an answer in which LibreOffice moved the paragraph, tracking on."""
    root = _rendered(tmp_path)
    move = Answer(root / GA, tmp_path / "olaf.docx", "Olaf", [], operations=(("move", MOVED, BEFORE),))
    return root, edit_in_libreoffice(move)[0]


@pytest.mark.parametrize(
    "moved", [_moved_in_xml, pytest.param(_moved_in_libreoffice, marks=[pytest.mark.slow, needs_uno])]
)
def test_a_tracked_move_leaves_no_empty_paragraph_where_the_paragraph_was(
    tmp_path: Path, moved: Callable[[Path], tuple[Path, Path]]
) -> None:
    root, answer = moved(tmp_path)
    result = briefgen(root, "absorb", str(answer))
    assert result.exit_code == 0, result.output
    _assert_moved(root)


def test_a_tracked_move_read_as_sent_is_no_edit(tmp_path: Path) -> None:
    """``--original`` reads the paragraph where it was: the moved-here copy, its mark
    included, is not there."""
    root, answer = _moved_in_xml(tmp_path)
    result = briefgen(root, "absorb", "--original", str(answer))
    assert result.exit_code == 0, result.output
    assert "changed 0 value(s)" in result.output
