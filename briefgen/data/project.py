"""A briefgen project folder: its positions/ and agendas/ files, each read and validated once."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar, cast

from ..errors import Location, Problem, UserError, _, fail
from . import digests
from .agenda import Agenda
from .confine import folder_linked_out
from .confine import shown as shown_text
from .dossier import Dossier
from .fields import Base
from .files import decode, read_file
from .footnotes import SharedNotes, Voetnoot, note_refs, without_dossier
from .load import Source, load_text
from .validation import validate

SHARED_NOTES = "_voetnoten.yaml"
MAX_INPUT_BYTES = 16 * 2**20
"""YAML read in all for one agenda (a render: the agenda, its positions and the shared
footnotes); a GA of twenty items reads some hundreds of KiB. Memory grows some ten times
the YAML read, so the budget keeps a render within a few hundred MiB. ``check`` of a whole
project has no such budget: each file is bounded on its own."""
SOURCE_FOLDERS = ("positions", "agendas", "templates")
"""The drafters' own folders: read by briefgen, never written by a render."""

M = TypeVar("M", bound=Base)


def positions_dir(root: Path) -> Path:
    """The folder of the position files of the project at ``root``."""
    return root / "positions"


def agendas_dir(root: Path) -> Path:
    """The folder of the agendas of the project at ``root``."""
    return root / "agendas"


def agenda_file(root: Path, agenda_id: str) -> Path:
    return agendas_dir(root) / f"{agenda_id}.yaml"


