"""Whatever a drafter writes comes out as that text; bad input never escapes as a crash."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.commands.render import compose_package
from briefgen.data.project import check_paths
from briefgen.errors import UserError
from conftest import AGENDA, GA, REPO, briefgen
from docxread import read
from test_errors import CO2, edit, place, render_fails

SENTENCE = "Hiervoor zijn nog geen stukken gedeeld."
# Markdown markup that drafters use on purpose; everything else must be literal.
MARKUP = "*_`[]\\"
TEXT = (
    st.text(
        alphabet=st.characters(
            categories=("L", "M", "N", "P", "S", "Zs"),
            exclude_characters=MARKUP,
        ),
        min_size=1,
        max_size=80,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


def example_copy(target: Path) -> Path:
    for name in ("positions", "agendas", "templates"):
        shutil.copytree(REPO / name, target / name)
    return target


SCRATCH = example_copy(Path(tempfile.mkdtemp(prefix="briefgen-hypothesis-")))


def scratch_with(name: str, old: str, new: str) -> Path:
    """The shared scratch project with one file changed from the example's original."""
    original = (REPO / name).read_text(encoding="utf-8")
    (SCRATCH / name).write_text(original.replace(old, new, 1), encoding="utf-8")
    return SCRATCH


def restore(name: str) -> None:
    shutil.copyfile(REPO / name, SCRATCH / name)


def ga_paragraphs(root: Path) -> list[str]:
    outputs = compose_package(root, root / AGENDA, root / "out").outputs
    return [p.text for p in read(outputs[0].data).paragraphs]


# (file, text to replace, replacement with {t}, where it reads back: body or notes, expected with {t})
FIELDS = {
    "introductie": (CO2, SENTENCE, "Tekst: {t} einde.", "body", "Tekst: {t} einde."),
    "krachtenveld": (
        CO2,
        "besprekin" + "g in de Milieuraad.",
        "bespreking: {t}.",
        "body",
        "bespreking: {t}.",
    ),
    "kort": (CO2, "kort: CO2-emissienormen", "kort: {q}", "body", "Beleidsdebat {t}"),
    "voetnoot": (
        "positions/ipbes-12.yaml",
        "portefeuille: LVVN",
        "portefeuille: LVVN\nvoetnoten: {{n: {q}}}",
        None,
        None,
    ),
    "plaats": (AGENDA, "plaats: Brussel", "plaats: {q}", "body", " in {t} staan de volgende onderwerpen"),
    "voorzitterschap": (
        AGENDA,
        "voorzitterschap: Cypriotische",
        "voorzitterschap: {q}",
        "body",
        "Het {t} Voorzitterschap van de Raad",
    ),
    "stand_van_zaken": (
        AGENDA,
        "De achtergrondstukken zijn",
        "{t} De achtergrondstukken zijn",
        "body",
        "gedeeld. {t} De",
    ),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, field=st.sampled_from(sorted(FIELDS)))
