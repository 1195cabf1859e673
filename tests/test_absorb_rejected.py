"""briefgen absorb: a tracked change one colleague made and another rejected on the copy
the first returned. A rejection leaves no trace in the document: it is recognised where the
copy still holds the first colleague's other changes and someone else saved it."""

from __future__ import annotations

from pathlib import Path

import small
from helpers import briefgen
from unoedit import edit_in_xml

BODEM = ("Inzet van bodem", "Inzet van de bodem")
WATER = ("Inzet van water", "Inzet van het water")


def _saved_by(path: Path, old: str, new: str) -> Path:
    """The document as ``new`` saved it (its last author), where ``old`` did."""
    from docxedit import Docx  # noqa: PLC0415 - the tests' own OOXML editor

    docx = Docx.read(path.read_bytes())
    core = docx.parts["docProps/core.xml"].decode("utf-8")
    docx.parts["docProps/core.xml"] = core.replace(
        f"<cp:lastModifiedBy>{old}</cp:lastModifiedBy>", f"<cp:lastModifiedBy>{new}</cp:lastModifiedBy>"
    ).encode("utf-8")
    path.write_bytes(docx.bytes())
    return path


def _round(tmp_path: Path, saver: str, from_jan: bool = True) -> tuple[Path, str]:
    """Jan's answer (both changes) absorbed, then a copy showing only his change to water,
    saved by ``saver``, absorbed; bodem's file afterwards."""
    root = small.project(tmp_path / "project", 2)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    ga = root / small.GA
    jan = edit_in_xml(ga, tmp_path / "jan.docx", "Jan", [BODEM, WATER])
    other = edit_in_xml(
        ga, tmp_path / "ander.docx", "Jan" if from_jan else saver, [WATER] if from_jan else []
    )
    _saved_by(other, "Jan" if from_jan else saver, saver)
    assert briefgen(root, "absorb", str(jan)).exit_code == 0
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    result = briefgen(root, "absorb", str(other))
    assert result.exit_code == 0, result.output
    return root, (root / "positions/bodem.yaml").read_text(encoding="utf-8")


def test_a_change_rejected_on_the_copy_another_returned_is_taken_back(tmp_path: Path) -> None:
    root, bodem = _round(tmp_path, "Anna")
    assert "Inzet van bodem." in bodem and BODEM[1] not in bodem
    assert WATER[1] in (root / "positions/water.yaml").read_text(encoding="utf-8")


def test_a_copy_its_own_author_saved_again_takes_nothing_back(tmp_path: Path) -> None:
    """Jan's second copy without his change to bodem: which of his answers he meant is his to
    say; his first stands."""
    _root, bodem = _round(tmp_path, "Jan")
    assert BODEM[1] in bodem


def test_a_copy_made_from_the_sent_document_takes_nothing_back(tmp_path: Path) -> None:
    """Anna's untouched copy of the sent GA holds none of Jan's changes: no rejection."""
    _root, bodem = _round(tmp_path, "Anna", from_jan=False)
    assert BODEM[1] in bodem


def test_a_rejection_is_recognised_by_the_comment_left_on_the_copy(tmp_path: Path) -> None:
    """Anna rejected every change of Jan's but kept his comment: the comment came with his
    copy, so her answer builds on it and takes his change back."""
    from docx import Document  # noqa: PLC0415 - python-docx adds the comment as Word stores one

    root = small.project(tmp_path / "project", 2)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    ga = root / small.GA
    jan = edit_in_xml(ga, tmp_path / "jan.docx", "Jan", [BODEM])
    document = Document(str(ga))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Inzet van water"))
    document.add_comment(paragraph.runs, text="Klopt dit?", author="Jan")
    anna = tmp_path / "anna.docx"
    document.save(str(anna))
    _saved_by(anna, "briefgen", "Anna")
    assert briefgen(root, "absorb", str(jan)).exit_code == 0
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    result = briefgen(root, "absorb", str(anna))
    assert result.exit_code == 0, result.output
    assert "comment by Jan" in result.output
    bodem = (root / "positions/bodem.yaml").read_text(encoding="utf-8")
    assert "Inzet van bodem." in bodem and BODEM[1] not in bodem
