"""How a dossier's position moved between two Councils, section by section.

Texts are compared as the documents show them: each section is parsed from Markdown
into paragraphs, paragraphs are aligned, then sentences, and only sentences that were
reworded are compared word by word. A sentence that moved is one deletion and one
insertion, not a scatter of changed words. The result is a block document whose
inlines carry ``ins``/``del`` marks (written as Word revisions) and a list of
equal/insert/delete/replace operations for the terminal and JSON.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..compose import markdown
from ..compose.blocks import Break, Change, Document, Note, NoteRef, Paragraph, Revision, Span
from ..compose.dutch import datum
from ..compose.notes import Notes
from ..compose.templates import Templates
from ..data.agenda import date_in_id
from ..data.dossier import Dossier, Standpunt
from ..data.footnotes import Voetnoot
from ..data.project import Entry, Project
from ..errors import Location, did_you_mean, fail
from .redline import Redliner
from .tokens import note_text

SECTIONS = {
    "introductie": "Introductie",
    "inzet": "Inzet Nederland",
    "kern": "Kern",
    "krachtenveld": "Krachtenveld",
    "uitkomst": "Uitkomst",
}


@dataclass
class Version:
    """One dossier's position at one Council, parsed section by section."""

    raad: str
    sections: dict[str, Document]
    notes: dict[str, str]


@dataclass
class Operation:
    op: str
    old: str
    new: str


@dataclass
class SectionDiff:
    name: str
    paragraphs: list[Paragraph]
    operations: list[Operation]


@dataclass
class DossierDiff:
    dossier: Dossier
    old: str
    new: str
    sections: list[SectionDiff]
    notes: list[Note] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "dossier": self.dossier.id,
            "from": self.old,
            "to": self.new,
            "sections": [
                {"name": s.name, "changes": [dataclasses.asdict(o) for o in s.operations]}
                for s in self.sections
            ],
        }

    @property
    def changed(self) -> bool:
        return any(o.op != "equal" for s in self.sections for o in s.operations)


def version(project: Project, dossier: Entry[Dossier], raad: str, templates: Templates) -> Version:
    """The position of ``dossier`` at Council ``raad``, parsed."""
    model = dossier.model
    index = model.standpunt_index(raad)
    if index is None:
        known = ", ".join(s.raad for s in model.standpunten)
        raise fail(
            Location(dossier.source.path),
            f"dossier '{model.id}' has no position for '{raad}'; it has: {known}",
        )
    return parse_standpunt(model.standpunten[index], model, project.shared_notes(), templates)


def parse_standpunt(
    standpunt: Standpunt, dossier: Dossier, shared: dict[str, Voetnoot], templates: Templates
) -> Version:
    sections: dict[str, Document] = {}
    notes: dict[str, str] = {}
    for name in SECTIONS:
        text = getattr(standpunt, name)
        if not text:
            continue
        scope = Notes(templates, shared, {})
        scoped = scope.scoped(text, f"d:{dossier.id}", dossier.voetnoten) or ""
        document = markdown.parse(scoped + "\n\n" + scope.markdown() + "\n")
        sections[name] = document
        notes.update(_notes_of(document))
    return Version(standpunt.raad, sections, notes)


def _notes_of(document: Document) -> dict[str, str]:
    """The footnotes a section references, by key, with their text."""
    return {
        _key(inline.label): note_text(document.notes[inline.note])
        for paragraph in document.paragraphs
        for inline in paragraph.inlines
        if isinstance(inline, NoteRef)
    }


def _without_outcome(version: Version) -> Version:
    """A version without its ``uitkomst``, nor the footnotes only the outcome used."""
    sections = {name: doc for name, doc in version.sections.items() if name != "uitkomst"}
    notes = {key: text for doc in sections.values() for key, text in _notes_of(doc).items()}
    return Version(version.raad, sections, notes)


def compare(dossier: Dossier, old: Version, new: Version) -> DossierDiff:
    """Section by section, the changes from ``old`` to ``new``, footnotes last.

    An outcome (``uitkomst``) shows when the later version has one: an earlier Council's
    outcome is no part of a later Council's position that has none yet.
    """
    result = DossierDiff(dossier, old.raad, new.raad, [])
    if "uitkomst" not in new.sections:
        old = _without_outcome(old)
    for name in SECTIONS:
        before, after = old.sections.get(name), new.sections.get(name)
        if before is None and after is None:
            continue
        blocks = Redliner(result.notes).blocks(before, after)
        paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
        result.sections.append(SectionDiff(name, paragraphs, operations(paragraphs)))
    if old.notes or new.notes:
        result.sections.append(SectionDiff("voetnoten", [], _note_operations(old.notes, new.notes)))
    return result


def _key(label: str) -> str:
    return label.rsplit(":", 1)[-1]


