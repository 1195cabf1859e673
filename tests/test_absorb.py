"""briefgen absorb: edits made in Word come back into positions/ and agendas/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import small
from docxedit import Docx, accepted
from helpers import AGENDA, GA, LVVN, LVVN_OUT, briefgen, edit

OUT = GA.parent
BODEM = "positions/bodem.yaml"


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "positions").glob("*.yaml"))} | {
        str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "agendas").glob("*.yaml"))
    }


def _rendered(project: Path) -> Docx:
    result = briefgen(project, "render", AGENDA)
    assert result.exit_code == 0, result.output
    return Docx.read((project / GA).read_bytes())


def _paragraph(docx: Docx, start: str):
    return next(
        p
        for p in docx.paragraphs()
        if "".join(t.text or "" for t in p.iter(_t())).replace("\xa0", " ").startswith(start)
    )


def _t() -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def _save(project: Path, docx: Docx, name: str = "geannoteerde-agenda.docx") -> Path:
    path = project / OUT / name
    path.write_bytes(docx.bytes())
    return path


def _haalbare(project: Path, tracked: bool) -> Path:
    """The GA with one word of co2-normen's inzet changed, saved in the build folder."""
    docx = _rendered(project)
    docx.reword(
        _paragraph(docx, "Het kabinet wil zorgen voor uitvoerbare"), "uitvoerbare", "haalbare", tracked
    )
    return _save(project, docx)


def _render_again(project: Path) -> tuple[list[str], list[str]]:
    result = briefgen(project, "render", AGENDA)
    assert result.exit_code == 0, result.output
    return accepted((project / GA).read_bytes())


@pytest.mark.parametrize("tracked", [False, True])
def test_edits_come_back_and_render_as_edited(project: Path, tracked: bool) -> None:
    docx = _rendered(project)
    inzet = _paragraph(docx, "Het kabinet wil zorgen voor uitvoerbare")
    docx.reword(inzet, "uitvoerbare normen", "haalbare en uitvoerbare normen", tracked)
    docx.insert_after(inzet, "Een nieuwe alinea van de directie.", tracked)
    docx.embolden(_paragraph(docx, "Meerdere lidstaten hebben"), "lidstaten", tracked)
    docx.add_note(inzet, "Kamerstukken II, 2025-2026, 21 501-08, nr. 1012.", tracked)
    docx.remove_note(_paragraph(docx, "Op 16 december 2025 heeft de Commissie"), tracked)
    docx.edit_note("2", "Technologie-neutraliteit is", "Technologieneutraliteit is")
    path = _save(project, docx, "geannoteerde-agenda (DGMI).docx")
    before = _files(project)
    result = briefgen(project, "absorb", str(path))
    assert result.exit_code == 0, result.output
    changed = {name for name, data in _files(project).items() if before[name] != data}
    assert changed == {"positions/co2-normen.yaml"}
    text = (project / "positions/co2-normen.yaml").read_text(encoding="utf-8")
    assert "kamerstuk: {kamer: II, vergaderjaar: 2025-2026, dossier: 21 501-08, nr: 1012}" in text
    assert "**lidstaten**" in text
    assert text.count("[^bnc]") == 1 and "  bnc:" in text  # the June position still uses it
    assert _render_again(project) == accepted(path.read_bytes())


def test_a_file_with_windows_line_endings_keeps_them(project: Path) -> None:
    position = project / "positions/co2-normen.yaml"
    position.write_bytes(position.read_bytes().replace(b"\n", b"\r\n"))
    result = briefgen(project, "absorb", str(_haalbare(project, tracked=False)))
    assert result.exit_code == 0, result.output
    data = position.read_bytes()
    assert b"haalbare" in data
    assert b"\r\r\n" not in data
    assert data.count(b"\n") == data.count(b"\r\n")


def test_an_untouched_document_changes_nothing(project: Path) -> None:
    _rendered(project)
    before = _files(project)
    result = briefgen(project, "absorb", str(GA))
    assert result.exit_code == 0, result.output
    assert "changed 0 value(s)" in result.output
    assert _files(project) == before


