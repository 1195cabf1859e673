"""The example GA, read back: structure, footnotes, lists, dates, determinism."""

from __future__ import annotations

import re
from pathlib import Path

import small
from docxread import read
from helpers import AGENDA, GA, PACKAGE, briefgen, edit

HEADINGS = [
    "Beleidsdebat CO2-emissienormen",
    "Gedachtewisseling decarbonisatie post 2030",
    "Gedachtewisseling Versterking EU strategische samenwerking in mondiale milieudiplomatie",
    "Raadsconclusies bio-economie strategie",
    "Diversenpunt: 12e plenaire vergadering IPBES te Manchester",
]


def test_title_is_in_title_style(rendered: Path) -> None:
    assert read(rendered).styled("Title") == ["Geannoteerde Agenda"]


def test_item_headings_in_order(rendered: Path) -> None:
    assert read(rendered).styled("Heading1") == HEADINGS


def test_each_item_has_the_three_subheadings(rendered: Path) -> None:
    expected = ["Introductie", "Inzet Nederland", "Krachtenveld"] * len(HEADINGS)
    assert read(rendered).styled("Heading2") == expected


def test_agenda_sentence_has_dutch_date(rendered: Path) -> None:
    texts = [p.text for p in read(rendered).paragraphs]
    assert (
        "Tijdens de Milieuraad van 17 maart 2026 in Brussel staan de volgende onderwerpen geagendeerd:"
        in texts
    )


def test_agenda_list_is_one_numbered_list(rendered: Path) -> None:
    doc = read(rendered)
    items = [p for p in doc.paragraphs if p.num_id and p.text.startswith(("Een ", "Het bereiken"))]
    assert len(items) == 4
    assert len({p.num_id for p in items}) == 1
    assert {p.level for p in items} == {"0"}


def test_lists_in_positions_get_their_own_numbering(rendered: Path) -> None:
    doc = read(rendered)
    numbered = [p for p in doc.paragraphs if p.num_id]
    ids = list(dict.fromkeys(p.num_id for p in numbered))
    assert len(ids) == 2
    assert [p.text.split()[0] for p in numbered if p.num_id == ids[1]] == [
        "Het",
        "Daarnaast",
        "Met",
        "Eerder",
    ]


def test_each_list_restarts_at_one(rendered: Path) -> None:
    numbering = read(rendered).xml["word/numbering.xml"].decode()
    overrides = re.findall(r'<w:num w:numId="(\d+)">.*?<w:startOverride w:val="(\d+)"/>', numbering)
    assert len(overrides) == 2
    assert {start for _, start in overrides} == {"1"}


def test_footnotes_are_real_word_footnotes(rendered: Path) -> None:
    doc = read(rendered)
    assert "word/footnotes.xml" in doc.xml
    references = [i for p in doc.paragraphs for i in p.note_ids]
    assert references == [str(n) for n in range(1, 13)]


def test_footnote_texts_in_order_of_appearance(rendered: Path) -> None:
    notes = read(rendered).note_texts()
    assert notes[0] == "Kamerstukken II, 2025-2026, 032-89."
    assert notes[3] == "Kamerstukken II, 2025-2026, 21 501-08, nr. 1011."
    assert notes[7] == "https://www.unep.org/resources/global-environment-outlook-7"
    assert notes[9] == "Kamerstukken II, 2025-2026, 22 112, nr. 4238."
    assert notes[11].startswith("Het cascaderingsprincipe houdt in")


def test_same_key_in_two_dossiers_gives_two_footnotes(rendered: Path) -> None:
    notes = read(rendered).note_texts()
    # 'bnc' is a key in both co2-normen and bio-economie-strategie
    assert notes[0] != notes[9]
    assert len(notes) == len(set(notes)) == 12


def test_footnote_reference_is_superscript_style(rendered: Path) -> None:
    document = read(rendered).xml["word/document.xml"].decode()
    assert document.count('<w:rStyle w:val="FootnoteReference"/>') == 12


