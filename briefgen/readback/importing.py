"""``briefgen import``: a GA that briefgen did not write becomes an agenda and positions.

The document is read like ``absorb`` reads one (tracked changes accepted) and recognised
by the genre's own sentences: the title, the presidency's sentence with the agenda's
status and the state of affairs, the sentence with date and place and the numbered
agenda list (each line's item type from ``_soorten.md.j2``), the diversen sentence,
the item headings with their type and short name, the sub-headings (Introductie,
Inzet Nederland, Krachtenveld) or running prose, and the footnotes (a Kamerstuk
citation becomes a structured one). Per item a position entry is added to the dossier
file that has that short name or title, or a new dossier file is written with an id
derived from it. Everything is validated before anything is written; what could not
be placed is reported.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..build.outputs import Output, write_all
from ..build.resources import Resources
from ..compose.blocks import NoteRef, Paragraph
from ..compose.dutch import MAANDEN
from ..compose.templates import slug
from ..compose.tomarkdown import join_blocks, paragraph_markdown, wrap
from ..data import editing as roundtrip
from ..data.load import load_text, read_text
from ..data.model import NOTE_REF, SLUG, Agenda, Dossier, validate
from ..data.project import SHARED_NOTES
from ..errors import Location, Problem, UserError, fail
from ..word.reader import read_docx
from .absorb import derive_key, display_path, note_markdown, note_value

SECTIONS = {
    "introductie": "introductie",
    "inzet nederland": "inzet",
    "inzet": "inzet",
    "nederlandse inzet": "inzet",
    "krachtenveld": "krachtenveld",
    "kern": "kern",
}
STATUS = {"conceptagenda": "concept", "voorlopige agenda": "voorlopig", "definitieve agenda": "definitief"}
PRESIDENCY = re.compile(
    r"^Het (?P<voorzitterschap>.+?) Voorzitterschap van de Raad van de Europese Unie"
    r"(?: \(hierna: Voorzitterschap\))? heeft een (?P<status>conceptagenda|voorlopige agenda|definitieve agenda)"
    r" voor de (?P<raad>.+?) gedeeld\.\s*(?P<rest>.*)$",
    re.DOTALL,
)
MEETING = re.compile(
    r"^Tijdens de (?P<raad>.+?) van (?P<dag>\d{1,2}) (?P<maand>[a-z]+) (?P<jaar>\d{4}) (?:in|te) (?P<plaats>.+?)"
    r" staan de volgende onderwerpen geagendeerd:?$"
)
ONE_DIVERSEN = re.compile(
    r"^(?:Voorlopig staat er|Er staat) één diversenpunt op de agenda van deze Raad\.\s*(?P<toelichting>.*)$",
    re.DOTALL,
)
MANY_DIVERSEN = re.compile(
    r"^(?:Voorlopig staan er|Er staan) \S+ diversenpunten op de agenda van deze Raad:?$"
)
PART = re.compile(r"^[IVX]+\. ")
PART_GA = re.compile(
    r"^[IVX]+\. Geannoteerde agenda (?P<raad>.+?) (?P<dag>\d{1,2}) (?P<maand>[a-z]+) (?P<jaar>\d{4})$",
    re.IGNORECASE,
)
INTERVENTION = " Tijdens de Raad zal Nederland langs deze lijnen interveniëren."
DEFAULT_PLACE = "Brussel"


@dataclass
class Item:
    """One agenda item as found: its line in the agenda list and its own section."""

    soort: str | None = None
    onderwerp: str | None = None
    toelichting: Paragraph | None = None
    kort: str | None = None
    sections: dict[str, list[Paragraph]] = field(default_factory=dict)


@dataclass
class Imported:
    written: list[Path] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def import_ga(root: Path, path: Path, raad_id: str, dry_run: bool = False) -> Imported:
    """Read the GA at ``path`` and write ``agendas/<raad_id>.yaml`` and its positions."""
    display = display_path(root, path)
    target = root / "agendas" / f"{raad_id}.yaml"
    if not re.match(SLUG, raad_id):
        raise fail(
            Location(display), f"'{raad_id}' is not a usable agenda id; use lower case, digits and hyphens"
        )
    if target.exists():
        raise fail(
            Location(f"agendas/{raad_id}.yaml"),
            "already exists; briefgen import does not overwrite an agenda",
        )
    if not path.is_file():
        raise fail(Location(display), "no such file")
    reading = read_docx(path, display)
    reader = _Reader(root, display, reading.paragraphs, [note_markdown(n) for n in reading.notes])
    agenda, items = reader.read()
    report = Imported(unplaced=reader.unplaced)
    outputs = _Writer(root, raad_id, agenda, items, reader, report).outputs()
    if not dry_run:
        write_all(outputs)
        report.written = [o.path for o in outputs]
    return report


class _Reader:
    def __init__(self, root: Path, display: str, paragraphs: list[Paragraph], notes: list[str]):
        self.root = root
        self.display = display
        self.paragraphs = [
            p for p in paragraphs if p.text.strip() or any(isinstance(i, NoteRef) for i in p.inlines)
        ]
        self.notes = notes
        self.unplaced: list[str] = []
        self.agenda: dict[str, Any] = {}

    def read(self) -> tuple[dict[str, Any], list[Item]]:
        paragraphs = self.paragraphs
        if not paragraphs:
            raise fail(Location(self.display), "the document has no text")
        start = 0
        if paragraphs[0].role != "body" and paragraphs[0].text.strip().casefold().startswith(
            "geannoteerde agenda"
        ):
            start = 1
        headings = [i for i, p in enumerate(paragraphs) if i >= start and _is_heading(p) and not _section(p)]
        first = headings[0] if headings else len(paragraphs)
        formation = self._intro(paragraphs[start:first]) or self._part_heading(paragraphs)
        self.soorten: dict[str, Any] = (
            Resources(self.root).templates(formation or "").soorten if formation else {}
        )
        lines, diversen = self._agenda_list(paragraphs[start:first])
        items = self._items(paragraphs, headings, lines, diversen)
        return self.agenda, items

    def _intro(self, paragraphs: list[Paragraph]) -> str | None:
        for paragraph in paragraphs:
            text = paragraph.text.strip()
            found = PRESIDENCY.match(text)
            if found:
                self.agenda["voorzitterschap"] = found["voorzitterschap"]
                self.agenda["agendastatus"] = STATUS[found["status"]]
                self.agenda["raad"] = found["raad"]
                lead = len(paragraph.text) - len(paragraph.text.lstrip())
                rest = _after(paragraph, lead + found.start("rest"))
                if rest is not None:
                    self.agenda["stand_van_zaken"] = rest
                continue
            found = MEETING.match(text)
            if found and found["maand"] in MAANDEN:
                self.agenda.setdefault("raad", found["raad"])
                self.agenda["datum"] = dt.date(
                    int(found["jaar"]), MAANDEN.index(found["maand"]) + 1, int(found["dag"])
                )
                self.agenda["plaats"] = found["plaats"]
        return self.agenda.get("raad")

    def _part_heading(self, paragraphs: list[Paragraph]) -> str | None:
        """Raad and date from a part heading 'I. Geannoteerde agenda <Raad> <datum>' (running prose)."""
        for paragraph in paragraphs:
            found = PART_GA.match(paragraph.text.strip()) if _is_heading(paragraph) else None
            if found and found["maand"] in MAANDEN:
                self.agenda["raad"] = found["raad"]
                self.agenda["datum"] = dt.date(
                    int(found["jaar"]), MAANDEN.index(found["maand"]) + 1, int(found["dag"])
                )
                return found["raad"]
        return None

    def _agenda_list(self, paragraphs: list[Paragraph]) -> tuple[list[tuple[str | None, str]], list[Item]]:
        """The numbered agenda list as (type, onderwerp), and the diversen it announces."""
        lines: list[tuple[str | None, str]] = []
        diversen: list[Item] = []
        in_diversen = False
        for paragraph in paragraphs:
            text = paragraph.text.strip()
            if PRESIDENCY.match(text) or MEETING.match(text):
                continue
            found = ONE_DIVERSEN.match(text)
            if found:
                lead = len(paragraph.text) - len(paragraph.text.lstrip())
                diversen.append(
                    Item("diversen", toelichting=_after(paragraph, lead + found.start("toelichting")))
                )
                continue
            if MANY_DIVERSEN.match(text):
                in_diversen = True
                continue
            if paragraph.role == "listitem" and paragraph.list is not None:
                onderwerp = _markdown_of(paragraph).rstrip(";.").strip()
                if in_diversen or not paragraph.list.ordered:
                    diversen.append(Item("diversen", onderwerp=onderwerp))
                else:
                    lines.append(self._line(onderwerp))
                continue
            self.unplaced.append(f"{self.display}: introduction: {text}")
        return lines, diversen

    def _line(self, text: str) -> tuple[str | None, str]:
        """An agenda line's item type (the longest matching announcement) and its subject."""
        return self._typed(text, "regel")

    def _kop(self, heading: str) -> tuple[str | None, str]:
        """An item heading's type (the longest matching heading start) and its short name."""
        return self._typed(heading, "kop")

    def _typed(self, text: str, part: str) -> tuple[str | None, str]:
        best: tuple[str | None, str] = (None, text)
        longest = -1
        for name, soort in self.soorten.items():
            start = str(soort.get(part, ""))
            if start and text.startswith(start + " ") and len(start) > longest:
                best, longest = (name, text[len(start) + 1 :].strip()), len(start)
        return best

    def _items(
        self,
        paragraphs: list[Paragraph],
        headings: list[int],
        lines: list[tuple[str | None, str]],
        diversen: list[Item],
    ) -> list[Item]:
        items: list[Item] = []
        main = [Item(soort, onderwerp) for soort, onderwerp in lines]
        in_diversen_part = False
        for number, index in enumerate(headings):
            heading = paragraphs[index].text.strip()
            end = headings[number + 1] if number + 1 < len(headings) else len(paragraphs)
            if PART.match(heading):
                in_diversen_part = "diversen" in heading.casefold()
                continue
            soort, kort = self._kop(heading)
            if soort == "diversen" or in_diversen_part:
                item = diversen.pop(0) if diversen else Item("diversen")
            elif main:
                item = main.pop(0)
            else:
                item = Item(soort)
                if lines:
                    self.unplaced.append(
                        f"{self.display}: '{heading}' is not in the agenda list; added as an item"
                    )
            item.soort = item.soort or soort
            item.kort = kort
            body = paragraphs[index + 1 : end]
            prose = self._prose(body, item) if body and not any(_section(p) for p in body) else None
            item.sections = prose if prose is not None else self._sections(body, heading)
            items.append(item)
        for item in main + diversen:
            self.unplaced.append(
                f"{self.display}: agenda line '{item.onderwerp or item.toelichting}' has no section of its own; left out"
            )
        return items

    def _prose(self, paragraphs: list[Paragraph], item: Item) -> dict[str, list[Paragraph]] | None:
        """An item in running prose that opens with its type's opening sentence (the LVR model):
        the opening names type and subject, the rest of that paragraph is the introductie, the
        next paragraph the inzet (without the intervention sentence), the others the krachtenveld."""
        first = paragraphs[0]
        text = first.text
        for name, soort in sorted(
            self.soorten.items(), key=lambda pair: -len(str(pair[1].get("opening", "")))
        ):
            opening = str(soort.get("opening", ""))
            if not opening or not text.startswith(opening + " "):
                continue
            rest = text[len(opening) + 1 :]
            stop = rest.find(". ")
            stop = stop if stop >= 0 else len(rest.rstrip("."))
            item.soort = item.soort or name
            item.onderwerp = item.onderwerp or rest[:stop]
            sections: dict[str, list[Paragraph]] = {}
            introductie = _after(first, len(opening) + 1 + stop + 2)
            if introductie is not None:
                sections["introductie"] = [introductie]
            if len(paragraphs) > 1:
                inzet = paragraphs[1]
                if inzet.text.endswith(INTERVENTION):
                    inzet = _before(inzet, len(inzet.text) - len(INTERVENTION))
                sections["inzet"] = [inzet]
            if len(paragraphs) > 2:
                sections["krachtenveld"] = paragraphs[2:]
            return sections
        return None

    def _sections(self, paragraphs: list[Paragraph], heading: str) -> dict[str, list[Paragraph]]:
        """The item's texts by sub-heading; paragraphs before any sub-heading (running prose)
        become the introductie."""
        sections: dict[str, list[Paragraph]] = {}
        current = "introductie"
        for paragraph in paragraphs:
            name = _section(paragraph)
            if name:
                current = name
                sections.setdefault(current, [])
            else:
                sections.setdefault(current, []).append(paragraph)
        if paragraphs and not _section(paragraphs[0]):
            self.unplaced.append(
                f"{self.display}: '{heading}' opens with running prose, not a sub-heading; "
                "its first paragraphs became the introductie"
            )
        return sections


