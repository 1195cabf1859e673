"""GAs as other ministries' writers build them in Word: one text, many ways of writing it.

``write(path, choices)`` writes a GA with python-docx the way a writer chose to: item titles
in a heading style, as a bold (and underlined) paragraph, numbered by Word or typed, or
underlined only; the sub-headings Introductie / Inzet Nederland / Krachtenveld as their own
paragraph (a heading style, bold, italic, underlined), run in before the text ("Inzet
Nederland: Het kabinet …") or left out; footnotes with the reference as a style or as
direct superscript, a space or a tab after the number; a manual line break, a tab, the
krachtenveld in a table, a header and footer with a page field, a section break. The text
is our own, in the genre (a Milieuraad GA); ``Choices.libreoffice`` saves it again through
LibreOffice ("MS Word 2007 XML"), as a colleague who works in LibreOffice would.

``expected(choices)`` gives what the document says: its paragraphs' texts, its footnotes,
its items. Used by test_import_writers.py and by ``python writers_trial.py``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

RAAD = "milieuraad-2027-06-17"
HEADINGS = (
    "style",
    "bold",
    "bold-underline",
    "underline",
    "italic",
    "autonumber",
    "autonumber-plain",
    "typed",
    "own-style",
)
LABELS = ("style", "bold", "italic", "underline", "runin-bold", "runin-italic", "runin-underline", "none")
NOTE_REFS = ("style", "superscript")


@dataclass(frozen=True)
class Choices:
    """How one writer builds the GA."""

    heading: str = "bold"
    labels: str = "bold"
    note_ref: str = "style"
    note_tab: bool = False
    note_italic: bool = False
    """Each footnote's words before its first comma in italics ("*Kamerstukken II*, 2026-2027, …")."""
    short_title: bool = True
    """The title as the recent Milieuraad GAs have it: "Geannoteerde Agenda" alone."""
    line_break: bool = False
    tab: bool = False
    table: bool = False
    table_header: bool = False
    """The table has a header row in bold ("Standpunten") above the krachtenveld's paragraphs."""
    header_footer: bool = False
    section_break: bool = False
    diversen: bool = True
    joined: bool = False
    """Each item title and sub-heading ends in a manual line break (Shift+Enter) before its
    text, in one paragraph with it, rather than a paragraph of its own."""
    lettered: bool = False
    """The diversen typed as sub-items: "a. Bosmonitoring", "b. …"."""
    verslag: bool = False
    """The verslag after the Council rather than the GA: its title, opening, each item's outcome."""
    letter: bool = False
    """The GA after its letter: salutation, a paragraph, the close and a signatory."""
    libreoffice: bool = False


PROSE = Choices(heading="bold-underline", labels="runin-bold", joined=True, letter=True)
"""The Milieuraad's recent prose form: "Geannoteerde Agenda" after the letter, each item's title
bold and underlined before its text with a manual line break, run-in labels."""


@dataclass(frozen=True)
class Item:
    titel: str
    introductie: list[str]
    inzet: list[str]
    krachtenveld: list[str]


