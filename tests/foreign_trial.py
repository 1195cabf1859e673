"""Measure import on documents other writers made: ``python foreign_trial.py DOCX:RAAD …``.

Each document is imported into an empty project, rendered again, and compared with what it
said: word similarity of the paragraphs' text and the footnotes (their texts, as sets). One
line per document; used by hand while building the genre, and by test_import_foreign.py.
"""

from __future__ import annotations

import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

import small
from docxread import read
from helpers import briefgen, similarity

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Trial:
    name: str
    exit_code: int
    output: str
    similarity: float
    notes_theirs: int
    notes_ours: int
    notes_lost: list[str]
    ours: list[str]
    theirs: list[str]


def _texts(path: Path) -> tuple[list[str], list[str]]:
    document = read(path)
    return [p.text for p in document.paragraphs if p.text.strip()], document.note_texts() + _endnotes(path)


def _endnotes(path: Path) -> list[str]:
    """The texts of a document's endnotes (a writer's, which import reads as footnotes)."""
    with zipfile.ZipFile(path) as archive:
        if "word/endnotes.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/endnotes.xml"))
    found = []
    for note in root.iter(f"{W}endnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        found.append("".join(t.text or "" for t in note.iter(f"{W}t")).strip())
    return found


LETTERHEAD = {"Referentiegegevens", "Retouradres", "Adres", "Kenmerk"}


def _letter(path: Path) -> list[str]:
    """A rendered letter's paragraphs after its letterhead: from the salutation on."""
    document = read(path)
    return [p.text for p in document.paragraphs if p.text.strip() and p.style not in LETTERHEAD]


SIGNATORIES = "  ondertekenaars:\n    - functie: de Minister van Financiën\n      naam: A. Voorbeeld\n"


def trial(docx: Path, raad: str, folder: Path, signatories: bool = True) -> Trial:
    root = small.empty(folder)
    result = briefgen(root, "import", str(docx), "--raad", raad)
    theirs, their_notes = _texts(docx)
    if result.exit_code != 0:
        return Trial(
            docx.stem, result.exit_code, result.output, 0.0, len(their_notes), 0, their_notes, [], theirs
        )
    agenda = next((root / "agendas").glob("*.yaml")).stem
    written = (root / "agendas" / f"{agenda}.yaml").read_text(encoding="utf-8")
    if signatories and "verslag:" in written and "ondertekenaars:" not in written:
        with (root / "agendas" / f"{agenda}.yaml").open("a", encoding="utf-8") as file:
            file.write(SIGNATORIES)  # import asks the drafter to add them: the document has none
    rendered = briefgen(root, "render", f"agendas/{agenda}.yaml")
    if rendered.exit_code != 0:
        return Trial(docx.stem, 99, rendered.output, 0.0, len(their_notes), 0, their_notes, [], theirs)
    build = root / "build" / agenda
    name = "verslag.docx" if (build / "verslag.docx").exists() else "geannoteerde-agenda.docx"
    ours, our_notes = _texts(build / name)
    compared = similarity(ours, theirs)
    letter = build / (
        "kamerbrief-tk.docx" if name == "geannoteerde-agenda.docx" else "kamerbrief-verslag-tk.docx"
    )
    if letter.exists() and ours and ours[0] in _letter(letter):
        # the GA or verslag inside its letter (LVR): the letter's text after its letterhead, which
        # the document does not have; the signatories' functions in capitals, as the house style
        # prints them
        ours, our_notes = _letter(letter), _texts(letter)[1]
        compared = similarity([t.casefold() for t in ours], [t.casefold() for t in theirs])
    lost = [n for n in their_notes if n not in our_notes and n not in result.output]
    return Trial(
        docx.stem,
        0,
        result.output,
        compared,
        len(their_notes),
        len(our_notes),
        lost,
        ours,
        theirs,
    )


def main(arguments: list[str]) -> None:
    for argument in arguments:
        if argument == "-v":
            continue
        path, raad = argument.rsplit(":", 1)
        with tempfile.TemporaryDirectory() as folder:
            found = trial(Path(path), raad, Path(folder))
        print(
            f"{found.name:28} exit {found.exit_code}  similarity {found.similarity:.3f}  "
            f"notes {found.notes_ours}/{found.notes_theirs} lost {len(found.notes_lost)}"
        )
        if "-v" in arguments or found.similarity < 0.95:
            print("  output:", found.output.strip().replace("\n", "\n          "))
            print("  OURS:  ", "\n          ".join(found.ours))
            print("  THEIRS:", "\n          ".join(found.theirs))


if __name__ == "__main__":
    main(sys.argv[1:])