def test_random_text_reads_back_exactly(text: str, field: str) -> None:
    name, old, new, where, expected = FIELDS[field]
    quoted = json.dumps(f"Zie {text}" if field == "voetnoot" else text, ensure_ascii=False)
    if field == "voetnoot":
        original = (REPO / name).read_text(encoding="utf-8")
        changed = original.replace(old, new.format(q=quoted), 1).replace(
            "IPBES ingezet", "IPBES[^n] ingezet", 1
        )
        (SCRATCH / name).write_text(changed, encoding="utf-8")
    else:
        scratch_with(name, old, new.format(t=text, q=quoted))
    try:
        outputs = compose_package(SCRATCH, SCRATCH / AGENDA, SCRATCH / "out").outputs
    finally:
        restore(name)
    document = read(outputs[0].data)
    if where is None:
        assert f"Zie {text}" in document.note_texts()
    else:
        assert any(expected.format(t=text) in p.text for p in document.paragraphs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_random_agenda_subject_reads_back_exactly(text: str) -> None:
    subject = json.dumps("de " + text, ensure_ascii=False)
    root = scratch_with(AGENDA, "onderwerp: de bio-economie strategie", f"onderwerp: {subject}")
    try:
        paragraphs = ga_paragraphs(root)
    finally:
        restore(AGENDA)
    assert f"Het bereiken van een akkoord over de Raadsconclusies over de {text}." in paragraphs


BLOCK_TEXT = st.lists(
    st.tuples(st.sampled_from(["", "- ", "* ", "1. ", "2) ", "# ", "> ", "    "]), TEXT),
    min_size=1,
    max_size=5,
).map(lambda lines: "\n".join(marker + text for marker, text in lines))


def paragraph_properties_first_and_single(xml: bytes) -> bool:
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for paragraph in etree.fromstring(xml).iter(f"{w}p"):
        properties = paragraph.findall(f"{w}pPr")
        if len(properties) > 1 or (properties and paragraph[0] is not properties[0]):
            return False
    return True


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alinea=BLOCK_TEXT, toelichting=BLOCK_TEXT)
def test_lists_headings_and_quotes_in_the_letter_and_nota_keep_paragraphs_well_formed(
    alinea: str, toelichting: str
) -> None:
    original = (REPO / AGENDA).read_text(encoding="utf-8")
    changed = original.replace(
        "  alineas:\n", f"  alineas:\n    - {json.dumps(alinea, ensure_ascii=False)}\n", 1
    ).replace(
        "    - kop: Interdepartementale afstemming\n      tekst: >-\n",
        "    - kop: Interdepartementale afstemming\n"
        f"      tekst: {json.dumps(toelichting, ensure_ascii=False)}\n"
        "    - kop: Afstemming\n      tekst: >-\n",
        1,
    )
    (SCRATCH / AGENDA).write_text(changed, encoding="utf-8")
    try:
        outputs = compose_package(SCRATCH, SCRATCH / AGENDA, SCRATCH / "out").outputs
    finally:
        restore(AGENDA)
    for output in outputs:
        assert paragraph_properties_first_and_single(read(output.data).xml["word/document.xml"]), output.path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=BLOCK_TEXT, text=BLOCK_TEXT)
def test_lists_headings_and_quotes_in_texts_and_footnotes_keep_paragraphs_well_formed(
    note: str, text: str
) -> None:
    name = "positions/ipbes-12.yaml"
    original = (REPO / name).read_text(encoding="utf-8")
    changed = original.replace(
        "portefeuille: LVVN",
        f"portefeuille: LVVN\nvoetnoten: {{n: {json.dumps(note, ensure_ascii=False)}}}",
        1,
    ).replace("    inzet: |\n", f"    inzet: |\n      Zie[^n].\n\n{indent_block(text)}\n\n", 1)
    (SCRATCH / name).write_text(changed, encoding="utf-8")
    try:
        outputs = compose_package(SCRATCH, SCRATCH / AGENDA, SCRATCH / "out").outputs
    finally:
        restore(name)
    document = read(outputs[0].data)
    assert paragraph_properties_first_and_single(document.xml["word/document.xml"])
    assert paragraph_properties_first_and_single(document.xml["word/footnotes.xml"])


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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from([CO2, AGENDA, "positions/bio-economie-strategie.yaml"]), steps=MUTATIONS)
def test_mutated_yaml_gives_a_result_or_a_user_error(target: str, steps: list[tuple[str, int, str]]) -> None:
    original = (REPO / target).read_text(encoding="utf-8")
    (SCRATCH / target).write_text(mutate(original, steps), encoding="utf-8")
    try:
        check_paths(SCRATCH)
        compose_package(SCRATCH, SCRATCH / AGENDA, SCRATCH / "out")
    except UserError as error:
        assert all(str(p).startswith(p.location.path) for p in error.problems)
    finally:
        restore(target)


def test_hashes_at_the_end_of_a_heading_stay_text(project: Path) -> None:
    edit(project, CO2, "kort: CO2-emissienormen", 'kort: "CO2-emissienormen #"')
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert "Beleidsdebat CO2-emissienormen #" in read(project / GA).styled("Heading1")


def test_control_character_is_reported_with_its_place(project: Path) -> None:
    edit(project, CO2, "kort: CO2-emissienormen", 'kort: "CO2\\x01emissienormen"')
    err = render_fails(project)
    where = place(project, CO2, 'kort: "CO2', 6)
    assert f"{where}: control character U+0001 cannot appear in a document" in err