def display_path(root: Path, path: Path) -> str:
    """``path`` as the user sees it: relative to the project when its folder is inside it
    (the folders' links followed, not a link the file itself is: a link is named by its own
    name, never by its target), as given when it is outside or cannot be followed."""
    try:
        return str(_real_name(path).relative_to(root.resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def _real_name(path: Path) -> Path:
    """``path`` with the links of its folders followed, not its own."""
    if path.name in ("", ".", ".."):
        return path.resolve()
    return path.parent.resolve() / path.name


@dataclass
class Entry(Generic[M]):
    """A validated model and the file it came from."""

    model: M
    source: Source


@dataclass
class Project:
    """One command's view of a project folder: its files loaded and checked once each, and
    the problems found so far."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    dossiers: dict[str, Entry[Dossier]] = field(default_factory=dict)
    agendas: dict[str, Entry[Agenda]] = field(default_factory=dict)
    shared: Entry[SharedNotes] | None = None
    loaded_shared: bool = False
    notes_checked: set[str] = field(default_factory=set)
    files_read: set[str] = field(default_factory=set)
    bytes_read: int = 0
    budget: int | None = None
    """Bytes of YAML this command may read in all, once :meth:`reserve` set it."""
    _folders: dict[Path, Path] = field(default_factory=dict, repr=False, compare=False)
    """Folders as :meth:`display` resolved them (links followed), each once."""
    _shown: dict[Path, str] = field(default_factory=dict, repr=False, compare=False)
    """Paths as :meth:`display` showed them."""
    _outside: dict[Path, bool] = field(default_factory=dict, repr=False, compare=False)
    """Whether each resolved folder lies outside the project, asked once per folder."""

    def raise_errors(self) -> None:
        """Raise every problem found so far when at least one is an error."""
        if any(not p.warning for p in self.problems):
            raise UserError(sorted(set(self.problems), key=lambda p: (p.location, p.message)))

    @cached_property
    def positions(self) -> Path:
        """``positions/`` of the project, made once (a check asks it for every file)."""
        return positions_dir(self.root)

    @property
    def agenda_dir(self) -> Path:
        return agendas_dir(self.root)

    def display(self, path: Path) -> str:
        """``path`` as messages and ``Source.path`` name it: relative to the project's folder
        when inside it (links followed); worked out once per path and command."""
        shown = self._shown.get(path)
        if shown is None:
            shown = self._shown[path] = self._display(path)
        return shown

    def _display(self, path: Path) -> str:
        root, name = self._folder(self.root), path.name
        target = self._real(path) if name in ("", ".", "..") else None
        if target is None:
            # A file: its folder's real path and its name joined as text (joining them as a
            # path and turning it back into text took about 15 µs a file).
            folder = str(self._folder(path.parent))
            text = folder + name if folder.endswith(os.sep) else folder + os.sep + name
        else:
            text = str(target)
        top = str(root)
        prefix = top if top.endswith(os.sep) else top + os.sep
        if text.startswith(prefix) and len(text) > len(prefix):  # the usual case, without pathlib
            return text[len(prefix) :]
        try:
            return str((target or self._real(path)).relative_to(root))
        except ValueError:
            return str(path)

    def _real(self, path: Path) -> Path:
        """``path`` with the links of its folders followed, each folder resolved once per
        command; a link that is the file itself is named by its own name, never its target."""
        if path.name in ("", ".", ".."):
            return path.resolve() if path.exists() else path.parent.resolve() / path.name
        return self._folder(path.parent) / path.name

    def _folder(self, folder: Path) -> Path:
        known = self._folders.get(folder)
        if known is None:
            known = self._folders[folder] = folder.resolve()
        return known

    def reserve(self, paths: list[Path], where: Location, what: str) -> None:
        """Refuse, before any of them is read, files that would take this command past the
        input budget of one agenda, which holds from here on; ``what`` names them."""
        self.budget = MAX_INPUT_BYTES
        total = self.bytes_read + sum(file_size(path) for path in set(paths))
        if total > self.budget:
            raise fail(
                where,
                _(
                    "{what} hold {total:,.1f} MiB of YAML together, more than the {budget} MiB read for one agenda; split the agenda or shorten the texts",
                    what=what,
                    total=total / 2**20,
                    budget=self.budget // 2**20,
                ),
            )

    def _read(self, model: type[M], path: Path) -> Entry[M] | None:
        shown = self.display(path)
        self.files_read.add(shown)
        problem = self._linked_out(path)
        if problem is not None:
            self.problems.append(problem)
            return None
        try:  # one status for the budget, the digest known and the read (each took its own)
            status: os.stat_result | None = os.stat(path)
        except (OSError, ValueError):
            status = None
        self.bytes_read += 0 if status is None else status.st_size
        if self.budget is not None and self.bytes_read > self.budget:
            raise fail(
                Location.file(shown),
                _(
                    "with this file {bytes_read:,.1f} MiB of YAML are read, more than the {budget} MiB read for one agenda; split the agenda or shorten the texts",
                    bytes_read=self.bytes_read / 2**20,
                    budget=self.budget // 2**20,
                ),
            )
        try:
            digest = None if status is None else digests.known(path, status)  # read before, unchanged
            known = None if digest is None else _READ.get((shown, model.__name__, digest))
            if known is None:
                started = digests.now()
                # read where it is now, not where it was checked: a link changed since is refused
                raw, info = read_file(path, shown, inside=str(self._folder(self.root)), status=status)
                digest = hashlib.sha256(raw).digest()
                digests.remember(path, info, started, digest)
                key = (shown, model.__name__, digest)
                known = _READ.get(key)
                if known is None:
                    loaded = load_text(decode(raw, shown), shown, digest.hex())
                    checked, found = validate(model, loaded)
                    known = _remember(key, (loaded.source, checked, tuple(found)))
        except UserError as error:
            self.problems.extend(error.problems)
            return None
        except OSError as error:
            self.problems.append(
                Problem(Source(shown, "").at(1, 1), _("cannot read: {strerror}", strerror=error.strerror))
            )
            return None
        source, value, problems = known
        self.problems.extend(problems)
        if value is None:
            return None
        self._check_id(cast(Base, value), path, source)
        return Entry(cast(M, value), source)

    def _linked_out(self, path: Path) -> Problem | None:
        """The refusal of a file whose folder leads out of the project; a file that is itself
        such a link is refused by the read (``read_file``'s ``inside``), with its target."""
        folder = self._folder(path.parent)
        outside = self._outside.get(folder)
        if outside is None:
            outside = self._outside[folder] = folder_linked_out(folder, self._folder(self.root))
        if outside:
            try:
                name = path.parent.relative_to(self.root).as_posix()
            except ValueError:
                name = str(path.parent)
            return Problem(
                Location.file(f"{name}/"),
                _(
                    "is a link to '{target}', outside this project; briefgen reads nothing through it: make it a folder of the project",
                    target=shown_text(str(folder)),
                ),
            )
        return None

    def _check_id(self, value: Base, path: Path, source: Source) -> None:
        declared = getattr(value, "id", None)
        if declared is not None and declared != path.stem:
            self.problems.append(
                Problem(
                    source.where(("id",)),
                    _(
                        "id '{declared}' differs from the file name; name the file {declared}.yaml or set id: {stem}",
                        declared=declared,
                        stem=path.stem,
                    ),
                )
            )

    def dossier_ids(self) -> list[str]:
        if not self.positions.is_dir():
            return []
        return sorted(p.stem for p in self.positions.glob("*.yaml") if not p.name.startswith("_"))

    def dossier(self, dossier_id: str, path: Path | None = None) -> Entry[Dossier] | None:
        """The dossier of ``positions/<dossier_id>.yaml`` (``path``, when the caller has it),
        when there is one and it is valid."""
        if dossier_id not in self.dossiers:
            path = path or self.positions / f"{dossier_id}.yaml"
            if not os.path.lexists(path) or self.display(path) in self.files_read:
                return None
            entry = self._read(Dossier, path)
            if entry is None:
                return None
            self.dossiers[dossier_id] = entry
        return self.dossiers[dossier_id]

    def shared_notes(self) -> dict[str, Voetnoot]:
        if not self.loaded_shared:
            self.loaded_shared = True
            path = self.positions / SHARED_NOTES
            if os.path.lexists(path):
                self.shared = self._read(SharedNotes, path)
                if self.shared is not None:
                    refuse_nested_notes(self, self.shared.source, self.shared.model.voetnoten)
                    why = _("the shared footnotes serve the Councils of every formation")
                    for key, message in without_dossier(self.shared.model.voetnoten, None, why):
                        where = self.shared.source.where(("voetnoten", key, "kamerstuk"), key=True)
                        self.problems.append(Problem(where, message))
        return self.shared.model.voetnoten if self.shared else {}

    def agenda_by_id(self, agenda_id: str) -> Entry[Agenda] | None:
        """The agenda ``agendas/<agenda_id>.yaml``, when there is one and it is valid."""
        if agenda_id not in self.agendas:
            path = agenda_file(self.root, agenda_id)
            if os.path.lexists(path) and self.display(path) not in self.files_read:
                self.agenda(path)
        return self.agendas.get(agenda_id)

    def agenda(self, path: Path) -> Entry[Agenda] | None:
        entry = self._read(Agenda, path)
        if entry is not None:
            self.agendas[entry.model.id] = entry
        return entry


def file_size(path: Path) -> int:
    """A file's size as its status gives it; 0 where it has none (reading it will say why)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def refuse_nested_notes(project: Project, source: Source, notes: dict[str, Voetnoot]) -> None:
    """Word has no footnotes inside footnotes: a ``[^key]`` in a footnote's text is an error."""
    for key, note in notes.items():
        if isinstance(note, str):
            for ref in note_refs(note):
                project.problems.append(
                    Problem(
                        source.find(f"[^{ref}]", ("voetnoten", key)),
                        _(
                            "a footnote cannot have a footnote of its own ([^{ref}]); write what it says into the text",
                            ref=ref,
                        ),
                    )
                )


_READ: dict[tuple[str, str, bytes], tuple[Source, object, tuple[Problem, ...]]] = {}
"""Files read and validated in this process, by name, model and content hash: a long-running
process (``--watch``, a batch, ``status`` that composes after its check) reads an unchanged
file once. Validated models are frozen; at most READ_KEPT entries are kept."""
READ_KEPT = 512


def _remember(
    key: tuple[str, str, bytes], value: tuple[Source, object, tuple[Problem, ...]]
) -> tuple[Source, object, tuple[Problem, ...]]:
    if len(_READ) >= READ_KEPT:
        del _READ[next(iter(_READ))]
    _READ[key] = value
    return value
