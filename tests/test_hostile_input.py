"""A drafter's odd input, as a hostile colleague or a broken editor would leave it: escapes
that name no character, unusual encodings and names. Each gives one located line and exit 1
(or renders), never a traceback."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import small
from briefgen.data import limits
from briefgen.errors import UserError
from briefgen.output import disk, pdf
from docxedit import Docx, W
from helpers import briefgen, edit

BODEM = "positions/bodem.yaml"


def test_an_escape_past_the_last_character_is_a_located_line(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, BODEM, "titel: Titel van bodem", 'titel: "Titel \\U00110000"')
    result = briefgen(root, "check")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        f"{BODEM}:2:15: escape '\\U00110000' names no character (the last is \\U0010FFFF); correct it"
    )


def _planted_link(root: Path, name: str, tmp_path: Path) -> Path:
    """A file of the drafter's outside the project, and a link to it planted at ``name``."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "profile"
    target.write_text("# the drafter's own file\n", encoding="utf-8")
    (root / name).symlink_to(target)
    return target


def test_a_diff_document_is_not_written_through_a_planted_link(tmp_path: Path) -> None:
    root = small.project(tmp_path / "project")
    target = _planted_link(root, "co2.docx", tmp_path)
    result = briefgen(
        root,
        "diff",
        "bodem",
        "--from",
        small.ID,
        "--to",
        small.ID,
        "--format",
        "docx",
        "-o",
        str(root / "co2.docx"),
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{root / 'co2.docx'}:1:1: is a link; briefgen writes a file here and does not follow a link; remove it or name another file"
    ]
    assert target.read_text(encoding="utf-8") == "# the drafter's own file\n"


def test_a_schema_is_not_written_through_a_planted_link(tmp_path: Path) -> None:
    root = small.project(tmp_path / "project")
    (root / "schemas").mkdir()
    target = _planted_link(root, "schemas/agenda.schema.json", tmp_path)
    result = briefgen(root, "schema", "agenda", "-o", str(root / "schemas"))
    assert result.exit_code == 1, result.output
    assert "agenda.schema.json:1:1: is a link; briefgen writes a file here" in result.stderr
    assert target.read_text(encoding="utf-8") == "# the drafter's own file\n"


def test_an_output_replaces_a_link_swapped_in_after_its_check(tmp_path: Path) -> None:
    root = small.project(tmp_path / "project")
    target = _planted_link(root, "report.docx", tmp_path)
    disk.replace_file(root / "report.docx", b"report", follow_links=False)
    assert not (root / "report.docx").is_symlink()
    assert (root / "report.docx").read_bytes() == b"report"
    assert target.read_text(encoding="utf-8") == "# the drafter's own file\n"


def test_an_answer_needing_a_later_zip_version_is_a_located_line(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    data = bytearray((root / small.GA).read_bytes())
    entry = data.find(b"PK\x01\x02")  # the first entry of the zip's central directory
    data[entry + 6 : entry + 8] = (245).to_bytes(2, "little")  # version needed to extract: 24.5
    (root / "antwoord.docx").write_bytes(bytes(data))
    result = briefgen(root, "absorb", "antwoord.docx")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "antwoord.docx: not a Word document (.docx): not a readable zip package (zip file version 24.5)"
    ]


FAKE_SOFFICE = """#!{python}
import sys
from pathlib import Path
args = sys.argv[1:]
outdir = Path(args[args.index("--outdir") + 1])
for document in args[args.index("--outdir") + 2:]:
    (outdir / (Path(document).stem + ".pdf")).write_bytes(b"PDF of " + Path(document).read_bytes())
"""


def _fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A LibreOffice on the PATH whose 'PDF' of a document holds the bytes it was given."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "soffice").write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
    (folder / "soffice").chmod(0o700)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.parametrize("swap", ["symlink", "hardlink"])
def test_pdf_never_converts_a_file_swapped_in_for_a_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str
) -> None:
    root = small.project(tmp_path / "project", letter=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    secret = tmp_path / "secret.txt"
    secret.write_text("the drafter's secret\n", encoding="utf-8")
    document = root / small.OUT / "kamerbrief-tk.docx"
    document.unlink()  # a colleague who can write build/ swaps it while LibreOffice starts
    getattr(document, "symlink_to" if swap == "symlink" else "hardlink_to")(secret)
    _fake_soffice(tmp_path, monkeypatch)
    with pytest.raises(UserError) as refusal:
        pdf.convert([root / small.GA, document])
    assert str(refusal.value.problems[0].location.path) == str(document)
    assert "is no longer the document briefgen wrote" in refusal.value.problems[0].message
    assert not document.with_suffix(".pdf").exists()
    assert not any(b"secret" in made.read_bytes() for made in (root / small.OUT).glob("*.pdf"))


def test_pdf_converts_private_copies_of_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path / "project", letter=True)
    _fake_soffice(tmp_path, monkeypatch)
    result = briefgen(root, "render", small.AGENDA, "--pdf")
    assert result.exit_code == 0, result.output
    for document in (root / small.OUT).glob("*.docx"):
        assert document.with_suffix(".pdf").read_bytes() == b"PDF of " + document.read_bytes()
    assert not list((root / small.OUT).glob(".*"))