def _is_heading(paragraph: Paragraph) -> bool:
    return paragraph.role in ("title", "heading1", "heading2", "heading3")


def _section(paragraph: Paragraph) -> str | None:
    if not _is_heading(paragraph):
        return None
    return SECTIONS.get(paragraph.text.strip().rstrip(":").casefold())


def _markdown_of(paragraph: Paragraph) -> str:
    return paragraph_markdown(Paragraph("body", paragraph.inlines), _note_placeholder)


def _note_placeholder(ref: NoteRef) -> str:
    return f"#{ref.note}"


def _after(paragraph: Paragraph, offset: int) -> Any:
    """The inlines of ``paragraph`` from plain-text ``offset`` on, as a paragraph (or None)."""
    from ..compose.blocks import Span

    out: list[Any] = []
    seen = 0
    for inline in paragraph.inlines:
        if isinstance(inline, Span):
            if seen + len(inline.text) <= offset:
                seen += len(inline.text)
                continue
            cut = max(0, offset - seen)
            seen += len(inline.text)
            out.append(Span(inline.text[cut:], inline.bold, inline.italic, link=inline.link))
        elif seen >= offset:
            out.append(inline)
            if not isinstance(inline, NoteRef):
                seen += 1
        elif not isinstance(inline, NoteRef):
            seen += 1
    result = Paragraph("body", out)
    return result if result.text.strip() or any(isinstance(i, NoteRef) for i in out) else None


