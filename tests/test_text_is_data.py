"""Whatever a drafter writes comes out as that text; bad input never escapes as a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import helpers
import small
from briefgen.data.references import check_paths
from briefgen.errors import Problem, UserError
from briefgen.output.package import compose_package
from docxread import Docx, read
from helpers import AGENDA as EXAMPLE
from helpers import CO2, TEXT, briefgen, changed, copy_example, documents, edit, place, replaced, texts

AGENDA = small.AGENDA
GA = small.GA
POSITION = "positions/bodem.yaml"
SENTENCE = "Hiervoor zijn nog geen stukken gedeeld."


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project (a policy debate and Council conclusions, a letter and a nota) for all
    examples of a property test; each example puts back what it changed."""
    root = small.project(
        tmp_path_factory.mktemp("text"), ("beleidsdebat", "raadsconclusies"), letter=True, nota=True
    )
    edit(root, AGENDA, "punten:\n", "ga:\n  vorm: lijst\npunten:\n")  # the GA's agenda as a list
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project with one item, safe to break."""
    return small.project(tmp_path)


def render_fails(root: Path) -> str:
    return helpers.render_fails(root, AGENDA, GA)


def compose(root: Path) -> dict[str, Docx]:
    return documents(root, AGENDA)


# (file, text to replace, replacement with {q} (quoted text) or {t}, expected GA paragraph text with {t})
FIELDS = {
    "introductie": (POSITION, SENTENCE, "Tekst: {t} einde.", "Tekst: {t} einde."),
    "krachtenveld": (POSITION, "Krachtenveld van bodem.", "bespreking: {t}.", "bespreking: {t}."),
    "kort": (POSITION, "kort: Kort bodem", "kort: {q}", "Beleidsdebat {t}"),
    "plaats": (AGENDA, "plaats: Brussel", "plaats: {q}", " in {t} staan de volgende onderwerpen"),
    "voorzitterschap": (
        AGENDA,
        "voorzitterschap: Cypriotische",
        "voorzitterschap: {q}",
        "Het {t} Voorzitterschap van de Raad",
    ),
    "stand_van_zaken": (
        AGENDA,
        "agendastatus: concept\n",
        "agendastatus: concept\nstand_van_zaken: {w}\n",
        "Tekst: {t} einde.",
    ),
    "onderwerp": (
        AGENDA,
        "onderwerp: het onderwerp water",
        "onderwerp: {d}",
        "Het bereiken van een akkoord over de Raadsconclusies over de {t}.",
    ),
}


def formatted(template: str, text: str) -> str:
    """``template`` with the text as is ({t}), quoted for YAML ({q}), quoted inside a sentence
    ({w}) and quoted after 'de ' ({d})."""
    quoted = {
        "q": text,
        "w": f"Tekst: {text} einde.",
        "d": f"de {text}",
    }
    return template.format(
        t=text, **{key: json.dumps(value, ensure_ascii=False) for key, value in quoted.items()}
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, field=st.sampled_from(sorted(FIELDS)))
def test_random_text_reads_back_exactly(scratch: Path, text: str, field: str) -> None:
    name, old, new, expected = FIELDS[field]
    with changed(scratch, name, replaced(scratch, name, old, formatted(new, text))):
        ga = compose(scratch)["geannoteerde-agenda"]
    assert any(expected.format(t=text) in p.text for p in ga.paragraphs)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_random_footnote_text_reads_back_exactly(scratch: Path, text: str) -> None:
    note = replaced(
        scratch, POSITION, "voetnoten:\n", f"voetnoten:\n  n: {formatted('{q}', 'Zie ' + text)}\n"
    )
    with changed(
        scratch, POSITION, note.replace("Krachtenveld van bodem.", "Krachtenveld van bodem.[^n]", 1)
    ):
        ga = compose(scratch)["geannoteerde-agenda"]
    assert f"Zie {text}" in ga.note_texts()


BLOCK_TEXT = st.lists(
    st.tuples(st.sampled_from(["", "- ", "* ", "1. ", "2) ", "# ", "> ", "    "]), TEXT),
    min_size=1,
    max_size=5,
).map(lambda lines: "\n".join(marker + text for marker, text in lines))


def paragraph_properties_first_and_single(xml: bytes) -> bool:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for paragraph in etree.fromstring(xml).iter(f"{w}p"):
        properties = paragraph.findall(f"{w}pPr")
        if len(properties) > 1 or (properties and paragraph[0] is not properties[0]):
            return False
    return True


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alinea=BLOCK_TEXT, toelichting=BLOCK_TEXT)
def test_lists_headings_and_quotes_in_the_letter_and_nota_keep_paragraphs_well_formed(
    scratch: Path, alinea: str, toelichting: str
) -> None:
    agenda = replaced(scratch, AGENDA, "  alineas:\n", f"  alineas:\n    - {formatted('{q}', alinea)}\n")
    agenda = agenda.replace(
        "    - kop: Afstemming\n",
        f"    - kop: Toelichting\n      tekst: {formatted('{q}', toelichting)}\n    - kop: Afstemming\n",
        1,
    )
    with changed(scratch, AGENDA, agenda):
        outputs = compose_package(scratch, scratch / AGENDA, scratch / "out").outputs
    for output in outputs:
        assert paragraph_properties_first_and_single(read(output.data).xml["word/document.xml"]), output.path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=BLOCK_TEXT, text=BLOCK_TEXT)
def test_lists_headings_and_quotes_in_texts_and_footnotes_keep_paragraphs_well_formed(
    scratch: Path, note: str, text: str
) -> None:
    position = replaced(scratch, POSITION, "voetnoten:\n", f"voetnoten:\n  n: {formatted('{q}', note)}\n")
    position = position.replace(
        "    inzet: >-\n", f"    inzet: |\n      Zie[^n].\n\n{indent_block(text)}\n\n", 1
    )
    with changed(scratch, POSITION, position):
        ga = compose(scratch)["geannoteerde-agenda"]
    assert paragraph_properties_first_and_single(ga.xml["word/document.xml"])
    assert paragraph_properties_first_and_single(ga.xml["word/footnotes.xml"])


def indent_block(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines())


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "duplicate", "swap"]),
        st.integers(0, 10_000),
        st.text(max_size=6),
    ),
    min_size=1,
    max_size=4,
)


def mutate(text: str, steps: list[tuple[str, int, str]]) -> str:
    for kind, position, inserted in steps:
        lines = text.splitlines(keepends=True)
        at = position % max(len(text), 1)
        line = position % max(len(lines), 1)
        if kind == "delete":
            text = text[:at] + text[at + 1 + position % 7 :]
        elif kind == "insert":
            text = text[:at] + inserted + text[at:]
        elif kind == "duplicate" and lines:
            text = "".join(lines[: line + 1] + lines[line:])
        elif kind == "swap" and len(lines) > 1:
            other = (line + 1) % len(lines)
            lines[line], lines[other] = lines[other], lines[line]
            text = "".join(lines)
    return text


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped example, whose varied files are what the mutations start from."""
    return copy_example(tmp_path_factory.mktemp("mutated"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from([CO2, EXAMPLE, "positions/bio-economie-strategie.yaml"]), steps=MUTATIONS)
def test_mutated_yaml_gives_a_result_or_a_user_error(
    example: Path, target: str, steps: list[tuple[str, int, str]]
) -> None:
    original = (example / target).read_text(encoding="utf-8")
    with changed(example, target, mutate(original, steps)):
        try:
            check_paths(example)
            compose_package(example, example / EXAMPLE, example / "out")
        except UserError as error:
            assert error.problems
            for problem in error.problems:
                assert points_into_the_project(example, problem), str(problem)


def points_into_the_project(root: Path, problem: Problem) -> bool:
    """The problem names a file of the project, a line of that file (or just past its end),
    and says something."""
    where = problem.location
    path = root / where.path
    if not path.is_file():
        return False
    lines = path.read_text(encoding="utf-8").splitlines()
    return 1 <= where.line <= len(lines) + 1 and where.column >= 1 and bool(problem.message.strip())


def test_hashes_at_the_end_of_a_heading_stay_text(project: Path) -> None:
    edit(project, POSITION, "kort: Kort bodem", 'kort: "Kort bodem #"')
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert "Beleidsdebat Kort bodem #" in read(project / GA).styled("Heading1")


def test_control_character_is_reported_with_its_place(project: Path) -> None:
    edit(project, POSITION, "kort: Kort bodem", 'kort: "Kort\\x01bodem"')
    where = place(project, POSITION, 'kort: "Kort', 6)
    assert f"{where}: control character U+0001 cannot appear in a document" in render_fails(project)


def test_word_line_and_page_breaks_become_breaks(project: Path) -> None:
    edit(project, POSITION, "Hiervoor zijn nog", "Hiervoor\vzijn\fnog")
    assert briefgen(project, "render", AGENDA).exit_code == 0
    document = read(project / GA).xml["word/document.xml"].decode()
    assert "Hiervoor</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>zijn</w:t>" in document
    assert '<w:br w:type="page"/>' in document


def test_non_latin_emoji_and_long_words_read_back(project: Path) -> None:
    text = "Ελληνικά, русский, 中文, العربية 🇪🇺✅ " + "Donaudampfschifffahrt" * 12
    edit(project, POSITION, SENTENCE, text)
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert any(p.text.endswith(text) for p in read(project / GA).paragraphs)


def test_missing_reference_docx(project: Path) -> None:
    (project / "templates/reference.docx").unlink()
    assert "templates/reference.docx:1:1: cannot read the reference document" in render_fails(project)


def test_output_inside_positions_is_refused(project: Path) -> None:
    before = sorted(p.name for p in (project / "positions").iterdir())
    result = briefgen(project, "render", AGENDA, "-o", str(project / "positions" / "uit"))
    assert result.exit_code == 1
    assert "will not write output inside positions/" in result.stderr
    assert sorted(p.name for p in (project / "positions").iterdir()) == before


# (agenda text to replace, replacement with {q} or {t}, document, where: body or table)
LETTER_AND_NOTA = {
    "brief.alineas": ("Hierbij ontvangt u het rapport.", "Tekst: {t} einde.", "kamerbrief-tk", "body"),
    "nota.toelichting": ("De GA is afgestemd", "De GA is {t} afgestemd", "nota", "body"),
    "nota.bijlagen": ("naam: Het rapport", "naam: {q}", "nota", "table"),
    "brief.ondertekenaars": ("naam: A. Minister", "naam: {q}", "kamerbrief-ek", "body"),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, field=st.sampled_from(sorted(LETTER_AND_NOTA)))
def test_letter_and_nota_texts_read_back_exactly(scratch: Path, text: str, field: str) -> None:
    old, new, stem, where = LETTER_AND_NOTA[field]
    with changed(scratch, AGENDA, replaced(scratch, AGENDA, old, formatted(new, text))):
        document = compose(scratch)[stem]
    if where == "table":
        assert any(text == cell for row in document.tables[0] for cell in row)
    elif "{t}" in new:
        expected = new.format(t=text)
        assert any(expected in p.text for p in document.paragraphs)
    else:
        assert text in texts(document)


LINE_STARTS = ["- a", "1. b", "2) c", "# kop", "> q", "+ x", "::: tabel", "***", "---", "-5 graden", "12"]


@pytest.mark.parametrize("text", LINE_STARTS)
def test_one_line_values_stay_text_in_table_cells_and_signatures(scratch: Path, text: str) -> None:
    agenda = replaced(scratch, AGENDA, "naam: Het rapport", f"naam: {formatted('{q}', text)}")
    with changed(scratch, AGENDA, agenda.replace("naam: A. Minister", f"naam: {formatted('{q}', text)}")):
        outputs = compose(scratch)
    table = outputs["nota"].tables[0]
    assert len(table) == 2 and all(len(row) == 3 for row in table)
    assert table[1][1] == text
    assert text in texts(outputs["kamerbrief-tk"])