def test_an_untouched_letter_reports_nothing_deleted(tmp_path: Path) -> None:
    # The follow-on column (sender, Datum, Ons kenmerk) is in the .docx's header, not its body.
    root = small.project(tmp_path, 1, letter=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    result = briefgen(root, "absorb", str(root / small.OUT / "kamerbrief-tk.docx"))
    assert result.exit_code == 0, result.output
    assert "changed 0 value(s)" in result.output
    assert "no home" not in result.output


def test_dry_run_shows_the_change_and_writes_nothing(project: Path) -> None:
    path = _haalbare(project, False)
    before = _files(project)
    result = briefgen(project, "absorb", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "[-uitvoerbare-]{+haalbare+}" in result.output
    assert "would change 1 value(s) in 1 file(s): positions/co2-normen.yaml" in result.output
    assert _files(project) == before


def test_agenda_fields_inside_generated_sentences_come_back(project: Path) -> None:
    docx = _rendered(project)
    docx.reword(
        _paragraph(docx, "Een beleidsdebat over de revisie"),
        "nieuwe personen",
        "nieuwe, schone personen",
        True,
    )
    docx.reword(_paragraph(docx, "Voorlopig staat er"), "in Manchester", "in Manchester (VK)", False)
    path = _save(project, docx)
    result = briefgen(project, "absorb", str(path))
    assert result.exit_code == 0, result.output
    text = (project / AGENDA).read_text(encoding="utf-8")
    assert "nieuwe, schone personen" in text and "Manchester (VK)" in text
    assert _render_again(project) == accepted(path.read_bytes())


def test_edits_without_a_home_and_comments_are_listed(project: Path) -> None:
    docx = _rendered(project)
    docx.reword(
        _paragraph(docx, "Tijdens de Milieuraad van 17 maart"), "staan de volgende", "staan deze", False
    )
    docx.reword(_paragraph(docx, "Beleidsdebat CO2"), "Beleidsdebat", "Debat", False)
    _comment(docx, _paragraph(docx, "Het kabinet wil zorgen"), "Graag afstemmen met EZ.")
    path = _save(project, docx)
    before = _files(project)
    result = briefgen(project, "absorb", str(path))
    assert result.exit_code == 0, result.output
    assert _files(project) == before
    assert "no home in the data:" in result.output and "staan deze onderwerpen" in result.output
    assert "Debat CO2-emissienormen" in result.output
    assert "comment by Collega on 'Het kabinet wil zorgen" in result.output
    assert "Graag afstemmen met EZ." in result.output


def _comment(docx: Docx, p, text: str) -> None:
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    p.insert(0, etree.Element(f"{w}commentRangeStart", {f"{w}id": "0"}))
    p.append(etree.Element(f"{w}commentRangeEnd", {f"{w}id": "0"}))
    comments = etree.Element(f"{w}comments", nsmap={"w": w[1:-1]})
    comment = etree.SubElement(comments, f"{w}comment", {f"{w}id": "0", f"{w}author": "Collega"})
    etree.SubElement(etree.SubElement(etree.SubElement(comment, f"{w}p"), f"{w}r"), f"{w}t").text = text
    docx.parts["word/comments.xml"] = etree.tostring(comments)
    rels = docx.parts["word/_rels/document.xml.rels"].decode()
    relation = (
        '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/comments" Target="comments.xml"/>'
    )
    docx.parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", relation + "</Relationships>"
    ).encode()


def test_nota_and_letter_edits_come_back(project: Path) -> None:
    _rendered(project)
    nota = Docx.read((project / OUT / "nota.docx").read_bytes())
    nota.reword(
        _paragraph(nota, "Een beleidsdebat over"),
        "Het kabinet zet zich in",
        "Het kabinet zet zich sterk in",
        True,
    )
    nota.reword(_paragraph(nota, "De GA dient uiterlijk"), "3\xa0maart", "4\xa0maart", False)
    _save(project, nota, "nota.docx")
    result = briefgen(project, "absorb", str(OUT / "nota.docx"))
    assert result.exit_code == 0, result.output
    assert "Het kabinet zet zich sterk in" in (project / "positions/co2-normen.yaml").read_text(
        encoding="utf-8"
    )
    assert "uiterlijk 4 maart 2026" in (project / AGENDA).read_text(encoding="utf-8")  # spaces in the file
    letter = Docx.read((project / OUT / "kamerbrief-tk.docx").read_bytes())
    letter.reword(_paragraph(letter, "Daarnaast treft u"), "Daarnaast treft u", "Tevens treft u", False)
    _save(project, letter, "kamerbrief-tk.docx")
    result = briefgen(project, "absorb", str(OUT / "kamerbrief-tk.docx"))
    assert result.exit_code == 0, result.output
    assert "Tevens treft u" in (project / AGENDA).read_text(encoding="utf-8")


def test_the_original_reading_and_strict_pending(project: Path) -> None:
    path = _haalbare(project, True)
    before = _files(project)
    result = briefgen(project, "absorb", str(path), "--original")
    assert result.exit_code == 0, result.output
    assert _files(project) == before
    result = briefgen(project, "absorb", str(path), "--strict-pending")
    assert result.exit_code == 1
    assert "tracked change(s) still pending" in result.output
    assert _files(project) == before


def _small_with_bodem_reworded(root: Path, tracked: bool) -> Path:
    """A small project whose GA has 'Inzet van bodem.' reworded to 'Inzet voor bodem.'."""
    small.project(root, 2)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    docx = Docx.read((root / small.GA).read_bytes())
    docx.reword(_paragraph(docx, "Inzet van bodem."), "Inzet van", "Inzet voor", tracked)
    path = root / small.GA
    path.write_bytes(docx.bytes())
    return path


def test_same_paragraph_changed_in_yaml_and_document_is_refused(tmp_path: Path) -> None:
    path = _small_with_bodem_reworded(tmp_path, True)
    edit(tmp_path, BODEM, "Inzet van bodem.", "Inzet rond bodem.")
    before = _files(tmp_path)
    result = briefgen(tmp_path, "absorb", str(path))
    assert result.exit_code == 1
    assert f"{BODEM}:" in result.output and "changed both in the file" in result.output
    assert "Inzet rond bodem." in result.output and "Inzet voor bodem." in result.output
    assert _files(tmp_path) == before


def test_different_paragraphs_changed_in_yaml_and_document_merge(tmp_path: Path) -> None:
    path = _small_with_bodem_reworded(tmp_path, True)
    edit(tmp_path, BODEM, "Krachtenveld van bodem.", "Krachtenveld rond bodem.")
    result = briefgen(tmp_path, "absorb", str(path))
    assert result.exit_code == 0, result.output
    merged = (tmp_path / BODEM).read_text(encoding="utf-8")
    assert "Inzet voor bodem." in merged and "Krachtenveld rond bodem." in merged


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("geen Word", encoding="utf-8"), "not a Word document"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), "encrypted"),
    ],
)
def test_a_file_that_is_not_a_readable_docx_is_refused(project: Path, make, message: str) -> None:
    _rendered(project)
    path = project / OUT / "kapot.docx"
    make(path)
    before = _files(project)
    result = briefgen(project, "absorb", str(path))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{OUT / 'kapot.docx'}:") and message in lines[0]
    assert _files(project) == before