def _before(paragraph: Paragraph, offset: int) -> Paragraph:
    """The inlines of ``paragraph`` up to plain-text ``offset`` (footnote references at the cut stay)."""
    from ..compose.blocks import Span

    out: list[Any] = []
    seen = 0
    for inline in paragraph.inlines:
        if isinstance(inline, Span):
            if seen < offset:
                out.append(Span(inline.text[: offset - seen], inline.bold, inline.italic, link=inline.link))
            seen += len(inline.text)
        elif isinstance(inline, NoteRef):
            if seen <= offset:
                out.append(inline)
        else:
            if seen < offset:
                out.append(inline)
            seen += 1
    return Paragraph(paragraph.role, out, paragraph.list)


@dataclass
class _Writer:
    root: Path
    raad_id: str
    agenda: dict[str, Any]
    items: list[Item]
    reader: _Reader
    report: Imported

    def __post_init__(self) -> None:
        self.display = self.reader.display
        self.shared = _shared_notes(self.root)

    def outputs(self) -> list[Output]:
        if "plaats" not in self.agenda and "datum" in self.agenda:
            self.agenda["plaats"] = DEFAULT_PLACE
            self.report.unplaced.append(
                f"{self.display}: the document does not say where the Council meets; plaats set to {DEFAULT_PLACE}"
            )
        missing = [k for k in ("raad", "datum", "plaats") if k not in self.agenda]
        if missing:
            raise fail(
                Location(self.display),
                f"cannot tell the meeting's {', '.join(missing)}: the sentence "
                "'Tijdens de <Raad> van <datum> in <plaats> staan de volgende onderwerpen geagendeerd:' is missing",
            )
        if not self.items:
            raise fail(
                Location(self.display), "no agenda items found (no item headings after the introduction)"
            )
        dossiers = _dossiers(self.root)
        outputs: list[Output] = []
        problems: list[Problem] = []
        agenda_notes: dict[str, Any] = {}
        punten = CommentedSeq()
        used_ids: set[str] = set(dossiers)
        for item in self.items:
            existing = _known(dossiers, item)
            dossier_id = existing or _new_id(item, used_ids)
            used_ids.add(dossier_id)
            punt = CommentedMap()
            punt["dossier"] = dossier_id
            if item.soort:
                punt["soort"] = item.soort
            if item.onderwerp:
                punt["onderwerp"] = self._agenda_text(item.onderwerp, agenda_notes)
            if item.toelichting is not None:
                punt["toelichting"] = self._paragraph_text(item.toelichting, agenda_notes, set())
            punten.append(punt)
            outputs.append(self._dossier(dossier_id, dossiers.get(dossier_id), item, problems))
        agenda = CommentedMap()
        agenda["id"] = self.raad_id
        for name in ("raad", "datum", "plaats", "voorzitterschap", "agendastatus"):
            if name in self.agenda:
                agenda[name] = self.agenda[name]
        if "stand_van_zaken" in self.agenda:
            agenda["stand_van_zaken"] = self._paragraph_text(
                self.agenda["stand_van_zaken"], agenda_notes, set()
            )
        if agenda_notes:
            agenda["voetnoten"] = agenda_notes
        agenda["punten"] = punten
        header = (
            f"# Imported by 'briefgen import' from {Path(self.display).name}: check the items' types and\n"
            "# subjects, and add 'brief' and 'nota' for the letters and the nota.\n"
        )
        text = header + _dump(agenda)
        path = self.root / "agendas" / f"{self.raad_id}.yaml"
        _check(text, f"agendas/{self.raad_id}.yaml", Agenda, problems, frozenset(self.shared))
        if problems:
            raise UserError(problems)
        return [Output(path, text.encode("utf-8")), *outputs]

    def _agenda_text(self, markdown: str, notes: dict[str, Any]) -> str:
        def rename(match: re.Match[str]) -> str:
            return f"[^{self._note_key(int(match.group(1)), notes, set())}]"

        return re.sub(r"\[\^#(\d+)\]", rename, markdown)

    def _paragraph_text(self, paragraph: Paragraph, notes: dict[str, Any], taken: set[str]) -> str:
        return paragraph_markdown(paragraph, lambda ref: self._note_key(ref.note, notes, taken))

    def _note_key(self, index: int, notes: dict[str, Any], taken: set[str]) -> str:
        text = self.reader.notes[index] if index < len(self.reader.notes) else ""
        value = note_value(text, None)
        if isinstance(value, dict):
            citation = CommentedMap(value["kamerstuk"])
            citation.fa.set_flow_style()
            value = CommentedMap(kamerstuk=citation)
        for existing, known in notes.items():
            if _same(known, value):
                return existing
        for existing, known in self.shared.items():
            if _same(known, value) and existing not in notes:
                return existing
        note_key = derive_key(text, set(notes) | taken | set(self.shared))
        notes[note_key] = value
        return note_key

    def _dossier(self, dossier_id: str, existing: Path | None, item: Item, problems: list[Problem]) -> Output:
        notes: dict[str, Any] = {}
        taken: set[str] = set()
        current: dict[str, Any] = {}
        if existing is not None:
            current = load_text(
                read_text(existing, display_path(self.root, existing)), display_path(self.root, existing)
            ).data
            notes = dict(current.get("voetnoten") or {})
            taken = set(notes)
        entry = CommentedMap()
        entry["raad"] = self.raad_id
        for name in ("introductie", "inzet", "kern", "krachtenveld"):
            paragraphs = item.sections.get(name)
            if not paragraphs:
                continue
            texts = [wrap(self._paragraph_text(p, notes, taken)) for p in paragraphs]
            entry[name] = LiteralScalarString(join_blocks(paragraphs, texts) + "\n")
        if len(entry) == 1:
            self.reader.unplaced.append(
                f"{self.display}: '{item.kort}' has no text; its position entry is empty"
            )
            entry["introductie"] = LiteralScalarString("(geen tekst)\n")
        display = f"positions/{dossier_id}.yaml"
        if existing is None:
            dossier = CommentedMap()
            dossier["id"] = dossier_id
            titel = item.onderwerp or item.kort or dossier_id
            dossier["titel"] = _plain(titel[:1].upper() + titel[1:])
            dossier["kort"] = _plain(item.kort or titel)
            if notes:
                dossier["voetnoten"] = notes
            dossier["standpunten"] = [entry]
            text = f"# Imported by 'briefgen import' for {self.raad_id}.\n" + _dump(dossier)
            self.report.added.append(f"{display}: new dossier")
        else:
            if any(s.get("raad") == self.raad_id for s in current.get("standpunten") or []):
                raise fail(
                    Location(display),
                    f"already has a position for {self.raad_id}; import does not overwrite it",
                )
            text = read_text(existing, display)
            for note_key, value in notes.items():
                if note_key not in (current.get("voetnoten") or {}):
                    text = roundtrip.add_key(
                        text, ("voetnoten",), note_key, value, create_before="standpunten"
                    )
            text = _append_entry(text, entry)
            self.report.added.append(f"{display}: position for {self.raad_id}")
        _check(text, display, Dossier, problems, frozenset(self.shared))
        return Output(self.root / display, text.encode("utf-8"))


