"""One agenda loaded whole: the agenda, its dossiers with this Council's positions, the
footnotes and the files read, each with its hash. Compose, the manifest, the source map,
``status`` and ``check`` share it; none of them looks anything up in the project again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .agenda import Agenda
from .dossier import Dossier, Standpunt
from .footnotes import Voetnoot
from .project import SHARED_NOTES, Entry, Project
from .references import open_agenda, position_index


@dataclass(frozen=True)
class Bundle:
    """An agenda and everything its documents draw on, read and checked once."""

    entry: Entry[Agenda]
    dossiers: Mapping[str, Entry[Dossier]]
    """The dossiers on the agenda by id, in the order of its items."""
    positions: Mapping[str, int]
    """For each dossier, the index of its position for this Council in ``standpunten``."""
    shared_notes: Mapping[str, Voetnoot]
    shared_notes_file: str
    """The file the shared footnotes come from, as ``Source.path`` names it."""
    files: Mapping[str, str]
    """Each file read (as ``Source.path`` names it) and the SHA-256 of the bytes parsed."""

    @property
    def agenda(self) -> Agenda:
        return self.entry.model

    def standpunt(self, dossier_id: str) -> Standpunt:
        """This Council's position in a dossier on the agenda."""
        return self.dossiers[dossier_id].model.standpunten[self.positions[dossier_id]]


def open_bundle(root: Path, agenda_path: Path) -> Bundle:
    """Load and check one agenda and everything it refers to; raise UserError on any problem."""
    project, entry = open_agenda(root, agenda_path)
    return bundle_of(project, entry)


def bundle_of(project: Project, entry: Entry[Agenda]) -> Bundle:
    """The bundle of an agenda in ``project`` whose files were checked without error.

    A dossier without a position for this Council is refused here as in the check, so
    that no document is ever composed from another Council's position.
    """
    dossiers: dict[str, Entry[Dossier]] = {}
    positions: dict[str, int] = {}
    for index, punt in enumerate(entry.model.punten):
        if punt.dossier is None or punt.dossier in dossiers:
            continue
        dossiers[punt.dossier] = project.dossiers[punt.dossier]
        positions[punt.dossier] = position_index(entry, index, dossiers[punt.dossier])
    shared = project.shared_notes()
    read = [entry.source, *(dossier.source for dossier in dossiers.values())]
    if project.shared is not None:
        read.append(project.shared.source)
    return Bundle(
        entry,
        MappingProxyType(dossiers),
        MappingProxyType(positions),
        MappingProxyType(dict(shared)),
        project.display(project.positions / SHARED_NOTES),
        MappingProxyType({source.path: source.sha256 for source in read if source.sha256 is not None}),
    )
