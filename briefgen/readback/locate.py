"""Find the build a returned document belongs to, and which of its documents it is."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..data.confine import shown, trusted_file
from ..data.files import kind_of
from ..data.project import display_path
from ..document import markdown
from ..errors import Location, _, fail
from ..output import history
from ..output.manifest import NAME, Manifest
from ..output.trusted import checked_manifest, confine_paths
from ..word.reader import Reading

RECOGNISED = 0.3
"""The share of a built document's paragraphs a returned one must still have to be it."""


def the_build(root: Path, path: Path, reading: Reading, display: str) -> Manifest:
    """The manifest of the build the document was made from: found by the build id the
    document carries, wherever it was saved; for a document without one (an older briefgen
    wrote it), the build in its folder."""
    beside = checked_manifest(root, path.parent, display_path(root, path.parent / NAME))
    if not reading.build:
        if beside is None:
            raise fail(
                Location(display),
                _(
                    "this document does not say which build it came from (an older briefgen wrote it) and there is no manifest.json beside it; put it in the build folder it was rendered to (build/<agenda>/), or render again and send round the new document"
                ),
            )
        return beside
    if beside is not None and reading.build in beside.ids.values():
        return beside
    found = history.find(root, reading.build)
    if found is not None:
        kept = history.ARCHIVE / found.agenda / f"{found.build}{history.SUFFIX}"
        trusted_file(root, root / kept, Location.file(str(kept)), _("this kept manifest"))
        confine_paths(root, found, Location.file(str(kept)))
    if found is None:
        raise fail(
            Location(display),
            _(
                "made from build {build}, which this project does not know (rendered in another copy of the project, or its record in {archive}/ was removed); absorb it in the project that rendered it, or type its edits into the YAML and send the new render round",
                build=shown(reading.build),
                archive=history.ARCHIVE,
            ),
        )
    return found


def which_document(manifest: Manifest, path: Path, reading: Reading, display: str) -> str:
    """Which document of the build this is: by the id it carries, else by file name, else by its text."""
    by_id = [name for name, document_id in sorted(manifest.ids.items()) if document_id == reading.build]
    if reading.build and len(by_id) == 1 and by_id[0] in manifest.documenten:
        return by_id[0]
    names = sorted(manifest.documenten, key=len, reverse=True)
    if path.name in manifest.documenten:
        return path.name
    for name in names:
        if path.stem.startswith(Path(name).stem):
            return name
    texts = {p.text for p in reading.paragraphs if p.text.strip()}
    best, score = None, 0.0
    for name in names:
        built = [p.text for p in markdown.parse(manifest.documenten[name]).paragraphs if p.text.strip()]
        found = sum(1 for text in built if text in texts) / max(1, len(built))
        if found > score:
            best, score = name, found
    if best is None or score < RECOGNISED:
        raise fail(Location(display), _("cannot tell which document of its build this is"))
    return best


def refuse_irregular(path: Path, display: str) -> None:
    """A returned document must be a regular file: a folder, named pipe, socket or device is
    refused by name (a pipe would wait for a writer), as is a path that is not there."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise fail(Location(display), _("no such file")) from None
    except OSError as error:
        raise fail(Location(display), _("cannot read: {strerror}", strerror=error.strerror)) from None
    if not stat.S_ISREG(info.st_mode):
        raise fail(
            Location(display),
            _("is {kind}, not a file; briefgen reads only regular files", kind=kind_of(info.st_mode)),
        )