# Our own text, in the genre. [[…]] marks a footnote.
INTRO = [
    "Op 17 juni 2027 vindt in Luxemburg de Milieuraad plaats. Het Poolse voorzitterschap heeft een "
    "voorlopige agenda gedeeld.[[De voorlopige agenda is op 3 juni 2027 aan de lidstaten gestuurd.]]",
    "Hieronder volgt per onderwerp een toelichting en de inzet van het kabinet.",
]
ITEMS = [
    Item(
        "Verordening verpakkingen en verpakkingsafval",
        [
            "Het voorzitterschap streeft naar een algemene oriëntatie over de verordening die "
            "verpakkingen moet verminderen en beter herbruikbaar maken.[[COM (2026) 677.]]",
        ],
        [
            "Het kabinet steunt de ambitie van het voorstel en wil dat de eisen voor hergebruik "
            "haalbaar blijven voor kleine bedrijven.[[Kamerstukken II, 2026-2027, 22 112, nr. 4410.]]",
            "Nederland kan instemmen met de algemene oriëntatie als de termijnen worden verlengd.",
        ],
        [
            "Een ruime meerderheid van de lidstaten steunt de lijn van het voorzitterschap. Enkele "
            "lidstaten vragen om uitzonderingen voor papier.",
        ],
    ),
    Item(
        "Klimaatdoel 2040",
        [
            "De ministers wisselen van gedachten over de weg naar het klimaatdoel voor 2040 en de rol "
            "van internationale kredieten.",
        ],
        [
            "Het kabinet zet in op een reductie van ten minste negentig procent, met een beperkte rol "
            "voor kredieten.[[Een krediet is een verhandelbaar bewijs van uitstootvermindering.]]",
        ],
        [
            "De lidstaten zijn verdeeld over de hoogte van het doel.",
        ],
    ),
    Item(
        "Raadsconclusies waterveerkracht",
        [
            "De Raad wil conclusies aannemen over een Europese aanpak voor droogte en wateroverlast.",
        ],
        [
            "Nederland verwelkomt de conclusies en vraagt aandacht voor de delta's.",
        ],
        [
            "De lidstaten steunen de conclusies in grote lijnen.",
        ],
    ),
]
DIVERSEN = [
    ("Bosmonitoring", "De Commissie informeert de Raad over de stand van de onderhandelingen."),
    ("Internationale bijeenkomsten", "Het voorzitterschap doet verslag van de klimaattop in Bonn."),
]
VERSLAG_INTRO = [
    "Op 17 juni jl. vond in Luxemburg de Milieuraad plaats. De Raad bereikte een algemene "
    "oriëntatie over de verpakkingsverordening.[[Zie de geannoteerde agenda van 3 juni 2027.]]",
]
UITKOMSTEN = [
    [
        "De Raad bereikte een algemene oriëntatie. Nederland stemde in, omdat de termijnen voor "
        "kleine bedrijven zijn verlengd.[[Kamerstukken II, 2026-2027, 22 112, nr. 4420.]]",
    ],
    [
        "De ministers wisselden van gedachten over het klimaatdoel voor 2040.",
        "Nederland pleitte voor een beperkte rol van kredieten.",
    ],
    ["De Raad nam de conclusies over waterveerkracht zonder discussie aan."],
]
LETTER = [
    "Geachte voorzitter,",
    "Hierbij stuur ik u de geannoteerde agenda van de Milieuraad van 17 juni 2027 in Luxemburg.",
    "Hoogachtend,",
    "De Staatssecretaris van Infrastructuur en Waterstaat,",
    "A.B. Voorbeeld",
]
LABEL_TEXT = {"introductie": "Introductie", "inzet": "Inzet Nederland", "krachtenveld": "Krachtenveld"}


def _parts(text: str) -> list[tuple[str, bool]]:
    """A text split at its footnotes: (text, False) and (footnote text, True)."""
    out: list[tuple[str, bool]] = []
    while "[[" in text:
        before, rest = text.split("[[", 1)
        note, text = rest.split("]]", 1)
        out += [(before, False), (note, True)]
    out.append((text, False))
    return [(t, n) for t, n in out if t]


def plain(text: str) -> str:
    return "".join(t for t, note in _parts(text) if not note)


def notes_of(text: str) -> list[str]:
    return [t for t, note in _parts(text) if note]


@dataclass
class Expected:
    paragraphs: list[str]
    notes: list[str]
    items: int


