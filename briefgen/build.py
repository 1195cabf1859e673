"""Turn an agenda into its output folder: compose every document, then write them all.

Nothing is written until every document has been composed, and each file is written
to a temporary name in the same folder and renamed into place, so a failed render
leaves the previous build as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .compose import Templates, compose_ga
from .errors import Location, fail
from .project import open_agenda
from .write import Properties, Reference, write_docx

GA_NAME = "geannoteerde-agenda.docx"


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes


def render(root: Path, agenda_path: Path, out_dir: Path | None = None) -> list[Path]:
    """Render one agenda's package; return the files written."""
    outputs = compose_package(root, agenda_path, out_dir)
    for output in outputs:
        write_atomically(output.path, output.data)
    return [output.path for output in outputs]


def compose_package(root: Path, agenda_path: Path, out_dir: Path | None = None) -> list[Output]:
    project, entry = open_agenda(root, agenda_path)
    agenda = entry.model
    templates = Templates(root / "templates", agenda.raad)
    reference = Reference(root / "templates" / "reference.docx", "templates/reference.docx")
    folder = out_dir if out_dir is not None else root / "build" / agenda.id
    _refuse_source_folder(root, folder)
    document = compose_ga(project, entry, templates)
    properties = Properties(
        title=document.title,
        subject=f"{agenda.raad} {agenda.datum.isoformat()}",
        created=dt.datetime.combine(agenda.datum, dt.time()),
    )
    return [Output(folder / GA_NAME, write_docx(document, reference, properties))]


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise fail(Location(str(path)), f"cannot write: {error.strerror}") from None


SOURCE_FOLDERS = ("positions", "agendas", "templates")


def _refuse_source_folder(root: Path, folder: Path) -> None:
    """Output never goes into the drafters' own folders."""
    target = folder.resolve()
    for name in SOURCE_FOLDERS:
        source = (root / name).resolve()
        if target == source or source in target.parents:
            raise fail(Location(str(folder)), f"will not write output inside {name}/; choose another folder")