def _plain(text: str) -> str:
    """Markdown escapes are not wanted in one-line fields such as a title."""
    return re.sub(r"\\([\\`*_\[\]])", r"\1", text)


def _dump(data: Any) -> str:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _append_entry(text: str, entry: CommentedMap) -> str:
    """``text`` with ``entry`` added as the last item of ``standpunten``, as new lines."""
    block = _dump({"standpunten": [entry]}).split("\n", 1)[1]
    column = _sequence_column(text)
    lines = "".join(
        " " * (column - 2) + line[2:] + "\n" if line.strip() else "\n" for line in block.splitlines()
    )
    end = roundtrip.end_of(text, ("standpunten",))
    return text[:end] + lines + text[end:]


def _sequence_column(text: str) -> int:
    found = re.search(r"^standpunten:\n( *)- ", text, re.MULTILINE)
    return len(found.group(1)) + 2 if found else 2


def _same(a: Any, b: Any) -> bool:
    """Equal footnotes; spaces of any kind (a no-break space from a typesetter) count as one."""
    if isinstance(a, str) and isinstance(b, str):
        return a.split() == b.split()
    return a == b


def _shared_notes(root: Path) -> dict[str, Any]:
    path = root / "positions" / SHARED_NOTES
    if not path.is_file():
        return {}
    data = load_text(read_text(path, f"positions/{SHARED_NOTES}"), f"positions/{SHARED_NOTES}").data
    notes = data.get("voetnoten") if isinstance(data, dict) else None
    return dict(notes) if isinstance(notes, dict) else {}


