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

from ..build.outputs import write_all
from ..data.fields import SLUG
from ..data.project import agenda_file
from ..errors import Location, fail
from ..word.reader import read_docx
from .import_files import Imported, ImportWriter
from .import_verslag import VerslagWriter
from .locate import display_path
from .recognise import recognise


def import_ga(root: Path, path: Path, raad_id: str, dry_run: bool = False) -> Imported:
    """Read the GA at ``path`` and write ``agendas/<raad_id>.yaml`` and its positions."""
    display = display_path(root, path)
    target = agenda_file(root, raad_id)
    if not re.match(SLUG, raad_id):
        raise fail(
            Location(display), f"'{raad_id}' is not a usable agenda id; use lower case, digits and hyphens"
        )
    if not path.is_file():
        raise fail(Location(display), "no such file")
    found = recognise(root, display, read_docx(path, display), raad_id)
    if target.exists() and not found.verslag:
        raise fail(
            Location(f"agendas/{raad_id}.yaml"),
            "already exists; briefgen import does not overwrite an agenda",
        )
    report = Imported(unplaced=found.unplaced)
    writer = VerslagWriter if found.verslag else ImportWriter
    outputs = writer(root, raad_id, display, found, report).outputs()
    if not dry_run:
        write_all(outputs)
        report.written = [o.path for o in outputs]
    return report