def expected(choices: Choices) -> Expected:
    """What the document says, as a reader sees it: its paragraphs' texts and footnotes."""
    texts = [*LETTER] if choices.letter else []
    texts += ["Geannoteerde Agenda" if choices.short_title else "Geannoteerde agenda Milieuraad 17 juni 2027"]
    if choices.verslag:
        return _expected_verslag(choices, texts)
    texts += [plain(t) for t in INTRO]
    notes = [n for t in INTRO for n in notes_of(t)]
    for number, item in enumerate(ITEMS, 1):
        texts.append(f"{number}. {item.titel}" if choices.heading == "typed" else item.titel)
        for section in ("introductie", "inzet", "krachtenveld"):
            body = getattr(item, section)
            notes += [n for t in body for n in notes_of(t)]
            header = (
                ["Standpunten"]
                if section == "krachtenveld"
                and choices.table
                and choices.table_header
                and choices.labels != "none"
                else []
            )
            if choices.labels == "none":
                texts += [plain(t) for t in body]
            elif choices.labels.startswith("runin"):
                texts += [*header, f"{LABEL_TEXT[section]}: {plain(body[0])}", *(plain(t) for t in body[1:])]
            else:
                texts += [LABEL_TEXT[section], *header, *(plain(t) for t in body)]
    if choices.diversen:
        texts.append("Diversen")
        for letter, (titel, tekst) in zip("abc", DIVERSEN, strict=False):
            texts += [f"{letter}. {titel}" if choices.lettered else titel, tekst]
    return Expected(texts, notes, len(ITEMS) + (len(DIVERSEN) if choices.diversen else 0))


def _expected_verslag(choices: Choices, texts: list[str]) -> Expected:
    texts = [*texts[:-1], "Verslag Milieuraad 17 juni 2027", *(plain(t) for t in VERSLAG_INTRO)]
    notes = [n for t in VERSLAG_INTRO for n in notes_of(t)]
    for number, (item, uitkomst) in enumerate(zip(ITEMS, UITKOMSTEN, strict=True), 1):
        texts.append(f"{number}. {item.titel}" if choices.heading == "typed" else item.titel)
        texts += [plain(t) for t in uitkomst]
        notes += [n for t in uitkomst for n in notes_of(t)]
    return Expected(texts, notes, len(ITEMS))


