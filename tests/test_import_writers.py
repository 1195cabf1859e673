"""briefgen import reads one GA however its writer built it in Word (``writers.py``).

Each document says the same: three items with Introductie, Inzet Nederland and Krachtenveld,
two diversen, four footnotes. What differs is how the writer marked it up: item titles in a
heading style, bold, underlined, numbered by Word or typed; sub-headings as their own
paragraph, run in before the text or left out; a title and its text in one paragraph with a
manual line break; footnote references styled or superscript; tabs, tables, headers and
footers with a page field, section breaks; the letter before the GA. Every variant must keep
every word and footnote, find every item and split each into its sections.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import small
from docxread import read
from foreign_trial import trial
from helpers import briefgen
from unoedit import needs_uno
from writers import HEADINGS, ITEMS, LABELS, NOTE_REFS, PROSE, RAAD, Choices, write
from writers_trial import measure

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
"""Each example writes, imports and renders one GA (a fraction of a second)."""


def _readable(choices: Choices) -> bool:
    """Titles in italics are titles only where nothing else is; joined to their text by a
    line break they are not told from an italic first line."""
    return not (choices.heading == "italic" and choices.joined)


choices = st.builds(
    Choices,
    heading=st.sampled_from(HEADINGS),
    labels=st.sampled_from(LABELS),
    note_ref=st.sampled_from(NOTE_REFS),
    note_tab=st.booleans(),
    note_italic=st.booleans(),
    short_title=st.booleans(),
    line_break=st.booleans(),
    tab=st.booleans(),
    table=st.booleans(),
    table_header=st.booleans(),
    header_footer=st.booleans(),
    section_break=st.booleans(),
    diversen=st.booleans(),
    joined=st.booleans(),
    lettered=st.booleans(),
    letter=st.booleans(),
).filter(_readable)


@EXAMPLES
@given(choices=choices)
def test_any_writers_ga_keeps_every_word_footnote_and_item(choices: Choices) -> None:
    with tempfile.TemporaryDirectory() as folder:
        found = measure(choices, Path(folder))
    # typed item numbers are left out where the diversen after them have none (see the docs)
    assert found.words >= (0.97 if choices.heading == "typed" and choices.diversen else 1.0)
    assert found.notes == found.notes_theirs
    assert found.items == found.items_theirs


@EXAMPLES
@given(choices=choices.filter(lambda c: not c.tab))
@example(choices=Choices(heading="italic", letter=True, short_title=False))
def test_any_writers_ga_splits_each_item_into_its_sections(choices: Choices) -> None:
    with tempfile.TemporaryDirectory() as folder:
        found = measure(choices, Path(folder))
    assert found.split == len(ITEMS)


def test_the_milieuraad_prose_form_is_split_into_items(tmp_path: Path) -> None:
    """The recent Milieuraad form: "Geannoteerde Agenda" after the letter, each item's title in
    bold and underlined before its text with a manual line break, run-in labels: each item
    is a punt with its inzet and krachtenveld, not one inleiding."""
    found = measure(PROSE, tmp_path)
    assert (found.items, found.split) == (found.items_theirs, len(ITEMS))
    assert found.words == 1.0 and found.notes == found.notes_theirs


@pytest.mark.parametrize("labels", ["underline", "runin-underline", "none"])
def test_item_titles_underlined_rather_than_bold_are_items(tmp_path: Path, labels: str) -> None:
    found = measure(Choices(heading="underline", labels=labels), tmp_path)
    assert (found.items, found.split) == (found.items_theirs, len(ITEMS))


def test_item_titles_in_a_bold_paragraph_style_of_the_writers_own_are_items(tmp_path: Path) -> None:
    found = measure(Choices(heading="own-style"), tmp_path)
    assert (found.items, found.split) == (found.items_theirs, len(ITEMS))


def test_a_run_in_label_in_italics_is_the_sub_heading(tmp_path: Path) -> None:
    found = measure(Choices(labels="runin-italic"), tmp_path)
    assert found.split == len(ITEMS)
    assert "*Inzet Nederland:*" not in "".join(
        p.read_text() for p in (tmp_path / "project" / "positions").iterdir()
    )


def test_a_title_after_its_letter_is_no_item(tmp_path: Path) -> None:
    found = measure(Choices(letter=True), tmp_path)
    assert found.items == found.items_theirs
    agenda = (tmp_path / "project" / "agendas" / f"{RAAD}.yaml").read_text(encoding="utf-8")
    assert "titel: Geannoteerde Agenda\n" in agenda and "geannoteerde-agenda" not in agenda


@pytest.mark.slow
@needs_uno
@pytest.mark.parametrize(
    "chosen",
    [
        Choices(heading="underline", labels="underline", libreoffice=True),
        Choices(heading="autonumber", labels="runin-bold", table=True, header_footer=True, libreoffice=True),
        Choices(heading="bold-underline", labels="runin-italic", joined=True, letter=True, libreoffice=True),
        Choices(
            heading="style", labels="style", note_ref="superscript", section_break=True, libreoffice=True
        ),
    ],
)
def test_a_writers_ga_saved_again_by_libreoffice_imports_whole(tmp_path: Path, chosen: Choices) -> None:
    found = measure(chosen, tmp_path)
    assert found.words == 1.0 and found.notes == found.notes_theirs
    assert (found.items, found.split) == (found.items_theirs, len(ITEMS))


@settings(EXAMPLES, max_examples=15)
@given(
    choices=choices.filter(lambda c: c.heading != "typed").map(
        lambda c: replace(c, verslag=True, letter=False)
    )
)
def test_any_writers_verslag_keeps_every_word_footnote_and_outcome(choices: Choices) -> None:
    """The verslag as each writer builds it: every item's outcome found, every word and
    footnote in the verslag rendered from the import."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "verslag.docx"
        write(source, choices)
        found = trial(source, RAAD, Path(folder) / "project")
        assert found.exit_code == 0, found.output
        agenda = (Path(folder) / "project" / "agendas" / f"{RAAD}.yaml").read_text(encoding="utf-8")
    assert found.similarity == 1.0
    assert found.notes_lost == [] and found.notes_ours == found.notes_theirs
    assert agenda.count("uitkomst") == len(ITEMS)


