"""Output files written whole, never inside the drafters' own folders."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..data.files import kind_of
from ..data.project import SOURCE_FOLDERS
from ..errors import Location, _, fail
from .disk import replace_file, replace_files
from .history import ARCHIVE
from .manifest import NAME as MANIFEST


@dataclass(frozen=True)
class Output:
    """A file to write, whole: its path and its bytes."""

    path: Path
    data: bytes


def write_all(outputs: Sequence[Output]) -> None:
    """Replace several files, each whole, keeping mode, group and links (see :func:`disk.replace_files`)."""
    replace_files([(output.path, output.data) for output in outputs])


def write_output(root: Path, path: Path, data: bytes) -> None:
    """Write one output file (a diff document) outside the drafters' folders and the builds."""
    check_output(root, path)
    replace_file(path, data, follow_links=False)


def check_output(root: Path, path: Path) -> None:
    """Refuse an output file in the drafters' folders, a build folder or the kept manifests
    (``build/.manifests/``), and one that is there but not a regular file: a file is written
    by renaming a new one into place, which would replace a device such as ``/dev/null``
    (as root: for everyone) or a named pipe with a plain file. A link is refused too: whoever
    can write the folder could have planted it to point at any file of the drafter's (and the
    write replaces a link swapped in after this check, never its target)."""
    folder = path.resolve().parent
    refuse_source_folder(root, folder, path)
    refuse_build_folder(folder, path)
    archive = (root / ARCHIVE).resolve()
    if folder == archive or archive in folder.parents:
        raise fail(
            Location(str(path)),
            _(
                "will not write into {archive}/ (briefgen's record of its builds); choose another folder",
                archive=ARCHIVE,
            ),
        )
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise fail(Location(str(path)), _("cannot write: {strerror}", strerror=error.strerror)) from None
    if stat.S_ISLNK(info.st_mode):
        raise fail(
            Location(str(path)),
            _(
                "is a link; briefgen writes a file here and does not follow a link; remove it or name another file"
            ),
        )
    if not stat.S_ISREG(info.st_mode):
        raise fail(
            Location(str(path)),
            _("is {kind}, not a file; name a file to write", kind=kind_of(info.st_mode)),
        )


def refuse_build_folder(folder: Path, shown: Path) -> None:
    """Output of another kind never goes into a build folder (one that holds a ``manifest.json``)
    or a folder inside one (its ``preview/``): it would replace the manifest or a file the build
    lists, or stand in the build unlisted."""
    if shown.name == MANIFEST or any((each / MANIFEST).exists() for each in (folder, *folder.parents)):
        raise fail(
            Location(str(shown)),
            _(
                "will not write into a build folder (it holds the build's {manifest}); choose another folder",
                manifest=MANIFEST,
            ),
        )


def refuse_source_folder(root: Path, folder: Path, shown: Path | None = None) -> None:
    """Output never goes into the drafters' own folders."""
    target = folder.resolve()
    for name in SOURCE_FOLDERS:
        source = (root / name).resolve()
        if target == source or source in target.parents:
            raise fail(
                Location(str(shown or folder)),
                _("will not write output inside {name}/; choose another folder", name=name),
            )
