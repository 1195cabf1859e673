"""absorb takes every editable field back to exactly the value it came from, and to no other."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import small
from briefgen.data.load import load_text
from briefgen.readback.paragraph_values import _edited_spans
from docxedit import Docx
from helpers import briefgen, edit

TITLE = "het onderwerp bodem"
COLON = "de herziening: fase twee van de bodemrichtlijn"


def _render(root: Path) -> None:
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output


def _document(root: Path, name: str) -> Docx:
    return Docx.read((root / small.OUT / name).read_bytes())


def _paragraph(docx: Docx, part: str):
    found = [p for p in docx.paragraphs() if part in "".join(t.text or "" for t in p.iter(_t()))]
    assert found, part
    return found[0]


def _t() -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def _absorb(root: Path, docx: Docx, name: str) -> str:
    path = root / small.OUT / name
    path.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(path))
    assert result.exit_code == 0, result.output
    return result.output


def _text(root: Path, name: str) -> str:
    return (root / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("tracked", [False, True])
def test_a_nota_item_summary_edit_changes_only_the_kern(tmp_path: Path, tracked: bool) -> None:
    root = small.project(tmp_path, 2, nota=True)
    edit(root, small.AGENDA, f"onderwerp: {TITLE}", f"onderwerp: '{COLON}'")
    _render(root)
    agenda_before = _text(root, small.AGENDA)
    nota = _document(root, "nota.docx")
    nota.reword(
        _paragraph(nota, "Kern van bodem."), "Kern van bodem.", "Het kabinet verwelkomt dit.", tracked
    )
    _absorb(root, nota, "nota.docx")
    assert _text(root, small.AGENDA) == agenda_before
    bodem = _text(root, "positions/bodem.yaml")
    assert "kern: >-\n      Het kabinet verwelkomt dit.\n" in bodem


def test_an_agenda_line_with_a_colon_takes_an_edit_to_its_own_words(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2, nota=True)
    edit(root, small.AGENDA, f"onderwerp: {TITLE}", f"onderwerp: '{COLON}'")
    _render(root)
    nota = _document(root, "nota.docx")
    nota.reword(_paragraph(nota, "fase twee van de"), "fase twee", "fase drie", False)
    _absorb(root, nota, "nota.docx")
    assert "onderwerp: 'de herziening: fase drie van de bodemrichtlijn'" in _text(root, small.AGENDA)
    assert "kern: >-\n      Kern van bodem.\n" in _text(root, "positions/bodem.yaml")


def test_an_edit_to_the_fixed_words_of_an_item_summary_has_no_home(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2, nota=True)
    _render(root)
    before = {p: p.read_bytes() for p in sorted(root.glob("*/*.yaml"))}
    nota = _document(root, "nota.docx")
    nota.reword(_paragraph(nota, "Kern van bodem."), "Een beleidsdebat over", "Een debat over", False)
    output = _absorb(root, nota, "nota.docx")
    assert "changed in a generated sentence" in output
    assert {p: p.read_bytes() for p in sorted(root.glob("*/*.yaml"))} == before


def test_a_signatory_name_change_goes_to_the_signatory(tmp_path: Path) -> None:
    root = small.project(tmp_path, 1, letter=True)
    _render(root)
    letter = _document(root, "kamerbrief-tk.docx")
    letter.reword(_paragraph(letter, "A. Minister"), "A. Minister", "B. Minister-de Vries", False)
    _absorb(root, letter, "kamerbrief-tk.docx")
    assert "      naam: B. Minister-de Vries\n" in _text(root, small.AGENDA)


def test_a_folded_value_stays_folded_at_the_files_width(tmp_path: Path) -> None:
    root = small.project(tmp_path, 1)
    long = " ".join(["Inzet van bodem met veel woorden die samen een lange regel maken."] * 4)
    edit(root, "positions/bodem.yaml", "      Inzet van bodem.[^gedeeld]", _folded(long + "[^gedeeld]", 70))
    _render(root)
    ga = _document(root, "geannoteerde-agenda.docx")
    ga.reword(_paragraph(ga, "Inzet van bodem met"), "Inzet van bodem met", "Inzet voor bodem met", False)
    _absorb(root, ga, "geannoteerde-agenda.docx")
    text = _text(root, "positions/bodem.yaml")
    block = text[text.index("    inzet: >-\n") : text.index("    kern:")].split("\n")[1:-1]
    assert len(block) > 3 and max(len(line) for line in block) <= 70
    assert load_text(text, "bodem.yaml").data["standpunten"][0]["inzet"] == (
        long.replace("Inzet van bodem met", "Inzet voor bodem met", 1) + "[^gedeeld]"
    )


def test_a_literal_value_stays_literal(tmp_path: Path) -> None:
    root = small.project(tmp_path, 1)
    edit(
        root,
        "positions/bodem.yaml",
        "    inzet: >-\n      Inzet van bodem.",
        "    inzet: |-\n      Inzet van bodem.",
    )
    _render(root)
    ga = _document(root, "geannoteerde-agenda.docx")
    ga.reword(_paragraph(ga, "Inzet van bodem."), "Inzet van", "Inzet voor", False)
    _absorb(root, ga, "geannoteerde-agenda.docx")
    assert "    inzet: |-\n      Inzet voor bodem.[^gedeeld]\n" in _text(root, "positions/bodem.yaml")


def _folded(text: str, width: int) -> str:
    """``text`` as the lines of a folded block indented 6, wrapped at ``width`` columns."""
    return textwrap.fill(
        text, width, initial_indent=" " * 6, subsequent_indent=" " * 6, break_on_hyphens=False
    )


@pytest.mark.parametrize("old_formatting", ["empty", "absent"])
def test_the_original_reading_drops_a_tracked_bold(tmp_path: Path, old_formatting: str) -> None:
    root = small.project(tmp_path, 1)
    _render(root)
    before = {p: p.read_bytes() for p in sorted(root.glob("*/*.yaml"))}
    ga = _document(root, "geannoteerde-agenda.docx")
    ga.embolden(_paragraph(ga, "Krachtenveld van bodem."), "van", True)
    if old_formatting == "absent":  # as LibreOffice writes a change from no formatting
        for change in ga.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPrChange"):
            for inner in list(change):
                change.remove(inner)
    path = root / small.OUT / "geannoteerde-agenda.docx"
    path.write_bytes(ga.bytes())
    result = briefgen(root, "absorb", str(path), "--original")
    assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in sorted(root.glob("*/*.yaml"))} == before
    result = briefgen(root, "absorb", str(path))
    assert result.exit_code == 0, result.output
    assert "Krachtenveld **van** bodem." in _text(root, "positions/bodem.yaml")


def test_a_verslag_summary_edit_goes_to_the_summary(tmp_path: Path) -> None:
    root = small.project(tmp_path, 1, letter=True, verslag=True)
    _render(root)
    verslag = _document(root, "verslag.docx")
    verslag.reword(_paragraph(verslag, "De Raad vergaderde."), "vergaderde", "vergaderde lang", False)
    _absorb(root, verslag, "verslag.docx")
    assert "  samenvatting: >-\n    De Raad vergaderde lang.\n" in _text(root, small.AGENDA)


def test_a_letter_head_line_goes_to_its_value(tmp_path: Path) -> None:
    root = small.project(tmp_path, 1, letter=True)
    _render(root)
    letter = _document(root, "kamerbrief-tk.docx")
    body = letter.body
    found = [
        p
        for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
        if "".join(t.text or "" for t in p.iter(_t())) == "Ministerie van Infrastructuur en Waterstaat"
    ]
    assert found
    letter.reword(found[0], "Infrastructuur en Waterstaat", "Klimaat en Groene Groei", False)
    _absorb(root, letter, "kamerbrief-tk.docx")
    assert "    - Ministerie van Klimaat en Groene Groei\n" in _text(root, small.AGENDA)


WORDS = st.text(alphabet="abc :;.", min_size=1, max_size=12)


@given(
    literals=st.lists(WORDS, min_size=2, max_size=4),
    values=st.lists(WORDS, min_size=3, max_size=3),
    new=st.text(alphabet="abcd :;.", max_size=12),
    which=st.integers(min_value=0, max_value=2),
)
@example(literals=[";", ":", ";"], values=[":", ":", ":"], new="", which=0)
@example(literals=[":;", ":", ";"], values=[":", ":", ":"], new="", which=0)
def test_an_edit_inside_one_value_never_changes_another(
    literals: list[str], values: list[str], new: str, which: int
) -> None:
    count = len(literals) - 1
    which %= count
    line, edited, spans = literals[0], literals[0], []
    for index in range(count):
        spans.append((len(line), len(line) + len(values[index])))
        line += values[index] + literals[index + 1]
        edited += (new if index == which else values[index]) + literals[index + 1]
    found = _edited_spans(line, edited, spans)
    assert found is None or (
        found[which] == new and all(found[k] == values[k] for k in range(count) if k != which)
    )


def test_an_onderwerp_with_the_sentences_own_colon_keeps_its_tail() -> None:
    line = "Een debat over de herziening: fase twee: Kern van bodem."
    spans = [(15, 39), (41, 56)]
    edited = line.replace("Kern van bodem.", "Nieuwe kern.")
    assert _edited_spans(line, edited, spans) == ["de herziening: fase twee", "Nieuwe kern."]


def test_a_signatory_function_shown_in_capitals_has_no_home(tmp_path: Path) -> None:
    root = small.project(tmp_path, 1, letter=True)
    _render(root)
    before = _text(root, small.AGENDA)
    letter = _document(root, "kamerbrief-tk.docx")
    letter.reword(_paragraph(letter, "DE MINISTER VAN KLIMAAT"), "KLIMAAT", "KLIMAAT EN GROENE GROEI", False)
    output = _absorb(root, letter, "kamerbrief-tk.docx")
    assert "no home" in output and "DE MINISTER VAN KLIMAAT EN GROENE GROEI" in output
    assert _text(root, small.AGENDA) == before


DECISION = """  geadviseerd_besluit:
    - |-
      Akkoord te gaan met de Kamerbrieven,
      zoals aangegeven:

      - bodem en water.