def test_a_link_written_as_a_field_in_its_underlined_style_is_no_heading(tmp_path: Path) -> None:
    """A paragraph holding only an address in the Hyperlink character style (a link Word wrote
    as a field) is underlined by that style: it stays the item's text."""
    document = Document()
    link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    document.add_paragraph().add_run("Geannoteerde agenda Milieuraad 17 juni 2027").bold = True
    document.add_paragraph("Op 17 juni 2027 vindt in Luxemburg de Milieuraad plaats.")
    document.add_paragraph().add_run("Klimaatdoel 2040").bold = True
    document.add_paragraph("Het kabinet zet in op een doel van negentig procent. Zie het rapport:")
    document.add_paragraph().add_run("https://example.org/rapport-2040", style="Hyperlink")
    source = tmp_path / "ga.docx"
    document.save(str(source))
    root = small.empty(tmp_path / "project")
    result = briefgen(root, "import", str(source), "--raad", RAAD)
    assert result.exit_code == 0, result.output
    position = (root / "positions" / "klimaatdoel-2040.yaml").read_text(encoding="utf-8")
    assert "https://example.org/rapport-2040" in position
    assert "rapport-2040" not in (root / "agendas" / f"{RAAD}.yaml").read_text(encoding="utf-8")


def test_a_second_sub_heading_for_the_same_section_keeps_its_words(tmp_path: Path) -> None:
    """'Inhoud' and then 'Achtergrond' both name the introductie: the second stays, in bold,
    in the text where it stood, with the paragraph under it."""
    document = Document()
    document.add_paragraph().add_run("Geannoteerde agenda Milieuraad 17 juni 2027").bold = True
    document.add_paragraph("Op 17 juni 2027 vindt in Luxemburg de Milieuraad plaats.")
    document.add_paragraph().add_run("Klimaatdoel 2040").bold = True
    for label, text in (
        ("Inhoud", "De ministers spreken over het doel."),
        ("Achtergrond", "De Commissie deed in 2026 een voorstel."),
        ("Inzet Nederland", "Het kabinet steunt het doel."),
    ):
        document.add_paragraph().add_run(label).bold = True
        document.add_paragraph(text)
    source = tmp_path / "ga.docx"
    document.save(str(source))
    root = small.empty(tmp_path / "project")
    assert briefgen(root, "import", str(source), "--raad", RAAD).exit_code == 0
    position = (root / "positions" / "klimaatdoel-2040.yaml").read_text(encoding="utf-8")
    assert (
        "introductie: |\n      De ministers spreken over het doel.\n\n      **Achtergrond**\n\n"
        "      De Commissie deed in 2026 een voorstel.\n"
    ) in position
    assert briefgen(root, "render", f"agendas/{RAAD}.yaml").exit_code == 0
    ours = [p.text for p in read(root / "build" / RAAD / "geannoteerde-agenda.docx").paragraphs]
    assert ours[ours.index("Inhoud") : ours.index("Inzet Nederland")] == [
        "Inhoud",
        "De ministers spreken over het doel.",
        "Achtergrond",
        "De Commissie deed in 2026 een voorstel.",
    ]