def _segments(paragraphs: list[Paragraph]) -> Iterator[tuple[Change, str]]:
    """Text pieces with their change; paragraphs are separated by a blank line in each reading."""
    seen_old = seen_new = False
    for paragraph in paragraphs:
        in_old, in_new = paragraph.change != "ins", paragraph.change != "del"
        gap_old, gap_new = in_old and seen_old, in_new and seen_new
        if gap_old or gap_new:
            yield (None if gap_old and gap_new else "del" if gap_old else "ins"), "\n\n"
        seen_old, seen_new = seen_old or in_old, seen_new or in_new
        for inline in paragraph.inlines:
            if isinstance(inline, Span):
                yield inline.change, inline.text
            elif isinstance(inline, Break):
                yield inline.change, "\n"
            else:
                yield inline.change, f"[^{_key(inline.label)}]"


def operations(paragraphs: list[Paragraph]) -> list[Operation]:
    """The marked paragraphs as equal/insert/delete/replace operations on text."""
    merged: list[tuple[Change, list[str]]] = []
    for change, text in _segments(paragraphs):
        if merged and merged[-1][0] == change:
            merged[-1][1].append(text)
        else:
            merged.append((change, [text]))
    out: list[Operation] = []
    for change, texts in merged:
        text = "".join(texts)
        if change is None:
            out.append(Operation("equal", text, text))
        elif change == "del":
            out.append(Operation("delete", text, ""))
        elif out and out[-1].op == "delete":
            out[-1] = Operation("replace", out[-1].old, text)
        else:
            out.append(Operation("insert", "", text))
    return out


def _note_operations(old: dict[str, str], new: dict[str, str]) -> list[Operation]:
    out = []
    for key in [*old, *(k for k in new if k not in old)]:
        before = f"[^{key}]: {old[key]}" if key in old else ""
        after = f"[^{key}]: {new[key]}" if key in new else ""
        if before == after:
            out.append(Operation("equal", before, after))
        elif not before:
            out.append(Operation("insert", "", after))
        elif not after:
            out.append(Operation("delete", before, ""))
        else:
            out.append(Operation("replace", before, after))
    return out


def to_document(diffs: Sequence[DossierDiff], title: str, intro: list[str], revision: Revision) -> Document:
    """One Word document: per dossier a heading, and each section with tracked changes."""
    document = Document(title=title, revision=revision)
    document.blocks.append(Paragraph("title", [Span(title)]))
    document.blocks += [Paragraph("body", [Span(line)]) for line in intro]
    for diff in diffs:
        if len(diffs) > 1:
            document.blocks.append(Paragraph("heading1", [Span(diff.dossier.titel)]))
        offset = len(document.notes)
        document.notes += diff.notes
        for section in diff.sections:
            if section.name not in SECTIONS:
                continue
            role = "heading2" if len(diffs) > 1 else "heading1"
            document.blocks.append(Paragraph(role, [Span(SECTIONS[section.name])]))
            for paragraph in section.paragraphs:
                inlines = [
                    dataclasses.replace(i, note=i.note + offset) if isinstance(i, NoteRef) else i
                    for i in paragraph.inlines
                ]
                document.blocks.append(dataclasses.replace(paragraph, inlines=inlines))
    return document


def council_name(project: Project, raad: str) -> str:
    """``Milieuraad 17 maart 2026`` for an agenda id with an agenda file, else the id."""
    entry = project.agenda_by_id(raad)
    return f"{entry.model.raad} {datum(entry.model.datum)}" if entry else raad


def open_dossier(project: Project, dossier_id: str) -> Entry[Dossier]:
    """A dossier by id, or a one-line error naming the dossiers that exist."""
    known = project.dossier_ids()
    entry = project.dossier(dossier_id) if dossier_id in known else None
    project.raise_errors()
    if entry is None:
        hint = did_you_mean(dossier_id, known)
        raise fail(
            Location(f"positions/{dossier_id}.yaml"),
            f"unknown dossier '{dossier_id}'{hint}; known: {', '.join(known)}",
        )
    return entry


def revision_for(project: Project, raad: str) -> Revision:
    """Tracked changes are dated with the newer Council's date, from its agenda or its id."""
    entry = project.agenda_by_id(raad)
    day = entry.model.datum if entry else date_in_id(raad)
    return Revision("briefgen", f"{day.isoformat()}T00:00:00Z" if day else "")


def format_text(diffs: Sequence[DossierDiff], colour: bool) -> str:
    """Readable in a terminal: ``[-deleted-]`` and ``{+inserted+}``, or red and green."""
    import click

    def show(op: Operation) -> str:
        if op.op == "equal":
            return op.old
        old = (
            (click.style(op.old, fg="red", strikethrough=True) if colour else f"[-{op.old}-]")
            if op.old
            else ""
        )
        new = (
            (click.style(op.new, fg="green", underline=True) if colour else f"{{+{op.new}+}}")
            if op.new
            else ""
        )
        return old + new

    lines = []
    for diff in diffs:
        lines.append(f"{diff.dossier.id}: {diff.old} -> {diff.new}")
        for section in diff.sections:
            heading = SECTIONS.get(section.name, "Voetnoten")
            if all(o.op == "equal" for o in section.operations):
                lines.append(f"== {heading}: unchanged")
                continue
            lines.append(f"== {heading}")
            if section.name in SECTIONS:
                lines.append("".join(show(o) for o in section.operations))
            else:
                lines += [show(o) for o in section.operations if o.op != "equal"]
        lines.append("")
    return "\n".join(lines)
