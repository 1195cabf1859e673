"""``briefgen absorb``: take a colleague's edits in a document briefgen wrote back into the YAML.

The document is read as its recipient left it (tracked changes accepted, or the
original reading), its paragraphs are aligned with the ones the build composed
(``manifest.json`` holds that document's Markdown and its source map, :mod:`.locate`),
and each paragraph that changed goes back to the value it came from: a section of a
position, an agenda or letter/nota field, a footnote (:mod:`.align`, :mod:`.paragraph_values`).
Paragraphs nobody changed keep their text exactly as the drafter typed it; only values
that changed are rewritten, through :mod:`briefgen.data.editing` so every other byte
of the file stays (:mod:`.writeback`). A value changed both in the YAML since the
build and in the document is merged when the two changed different paragraphs and
refused otherwise (:mod:`.merge`). Edits with no home in the data (a heading, a
generated sentence) and Word comments are listed with their place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..changes.records import SourceMap
from ..data.project import agenda_file, display_path
from ..data.references import open_agenda
from ..document import markdown
from ..document.tomarkdown import link_warnings
from ..errors import Location, _, fail
from ..output import history
from ..output.manifest import Manifest
from ..word.reader import Reading, Together, left_out, read_docx
from .align import Alignment, Anchor
from .edits import Edit, dotted
from .locate import RECOGNISED, refuse_irregular, the_build, which_document
from .paragraph_values import ValueFinder
from .report import Report
from .writeback import write


@dataclass
class Answer:
    """One returned document, read, with the build it was made from and who edited it."""

    path: Path
    display: str
    reading: Reading
    manifest: Manifest
    name: str

    @property
    def who(self) -> str:
        """Its editors for a message: the tracked changes' authors, else its last author."""
        return ", ".join(self.reading.authors) or "unknown author"


def absorb(
    root: Path, path: Path, *, dry_run: bool = False, original: bool = False, strict_pending: bool = False
) -> Report:
    """Read ``path`` and write its edits into positions/ and agendas/ (unless ``dry_run``)."""
    return absorb_all(root, [path], dry_run=dry_run, original=original, strict_pending=strict_pending)


def absorb_all(
    root: Path,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    original: bool = False,
    strict_pending: bool = False,
) -> Report:
    """Read every document in ``paths`` (a folder stands for the .docx files in it) and write
    their edits together: each is merged against the build it came from, edits of different
    paragraphs all land, and a paragraph two documents changed differently is a conflict."""
    together = Together()
    answers = [_answer(root, path, original, strict_pending, together) for path in documents(root, paths)]
    report = Report(", ".join(answer.display for answer in answers))
    absorbed = history.read_absorbed(root)
    for answer in answers:
        built = markdown.parse(answer.manifest.documenten[answer.name])
        if any(
            f.paragraph + f.count > len(built.paragraphs) for f in answer.manifest.bronnen[answer.name].fields
        ):
            raise fail(
                Location.file(answer.display),
                _(
                    "damaged build (the source map of {name} points past its paragraphs): render again",
                    name=answer.name,
                ),
            )
        aligned = Alignment(built, answer.reading)
        if aligned.resemblance() < RECOGNISED:
            raise fail(
                Location(answer.display),
                _(
                    "does not match {name} of {agenda}: too little of its text is in the build",
                    name=answer.name,
                    agenda=answer.manifest.agenda,
                ),
            )
        own = Report(answer.display, pending=answer.reading.pending)
        bron = answer.manifest.bronnen[answer.name]
        ValueFinder(root, answer.display, aligned, bron).run(own)
        own.changes += _rejected(answer, bron, own.changes, absorbed)
        anchors = aligned.anchors()
        for change in own.changes:
            editors = _editors(answer.reading, anchors, bron, change)
            change.editors = editors or ((answer.reading.saved_by,) if change.rejects else (answer.who,))
            change.origin = f"{change.author} ({answer.path.name})"
            change.lineage, change.saved_by = _lineage(answer.reading), answer.reading.saved_by
        report.changes += own.changes
        report.homeless += own.homeless
        report.comments += own.comments
        report.warnings += own.warnings
        report.pending += own.pending
        notes = [p for note in answer.reading.notes for p in note.paragraphs]
        report.warnings += link_warnings(answer.display, [*answer.reading.paragraphs, *notes])
        report.warnings += left_out(answer.display, answer.reading.objects)
    write(root, report, dry_run, agendas=tuple(sorted({answer.manifest.agenda for answer in answers})))
    return report


