"""briefgen import reads a verslag: each item's outcome goes where the verslag renders it from."""

from __future__ import annotations

import shutil
from pathlib import Path

import small
from docxread import read
from helpers import REPO, briefgen, similarity

FIXTURES = Path(__file__).parent / "fixtures" / "import"
VERSLAG = FIXTURES / "verslag-milieuraad.docx"
RAAD = "milieuraad-2027-10-21"
SIGNATORIES = """  ondertekenaars:
    - functie: de Minister van Infrastructuur en Waterstaat
      naam: A. Voorbeeld
"""


def _with_ga(tmp_path: Path) -> Path:
    root = small.empty(tmp_path)
    result = briefgen(root, "import", str(FIXTURES / "milieuraad-kopstijlen.docx"), "--raad", RAAD)
    assert result.exit_code == 0, result.output
    return root


def test_outcomes_go_to_the_positions_of_the_items_they_name(tmp_path: Path) -> None:
    root = _with_ga(tmp_path)
    before = (root / "positions/klimaattop.yaml").read_bytes()
    result = briefgen(root, "import", str(VERSLAG), "--raad", RAAD)
    assert result.exit_code == 0, result.output
    assert f"added positions/klimaattop.yaml: outcome for {RAAD}" in result.output
    after = (root / "positions/klimaattop.yaml").read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].decode("utf-8").startswith("    uitkomst: |\n      De ministers steunden")


def test_the_verslag_renders_with_its_summary_outcomes_and_footnote(tmp_path: Path) -> None:
    root = _with_ga(tmp_path)
    assert briefgen(root, "import", str(VERSLAG), "--raad", RAAD).exit_code == 0
    with (root / f"agendas/{RAAD}.yaml").open("a", encoding="utf-8") as file:
        file.write(SIGNATORIES)
    result = briefgen(root, "render", f"agendas/{RAAD}.yaml")
    assert result.exit_code == 0, result.output
    ours = read(root / "build" / RAAD / "verslag.docx")
    theirs = read(VERSLAG)
    texts = [p.text for p in ours.paragraphs if p.text.strip()]
    assert texts[0] == "Verslag Milieuraad 21 oktober 2027"
    assert similarity(texts, [p.text for p in theirs.paragraphs if p.text.strip()]) >= 0.95
    assert ours.note_texts() == theirs.note_texts()


def test_without_an_agenda_the_verslag_makes_one_with_the_outcomes(tmp_path: Path) -> None:
    root = small.empty(tmp_path)
    result = briefgen(root, "import", str(VERSLAG), "--raad", RAAD)
    assert result.exit_code == 0, result.output
    assert "add verslag.ondertekenaars" in result.output
    agenda = (root / f"agendas/{RAAD}.yaml").read_text(encoding="utf-8")
    assert "  - kop: Klimaattop\n    uitkomst: |\n      De ministers steunden" in agenda


def test_a_verslag_heading_that_names_no_item_becomes_a_passage(tmp_path: Path) -> None:
    root = _with_ga(tmp_path)
    position = root / "positions/klimaattop.yaml"
    text = position.read_text(encoding="utf-8")
    position.write_text(
        text.replace("titel: Klimaattop", "titel: VN-conferentie").replace("kort: klimaattop", "kort: COP")
    )
    agenda = root / f"agendas/{RAAD}.yaml"
    result = briefgen(root, "import", str(VERSLAG), "--raad", RAAD)
    assert result.exit_code == 0, result.output
    text = agenda.read_text(encoding="utf-8")
    assert "  marge:\n    - kop: Klimaattop\n      tekst: |\n        De ministers steunden" in text


def test_an_agenda_that_has_a_verslag_is_not_overwritten(tmp_path: Path) -> None:
    root = _with_ga(tmp_path)
    assert briefgen(root, "import", str(VERSLAG), "--raad", RAAD).exit_code == 0
    before = (root / f"agendas/{RAAD}.yaml").read_bytes()
    result = briefgen(root, "import", str(VERSLAG), "--raad", RAAD)
    assert result.exit_code == 1
    assert "already has a verslag" in result.output
    assert (root / f"agendas/{RAAD}.yaml").read_bytes() == before


def test_a_diversen_heading_that_names_no_item_becomes_a_diversen_passage(tmp_path: Path) -> None:
    root = _with_ga(tmp_path)
    position = root / "positions/werkprogramma-van-het-inkomende.yaml"
    text = position.read_text(encoding="utf-8")
    position.write_text(
        text.replace("titel: Werkprogramma van het inkomende voorzitterschap", "titel: Toekomst").replace(
            "kort: Werkprogramma van het inkomende voorzitterschap", "kort: Toekomst"
        ),
        encoding="utf-8",
    )
    result = briefgen(root, "import", str(VERSLAG), "--raad", RAAD)
    assert result.exit_code == 0, result.output
    agenda = (root / f"agendas/{RAAD}.yaml").read_text(encoding="utf-8")
    assert "  diversen:\n    - kop: Werkprogramma van het inkomende voorzitterschap\n      tekst: " in agenda


def test_a_verslag_without_a_title_is_known_by_its_opening(tmp_path: Path) -> None:
    from docx import Document  # noqa: PLC0415 - python-docx writes the document under test

    root = _with_ga(tmp_path)
    document = Document()
    document.add_paragraph("Op 21 oktober jl. vond de Milieuraad plaats in Luxemburg.")
    document.add_paragraph().add_run("Klimaattop").bold = True
    document.add_paragraph("De ministers steunden een ambitieuze inzet.")
    source = tmp_path / "verslag.docx"
    document.save(str(source))
    result = briefgen(root, "import", str(source), "--raad", RAAD)
    assert result.exit_code == 0, result.output
    assert f"added positions/klimaattop.yaml: outcome for {RAAD}" in result.output


RAZ = "raad-algemene-zaken-2025-11-17"


def _raz_imported(tmp_path: Path) -> Path:
    """The example RAZ's GA and then its verslag, rendered and imported into an empty project."""
    example = tmp_path / "example"
    for name in ("templates", "positions", "agendas"):
        shutil.copytree(REPO / name, example / name)
    assert briefgen(example, "render", f"agendas/{RAZ}.yaml").exit_code == 0
    root = small.empty(tmp_path / "imported")
    for document in ("geannoteerde-agenda", "verslag"):
        source = example / "build" / RAZ / f"{document}.docx"
        result = briefgen(root, "import", str(source), "--raad", RAZ)
        assert result.exit_code == 0, result.output
    return root


def test_the_verslags_diversen_go_to_the_ga_item_headed_diversen(tmp_path: Path) -> None:
    agenda = (_raz_imported(tmp_path) / f"agendas/{RAZ}.yaml").read_text(encoding="utf-8")
    item = agenda[agenda.index("  - kop: Diversen\n") : agenda.index("\nga:")]
    assert "    soort: diversen\n    verslagkop: Lopende wetgevingsdossiers\n" in item
    assert "    uitkomst: Het Voorzitterschap gaf een overzicht" in item
    assert "  diversen:\n" not in agenda[agenda.index("\nverslag:") :]


def test_a_verslag_heading_longer_than_the_gas_becomes_the_items_verslagkop(tmp_path: Path) -> None:
    agenda = (_raz_imported(tmp_path) / f"agendas/{RAZ}.yaml").read_text(encoding="utf-8")
    assert (
        "  - dossier: voorbereiding-europese-raad\n"
        "    verslagkop: Voorbereiding Europese Raad 18 en 19 december\n"
        "  - dossier: meerjarig-financieel-kader-mfk\n"
    ) in agenda
