"""``briefgen absorb``: take a colleague's edits in a document briefgen wrote back into the YAML.

The document is read as its recipient left it (tracked changes accepted, or the
original reading), its paragraphs are aligned with the ones the build composed
(``manifest.json`` holds that document's Markdown and its source map, :mod:`.locate`),
and each paragraph that changed goes back to the value it came from: a section of a
position, an agenda or letter/nota field, a footnote (:mod:`.align`, :mod:`.tovalues`).
Paragraphs nobody changed keep their text exactly as the drafter typed it; only values
that changed are rewritten, through :mod:`briefgen.data.editing` so every other byte
of the file stays (:mod:`.writeback`). A value changed both in the YAML since the
build and in the document is merged when the two changed different paragraphs and
refused otherwise (:mod:`.merge`). Edits with no home in the data (a heading, a
generated sentence) and Word comments are listed with their place.
"""

from __future__ import annotations

from pathlib import Path

from ..compose import markdown
from ..data.project import agenda_file
from ..data.references import open_agenda
from ..errors import Location, fail
from ..word.reader import read_docx
from .align import Alignment
from .locate import RECOGNISED, build_beside, display_path, which_document
from .report import Report
from .tovalues import ValueFinder
from .writeback import write


def absorb(
    root: Path, path: Path, *, dry_run: bool = False, original: bool = False, strict_pending: bool = False
) -> Report:
    """Read ``path`` and write its edits into positions/ and agendas/ (unless ``dry_run``)."""
    display = display_path(root, path)
    if not path.is_file():
        raise fail(Location(display), "no such file")
    reading = read_docx(path, display, original=original)
    manifest = build_beside(path, display)
    if strict_pending and reading.pending:
        raise fail(
            Location(display),
            f"{reading.pending} tracked change(s) still pending; accept or reject them in Word, "
            "or absorb without --strict-pending (which accepts them)",
        )
    _, entry = open_agenda(root, agenda_file(root, manifest.agenda))
    agenda = entry.model
    expected = f"{agenda.raad} {agenda.datum.isoformat()}"
    if reading.subject and reading.subject != expected:
        raise fail(
            Location(display),
            f"this document is from another agenda ('{reading.subject}'); the build in its folder "
            f"is {manifest.agenda} ('{expected}')",
        )
    name = which_document(manifest, path, reading, display)
    bron = manifest.bronnen.get(name)
    if bron is None:
        raise fail(
            Location(display),
            "the build in this folder has no source map (an older briefgen wrote it); "
            "render again and send round the new document",
        )
    aligned = Alignment(markdown.parse(manifest.documenten[name]), reading)
    if aligned.resemblance() < RECOGNISED:
        raise fail(
            Location(display),
            f"does not match {name} of {manifest.agenda}: too little of its text is in the build",
        )
    report = Report(name, pending=reading.pending)
    ValueFinder(root, display, aligned, bron).run(report)
    write(root, report, dry_run)
    return report