def _check(text: str, display: str, model: type, problems: list[Problem], shared: frozenset[str]) -> None:
    loaded = load_text(text, display)
    validated, found = validate(model, loaded)
    problems.extend(found)
    if validated is None:
        return
    keys = set(getattr(validated, "voetnoten", {}) or {}) | shared
    for _, value in _texts(loaded.data):
        for note_key in NOTE_REF.findall(value):
            if note_key not in keys:
                problems.append(Problem(Location(display), f"footnote [^{note_key}] has no text"))
                keys.add(note_key)


def _texts(data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [t for k, v in data.items() if k != "voetnoten" for t in _texts(v, (*path, k))]
    if isinstance(data, list):
        return [t for i, v in enumerate(data) for t in _texts(v, (*path, i))]
    return []


def _dossiers(root: Path) -> dict[str, Path]:
    folder = root / "positions"
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml")) if p.name != SHARED_NOTES}


def _known(dossiers: dict[str, Path], item: Item) -> str | None:
    """The dossier whose short name or title is this item's, if one exists."""
    wanted = {t.casefold() for t in (item.kort, item.onderwerp) if t}
    for dossier_id, path in dossiers.items():
        try:
            data = load_text(read_text(path, path.name), path.name).data
        except UserError:
            continue
        if (
            isinstance(data, dict)
            and {str(data.get("kort", "")).casefold(), str(data.get("titel", "")).casefold()} & wanted
        ):
            return dossier_id
    return None


def _new_id(item: Item, used: set[str]) -> str:
    """A dossier id from the item's short name: whole words, at most 40 characters."""
    stem = ""
    for word in slug(_plain(item.kort or item.onderwerp or "dossier")).split("-"):
        if stem and len(stem) + 1 + len(word) > 40:
            break
        stem = f"{stem}-{word}" if stem else word
    stem = stem or "dossier"
    candidate, number = stem, 2
    while candidate in used:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate
