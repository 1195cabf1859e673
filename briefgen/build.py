"""Turn an agenda into its output folder: compose every document, then write them all.

Nothing is written until every document has been composed, and each file is written
to a temporary name in the same folder and renamed into place, so a failed render
leaves the previous build as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .blocks import Document
from .compose import GA, Kind, Templates, compose, kinds_for, portefeuilles, slug
from .errors import Location, Problem, fail
from .model import Agenda
from .project import Entry, open_agenda
from .write import Properties, Reference, write_docx

GA_NAME = "geannoteerde-agenda.docx"


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes


@dataclass
class Package:
    """What a render produces: the files, and notices about documents left out."""

    outputs: list[Output]
    notices: list[Problem]


def render(
    root: Path, agenda_path: Path, out_dir: Path | None = None, arcering: Sequence[str] = ()
) -> Package:
    """Render one agenda's package; every file is composed before any is written."""
    package = compose_package(root, agenda_path, out_dir, arcering)
    for output in package.outputs:
        write_atomically(output.path, output.data)
    return package


def compose_package(
    root: Path, agenda_path: Path, out_dir: Path | None = None, arcering: Sequence[str] = ()
) -> Package:
    project, entry = open_agenda(root, agenda_path)
    agenda = entry.model
    templates = Templates(root / "templates", agenda.raad)
    reference = Reference(root / "templates" / "reference.docx", "templates/reference.docx")
    folder = out_dir if out_dir is not None else root / "build" / agenda.id
    _refuse_source_folder(root, folder)
    known = portefeuilles(project, agenda)
    for name in arcering:
        if not any(name.casefold() == k.casefold() for k in known):
            raise fail(
                entry.source.where(("punten",), key=True),
                f"no item on this agenda belongs to portfolio '{name}'; "
                f"portfolios here: {', '.join(known) or 'none'}",
            )
    outputs = []
    for kind in kinds_for(agenda):
        document = compose(project, entry, templates, kind)
        outputs.append(
            Output(
                folder / f"{kind.stem}.docx",
                write_docx(document, reference, _properties(agenda, kind, document)),
            )
        )
    for name in arcering:
        document = compose(project, entry, templates, GA, arcering=name)
        path = folder / f"{GA.stem}.arcering-{slug(name)}.docx"
        outputs.append(Output(path, write_docx(document, reference, _properties(agenda, GA, document))))
    return Package(outputs, _notices(entry))


def _properties(agenda: Agenda, kind: Kind, document: Document) -> Properties:
    """Document dates from the data: the nota's own date, else the letter's, else the Council's."""
    if kind.needs == "nota" and agenda.nota:
        day = agenda.nota.datum
    elif agenda.brief:
        day = agenda.brief.datum
    else:
        day = agenda.datum
    return Properties(
        title=document.title,
        subject=f"{agenda.raad} {agenda.datum.isoformat()}",
        created=dt.datetime.combine(day, dt.time()),
    )


def _notices(entry: Entry[Agenda]) -> list[Problem]:
    missing = {"brief": "the Kamerbrieven", "nota": "the nota"}
    return [
        Problem(entry.source.where(()), f"no '{key}' section: {what} not written", warning=True)
        for key, what in missing.items()
        if getattr(entry.model, key) is None
    ]


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
