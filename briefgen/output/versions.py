"""What ``briefgen diff`` compares: a dossier's positions at two Councils, the positions
of every dossier two agendas share, or a position against a git revision; each parsed
section by section as the documents show it, with the Councils as the templates name
them."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..changes.sections import PositionDiff, Version, compare
from ..compose.notes import Notes
from ..compose.templates import Templates
from ..data.agenda import date_in_id
from ..data.dossier import Dossier, Standpunt
from ..data.footnotes import Voetnoot
from ..data.load import load_text
from ..data.project import Entry, Project
from ..data.references import open_agenda
from ..data.validation import validate
from ..document import markdown
from ..document.blocks import Document, Revision
from ..errors import Location, UserError, _, did_you_mean, fail
from .history import GIT
from .resources import Resources


@dataclass
class Comparison:
    """What ``briefgen diff`` compared and found: per dossier its diff, and for two agendas
    the dossiers only one of them has (id and title). ``templates`` are the newer
    Council's; ``van`` and ``naar`` describe the two Councils to them."""

    templates: Templates
    revision: Revision
    van: dict[str, Any]
    naar: dict[str, Any]
    diffs: list[tuple[Dossier, PositionDiff]]
    raad: str | None = None
    added: dict[str, str] = field(default_factory=dict)
    dropped: dict[str, str] = field(default_factory=dict)

    @property
    def agendas(self) -> bool:
        """Whether two agendas were compared, rather than one dossier's versions."""
        return self.raad is not None


def between_councils(root: Path, dossier_id: str, old: str, new: str) -> Comparison:
    project = Project(root)
    entry = open_dossier(project, dossier_id)
    before = position(project, entry, old, _templates(project, old))
    templates = _templates(project, new)
    diff = compare(before, position(project, entry, new, templates))
    return Comparison(
        templates,
        revision_for(project, new),
        council(project, old),
        council(project, new),
        [(entry.model, diff)],
    )


def between_agendas(root: Path, old_path: Path, new_path: Path) -> Comparison:
    project, old = open_agenda(root, old_path)
    new = open_agenda(root, new_path)[1]
    old_ids = [p.dossier for p in old.model.punten if p.dossier]
    new_ids = [p.dossier for p in new.model.punten if p.dossier]
    resources = Resources(root)
    old_templates = resources.templates(old.model.template_set())
    templates = resources.templates(new.model.template_set())
    diffs = []
    for dossier_id in [d for d in new_ids if d in old_ids]:
        entry = project.dossiers[dossier_id]
        before = position(project, entry, old.model.id, old_templates)
        after = position(project, entry, new.model.id, templates)
        diffs.append((entry.model, compare(before, after)))

    def titles(ids: list[str]) -> dict[str, str]:
        return {d: project.dossiers[d].model.titel if d in project.dossiers else d for d in ids}

    return Comparison(
        templates,
        revision_for(project, new.model.id),
        council(project, old.model.id),
        council(project, new.model.id),
        diffs,
        raad=new.model.raad,
        added=titles([d for d in new_ids if d not in old_ids]),
        dropped=titles([d for d in old_ids if d not in new_ids]),
    )


def since_revision(root: Path, dossier_id: str, revision: str, raad: str | None) -> Comparison:
    """The dossier now against the same file in git revision ``revision``."""
    project = Project(root)
    entry = open_dossier(project, dossier_id)
    raad = raad or entry.model.standpunten[-1].raad
    templates = _templates(project, raad)
    before = position_at(project, dossier_id, revision, raad, templates)
    after = position(project, entry, raad, templates)
    return Comparison(
        templates,
        revision_for(project, raad),
        {**council(project, raad), "versie": revision},
        council(project, raad),
        [(entry.model, compare(before, after))],
    )


def _templates(project: Project, raad: str) -> Templates:
    """The templates of the formation of Council ``raad``; the shared ones without an agenda file."""
    entry = project.agenda_by_id(raad)
    return Resources(project.root).templates(entry.model.template_set() if entry else "")


