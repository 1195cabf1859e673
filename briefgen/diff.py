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
import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import markdown
from .blocks import Break, Change, Document, Inline, Note, NoteRef, Paragraph, Revision, Span, merge_spans
from .compose import Notes, Templates, datum
from .errors import Location, did_you_mean, fail
from .model import Dossier, Standpunt, Voetnoot, date_in_id
from .project import Entry, Project

SECTIONS = {
    "introductie": "Introductie",
    "inzet": "Inzet Nederland",
    "kern": "Kern",
    "krachtenveld": "Krachtenveld",
}
_WORDS = re.compile(r"\S+|\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
SIMILAR = 0.5


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
        for paragraph in document.paragraphs:
            for inline in paragraph.inlines:
                if isinstance(inline, NoteRef):
                    notes[_key(inline.label)] = _note_text(document.notes[inline.note])
    return Version(standpunt.raad, sections, notes)


def compare(dossier: Dossier, old: Version, new: Version) -> DossierDiff:
    """Section by section, the changes from ``old`` to ``new``, footnotes last."""
    result = DossierDiff(dossier, old.raad, new.raad, [])
    for name in SECTIONS:
        before, after = old.sections.get(name), new.sections.get(name)
        if before is None and after is None:
            continue
        paragraphs = _Merger(result.notes).section(before, after)
        result.sections.append(SectionDiff(name, paragraphs, operations(paragraphs)))
    if old.notes or new.notes:
        result.sections.append(SectionDiff("voetnoten", [], _note_operations(old.notes, new.notes)))
    return result


def _key(label: str) -> str:
    return label.rsplit(":", 1)[-1]


def _note_text(note: Note) -> str:
    return " ".join(p.text for p in note.paragraphs).strip()


@dataclass(frozen=True)
class _Token:
    key: tuple[Any, ...]
    inline: Inline
    source: Document


def _tokens(paragraph: Paragraph, source: Document) -> list[_Token]:
    out: list[_Token] = []
    for inline in paragraph.inlines:
        if isinstance(inline, Span):
            for word in _WORDS.findall(inline.text):
                piece = Span(word, inline.bold, inline.italic, link=inline.link)
                out.append(_Token(("t", word, inline.bold, inline.italic, inline.link), piece, source))
        elif isinstance(inline, Break):
            out.append(_Token(("b", inline.page), inline, source))
        else:
            out.append(_Token(("n", _note_text(source.notes[inline.note])), inline, source))
    return out


def _sentences(tokens: list[_Token]) -> list[list[_Token]]:
    sentences: list[list[_Token]] = [[]]
    ended = False
    for token in tokens:
        text = token.inline.text if isinstance(token.inline, Span) else None
        sentences[-1].append(token)
        if text is not None and text.isspace():
            if ended:
                sentences.append([])
        elif text is not None:
            ended = bool(_SENTENCE_END.search(text))
    return [s for s in sentences if s]


def _shape(paragraph: Paragraph) -> tuple[Any, ...]:
    mark = paragraph.list
    return (paragraph.role, mark.ordered if mark else None, mark.level if mark else None)


class _Merger:
    """Builds the marked-up paragraphs of one section, collecting footnotes as it goes."""

    def __init__(self, notes: list[Note]):
        self.notes = notes

    def section(self, before: Document | None, after: Document | None) -> list[Paragraph]:
        old = [(p, before) for p in before.blocks if isinstance(p, Paragraph)] if before else []
        new = [(p, after) for p in after.blocks if isinstance(p, Paragraph)] if after else []
        keys_old = [(_shape(p), tuple(t.key for t in _tokens(p, d))) for p, d in old]
        keys_new = [(_shape(p), tuple(t.key for t in _tokens(p, d))) for p, d in new]
        out: list[Paragraph] = []
        matcher = difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                out += [self._paragraph(p, _tokens(p, d), None) for p, d in new[j1:j2]]
                continue
            pairs = list(zip(old[i1:i2], new[j1:j2], strict=False)) if op == "replace" else []
            paired = [(a, b) for a, b in pairs if _shape(a[0]) == _shape(b[0])]
            if len(paired) != len(pairs):
                paired = []
            for (a, da), (b, db) in paired:
                out.append(self._reworded(a, da, b, db))
            out += [self._paragraph(p, _tokens(p, d), "del") for p, d in old[i1 + len(paired) : i2]]
            out += [self._paragraph(p, _tokens(p, d), "ins") for p, d in new[j1 + len(paired) : j2]]
        return out

    def _reworded(self, a: Paragraph, da: Document, b: Paragraph, db: Document) -> Paragraph:
        """A paragraph in both versions. Footnotes present in both stay put as anchors and
        the text between them is compared, so a footnote that moved shows as text moving
        around its unchanged reference: accepting and rejecting both keep one footnote."""
        old, new = _tokens(a, da), _tokens(b, db)
        marked: list[tuple[_Token, Change]] = []
        start_old = start_new = 0
        for i, j in [*_anchors(old, new), (len(old), len(new))]:
            marked += _segment(old[start_old:i], new[start_new:j])
            if j < len(new):
                marked.append((new[j], None))
            start_old, start_new = i + 1, j + 1
        return dataclasses.replace(
            b, inlines=merge_spans([self._inline(token, change) for token, change in marked])
        )

    def _paragraph(self, paragraph: Paragraph, tokens: list[_Token], change: Change) -> Paragraph:
        inlines = merge_spans([self._inline(t, change) for t in tokens])
        return dataclasses.replace(paragraph, change=change, inlines=inlines)

    def _inline(self, token: _Token, change: Change) -> Inline:
        inline = token.inline
        if isinstance(inline, NoteRef):
            self.notes.append(token.source.notes[inline.note])
            return NoteRef(len(self.notes) - 1, change, inline.label)
        return dataclasses.replace(inline, change=change)


def _anchors(old: list[_Token], new: list[_Token]) -> list[tuple[int, int]]:
    """Positions of the footnote references both versions share, in the same order."""
    notes_old = [i for i, t in enumerate(old) if t.key[0] == "n"]
    notes_new = [j for j, t in enumerate(new) if t.key[0] == "n"]
    matcher = difflib.SequenceMatcher(
        None, [old[i].key for i in notes_old], [new[j].key for j in notes_new], autojunk=False
    )
    return [
        (notes_old[block.a + k], notes_new[block.b + k])
        for block in matcher.get_matching_blocks()
        for k in range(block.size)
    ]


def _segment(before: list[_Token], after: list[_Token]) -> list[tuple[_Token, Change]]:
    """Two stretches of text: whole sentences where they differ a lot, words where a
    sentence was reworded."""
    old_s, new_s = _sentences(before), _sentences(after)
    matcher = difflib.SequenceMatcher(
        None,
        [tuple(t.key for t in s) for s in old_s],
        [tuple(t.key for t in s) for s in new_s],
        autojunk=False,
    )
    marked: list[tuple[_Token, Change]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        gone = [t for s in old_s[i1:i2] for t in s]
        came = [t for s in new_s[j1:j2] for t in s]
        if op == "equal":
            marked += [(t, None) for t in came]
        elif op == "replace" and _similar(gone, came):
            marked += _words(gone, came)
        else:
            marked += [(t, "del") for t in gone] + [(t, "ins") for t in came]
    return marked


def _is_space(token: _Token) -> bool:
    return token.key[0] == "t" and token.key[1].isspace()


def _similar(before: Sequence[_Token], after: Sequence[_Token]) -> bool:
    """Whether two sentences share enough words to be shown word by word. The spaces between
    words are left out: every pair of sentences shares those, which made a rewritten sentence
    look reworded and interleaved its words."""
    words_before = [t.key for t in before if not _is_space(t)]
    words_after = [t.key for t in after if not _is_space(t)]
    return difflib.SequenceMatcher(None, words_before, words_after, autojunk=False).ratio() >= SIMILAR


def _words(before: list[_Token], after: list[_Token]) -> list[tuple[_Token, Change]]:
    """A reworded sentence word by word. A space alone between two changes joins them, so
    "[-steunt het-]{+verwelkomt dit+}" reads as one change rather than two interleaved ones."""
    matcher = difflib.SequenceMatcher(None, [t.key for t in before], [t.key for t in after], autojunk=False)
    opcodes = matcher.get_opcodes()
    out: list[tuple[_Token, Change]] = []
    gone: list[_Token] = []
    came: list[_Token] = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        between = 0 < index < len(opcodes) - 1 and all(_is_space(t) for t in after[j1:j2])
        if op == "equal" and not between:
            out += [(t, "del") for t in gone] + [(t, "ins") for t in came] + [(t, None) for t in after[j1:j2]]
            gone, came = [], []
        else:
            gone += before[i1:i2]
            came += after[j1:j2]
    return out + [(t, "del") for t in gone] + [(t, "ins") for t in came]


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
    merged: list[list[Any]] = []
    for change, text in _segments(paragraphs):
        if merged and merged[-1][0] == change:
            merged[-1][1] += text
        else:
            merged.append([change, text])
    out: list[Operation] = []
    for change, text in merged:
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


def tracked(before: Document, after: Document, revision: Revision) -> Document:
    """``after`` with every difference from ``before`` as a tracked change."""
    notes: list[Note] = []
    paragraphs = _Merger(notes).section(before, after)
    return Document(
        blocks=list(paragraphs), notes=notes, title=after.title, layout=after.layout, revision=revision
    )
