"""Turn an agenda into its output folder: compose every document, then write what changed.

Nothing is written until every document has been composed. Documents whose bytes are
already in place are kept; the others are first written to temporary files in the
same folder and only then renamed into place, ``manifest.json`` last, so a render that
fails or is killed leaves the previous build as it was. When the GA's content differs
from the previous build's, ``geannoteerde-agenda.wijzigingen.docx`` shows the change
as tracked changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import markdown
from .blocks import Document, Revision
from .compose import GA, Kind, Templates, compose, kinds_for, portefeuilles, slug
from .diff import tracked
from .errors import Location, Problem, UserError, fail
from .manifest import NAME as MANIFEST
from .manifest import (
    Manifest,
    hashes,
    input_files,
    item_changes,
    item_texts,
    sha256,
    template_files,
)
from .model import Agenda
from .project import SOURCE_FOLDERS, Entry, Project, open_agenda
from .sourcemap import source_map
from .write import Properties, Reference, write_docx

GA_NAME = "geannoteerde-agenda.docx"
UPDATE_NAME = "geannoteerde-agenda.wijzigingen.docx"


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes


@dataclass
class Package:
    """Everything one render of an agenda produces, composed in memory."""

    folder: Path
    outputs: list[Output]
    documents: dict[str, Document]
    manifest: Manifest
    notices: list[Problem]
    agenda: Agenda
    reference: Reference


@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)


def render(
    root: Path, agenda_path: Path, out_dir: Path | None = None, arcering: Sequence[str] = ()
) -> Result:
    """Render one agenda's package, writing only the files whose content changed."""
    package = compose_package(root, agenda_path, out_dir, arcering)
    previous = Manifest.read(package.folder)
    outputs = list(package.outputs)
    changes: list[str] = []
    if previous is not None and previous.agenda == package.manifest.agenda:
        update = _update(package, previous)
        if update is not None:
            outputs.append(update)
            changes = item_changes(previous.punten, package.manifest.punten) or ["the GA's own text changed"]
    outputs.append(Output(package.folder / MANIFEST, package.manifest.to_bytes()))
    changed = [output for output in outputs if not _in_place(output)]
    write_all(changed)
    kept = [o.path for o in outputs if o not in changed and o.path.name != MANIFEST]
    return Result([o.path for o in changed], kept, package.notices, changes, outputs)


def templates_for(root: Path, formation: str) -> Templates:
    """One Jinja environment per project, formation and state of its template files.

    Templates compile once per process; a template added, removed or saved gives a
    fresh environment, so that a long-running process (``--watch``, the render server)
    never renders with an old one.
    """
    folder = root / "templates"
    key = (str(root.resolve()), formation)
    state = tuple(_stamp(path) for path in template_files(root, folder / slug(formation)))
    known = _TEMPLATES.get(key)
    if known is None or known[0] != state:
        known = _TEMPLATES[key] = (state, Templates(folder, formation))
    return known[1]


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (str(path), 0, -1)
    return (str(path), info.st_mtime_ns, info.st_size)


def reference_for(root: Path) -> Reference:
    """``reference.docx``, read once per process unless the file changes."""
    path = root / "templates" / "reference.docx"
    try:
        stamp = path.stat()
        key = (str(path.resolve()), stamp.st_mtime_ns, stamp.st_size)
    except OSError:
        return Reference(path, "templates/reference.docx")
    if key not in _REFERENCES:
        _REFERENCES[key] = Reference(path, "templates/reference.docx")
    return _REFERENCES[key]


_TEMPLATES: dict[tuple[str, str], tuple[tuple[tuple[str, int, int], ...], Templates]] = {}
_REFERENCES: dict[tuple[str, int, int], Reference] = {}


