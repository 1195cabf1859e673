"""Write absorb's changes into the YAML files, every other byte of them as it was.

Each file is read once; its changes are settled against what it holds now (see
:mod:`.merge`), made through :mod:`briefgen.data.editing`, and the file is validated
before anything is written. A footnote the document no longer uses is removed only when
nothing in its file (or, for a shared footnote, in any file) refers to it any more.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data import editing
from ..data.agenda import Agenda
from ..data.confine import confined
from ..data.dossier import Dossier
from ..data.fields import Base
from ..data.files import MAX_FILE_BYTES, decode, read_bytes, read_text, refuse_oversized
from ..data.footnotes import SharedNotes
from ..data.limits import value_problem
from ..data.load import Loaded, load_text
from ..data.project import SHARED_NOTES
from ..data.validation import validate
from ..errors import Location, Problem, UserError, _, fail
from ..output import history, journal
from ..output.outputs import Output, write_all
from .edits import Edit
from .merge import settle
from .report import Report, show

_MODELS: dict[str, type[Base]] = {"agendas": Agenda, "positions": Dossier}


@dataclass
class _File:
    raw: bytes
    text: str
    new_text: str
    current: Loaded


def write(
    root: Path, report: Report, dry_run: bool, display: str | None = None, agendas: tuple[str, ...] = ()
) -> None:
    """Make ``report.changes`` in their files (unless ``dry_run``); keep in the report those made.

    A file that would grow past what render reads is refused before any file is edited
    (the edits of megabytes take long), and again once edited, before any is written;
    the message names the document (``display``), the value and the file. With ``agendas``
    (those of the builds the documents came from) every file changes in one step, through
    the journal of ``absorb`` (:mod:`briefgen.output.journal`).
    """
    by_file: dict[str, list[Edit]] = {}
    for change in report.changes:
        by_file.setdefault(change.bestand, []).append(change)
    document = display or report.document
    raws = {
        bestand: read_bytes(confined(root, bestand, Location(bestand)), bestand)
        for bestand in sorted(by_file)
    }
    for bestand, changes in sorted(by_file.items()):
        _refuse_growth(document, bestand, len(raws[bestand]), changes)
        for change in changes:
            _refuse_unreadable(document, bestand, change)
    kept: list[Edit] = []
    files: dict[str, _File] = {}
    absorbed = history.read_absorbed(root)
    for bestand, changes in sorted(by_file.items()):
        raw = raws[bestand]
        text = decode(raw, bestand)
        current = load_text(text, bestand)
        new_text = text
        for change in settle(changes, current, report.conflicts, report.disputes, absorbed):
            new_text = _apply(new_text, change)
            kept.append(change)
        files[bestand] = _File(raw, text, new_text, current)
    outputs: list[Output] = []
    befores: list[bytes] = []
    diffs: list[str] = []
    removed: list[Edit] = []
    for bestand, file in files.items():
        new_text = _unreferenced(file.new_text, bestand, kept, _elsewhere(root, bestand, files), removed)
        if new_text == file.text:
            continue
        try:
            loaded = load_text(new_text, bestand)
            validated, problems = validate(_model(bestand), loaded)
        except UserError as error:
            validated, problems = None, error.problems
        if validated is None:
            raise UserError([_left_by_answer(document, problem) for problem in problems])
        shown = [c for c in kept if c.bestand == bestand and (not c.removes_note or c in removed)]
        encoded = editing.encoded_like(new_text, file.raw)
        _refuse_growth(document, bestand, len(encoded), [])
        diffs.append(show(bestand, file.current.data, loaded.data, shown))
        outputs.append(Output(root / bestand, encoded))
        befores.append(file.raw)
    report.changes = [c for c in kept if not c.removes_note or c in removed]
    report.diff = "\n".join(diffs)
    if not dry_run:
        if agendas and outputs:
            written = [journal.FileChange(o.path, b, o.data) for o, b in zip(outputs, befores, strict=True)]
            journal.write_sources(root, "absorb", agendas, written, document)
        else:
            write_all(outputs)
        report.written = [o.path for o in outputs]
        history.record_absorbed(
            root,
            {
                history.value_key(c.bestand, c.place): history.Absorbed(
                    history.value_hash(c.new), c.origin, c.editors
                )
                for c in report.changes
                if c.origin and c.new is not None
            },
        )


def _refuse_growth(document: str, bestand: str, size: int, changes: list[Edit]) -> None:
    """Refuse a YAML file of ``size`` bytes once ``changes`` are made (a lower bound of its
    size: each value's text less the text it replaces) that render would not read."""
    growth = [(_size(c.new) - _size(c.base), c) for c in changes]
    total = size + sum(g for g, _ in growth)
    if total <= MAX_FILE_BYTES:
        return
    what = _("the edits")
    if growth:
        what = _("the edits (the largest: {place})", place=max(growth, key=lambda g: g[0])[1].place)
    refuse_oversized(total, Location.file(document), what, bestand)


def _refuse_unreadable(document: str, bestand: str, change: Edit) -> None:
    """Refuse a new value that would make render refuse the file, with its place."""
    for text in _texts(change.new):
        problem = value_problem(text)
        if problem:
            raise fail(
                Location.file(document),
                _("{place} (for {bestand}): {problem}", place=change.place, bestand=bestand, problem=problem),
            )


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _size(value: Any) -> int:
    """Bytes of a value's text in a YAML file, at least."""
    if value is None:
        return 0
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    return len(str(value))


def _model(bestand: str) -> type[Base]:
    if Path(bestand).name == SHARED_NOTES:
        return SharedNotes
    return _MODELS.get(Path(bestand).parts[0], Dossier)


def _left_by_answer(document: str, problem: Problem) -> Problem:
    """A problem of a file as the answer would leave it, named by the answer: the file on
    disk has none (a colleague emptied an outcome, say), so its place alone would mislead."""
    return Problem(
        Location.file(document),
        _(
            "taking this answer in would leave {place}: {message}",
            place=str(problem.location),
            message=problem.message,
        ),
    )


def _elsewhere(root: Path, bestand: str, files: dict[str, _File]) -> str:
    """What the other files say once written: only a shared footnote is used from elsewhere."""
    if Path(bestand).name != SHARED_NOTES:
        return ""
    out = []
    for folder in ("positions", "agendas"):
        for path in sorted((root / folder).glob("*.yaml")):
            name = f"{folder}/{path.name}"
            if name != bestand:
                out.append(files[name].new_text if name in files else read_text(path, name))
    return "\n".join(out)


def _apply(text: str, change: Edit) -> str:
    if change.add:
        return editing.add_key(
            text, change.pad[:-1], str(change.pad[-1]), change.new, create_before="standpunten"
        )
    if change.new is None:
        if change.pad[0] == "voetnoten":
            return text
        return editing.delete_key(text, change.pad)
    if isinstance(change.new, dict) and isinstance(change.base, dict):
        old, new = change.base.get("kamerstuk", {}), change.new.get("kamerstuk", {})
        if set(old) != set(new):
            return editing.replace_value(text, (*change.pad, "kamerstuk"), new)
        for inner, value in new.items():
            if old[inner] != value:
                text = editing.replace_value(text, (*change.pad, "kamerstuk", inner), value)
        return text
    return editing.replace_value(text, change.pad, change.new)


def _unreferenced(text: str, bestand: str, changes: list[Edit], elsewhere: str, removed: list[Edit]) -> str:
    """Remove the footnotes the document deleted, where nothing in the file (or, for a shared
    footnote, in any file) still uses them."""
    for change in changes:
        if change.removes_note and change.bestand == bestand:
            note_key = str(change.pad[-1])
            body = editing.delete_key(text, change.pad, emptied=True)
            if f"[^{note_key}]" not in body + elsewhere:
                text = body
                removed.append(change)
    return text