def test_word_line_and_page_breaks_become_breaks(project: Path) -> None:
    edit(project, CO2, "Hiervoor zijn nog", "Hiervoor\vzijn\fnog")
    assert briefgen(project, "render", AGENDA).exit_code == 0
    document = read(project / GA).xml["word/document.xml"].decode()
    assert "Hiervoor</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>zijn</w:t>" in document
    assert '<w:br w:type="page"/>' in document


def test_non_latin_emoji_and_long_words_read_back(project: Path) -> None:
    text = "Ελληνικά, русский, 中文, العربية 🇪🇺✅ " + "Donaudampfschifffahrt" * 12
    edit(project, CO2, SENTENCE, text)
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert any(p.text.endswith(text) for p in read(project / GA).paragraphs)


def test_missing_reference_docx(project: Path) -> None:
    (project / "templates/reference.docx").unlink()
    err = render_fails(project)
    assert "templates/reference.docx:1:1: cannot read the reference document" in err


def test_unknown_key_deep_in_a_citation(project: Path) -> None:
    edit(project, CO2, "nr: 1011}", "nummer: 1011}")
    err = render_fails(project)
    assert f"{place(project, CO2, 'nummer')}: unknown key 'nummer'" in err


def test_output_inside_positions_is_refused(project: Path) -> None:
    before = sorted(p.name for p in (project / "positions").iterdir())
    result = briefgen(project, "render", AGENDA, "-o", str(project / "positions" / "uit"))
    assert result.exit_code == 1
    assert "will not write output inside positions/" in result.stderr
    assert sorted(p.name for p in (project / "positions").iterdir()) == before


# (agenda text to replace, replacement with {q}, document, where: body or table)
LETTER_AND_NOTA = {
    "brief.alineas": (
        "Hierbij ontvangt u alsnog het Revnext-rapport.",
        "Tekst: {t} einde.",
        "kamerbrief-tk",
        "body",
    ),
    "nota.toelichting": ("om het dossier door te nemen.", "om {t} door te nemen.", "nota", "body"),
    "nota.bijlagen": ("naam: Revnext-rapport", "naam: {q}", "nota", "table"),
    "brief.ondertekenaars": ("naam: Annet Bertram", "naam: {q}", "kamerbrief-ek", "body"),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, field=st.sampled_from(sorted(LETTER_AND_NOTA)))
def test_letter_and_nota_texts_read_back_exactly(text: str, field: str) -> None:
    old, new, stem, where = LETTER_AND_NOTA[field]
    quoted = json.dumps(text, ensure_ascii=False)
    scratch_with(AGENDA, old, new.format(t=text, q=quoted))
    try:
        outputs = compose_package(SCRATCH, SCRATCH / AGENDA, SCRATCH / "out").outputs
    finally:
        restore(AGENDA)
    document = read(next(o.data for o in outputs if o.path.stem == stem))
    if where == "table":
        assert any(text == cell for row in document.tables[0] for cell in row)
    elif "{t}" in new:
        expected = new.format(t=text, q="")
        assert any(expected in p.text for p in document.paragraphs)
    else:
        assert text in [p.text for p in document.paragraphs]


LINE_STARTS = ["- a", "1. b", "2) c", "# kop", "> q", "+ x", "::: tabel", "***", "---", "-5 graden", "12"]


@pytest.mark.parametrize("text", LINE_STARTS)
def test_one_line_values_stay_text_in_table_cells_and_signatures(text: str) -> None:
    quoted = json.dumps(text, ensure_ascii=False)
    original = (REPO / AGENDA).read_text(encoding="utf-8")
    changed = original.replace("naam: Revnext-rapport", f"naam: {quoted}").replace(
        "naam: Annet Bertram", f"naam: {quoted}"
    )
    (SCRATCH / AGENDA).write_text(changed, encoding="utf-8")
    try:
        outputs = {
            o.path.stem: o.data for o in compose_package(SCRATCH, SCRATCH / AGENDA, SCRATCH / "out").outputs
        }
    finally:
        restore(AGENDA)
    table = read(outputs["nota"]).tables[0]
    assert len(table) == 5 and all(len(row) == 3 for row in table)
    assert table[4][1] == text
    assert text in [p.text for p in read(outputs["kamerbrief-tk"]).paragraphs]