def _answer_without_notes(root: Path, *texts: str) -> None:
    """The GA returned with the footnote reference of each paragraph starting with one of ``texts``
    removed (not tracked), saved as antwoord.docx."""
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    answer = Docx.read((root / small.GA).read_bytes())
    for text in texts:
        paragraph = next(p for p in answer.paragraphs() if "".join(p.itertext()).startswith(text))
        answer.remove_note(paragraph, tracked=False)
    (root / "antwoord.docx").write_bytes(answer.bytes())


def test_removing_a_dossiers_only_footnote_in_word_drops_its_voetnoten(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    _answer_without_notes(root, "Introductie van bodem.")
    result = briefgen(root, "absorb", "antwoord.docx")
    assert result.exit_code == 0, result.output
    text = (root / BODEM).read_text(encoding="utf-8")
    assert "voetnoten" not in text and "[^stuk]" not in text and "kamerstuk" not in text
    assert briefgen(root, "check").exit_code == 0


def test_removing_the_only_shared_footnote_in_word_leaves_an_empty_mapping(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    _answer_without_notes(root, "Inzet van bodem.")
    result = briefgen(root, "absorb", "antwoord.docx")
    assert result.exit_code == 0, result.output
    assert (root / small.NOTES).read_text(encoding="utf-8") == "voetnoten: {}\n"
    assert briefgen(root, "check").exit_code == 0


def test_list_numbers_that_are_no_numbers_in_an_answer_are_read_as_the_defaults(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    answer = Docx.read((root / small.GA).read_bytes())
    numbering = answer.parts["word/numbering.xml"]
    numbering = numbering.replace(b'w:ilvl="0"', b'w:ilvl="off"', 1).replace(
        b'<w:start w:val="1"/>', b'<w:start w:val="\xc2\xb2"/>', 1
    )
    answer.parts["word/numbering.xml"] = numbering
    (root / "antwoord.docx").write_bytes(answer.bytes())
    result = briefgen(root, "absorb", "antwoord.docx")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "changed 0 value(s) in 0 file(s)"


NOT_UTF8 = os.fsdecode(b"\xff\xfe")
"""A name whose bytes are not UTF-8 (a folder copied from another system), as Python reads it."""


def test_a_file_name_with_a_line_break_is_shown_on_one_line(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    (root / "positions" / "a\nb.yaml").write_text(
        (root / BODEM).read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = briefgen(root, "check")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        "positions/a\\nb.yaml:1:5: id 'bodem' differs from the file name; name the file bodem.yaml or set id: a\\nb"
    )


def test_a_project_folder_whose_name_is_not_utf8_renders(tmp_path: Path) -> None:
    root = small.project(tmp_path / NOT_UTF8)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    shown = str(root).replace(NOT_UTF8, "\\udcff\\udcfe")
    assert result.stdout.splitlines()[0] == f"wrote {shown}/build/raad-2030-03-12/geannoteerde-agenda.docx"
    assert (root / small.GA).is_file()


def test_a_file_in_templates_whose_name_is_not_utf8_is_no_template(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    (root / "templates" / f"{NOT_UTF8}.j2").write_text("{{ kapot", encoding="utf-8")
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    assert (root / small.GA).is_file()


def test_a_number_too_long_to_print_is_named_by_its_start(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, BODEM, "titel: Titel van bodem", "titel: 0x" + "f" * 5000)
    result = briefgen(root, "check")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        f"{BODEM}:2:8: 'titel' must be text, not the number 0xffffffffffff… (put it in quotes if it is text)"
    )


def test_a_yaml_version_directive_briefgen_cannot_read_is_a_located_line(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, BODEM, "id: bodem", "%YAML 1.3\n---\nid: bodem")
    result = briefgen(root, "check")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0].startswith(f"{BODEM}:1:1: YAML error: ")  # ruamel.yaml's words


INTRODUCTIE = "Introductie van bodem.[^stuk] Hiervoor zijn nog geen stukken gedeeld."


def test_a_text_of_more_footnote_references_than_one_text_may_hold_is_refused(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, BODEM, INTRODUCTIE, " ".join(["x[^stuk]"] * (limits.MAX_NOTE_REFERENCES + 1)))
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{BODEM}:10:18: this text has 1,001 footnote references, more than the 1,000 one text may hold; split it"
    ]
    assert not (root / small.GA).exists()


def test_a_text_of_more_emphasis_marks_than_one_text_may_hold_is_refused(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, BODEM, INTRODUCTIE, " ".join(["*a*"] * (limits.MAX_MARKS // 2 + 1)))
    result = briefgen(root, "check")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        f"{BODEM}:10:18: this text has 20,002 emphasis, link and code marks (* _ [ `), "
        "more than the 20,000 one text may hold; split it"
    )


def test_a_text_at_the_markup_limits_renders(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    references = " ".join(["x[^stuk]"] * limits.MAX_NOTE_REFERENCES)
    edit(root, BODEM, INTRODUCTIE, references + " " + " ".join(["*a*"] * (limits.MAX_MARKS // 2 - 1000)))
    assert briefgen(root, "render", small.AGENDA).exit_code == 0


def test_a_text_of_more_lines_than_one_text_may_hold_is_refused(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    paragraphs = "\n\n".join(f"Alinea {number}." for number in range(limits.MAX_LINES // 2 + 1))
    edit(root, BODEM, f"introductie: >-\n      {INTRODUCTIE}", "introductie: " + json.dumps(paragraphs))
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{BODEM}:10:18: this text has 2,001 lines, more than the 2,000 one text may hold; split it"
    ]


def test_a_text_of_only_line_breaks_one_line_too_many_is_refused() -> None:
    """As many line breaks as lines may be held: one line more than that."""
    assert limits.text_problem("\n" * (limits.MAX_LINES - 1)) is None
    assert "2,001 lines" in str(limits.text_problem("\n" * limits.MAX_LINES))


@pytest.mark.parametrize(
    ("folder", "command"),
    [
        ("positions", ("dossier", "new", "nieuw")),
        ("agendas", ("new", "raad-2031-01-01", "--from", small.ID)),
        ("positions", ("verslag", small.ID)),
    ],
)
def test_nothing_is_written_through_a_drafters_folder_linked_out_of_the_project(
    tmp_path: Path, folder: str, command: tuple[str, ...]
) -> None:
    root = small.project(tmp_path / "project", letter=True)
    elsewhere = tmp_path / "elders" / folder  # another project of the drafter's, say
    (root / folder).rename(elsewhere.parent.mkdir() or elsewhere)
    (root / folder).symlink_to(elsewhere)
    before = sorted((p.name, p.read_bytes()) for p in elsewhere.iterdir())
    result = briefgen(root, *command)
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()  # refused as a folder to read from or to write into
    assert line.startswith(f"{folder}/: is a link to '{elsewhere}', outside this project; briefgen "), line
    assert line.endswith("nothing through it: make it a folder of the project"), line
    assert sorted((p.name, p.read_bytes()) for p in elsewhere.iterdir()) == before


def test_an_answer_that_would_empty_an_outcome_is_named_by_the_answer(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, verslag=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    answer = Docx.read((root / small.OUT / "verslag.docx").read_bytes())
    outcome = next(p for p in answer.paragraphs() if "".join(p.itertext()) == "De Raad sprak erover.")
    for text in outcome.iter(f"{{{W}}}t"):
        text.text = " "  # the words deleted, a space left in the paragraph
    (root / "antwoord.docx").write_bytes(answer.bytes())
    before = (root / BODEM).read_bytes()
    result = briefgen(root, "absorb", "antwoord.docx")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"antwoord.docx: taking this answer in would leave {BODEM}:18:15: "
        "'standpunten.0.uitkomst' is empty; write text or remove the key"
    ]
    assert (root / BODEM).read_bytes() == before


def test_a_line_separator_written_as_an_escape_is_refused_like_a_typed_one(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, BODEM, "titel: Titel van bodem", 'titel: "Titel\\Lvan bodem"')
    result = briefgen(root, "check")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        f"{BODEM}:2:8: character U+2028 (line separator) is a line break to some YAML readers and text "
        "to others; replace it with a line break or a space"
    )


def test_pdf_never_converts_or_writes_into_a_build_folder_swapped_for_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path / "project", letter=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    elsewhere = tmp_path / "elders"
    (root / small.OUT).rename(elsewhere)  # a colleague moves the build away while LibreOffice starts
    (root / small.OUT).symlink_to(elsewhere)
    _fake_soffice(tmp_path, monkeypatch)
    with pytest.raises(UserError) as refusal:
        pdf.convert([root / small.GA])
    assert "is no longer the document briefgen wrote" in refusal.value.problems[0].message
    assert not list(elsewhere.glob("*.pdf"))
