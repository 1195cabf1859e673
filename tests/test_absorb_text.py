"""Text typed in Word comes back as that text: a literal footnote mark, leading spaces and
no-break spaces survive absorb and the next render; a link to anything but an http(s) or
mailto address comes back as its text alone, with a warning (from import too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docxedit import Docx, accepted
from docxread import read
from helpers import AGENDA, GA, briefgen

CO2 = "positions/co2-normen.yaml"
INZET = "Het kabinet wil zorgen voor uitvoerbare"


def _rendered(project: Path) -> Docx:
    assert briefgen(project, "render", AGENDA).exit_code == 0
    return Docx.read((project / GA).read_bytes())


def _paragraph(docx: Docx, start: str):
    return next(p for p in docx.paragraphs() if "".join(p.itertext()).startswith(start))


def _absorb(project: Path, docx: Docx):
    path = project / GA.parent / "geannoteerde-agenda (DGMI).docx"
    path.write_bytes(docx.bytes())
    result = briefgen(project, "absorb", str(path))
    assert result.exit_code == 0, result.output
    return path, result


@pytest.mark.parametrize(
    "typed",
    [
        "Zie [^bnc] zoals getypt.",
        "   Drie spaties ervoor.",
        "\u00a0\u00a0Twee harde spaties ervoor en\u00a0erna\u00a0",
        "Een backslash \\ en \\[^x\\] en C:\\pad\\[^bnc]",
        "\tMet een tab ervoor.",
    ],
    ids=["footnote mark", "leading spaces", "no-break spaces", "backslashes", "leading tab"],
)
def test_typed_text_renders_as_typed_after_absorb(project: Path, typed: str) -> None:
    docx = _rendered(project)
    docx.insert_after(_paragraph(docx, INZET), typed, tracked=False)
    path, _ = _absorb(project, docx)
    assert briefgen(project, "render", AGENDA).exit_code == 0
    rendered, edited = read(project / GA), read(path)  # a tab read as one, as Word shows it
    assert typed in [p.raw for p in rendered.paragraphs]
    assert [p.raw for p in rendered.paragraphs] == [p.raw for p in edited.paragraphs]
    assert rendered.note_texts() == edited.note_texts()


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "file:///etc/passwd", "\\\\server\\share\\brief.docx", "brief.docx"]
)
def test_a_link_to_another_kind_of_address_comes_back_as_text(project: Path, address: str) -> None:
    docx = _rendered(project)
    docx.add_link(_paragraph(docx, INZET), "Zie de brief", address)
    path, result = _absorb(project, docx)
    assert (
        f"warning: build/milieuraad-2026-03-17/geannoteerde-agenda (DGMI).docx: the link to '{address}'"
        in (result.stderr)
    )
    text = (project / CO2).read_text(encoding="utf-8")
    assert "Zie de brief" in text
    assert "](" not in text and address not in text
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert accepted((project / GA).read_bytes()) == accepted(path.read_bytes())


def test_a_link_address_s_control_characters_are_shown_escaped(project: Path) -> None:
    """A C1 control character in a link's address (XML holds them) reaches the terminal escaped."""
    docx = _rendered(project)
    docx.add_link(_paragraph(docx, INZET), "Zie de brief", "file:///x\x9b2Jy")
    _, result = _absorb(project, docx)
    assert "the link to 'file:///x\\x9b2Jy'" in result.stderr
    assert "\x9b" not in result.stderr


def test_a_mailto_link_stays_a_link(project: Path) -> None:
    docx = _rendered(project)
    docx.add_link(_paragraph(docx, INZET), "Mail ons", "mailto:bnc@minbuza.nl")
    _, result = _absorb(project, docx)
    assert "warning" not in result.stderr
    assert "[Mail ons](mailto:bnc@minbuza.nl)" in " ".join(
        (project / CO2).read_text(encoding="utf-8").split()
    )


def test_import_warns_of_a_link_it_keeps_as_text(project: Path) -> None:
    docx = _rendered(project)
    docx.add_link(_paragraph(docx, INZET), "Zie de brief", "file:///etc/passwd")
    path = project / "aangeleverd.docx"
    path.write_bytes(docx.bytes())
    result = briefgen(project, "import", str(path), "--raad", "milieuraad-2026-12-01")
    assert result.exit_code == 0, result.output
    assert (
        "warning: aangeleverd.docx: the link to 'file:///etc/passwd' is kept as its text alone"
        in result.stderr
    )
    written = "".join(p.read_text(encoding="utf-8") for p in (project / "positions").glob("*.yaml"))
    assert "Zie de brief" in written and "file:" not in written
