"""A briefgen project folder: positions/, agendas/ and the cross-references between them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from ..errors import Problem, UserError, did_you_mean, fail
from .agenda import Agenda
from .dossier import Dossier
from .fields import Base
from .footnotes import SharedNotes, Voetnoot, note_refs
from .load import DataPath, Source, load_yaml
from .validation import validate

SHARED_NOTES = "_voetnoten.yaml"
SOURCE_FOLDERS = ("positions", "agendas", "templates")
"""The drafters' own folders: read by briefgen, never written by a render."""

M = TypeVar("M", bound=Base)


@dataclass
class Entry(Generic[M]):
    """A validated model and the file it came from."""

    model: M
    source: Source


@dataclass
class Project:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    dossiers: dict[str, Entry[Dossier]] = field(default_factory=dict)
    agendas: dict[str, Entry[Agenda]] = field(default_factory=dict)
    shared: Entry[SharedNotes] | None = None
    loaded_shared: bool = False
    notes_checked: set[str] = field(default_factory=set)
    files_read: set[str] = field(default_factory=set)

    def raise_errors(self) -> None:
        """Raise every problem found so far when at least one is an error."""
        if any(not p.warning for p in self.problems):
            raise UserError(sorted(set(self.problems), key=lambda p: (p.location, p.message)))

    @property
    def positions(self) -> Path:
        return self.root / "positions"

    @property
    def agenda_dir(self) -> Path:
        return self.root / "agendas"

    def display(self, path: Path) -> str:
        target = path.resolve() if path.exists() else path.parent.resolve() / path.name
        try:
            return str(target.relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def _read(self, model: type[M], path: Path) -> Entry[M] | None:
        shown = self.display(path)
        self.files_read.add(shown)
        try:
            loaded = load_yaml(path, shown)
        except UserError as error:
            self.problems.extend(error.problems)
            return None
        except OSError as error:
            self.problems.append(Problem(Source(shown, "").at(1, 1), f"cannot read: {error.strerror}"))
            return None
        value, problems = validate(model, loaded)
        self.problems.extend(problems)
        if value is None:
            return None
        self._check_id(value, path, loaded.source)
        return Entry(value, loaded.source)

    def _check_id(self, value: Base, path: Path, source: Source) -> None:
        declared = getattr(value, "id", None)
        if declared is not None and declared != path.stem:
            self.problems.append(
                Problem(
                    source.where(("id",)),
                    f"id '{declared}' differs from the file name; name the file {declared}.yaml "
                    f"or set id: {path.stem}",
                )
            )

    def dossier_ids(self) -> list[str]:
        if not self.positions.is_dir():
            return []
        return sorted(p.stem for p in self.positions.glob("*.yaml") if not p.name.startswith("_"))

    def dossier(self, dossier_id: str) -> Entry[Dossier] | None:
        if dossier_id not in self.dossiers:
            path = self.positions / f"{dossier_id}.yaml"
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
                    _refuse_nested_notes(self, self.shared.source, self.shared.model.voetnoten)
        return self.shared.model.voetnoten if self.shared else {}

    def agenda_by_id(self, agenda_id: str) -> Entry[Agenda] | None:
        """The agenda ``agendas/<agenda_id>.yaml``, when there is one and it is valid."""
        if agenda_id not in self.agendas:
            path = self.agenda_dir / f"{agenda_id}.yaml"
            if os.path.lexists(path) and self.display(path) not in self.files_read:
                self.agenda(path)
        return self.agendas.get(agenda_id)

    def agenda(self, path: Path) -> Entry[Agenda] | None:
        entry = self._read(Agenda, path)
        if entry is not None:
            self.agendas[entry.model.id] = entry
        return entry


def open_agenda(root: Path, agenda_path: Path) -> tuple[Project, Entry[Agenda]]:
    """Load one agenda and everything it refers to; raise UserError on any problem."""
    project = Project(root)
    if not os.path.lexists(agenda_path):
        raise fail(Source(project.display(agenda_path), "").at(1, 1), "no such agenda file")
    entry = project.agenda(agenda_path)
    if entry is not None:
        check_agenda(project, entry)
    project.raise_errors()
    assert entry is not None
    return project, entry


def check_paths(root: Path, paths: Iterable[Path] = ()) -> Project:
    """Validate the named files, or all of positions/ and agendas/; collect every problem."""
    project = Project(root)
    paths = list(paths)
    if not paths:
        paths = [project.positions, project.agenda_dir]
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.name.endswith(".yaml"):
            files.extend(sorted(path.glob("*.yaml")))
        elif os.path.lexists(path):
            files.append(path)
        else:
            project.problems.append(
                Problem(Source(project.display(path), "").at(1, 1), "no such file or folder")
            )
    for path in files:
        if path.name == SHARED_NOTES:
            project.shared_notes()
        elif path.parent.name == "agendas":
            project.agenda(path)
        else:
            in_project = path.parent == project.positions
            dossier = project.dossier(path.stem) if in_project else project._read(Dossier, path)
            if dossier is not None:
                check_dossier_notes(project, dossier)
    for agenda in list(project.agendas.values()):
        check_agenda(project, agenda)
    return project


def check_agenda(project: Project, entry: Entry[Agenda]) -> None:
    agenda, source = entry.model, entry.source
    known = project.dossier_ids()
    first_item: dict[str, int] = {}
    _check_meeting(project, entry)
    for index, punt in enumerate(agenda.punten):
        if punt.dossier is None:
            if punt.kop is None:
                project.problems.append(
                    Problem(
                        source.where(("punten", index)),
                        "an item needs a 'dossier', or a 'kop' (and 'tekst') of its own",
                    )
                )
            continue
        where = source.where(("punten", index, "dossier"))
        if punt.dossier in first_item:
            project.problems.append(
                Problem(
                    where,
                    f"dossier '{punt.dossier}' is on this agenda twice (also item {first_item[punt.dossier] + 1})",
                    warning=True,
                )
            )
        first_item.setdefault(punt.dossier, index)
        dossier = project.dossier(punt.dossier)
        if dossier is None:
            if punt.dossier not in known:
                hint = did_you_mean(punt.dossier, known) or (
                    f"; known dossiers: {', '.join(known)}" if known else ""
                )
                project.problems.append(Problem(where, f"unknown dossier '{punt.dossier}'{hint}"))
            continue
        check_dossier_notes(project, dossier)
        try:
            position_index(entry, index, dossier)
        except UserError as error:
            project.problems.extend(error.problems)
    _check_refs(project, source, agenda.texts(), agenda.voetnoten)
    if agenda.verslag is not None:
        check_verslag(project, entry)


def position_index(entry: Entry[Agenda], item: int, dossier: Entry[Dossier]) -> int:
    """Where in ``standpunten`` the dossier of item ``item`` has its position for this agenda's
    Council; a located error when it has none (never another Council's position instead)."""
    found = dossier.model.standpunt_index(entry.model.id)
    if found is None:
        councils = ", ".join(s.raad for s in dossier.model.standpunten)
        raise fail(
            entry.source.where(("punten", item, "dossier")),
            f"dossier '{entry.model.punten[item].dossier}' has no position for {entry.model.id} "
            f"({dossier.source.path} has: {councils})",
        )
    return found


def check_verslag(project: Project, entry: Entry[Agenda]) -> None:
    """The verslag needs every item's outcome, a filled-in summary and someone to sign."""
    agenda, source = entry.model, entry.source
    verslag = agenda.verslag
    assert verslag is not None
    for index, punt in enumerate(agenda.punten):
        if punt.dossier is None:
            if punt.uitkomst is None:
                at = (
                    ("punten", index, "uitkomst")
                    if "uitkomst" in punt.model_fields_set
                    else ("punten", index)
                )
                project.problems.append(
                    Problem(
                        source.where(at, key=True),
                        f"the verslag needs this item's outcome: write 'uitkomst' ({STILL_EMPTY})",
                    )
                )
            continue
        if punt.uitkomst is not None:
            project.problems.append(
                Problem(
                    source.where(("punten", index, "uitkomst"), key=True),
                    f"the outcome of a dossier's item belongs in positions/{punt.dossier}.yaml, in its "
                    f"position for {agenda.id}, where 'briefgen diff' sees it; move it there",
                )
            )
        dossier = project.dossiers.get(punt.dossier)
        index_ = dossier.model.standpunt_index(agenda.id) if dossier else None
        if dossier is None or index_ is None:
            continue
        standpunt = dossier.model.standpunten[index_]
        if standpunt.uitkomst is None:
            at = "uitkomst" if "uitkomst" in standpunt.model_fields_set else "raad"
            project.problems.append(
                Problem(
                    dossier.source.where(("standpunten", index_, at), key=True),
                    f"the verslag of {agenda.id} needs the outcome of '{punt.dossier}': "
                    f"write 'uitkomst' in this position ({STILL_EMPTY})",
                )
            )
    if "samenvatting" in verslag.model_fields_set and verslag.samenvatting is None:
        project.problems.append(
            Problem(
                source.where(("verslag", "samenvatting"), key=True),
                "'verslag.samenvatting' is still empty; summarise the meeting or remove the key",
            )
        )
    if not (verslag.ondertekenaars or (agenda.brief and agenda.brief.ondertekenaars)):
        project.problems.append(
            Problem(
                source.where(("verslag",), key=True),
                "the verslag's letters need 'ondertekenaars', in 'verslag' or in 'brief'",
            )
        )


STILL_EMPTY = "what the Council did, in the past tense"


def _check_meeting(project: Project, entry: Entry[Agenda]) -> None:
    agenda = entry.model
    if agenda.einddatum is not None and agenda.einddatum <= agenda.datum:
        project.problems.append(
            Problem(
                entry.source.where(("einddatum",)),
                f"'einddatum' must come after 'datum' ({agenda.datum.isoformat()}): it is the meeting's last day",
            )
        )


def check_dossier_notes(project: Project, entry: Entry[Dossier]) -> None:
    """Every [^key] defined, every definition used (unused: a warning)."""
    if entry.source.path in project.notes_checked:
        return
    project.notes_checked.add(entry.source.path)
    texts = [
        (("standpunten", index, name), text)
        for index, standpunt in enumerate(entry.model.standpunten)
        for name, text in standpunt.texts().items()
    ]
    _check_refs(project, entry.source, texts, entry.model.voetnoten)


def _check_refs(
    project: Project, source: Source, texts: list[tuple[DataPath, str]], local: dict[str, Voetnoot]
) -> None:
    _refuse_nested_notes(project, source, local)
    shared = project.shared_notes()
    used: set[str] = set()
    for path, text in texts:
        for key in note_refs(text):
            used.add(key)
            if key not in local and key not in shared:
                hint = did_you_mean(key, [*local, *shared])
                project.problems.append(
                    Problem(
                        source.find(f"[^{key}]", path),
                        f"footnote [^{key}] is not defined in 'voetnoten' of this file "
                        f"or in positions/{SHARED_NOTES}{hint}",
                    )
                )
    for key in local:
        if key not in used:
            project.problems.append(
                Problem(
                    source.where(("voetnoten", key), key=True),
                    f"footnote '{key}' is never referenced as [^{key}]",
                    warning=True,
                )
            )


def _refuse_nested_notes(project: Project, source: Source, notes: dict[str, Voetnoot]) -> None:
    """Word has no footnotes inside footnotes: a ``[^key]`` in a footnote's text is an error."""
    for key, note in notes.items():
        if isinstance(note, str):
            for ref in note_refs(note):
                project.problems.append(
                    Problem(
                        source.find(f"[^{ref}]", ("voetnoten", key)),
                        f"a footnote cannot have a footnote of its own ([^{ref}]); "
                        "write what it says into the text",
                    )
                )