def open_dossier(project: Project, dossier_id: str) -> Entry[Dossier]:
    """A dossier by id, or a one-line error naming the dossiers that exist."""
    known = project.dossier_ids()
    entry = project.dossier(dossier_id) if dossier_id in known else None
    project.raise_errors()
    if entry is None:
        hint = did_you_mean(dossier_id, known)
        raise fail(
            Location(f"positions/{dossier_id}.yaml"),
            _(
                "unknown dossier '{dossier_id}'{hint}; known: {known}",
                dossier_id=dossier_id,
                hint=hint,
                known=", ".join(known),
            ),
        )
    return entry


def position(project: Project, dossier: Entry[Dossier], raad: str, templates: Templates) -> Version:
    """The position of ``dossier`` at Council ``raad``, parsed."""
    model = dossier.model
    index = model.standpunt_index(raad)
    if index is None:
        known = ", ".join(s.raad for s in model.standpunten)
        raise fail(
            Location(dossier.source.path),
            _(
                "dossier '{id}' has no position for '{raad}'; it has: {known}",
                id=model.id,
                raad=raad,
                known=known,
            ),
        )
    return parse_position(model.standpunten[index], model, project.shared_notes(), templates)


def parse_position(
    standpunt: Standpunt, dossier: Dossier, shared: dict[str, Voetnoot], templates: Templates
) -> Version:
    """Each text of a position as a block document, with the footnotes it references."""
    sections: dict[str, Document] = {}
    for name, text in standpunt.texts().items():
        scope = Notes(templates, shared, {})
        scoped = scope.scoped(text, f"d:{dossier.id}", dossier.voetnoten) or ""
        sections[name] = markdown.parse(scoped + "\n\n" + scope.markdown() + "\n")
    return Version.of(standpunt.raad, sections)


def position_at(project: Project, dossier_id: str, revision: str, raad: str, templates: Templates) -> Version:
    """The position for ``raad`` in the dossier file of git revision ``revision``."""
    dossier = _dossier_at(project.root, revision, dossier_id)
    index = dossier.standpunt_index(raad)
    if index is None:
        known = ", ".join(s.raad for s in dossier.standpunten)
        raise fail(
            Location(f"{revision}:positions/{dossier_id}.yaml"),
            _(
                "no position for '{raad}' in {revision}; it has: {known}",
                raad=raad,
                revision=revision,
                known=known,
            ),
        )
    version = parse_position(dossier.standpunten[index], dossier, project.shared_notes(), templates)
    version.raad = f"{raad}@{revision}"
    return version


def council(project: Project, raad: str) -> dict[str, Any]:
    """A Council for the templates: its id, and its name and date when an agenda file has them."""
    entry = project.agenda_by_id(raad)
    return {
        "id": raad,
        "raad": entry.model.raad if entry else None,
        "datum": entry.model.datum if entry else None,
        "versie": None,
    }


def revision_for(project: Project, raad: str) -> Revision:
    """Tracked changes are dated with the newer Council's date, from its agenda or its id."""
    entry = project.agenda_by_id(raad)
    day = entry.model.datum if entry else date_in_id(raad)
    return Revision("briefgen", f"{day.isoformat()}T00:00:00Z" if day else "")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run([*GIT, "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        raise fail(Location(str(root)), _("--since needs git, which is not installed")) from None


def _dossier_at(root: Path, revision: str, dossier_id: str) -> Dossier:
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise fail(
            Location(str(root)),
            _("--since needs a git repository, and this project folder is not inside one"),
        )
    if _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise fail(Location(str(root)), _("unknown git revision '{revision}'", revision=revision))
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    shown = _git(root, "show", f"{revision}:{prefix}positions/{dossier_id}.yaml")
    display = f"{revision}:positions/{dossier_id}.yaml"
    if shown.returncode != 0:
        raise fail(
            Location(display),
            _(
                "positions/{dossier_id}.yaml does not exist in revision '{revision}'",
                dossier_id=dossier_id,
                revision=revision,
            ),
        )
    model, problems = validate(Dossier, load_text(shown.stdout, display))
    if model is None:
        raise UserError(problems)
    return model
