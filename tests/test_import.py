"""briefgen import: a GA written by someone else becomes an agenda and position entries."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import small
from docxedit import accepted
from docxread import read
from helpers import GA, LVVN, LVVN_OUT, REFERENCE, REPO, briefgen, edit, reference, similarity

RAAD = "milieuraad-2026-03-17"
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")


def _pandoc(markdown: Path, target: Path) -> Path:
    subprocess.run(["pandoc", str(markdown), "-o", str(target)], check=True, timeout=120)
    return target


@needs_pandoc
def test_the_reference_ga_imports_and_renders_again(tmp_path: Path) -> None:
    root = small.empty(tmp_path)
    source = _pandoc(REFERENCE, tmp_path / "ga.docx")
    result = briefgen(root, "import", str(source), "--raad", RAAD)
    assert result.exit_code == 0, result.output
    assert "added positions/co2-emissienormen.yaml: new dossier" in result.output
    assert "not placed" not in result.output
    result = briefgen(root, "render", f"agendas/{RAAD}.yaml")
    assert result.exit_code == 0, result.output
    document = read(root / GA)
    body, notes = reference()
    ours = [p.text for p in document.paragraphs if p.text.strip()]
    assert similarity(ours, body) >= 0.97
    mine = document.note_texts()
    assert len(mine) == len(notes) == 12
    for a, b in zip(mine, notes, strict=True):
        assert similarity([a], [b]) >= 0.95, (a, b)
    text = (root / "positions/co2-emissienormen.yaml").read_text(encoding="utf-8")
    assert "kamerstuk: {kamer: II, vergaderjaar: 2025-2026, dossier: 21 501-08, nr: 1011}" in text


@needs_pandoc
def test_known_dossiers_get_a_new_entry_and_keep_every_byte(project: Path, tmp_path: Path) -> None:
    source = _pandoc(REFERENCE, tmp_path / "ga.docx")
    before = {p.name: p.read_bytes() for p in (project / "positions").glob("*.yaml")}
    result = briefgen(project, "import", str(source), "--raad", "milieuraad-2026-09-01")
    assert result.exit_code == 0, result.output
    assert (
        "added positions/decarbonisatie-post-2030.yaml: position for milieuraad-2026-09-01" in result.output
    )
    on_agenda = {
        "co2-normen",
        "decarbonisatie-post-2030",
        "milieudiplomatie",
        "bio-economie-strategie",
        "ipbes-12",
    }
    for name, old in before.items():
        after = (project / "positions" / name).read_bytes()
        assert after.startswith(old)
        assert after.count(b"- raad: milieuraad-2026-09-01") == (name[:-5] in on_agenda)
    text = (project / "positions/co2-normen.yaml").read_text(encoding="utf-8")
    assert "het-eu-voorkeursprincipe" not in text  # the same footnote text keeps its key
    assert briefgen(project, "check").exit_code == 0


@needs_pandoc
def test_an_introduction_briefgen_does_not_write_is_kept_as_written(tmp_path: Path) -> None:
    root = small.empty(tmp_path)
    markdown = REFERENCE.read_text(encoding="utf-8").replace(
        "Tijdens de Milieuraad van 17 maart",
        "Dit is een losse opmerking.\n\nTijdens de Milieuraad van 17 maart",
        1,
    )
    changed = tmp_path / "ga.md"
    changed.write_text(markdown, encoding="utf-8")
    result = briefgen(root, "import", str(_pandoc(changed, tmp_path / "ga.docx")), "--raad", RAAD)
    assert result.exit_code == 0, result.output
    assert "not placed" not in result.output
    assert briefgen(root, "render", f"agendas/{RAAD}.yaml").exit_code == 0
    ours = [p.text for p in read(root / GA).paragraphs]
    assert ours[1:3] == [
        "Het Cypriotische Voorzitterschap van de Raad van de Europese Unie (hierna: Voorzitterschap) heeft een "
        "conceptagenda voor de Milieuraad gedeeld. De achtergrondstukken zijn op het moment van schrijven nog "
        "niet gedeeld door het Voorzitterschap.",
        "Dit is een losse opmerking.",
    ]


def test_an_existing_agenda_is_not_overwritten(project: Path) -> None:
    before = (project / f"agendas/{RAAD}.yaml").read_bytes()
    source = REPO / "tests/fixtures/import/milieuraad-kopstijlen.docx"
    result = briefgen(project, "import", str(source), "--raad", RAAD)
    assert result.exit_code == 1
    assert f"agendas/{RAAD}.yaml:1:1: already exists" in result.output
    assert (project / f"agendas/{RAAD}.yaml").read_bytes() == before


def test_a_file_that_is_not_a_word_document_writes_nothing(tmp_path: Path) -> None:
    root = small.empty(tmp_path)
    bad = tmp_path / "ga.docx"
    bad.write_text("geen Word", encoding="utf-8")
    result = briefgen(root, "import", str(bad), "--raad", RAAD)
    assert result.exit_code == 1
    assert "not a Word document" in result.output
    assert not list((root / "agendas").iterdir()) and not list((root / "positions").iterdir())


def test_the_lvvn_running_prose_ga_imports_back_to_the_same_document(project: Path, tmp_path: Path) -> None:
    assert briefgen(project, "render", LVVN).exit_code == 0
    source = project / LVVN_OUT / "geannoteerde-agenda.docx"
    root = small.empty(tmp_path / "empty")
    raad = Path(LVVN).stem
    result = briefgen(root, "import", str(source), "--raad", raad)
    assert result.exit_code == 0, result.output
    assert "plaats set to Brussel" in result.output
    agenda = (root / LVVN).read_text(encoding="utf-8")
    assert "soort: gedachtewisseling" in agenda and "soort: diversen" in agenda
    assert briefgen(root, "render", LVVN).exit_code == 0
    assert accepted((root / LVVN_OUT / "geannoteerde-agenda.docx").read_bytes()) == accepted(
        source.read_bytes()
    )


def test_a_position_file_with_a_byte_order_mark_and_windows_line_endings_keeps_them(
    project: Path,
) -> None:
    assert briefgen(project, "render", LVVN).exit_code == 0
    position = project / "positions/voedselzekerheid.yaml"
    old = b"\xef\xbb\xbf" + position.read_bytes().replace(b"\n", b"\r\n")
    position.write_bytes(old)
    source = project / LVVN_OUT / "geannoteerde-agenda.docx"
    result = briefgen(project, "import", str(source), "--raad", "landbouw-en-visserijraad-2026-09-21")
    assert result.exit_code == 0, result.output
    assert "added positions/voedselzekerheid.yaml: position for landbouw-en-visserijraad-2026-09-21" in (
        result.output
    )
    data = position.read_bytes()
    assert data.startswith(old)
    assert data.count(b"\n") == data.count(b"\r\n")
    assert b"\r\n  - raad: landbouw-en-visserijraad-2026-09-21\r\n" in data


def test_a_second_item_on_the_same_dossier_is_reported_and_the_first_entry_kept(tmp_path: Path) -> None:
    """Two items of the GA name one dossier (both headings say 'Kort bodem'): only the first
    gets the position entry, the second is listed under 'not placed' with its place and
    nothing is written for it.

    A dossier holds one position per Council and belongs on an agenda once, so the
    second item's text has no place of its own in that dossier: adding it as a second
    entry for the same Council would be unreachable, and writing it over the first lost
    the first item's text without a word. A drafter expects every item the import did
    not take over to be named, so it can be added by hand (as a dossier of its own)."""
    root = small.project(tmp_path, 2)
    edit(root, small.AGENDA, "punten:\n", "ga:\n  vorm: lijst\npunten:\n")
    edit(root, "positions/water.yaml", "kort: Kort water", "kort: Kort bodem")
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    (root / "positions/water.yaml").unlink()
    raad = "raad-2030-06-01"
    result = briefgen(root, "import", str(root / small.GA), "--raad", raad)
    assert result.exit_code == 0, result.output
    assert result.output.count(f"added positions/bodem.yaml: position for {raad}") == 1
    assert "not placed: build/raad-2030-03-12/geannoteerde-agenda.docx: item 2 'Kort bodem'" in result.output
    entries = (root / "positions/bodem.yaml").read_text(encoding="utf-8").split("- raad: ")
    assert "Introductie van bodem." in entries[-1] and "water" not in entries[-1]
    agenda = (root / f"agendas/{raad}.yaml").read_text(encoding="utf-8")
    assert agenda.count("dossier: bodem") == 1 and "water" not in agenda