def test_a_document_from_a_build_the_project_does_not_know_is_refused(project: Path, tmp_path: Path) -> None:
    _rendered(project)
    lonely = tmp_path / "elders" / "geannoteerde-agenda.docx"
    lonely.parent.mkdir()
    lonely.write_bytes((project / GA).read_bytes())
    shutil.rmtree(project / "build")
    before = _files(project)
    result = briefgen(project, "absorb", str(lonely))
    assert result.exit_code == 1
    assert "which this project does not know" in result.output
    assert "absorb it in the project that rendered it" in result.output
    assert _files(project) == before


def test_a_document_of_another_agenda_in_this_folder_goes_to_its_own_build(project: Path) -> None:
    _rendered(project)
    result = briefgen(project, "render", LVVN)
    assert result.exit_code == 0, result.output
    docx = Docx.read((project / LVVN_OUT / "kamerbrief-tk.docx").read_bytes())
    docx.reword(_paragraph(docx, "Nederland onderstreept"), "onverminderd", "nog steeds", False)
    target = project / OUT / "kamerbrief-tk (LVVN).docx"
    target.write_bytes(docx.bytes())
    result = briefgen(project, "absorb", str(target))
    assert result.exit_code == 0, result.output
    assert "in 1 file(s): positions/voedselzekerheid.yaml" in result.output
    assert "nog steeds" in (project / "positions/voedselzekerheid.yaml").read_text(encoding="utf-8")


