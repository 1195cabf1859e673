"""``briefgen import``: a GA that briefgen did not write becomes an agenda and positions;
a verslag becomes the outcomes of the agenda's items (:mod:`.import_verslag`).

The document is read like ``absorb`` reads one (tracked changes accepted) and
recognised by the genre's own sentences (:mod:`.recognise`); a Kamerstuk citation in a
footnote becomes a structured one. Per item a position entry is added to the dossier
file that has that short name or title, or a new dossier file is written with an id
derived from it (:mod:`.import_files`). Everything is validated before anything is
written; what could not be placed is reported.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..data.confine import shown
from ..data.fields import SLUG
from ..data.files import MAX_FILE_BYTES, NotRegularFile, TooLarge, read_regular, refuse_oversized
from ..data.project import agenda_file, display_path
from ..document.blocks import Paragraph, Span
from ..document.tomarkdown import link_warnings
from ..errors import Location, _, fail
from ..output import journal
from ..word.reader import left_out, read_docx
from .import_files import Imported, ImportWriter, refuse_unwritable
from .import_verslag import VerslagWriter
from .locate import refuse_irregular
from .recognise import recognise


def import_ga(root: Path, path: Path, raad_id: str, dry_run: bool = False) -> Imported:
    """Read the GA at ``path`` and write ``agendas/<raad_id>.yaml`` and its positions."""
    display = display_path(root, path)
    target = agenda_file(root, raad_id)
    if not re.fullmatch(SLUG, raad_id):
        raise fail(
            Location(display),
            _(
                "--raad '{raad_id}' is not a usable agenda id; use lower case, digits and hyphens",
                raad_id=shown(raad_id),
            ),
        )
    journal.refuse_planted(root)
    pending = journal.journal_path(root, "import", raad_id)
    with journal.locked(journal.Journal(root, pending, "import", raad_id, document=display)) as interrupted:
        if interrupted.exists() and dry_run:
            interrupted.entries()
            raise fail(
                Location(f"agendas/{pending.name}"),
                _(
                    "an interrupted import is not finished; run '{finishing}' to finish it",
                    finishing=interrupted.finishing(),
                ),
            )
        if interrupted.exists():
            done = interrupted.complete()
            return Imported(written=done.paths, resumed=True)
    return _import(root, path, display, target, raad_id, dry_run)


def _import(root: Path, path: Path, display: str, target: Path, raad_id: str, dry_run: bool) -> Imported:
    refuse_irregular(path, display)
    reading = read_docx(path, display)
    _plain_spaces([*reading.paragraphs, *(p for note in reading.notes for p in note.paragraphs)])
    found = recognise(root, display, reading, raad_id)
    if target.exists() and not found.verslag:
        raise fail(
            Location(f"agendas/{raad_id}.yaml"),
            _("already exists; briefgen import does not overwrite an agenda"),
        )
    notes = [p for note in reading.notes for p in note.paragraphs]
    report = Imported(
        unplaced=found.unplaced,
        warnings=link_warnings(display, [*reading.paragraphs, *notes]) + left_out(display, reading.objects),
    )
    for comment in reading.comments:  # the data holds no comments: each is named, none dropped
        about = f" on '{comment.anchored}'" if comment.anchored else ""
        report.unplaced.append(
            f"{display}: paragraph {comment.paragraph + 1}: comment by {comment.author or 'unknown'}"
            f"{about}: {comment.text}"
        )
    refuse_unwritable(found, display)
    writer = VerslagWriter if found.verslag else ImportWriter
    outputs = writer(root, raad_id, display, found, report).outputs()
    for output in outputs:
        refuse_oversized(
            len(output.data), Location.file(display), _("the text"), display_path(root, output.path)
        )
    if not dry_run:
        changes = [journal.FileChange(o.path, _current(o.path), o.data) for o in outputs]
        report.written = journal.write_sources(root, "import", (raad_id,), changes, display).paths
    return report


def _plain_spaces(paragraphs: list[Paragraph]) -> None:
    """Non-breaking spaces read as spaces: the YAML holds plain text, and the templates put
    the unbreakable ones back (inside dates, "nr. 123", Kamerstuk dossiers) when rendering."""
    for paragraph in paragraphs:
        for inline in paragraph.inlines:
            if isinstance(inline, Span) and "\xa0" in inline.text:
                inline.text = inline.text.replace("\xa0", " ")


def _current(path: Path) -> bytes | None:
    """A file's bytes now, None when it is not there yet."""
    try:
        return read_regular(path, MAX_FILE_BYTES)[0]
    except FileNotFoundError:
        return None
    except (OSError, NotRegularFile, TooLarge) as error:
        raise fail(
            Location(display_path(path.parent.parent, path)), _("cannot read: {error}", error=error)
        ) from None
