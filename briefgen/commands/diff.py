"""``briefgen diff``: pick the two versions to compare, compare them, hand them to a writer."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..build.resources import Resources
from ..changes.sections import (
    DossierDiff,
    compare,
    council_name,
    open_dossier,
    parse_standpunt,
    revision_for,
    to_document,
    version,
)
from ..compose.blocks import Document, Paragraph, Span
from ..data.dossier import Dossier
from ..data.load import load_text
from ..data.project import Project, open_agenda
from ..data.validation import validate
from ..errors import Location, UserError, fail
from ..word.writer import Properties, Reference, write_docx


@dataclass
class Comparison:
    diffs: list[DossierDiff]
    document: Document
    added: list[str]
    dropped: list[str]


def between_councils(root: Path, dossier_id: str, old: str, new: str) -> Comparison:
    project = Project(root)
    entry = open_dossier(project, dossier_id)
    templates = Resources(root).templates("")
    diff = compare(
        entry.model, version(project, entry, old, templates), version(project, entry, new, templates)
    )
    return _comparison(project, [diff], old, new, entry.model.titel)


def between_agendas(root: Path, old_path: Path, new_path: Path) -> Comparison:
    project, old = open_agenda(root, old_path)
    _, new = open_agenda(root, new_path)
    old_ids = [p.dossier for p in old.model.punten if p.dossier]
    new_ids = [p.dossier for p in new.model.punten if p.dossier]
    templates = Resources(root).templates("")
    diffs = []
    for dossier_id in [d for d in new_ids if d in old_ids]:
        entry = project.dossiers[dossier_id]
        before = version(project, entry, old.model.id, templates)
        after = version(project, entry, new.model.id, templates)
        diffs.append(compare(entry.model, before, after))
    comparison = _comparison(project, diffs, old.model.id, new.model.id, f"{new.model.raad}: standpunten")
    comparison.added = [d for d in new_ids if d not in old_ids]
    comparison.dropped = [d for d in old_ids if d not in new_ids]
    lines = []
    for label, ids in (
        ("Nieuw op de agenda", comparison.added),
        ("Niet meer op de agenda", comparison.dropped),
    ):
        if ids:
            titles = ", ".join(project.dossiers[d].model.titel if d in project.dossiers else d for d in ids)
            lines.append(_line(f"{label}: {titles}."))
    comparison.document.blocks[2:2] = lines
    return comparison


def since_revision(root: Path, dossier_id: str, revision: str, raad: str | None) -> Comparison:
    """The dossier now against the same file in git revision ``revision``."""
    project = Project(root)
    entry = open_dossier(project, dossier_id)
    raad = raad or entry.model.standpunten[-1].raad
    old_dossier = _dossier_at(root, revision, dossier_id)
    templates = Resources(root).templates("")
    index = old_dossier.standpunt_index(raad)
    if index is None:
        known = ", ".join(s.raad for s in old_dossier.standpunten)
        raise fail(
            Location(f"{revision}:positions/{dossier_id}.yaml"),
            f"no position for '{raad}' in {revision}; it has: {known}",
        )
    before = parse_standpunt(old_dossier.standpunten[index], old_dossier, project.shared_notes(), templates)
    before.raad = f"{raad}@{revision}"
    after = version(project, entry, raad, templates)
    diff = compare(entry.model, before, after)
    return _comparison(
        project,
        [diff],
        before.raad,
        raad,
        entry.model.titel,
        old_name=f"{council_name(project, raad)} (versie {revision})",
    )


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        raise fail(Location(str(root)), "--since needs git, which is not installed") from None


def _dossier_at(root: Path, revision: str, dossier_id: str) -> Dossier:
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise fail(
            Location(str(root)), "--since needs a git repository, and this project folder is not inside one"
        )
    if _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise fail(Location(str(root)), f"unknown git revision '{revision}'")
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    shown = _git(root, "show", f"{revision}:{prefix}positions/{dossier_id}.yaml")
    display = f"{revision}:positions/{dossier_id}.yaml"
    if shown.returncode != 0:
        raise fail(Location(display), f"positions/{dossier_id}.yaml does not exist in revision '{revision}'")
    model, problems = validate(Dossier, load_text(shown.stdout, display))
    if model is None:
        raise UserError(problems)
    return model


def _line(text: str) -> Paragraph:
    return Paragraph("body", [Span(text)])


def _comparison(
    project: Project, diffs: list[DossierDiff], old: str, new: str, title: str, old_name: str | None = None
) -> Comparison:
    intro = f"Wijzigingen van {old_name or council_name(project, old)} naar {council_name(project, new)}."
    document = to_document(diffs, title, [intro], revision_for(project, new))
    return Comparison(diffs, document, [], [])


def write(comparison: Comparison, root: Path) -> bytes:
    reference = Reference(root / "templates" / "reference.docx", "templates/reference.docx")
    date = comparison.document.revision.date[:10] if comparison.document.revision else ""
    created = dt.datetime.fromisoformat(date) if date else dt.datetime(2000, 1, 1)
    return write_docx(comparison.document, reference, Properties(comparison.document.title, created))