"""


@pytest.mark.parametrize(
    ("where", "old", "new", "expected"),
    [
        ("Akkoord te gaan met de Kamerbrieven", "Kamerbrieven", "brieven", "met de brieven,\n"),
        ("bodem en water.", "bodem en water", "bodem, water en lucht", "- bodem, water en lucht.\n"),
    ],
)
def test_a_decision_of_several_paragraphs_takes_an_edit_to_any_of_them(
    tmp_path: Path, where: str, old: str, new: str, expected: str
) -> None:
    root = small.project(tmp_path, 1, nota=True)
    edit(root, small.AGENDA, "  geadviseerd_besluit:\n    - Akkoord te gaan met de Kamerbrieven.\n", DECISION)
    _render(root)
    nota = _document(root, "nota.docx")
    nota.reword(_paragraph(nota, where), old, new, False)
    _absorb(root, nota, "nota.docx")
    decision = load_text(_text(root, small.AGENDA), "a.yaml").data["nota"]["geadviseerd_besluit"][0]
    assert expected.strip() in decision and "zoals aangegeven:\n\n- " in decision
    assert decision.count("\n\n") == 1


def test_an_onderwerp_in_the_running_prose_announcement_comes_back(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2)
    with (root / small.AGENDA).open("a", encoding="utf-8") as agenda:
        agenda.write("ga:\n  vorm: proza\n")
    _render(root)
    ga = _document(root, "geannoteerde-agenda.docx")
    ga.reword(_paragraph(ga, "staan er"), "onderwerp water", "waterbeheer", False)
    _absorb(root, ga, "geannoteerde-agenda.docx")
    assert "    onderwerp: het waterbeheer\n" in _text(root, small.AGENDA)
