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
    wrote it, or a colleague copied its text into a new document), the build in its folder,
    else the kept build whose documents it matches best (:func:`_by_text`)."""
    beside = checked_manifest(root, path.parent, display_path(root, path.parent / NAME))
    if not reading.build:
        found = beside or _by_text(root, reading)
        if found is None:
            raise fail(
                Location(display),
                _(
                    "this document does not say which build it came from (an older briefgen wrote it, or it was copied into a new document) and too little of its text is in any build this project keeps; put it in the build folder it was rendered to (build/<agenda>/), or render again and send round the new document"
                ),
            )
        return found
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
    texts = _texts(reading)
    best, score = None, 0.0
    for name in names:
        found = _share(manifest.documenten[name], texts)
        if found > score:
            best, score = name, found
    if best is None or score < RECOGNISED:
        raise fail(Location(display), _("cannot tell which document of its build this is"))
    return best


CANDIDATES = 5
"""Besides every sent build, the builds of each agenda a document without an id is matched
against: the last few rendered."""


def _by_text(root: Path, reading: Reading) -> Manifest | None:
    """The kept build one of whose documents holds the largest share of its paragraphs in
    the document (at least :data:`RECOGNISED`): each agenda's sent builds, newest first, then
    its last :data:`CANDIDATES` builds; on a tie the sent build, then the newer."""
    archive = root / history.ARCHIVE
    if history.linked_folder(root, archive) is not None or not archive.is_dir():
        return None
    texts = _texts(reading)
    best: Manifest | None = None
    score = RECOGNISED - 1e-9
    for place in sorted(p for p in archive.iterdir() if p.is_dir() and not p.is_symlink()):
        index = history.read_index(root, place.name)
        recent = [b for b in reversed(index.builds) if b not in index.sent][:CANDIDATES]
        for build in dict.fromkeys([*reversed(index.sent), *recent]):
            kept = history.ARCHIVE / place.name / f"{build}{history.SUFFIX}"
            manifest = history.load(root / kept)
            if manifest is None:
                continue
            found = max((_share(text, texts) for text in manifest.documenten.values()), default=0.0)
            if found > score:
                trusted_file(root, root / kept, Location.file(str(kept)), _("this kept manifest"))
                confine_paths(root, manifest, Location.file(str(kept)))
                best, score = manifest, found
    return best


def _texts(reading: Reading) -> set[str]:
    return {p.text for p in reading.paragraphs if p.text.strip()}


def _share(source: str, texts: set[str]) -> float:
    """The share of a built document's paragraphs (from its Markdown) that ``texts`` holds."""
    built = [p.text for p in markdown.parse(source).paragraphs if p.text.strip()]
    return sum(1 for text in built if text in texts) / max(1, len(built))


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