def test_page_numbers_are_fields(rendered: Path) -> None:
    header = read(rendered).xml["word/header1.xml"].decode()
    assert 'w:instr=" PAGE "' in header
    assert 'w:instr=" NUMPAGES "' in header
    assert "Pagina " in header


def test_same_input_gives_same_bytes(project: Path, tmp_path: Path) -> None:
    first = briefgen(project, "render", AGENDA, "-o", str(tmp_path / "a"))
    second = briefgen(project, "render", AGENDA, "-o", str(tmp_path / "b"))
    assert first.exit_code == second.exit_code == 0
    name = GA.name
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_render_prints_what_it_wrote(project: Path) -> None:
    result = briefgen(project, "render", AGENDA)
    assert result.exit_code == 0
    written = [Path(line.removeprefix("wrote ")) for line in result.stdout.splitlines()]
    assert written == [project / GA.parent / name for name in (*PACKAGE, "manifest.json")]


def test_list_nested_deeper_than_word_keeps_every_item(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    nested = "".join(f"\n      {'  ' * level}- niveau {level}" for level in range(12))
    edit(root, "positions/bodem.yaml", "Hiervoor zijn nog geen stukken gedeeld.", "Punten:\n" + nested)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    items = [p for p in read(root / small.GA).paragraphs if p.text.startswith("niveau ")]
    assert [p.text for p in items] == [f"niveau {level}" for level in range(12)]
    assert [p.level for p in items] == [str(min(level, 8)) for level in range(12)]


def test_each_list_definition_has_words_nine_levels(rendered: Path) -> None:
    numbering = read(rendered).xml["word/numbering.xml"].decode()
    for abstract in re.findall(r"<w:abstractNum .*?</w:abstractNum>", numbering, re.S):
        assert re.findall(r'<w:lvl w:ilvl="(\d)"', abstract) == [str(level) for level in range(9)]


def test_markdown_link_becomes_one_word_hyperlink(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    small.with_link(root)
    xml = read(root / small.GA).xml
    links = re.findall(r'<w:hyperlink r:id="(rId\d+)">(.*?)</w:hyperlink>', xml["word/document.xml"].decode())
    assert len(links) == 1
    relationship, runs = links[0]
    assert re.findall(r"<w:t[^>]*>([^<]*)</w:t>", runs) == ["het ", "voorstel"]
    assert runs.count('<w:rStyle w:val="Hyperlink"/>') == 2
    rels = xml["word/_rels/document.xml.rels"].decode()
    assert (
        f'Id="{relationship}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://eur-lex.europa.eu/x?a=1&amp;b=2" TargetMode="External"'
        in rels
    )


def test_link_in_a_footnote_is_related_from_the_footnotes_part(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    small.with_link(root)
    xml = read(root / small.GA).xml
    (relationship,) = re.findall(r'<w:hyperlink r:id="(rId\d+)">', xml["word/footnotes.xml"].decode())
    rels = xml["word/_rels/footnotes.xml.rels"].decode()
    assert f'Id="{relationship}"' in rels
    assert 'Target="https://example.org/c" TargetMode="External"' in rels


def test_link_without_a_hyperlink_style_is_blue_and_underlined(tmp_path: Path) -> None:
    import zipfile

    root = small.project(tmp_path)
    reference = root / "templates" / "reference.docx"
    with zipfile.ZipFile(reference) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    styles = parts["word/styles.xml"].decode()
    parts["word/styles.xml"] = re.sub(
        r'<w:style w:type="character" w:styleId="Hyperlink">.*?</w:style>', "", styles
    ).encode()
    with zipfile.ZipFile(reference, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    small.with_link(root)
    document = read(root / small.GA).xml["word/document.xml"].decode()
    (runs,) = re.findall(r"<w:hyperlink [^>]*>(.*?)</w:hyperlink>", document)
    assert "Hyperlink" not in runs
    assert runs.count('<w:color w:val="0563C1"/><w:u w:val="single"/>') == 2