def documents(root: Path, paths: Sequence[Path]) -> list[Path]:
    """The documents named, a folder standing for the Word documents in it (not Word's lock files)."""
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(p for p in path.glob("*.docx") if not p.name.startswith(("~$", ".")))
        if not found:
            raise fail(Location(display_path(root, path)), _("no Word documents (*.docx) in this folder"))
        out += found
    return list(dict.fromkeys(out))


def _answer(root: Path, path: Path, original: bool, strict_pending: bool, together: Together) -> Answer:
    display = display_path(root, path)
    refuse_irregular(path, display)
    reading = read_docx(path, display, original=original, together=together)
    if strict_pending and reading.pending:
        raise fail(
            Location(display),
            _(
                "{pending} tracked change(s) still pending; accept or reject them in Word, or absorb without --strict-pending (which accepts them)",
                pending=reading.pending,
            ),
        )
    manifest = the_build(root, path, reading, display)
    if not reading.build:
        _same_agenda(root, manifest, reading, display)
    name = which_document(manifest, path, reading, display)
    if name not in manifest.bronnen:
        raise fail(
            Location(display),
            _(
                "its build has no source map (an older briefgen wrote it); render again and send round the new document"
            ),
        )
    return Answer(path, display, reading, manifest, name)


def _same_agenda(root: Path, manifest: Manifest, reading: Reading, display: str) -> None:
    """A document without a build id, found beside a build, must be of that build's agenda
    (one with an id is of the build it names, whatever the agenda has become since)."""
    entry = open_agenda(root, agenda_file(root, manifest.agenda))[1]
    agenda = entry.model
    expected = f"{agenda.raad} {agenda.datum.isoformat()}"
    if reading.subject and reading.subject != expected:
        raise fail(
            Location(display),
            _(
                "this document is from another agenda ('{subject}'); its build is of {agenda} ('{expected}')",
                subject=reading.subject,
                agenda=manifest.agenda,
                expected=expected,
            ),
        )


def _lineage(reading: Reading) -> tuple[str, ...]:
    """Whose copy a document was made on: the authors of its tracked changes and of its
    comments (Jan's comment in Anna's copy came with Jan's copy)."""
    return tuple(dict.fromkeys([*reading.authors, *(c.author for c in reading.comments if c.author)]))


def _rejected(
    answer: Answer, bron: SourceMap, changes: list[Edit], absorbed: dict[str, history.Absorbed]
) -> list[Edit]:
    """The values this document shows as built although an earlier answer it was made on
    changed them: that answer's editors all have tracked changes or comments in it, someone
    else saved it, and none of the value's paragraphs differs from the build (Anna rejected Jan's
    change and left his others). A rejection leaves nothing in the document itself, so one
    whose copy keeps none of that answer's changes cannot be told from an untouched copy."""
    reading = answer.reading
    if not reading.saved_by:
        return []
    edited = {(c.bestand, c.pad) for c in changes}
    found: list[Edit] = []
    for spec in bron.fields:
        origin = spec.origin
        pad = tuple(origin.path)
        place = dotted(pad)
        record = absorbed.get(history.value_key(origin.file, place))
        if record is None or (origin.file, pad) in edited or not record.editors:
            continue
        if set(record.editors) <= set(_lineage(reading)) and reading.saved_by not in record.editors:
            edited.add((origin.file, pad))
            found.append(Edit(origin.file, pad, origin.text, origin.text, place, rejects=True))
    return found


def _editors(reading: Reading, anchors: list[Anchor], bron: SourceMap, change: Edit) -> tuple[str, ...]:
    """Who changed the value: the authors of the tracked changes in the paragraphs that show
    it (a paragraph added after one of them counts too); none when they made none."""
    shown: set[int] = set()
    for source in bron.fields:
        if source.origin.file == change.bestand and tuple(source.origin.path) == change.pad:
            shown.update(range(source.paragraph, source.paragraph + source.count))
    names: list[str] = []
    for j, (kind, i) in enumerate(anchors):
        if j < len(reading.paragraph_authors) and (i in shown or (kind == "after" and i + 1 in shown)):
            names += reading.paragraph_authors[j]
    return tuple(dict.fromkeys(names))