def render_many(
    root: Path, agendas: Sequence[Path], out_dir: Path | None, arcering: Sequence[str] = (), jobs: int = 1
) -> list[tuple[Path, Result | UserError]]:
    """Render several agendas, on ``jobs`` processes; each agenda succeeds or fails on its own.

    With several agendas, ``out_dir`` is the parent of one folder per agenda.
    """
    tasks = [(root, path, out_dir, tuple(arcering)) for path in agendas]
    if jobs <= 1 or len(tasks) < 2:
        return [(task[1], _render_one(task)) for task in tasks]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
        results = list(pool.map(_render_one, tasks, chunksize=max(1, len(tasks) // (jobs * 4))))
    return [(task[1], result) for task, result in zip(tasks, results, strict=True)]


def _render_one(task: tuple[Path, Path, Path | None, tuple[str, ...]]) -> Result | UserError:
    root, path, out_dir, arcering = task
    folder = None
    if out_dir is not None:
        folder = out_dir / path.stem
    try:
        result = render(root, path, folder, arcering)
    except UserError as error:
        return error
    result.outputs = [Output(output.path, b"") for output in result.outputs]
    return result


def compose_package(
    root: Path, agenda_path: Path, out_dir: Path | None = None, arcering: Sequence[str] = ()
) -> Package:
    project, entry = open_agenda(root, agenda_path)
    agenda = entry.model
    templates = templates_for(root, agenda.template_set())
    reference = reference_for(root)
    folder = out_dir if out_dir is not None else root / "build" / agenda.id
    _refuse_source_folder(root, folder)
    _check_portfolios(project, entry, arcering)
    outputs: list[Output] = []
    documents: dict[str, Document] = {}
    for kind, name in [(k, None) for k in kinds_for(agenda)] + [(GA, n) for n in arcering]:
        document = compose(project, entry, templates, kind, arcering=name)
        file_name = f"{kind.stem}.arcering-{slug(name)}.docx" if name else f"{kind.stem}.docx"
        documents[file_name] = document
        outputs.append(
            Output(
                folder / file_name, write_docx(document, reference, _properties(agenda, kind, document, name))
            )
        )
    inputs = hashes(root, input_files(project, template_files(root, templates.formation_folder)))
    manifest = Manifest(
        agenda=agenda.id,
        inputs=inputs,
        outputs={output.path.name: sha256(output.data) for output in outputs},
        punten=item_texts(project, agenda),
        documenten={
            name: document.source for name, document in documents.items() if ".arcering-" not in name
        },
        arcering=list(arcering),
        bronnen={
            name: source_map(project, entry, document)
            for name, document in documents.items()
            if ".arcering-" not in name
        },
    )
    return Package(folder, outputs, documents, manifest, _notices(entry), agenda, reference)


def _check_portfolios(project: Project, entry: Entry[Agenda], arcering: Sequence[str]) -> None:
    known = portefeuilles(project, entry.model)
    for name in arcering:
        if not any(name.casefold() == k.casefold() for k in known):
            raise fail(
                entry.source.where(("punten",), key=True),
                f"no item on this agenda belongs to portfolio '{name}'; "
                f"portfolios here: {', '.join(known) or 'none'}",
            )


def _update(package: Package, previous: Manifest) -> Output | None:
    """The GA with every change since the previous build as a tracked change, if it changed."""
    earlier = previous.documenten.get(GA_NAME)
    current = package.documents[GA_NAME]
    if earlier is None or earlier == current.source:
        return None
    properties = _properties(package.agenda, GA, current)
    revision = Revision("briefgen", f"{properties.created.date().isoformat()}T00:00:00Z")
    document = tracked(markdown.parse(earlier), current, revision)
    document.title = f"Wijzigingen {current.title}"
    properties = dataclasses.replace(properties, title=document.title)
    return Output(package.folder / UPDATE_NAME, write_docx(document, package.reference, properties))


def _in_place(output: Output) -> bool:
    try:
        return output.path.read_bytes() == output.data
    except OSError:
        return False


def _properties(agenda: Agenda, kind: Kind, document: Document, review: str | None = None) -> Properties:
    """Document dates from the data: the nota's own date, else the letter's, else the Council's;
    ``review`` is the portfolio of a review copy."""
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
        review=review,
    )


def _notices(entry: Entry[Agenda]) -> list[Problem]:
    missing = {"brief": "the Kamerbrieven", "nota": "the nota"}
    return [
        Problem(entry.source.where(()), f"no '{key}' section: {what} not written", warning=True)
        for key, what in missing.items()
        if getattr(entry.model, key) is None
    ]


def write_all(outputs: Sequence[Output]) -> None:
    """Stage every file as a temporary file beside its target, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for output in outputs:
            staged.append((stage(output.path, output.data), output.path))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as error:
        raise fail(Location(str(error.filename or "")), f"cannot write: {error.strerror}") from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file in ``path``'s folder and return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    write_all([Output(path, data)])


def _refuse_source_folder(root: Path, folder: Path) -> None:
    """Output never goes into the drafters' own folders."""
    target = folder.resolve()
    for name in SOURCE_FOLDERS:
        source = (root / name).resolve()
        if target == source or source in target.parents:
            raise fail(Location(str(folder)), f"will not write output inside {name}/; choose another folder")