class _Writer:
    def __init__(self, choices: Choices):
        self.choices = choices
        self.document = Document()
        self.notes: list[str] = []
        self.pending: list[tuple[str, dict[str, bool]]] = []
        """Titles and sub-headings waiting to open the next paragraph (``Choices.joined``)."""

    def write(self, path: Path) -> None:
        c = self.choices
        title = "Geannoteerde Agenda" if c.short_title else "Geannoteerde agenda Milieuraad 17 juni 2027"
        if c.letter:
            for text in LETTER:
                self.document.add_paragraph(text)
        if c.verslag:
            title = "Verslag Milieuraad 17 juni 2027"
        if c.heading == "style":
            self.document.add_heading(title, 0)
        else:
            self._runs(self.document.add_paragraph(), title, bold=True)
        if c.verslag:
            self._verslag()
            return self._save(path)
        for number, text in enumerate(INTRO):
            paragraph = self._paragraph()
            if number == 0 and c.line_break:
                first, rest = text.split(". ", 1)
                self._runs(paragraph, first + ".")
                paragraph.add_run().add_break()
                self._runs(paragraph, rest)
            else:
                self._runs(paragraph, text)
        for number, item in enumerate(ITEMS, 1):
            self._heading(item.titel, number)
            for section in ("introductie", "inzet", "krachtenveld"):
                body = getattr(item, section)
                if section == "krachtenveld" and c.table and c.labels != "none":
                    self._table(section, body)
                    continue
                self._section(section, body)
            if number == 1 and c.section_break:
                self.document.add_section(WD_SECTION.NEW_PAGE)
        if c.diversen:
            self._heading("Diversen", 0)
            for letter, (titel, tekst) in zip("abc", DIVERSEN, strict=False):
                self._heading(f"{letter}. {titel}" if c.lettered else titel, 0, level=2)
                self._runs(self._paragraph(), tekst)
        self._save(path)

    def _verslag(self) -> None:
        for text in VERSLAG_INTRO:
            self._runs(self._paragraph(), text)
        for number, (item, uitkomst) in enumerate(zip(ITEMS, UITKOMSTEN, strict=True), 1):
            self._heading(item.titel, number)
            for text in uitkomst:
                self._runs(self._paragraph(), text)

    def _save(self, path: Path) -> None:
        c = self.choices
        if c.header_footer:
            self._header_footer()
        buffer = io.BytesIO()
        self.document.save(buffer)
        data = _with_notes(buffer.getvalue(), self.notes, c.note_tab, c.note_italic)
        if c.libreoffice:
            data = _through_libreoffice(data)
        path.write_bytes(data)

    def _heading(self, text: str, number: int, level: int = 1) -> None:
        kind = self.choices.heading
        if kind == "style":
            self._flush()
            self.document.add_heading(text, level)
        elif kind.startswith("autonumber") and number:
            paragraph = self.document.add_paragraph(style="List Number")
            self._runs(paragraph, text, bold=kind == "autonumber")
        elif kind == "own-style":
            self._own_style(text)
        elif kind == "typed" and number:
            self._own(f"{number}. {text}", bold=True)
        elif kind in ("underline", "italic"):
            self._own(text, underline=kind == "underline", italic=kind == "italic")
        else:
            self._own(text, bold=True, underline=kind == "bold-underline")

    def _own_style(self, text: str) -> None:
        """A title in a paragraph style of the writer's own ("Agendapunt": bold and underlined
        by the style, not by its runs)."""
        styles = self.document.styles
        if "Agendapunt" not in [s.name for s in styles]:
            style = styles.add_style("Agendapunt", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.bold = True
            style.font.underline = True
        if self.choices.joined:
            self.pending.append((text, {"bold": True}))
            return
        self._runs(self.document.add_paragraph(style="Agendapunt"), text)

    def _own(self, text: str, **formats: bool) -> DocxParagraph | None:
        """A title or sub-heading as a paragraph of its own, or waiting to open the next one."""
        if self.choices.joined:
            self.pending.append((text, formats))
            return None
        paragraph = self.document.add_paragraph()
        self._runs(paragraph, text, **formats)
        return paragraph

    def _flush(self) -> None:
        """The waiting titles as paragraphs of their own: what follows cannot take them in."""
        for text, formats in self.pending:
            self._runs(self.document.add_paragraph(), text, **formats)
        self.pending = []

    def _paragraph(self) -> DocxParagraph:
        """A new text paragraph, opened by the last waiting title and a manual line break."""
        waiting, self.pending = self.pending, []
        for text, formats in waiting[:-1]:
            self._runs(self.document.add_paragraph(), text, **formats)
        paragraph = self.document.add_paragraph()
        for text, formats in waiting[-1:]:
            self._runs(paragraph, text, **formats)
            paragraph.add_run().add_break()
        return paragraph

    def _label(self, section: str, paragraph: DocxParagraph | None) -> DocxParagraph | None:
        """The sub-heading: its own paragraph, or run in at the start of ``paragraph``."""
        kind = self.choices.labels
        text = LABEL_TEXT[section]
        if paragraph is not None:
            self._runs(
                paragraph,
                text + ":",
                bold=kind == "runin-bold",
                italic=kind == "runin-italic",
                underline=kind == "runin-underline",
            )
            paragraph.add_run(" ")
            return paragraph
        if kind == "style":
            self._flush()
            return self.document.add_heading(text, 3)
        return self._own(text, bold=kind == "bold", italic=kind == "italic", underline=kind == "underline")

    def _section(self, section: str, body: list[str]) -> None:
        kind = self.choices.labels
        for number, text in enumerate(body):
            if number == 0 and kind not in ("none", "runin-bold", "runin-italic", "runin-underline"):
                self._label(section, None)
            paragraph = self._paragraph()
            if number == 0 and kind.startswith("runin"):
                self._label(section, paragraph)
            if self.choices.tab and section == "inzet" and number == 0:
                head, tail = text.split(" ", 1)
                self._runs(paragraph, head)
                paragraph.add_run().add_tab()
                self._runs(paragraph, tail)
            else:
                self._runs(paragraph, text)

    def _table(self, section: str, body: list[str]) -> None:
        """The section's paragraphs as the cells of a table, its sub-heading above or run in."""
        runin = self.choices.labels.startswith("runin")
        if not runin:
            self._label(section, None)
        self._flush()
        header = self.choices.table_header
        table = self.document.add_table(rows=len(body) + header, cols=1)
        if header:
            table.rows[0].cells[0].paragraphs[0].add_run("Standpunten").bold = True
        for number, (row, text) in enumerate(zip(table.rows[header:], body, strict=True)):
            paragraph = row.cells[0].paragraphs[0]
            if number == 0 and runin:
                self._label(section, paragraph)
            self._runs(paragraph, text)

    def _runs(
        self,
        paragraph: DocxParagraph,
        text: str,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
    ) -> None:
        for part, note in _parts(text):
            if note:
                self._note_ref(paragraph, part)
                continue
            run = paragraph.add_run(part)
            run.bold, run.italic, run.underline = bold or None, italic or None, underline or None

    def _note_ref(self, paragraph: DocxParagraph, text: str) -> None:
        self.notes.append(text)
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        if self.choices.note_ref == "style":
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), "FootnoteReference")
            rpr.append(style)
        else:
            align = OxmlElement("w:vertAlign")
            align.set(qn("w:val"), "superscript")
            rpr.append(align)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(len(self.notes)))
        run._r.append(ref)

    def _header_footer(self) -> None:
        section = self.document.sections[0]
        section.header.paragraphs[0].text = "Geannoteerde Agenda Milieuraad"
        footer = section.footer.paragraphs[0]
        footer.add_run("Pagina ")
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            run = footer.add_run()
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            elif text == " PAGE ":
                instr = OxmlElement("w:instrText")
                instr.text = text
                run._r.append(instr)
            else:
                run.text = text or ""


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
NOTES_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _with_notes(data: bytes, notes: list[str], tab: bool, italic: bool = False) -> bytes:
    """The package with a footnotes part holding ``notes`` (python-docx writes none)."""
    separator = "\t" if tab else " "
    body = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve">{separator}</w:t></w:r>{_note_runs(text, italic)}</w:p></w:footnote>'
        for n, text in enumerate(notes, 1)
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        f"</w:p></w:footnote>{body}</w:footnotes>"
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                root = etree.fromstring(part)
                override = etree.SubElement(root, f"{{{root.nsmap[None]}}}Override")
                override.set("PartName", "/word/footnotes.xml")
                override.set("ContentType", NOTES_CONTENT)
                part = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == "word/_rels/document.xml.rels":
                root = etree.fromstring(part)
                rel = etree.SubElement(root, f"{{{root.nsmap[None]}}}Relationship")
                rel.set("Id", "rIdNotes")
                rel.set("Type", NOTES_TYPE)
                rel.set("Target", "footnotes.xml")
                part = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info.filename, part)
        target.writestr("word/footnotes.xml", footnotes.encode("utf-8"))
    return out.getvalue()


def _note_runs(text: str, italic: bool) -> str:
    """A footnote's text as runs: with ``italic`` its words before the first comma in italics."""
    head, comma, tail = text.partition(",") if italic else ("", "", text)
    runs = [(head, True)] if comma else []
    runs.append((comma + tail if comma else text, False))
    return "".join(
        f'<w:r>{"<w:rPr><w:i/></w:rPr>" if slanted else ""}<w:t xml:space="preserve">{_escape(part)}</w:t></w:r>'
        for part, slanted in runs
        if part
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _through_libreoffice(data: bytes) -> bytes:
    """The document opened and saved again by LibreOffice as "MS Word 2007 XML"."""
    office = shutil.which("soffice")
    if office is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="writers-") as folder:
        source = Path(folder) / "in" / "ga.docx"
        source.parent.mkdir()
        source.write_bytes(data)
        subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            timeout=180,
            capture_output=True,
        )
        return (Path(folder) / "ga.docx").read_bytes()


def write(path: Path, choices: Choices) -> Expected:
    """Write the GA as ``choices`` say to ``path``; what it says."""
    _Writer(choices).write(path)
    return expected(choices)