def test_the_running_prose_letter_of_the_lvvn_comes_back(project: Path) -> None:
    assert briefgen(project, "render", LVVN).exit_code == 0
    letter = project / LVVN_OUT / "kamerbrief-tk.docx"
    docx = Docx.read(letter.read_bytes())
    docx.reword(_paragraph(docx, "Nederland onderstreept"), "onverminderd", "nog steeds", True)
    docx.reword(
        _paragraph(docx, "Tijdens de Raad vindt er een gedachtewisseling"),
        "weerbaarheid",
        "veerkracht",
        False,
    )
    edited = letter.with_name("kamerbrief-tk-LVVN.docx")
    edited.write_bytes(docx.bytes())
    result = briefgen(project, "absorb", str(edited))
    assert result.exit_code == 0, result.output
    assert "changed 2 value(s) in 2 file(s)" in result.output
    assert briefgen(project, "render", LVVN).exit_code == 0
    assert accepted(letter.read_bytes()) == accepted(edited.read_bytes())


def test_a_link_and_a_line_break_become_markdown(project: Path) -> None:
    docx = _rendered(project)
    inzet = _paragraph(docx, "Het kabinet wil zorgen voor uitvoerbare")
    docx.add_link(inzet, "Zie de brief", "https://example.org/brief")
    path = _save(project, docx)
    result = briefgen(project, "absorb", str(path))
    assert result.exit_code == 0, result.output
    text = (project / "positions/co2-normen.yaml").read_text(encoding="utf-8")
    assert "[Zie de" in text and "brief](https://example.org/brief)\\\n      Tweede regel." in text
    assert _render_again(project) == accepted(path.read_bytes())


def test_a_footnote_nothing_else_uses_is_removed(project: Path) -> None:
    docx = _rendered(project)
    docx.remove_note(_paragraph(docx, "Tot slot, zal het kabinet"), True)
    path = _save(project, docx)
    result = briefgen(project, "absorb", str(path))
    assert result.exit_code == 0, result.output
    text = (project / "positions/decarbonisatie-post-2030.yaml").read_text(encoding="utf-8")
    assert "betaalbaarheid:" not in text and "[^betaalbaarheid]" not in text
    assert "klimaatwet:" in text
    assert _render_again(project) == accepted(path.read_bytes())


def test_a_conflict_shows_each_version_on_a_line_of_its_own(tmp_path: Path) -> None:
    """The conflict's first line is ``file:line:col: message``; the file's and the document's
    versions follow on indented lines of their own (not escaped into that one line as ``\\n``)."""
    path = _small_with_bodem_reworded(tmp_path, True)
    edit(tmp_path, BODEM, "Inzet van bodem.", "Inzet rond bodem.")
    result = briefgen(tmp_path, "absorb", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    first = next(k for k, line in enumerate(lines) if "changed both in the file" in line)
    assert lines[first].startswith(f"{BODEM}:") and lines[first].endswith("left as it is.")
    assert lines[first + 1].startswith("  in the file:") and "Inzet rond bodem." in lines[first + 1]
    assert lines[first + 2].startswith("  in the document:") and "Inzet voor bodem." in lines[first + 2]
