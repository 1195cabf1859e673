"""``briefgen diff``: pick the two versions to compare, compare them, hand them to a writer."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from ..build.outputs import write_output
from ..build.resources import Resources
from ..changes.sections import (
    DossierDiff,
    compare,
    council_name,
    format_text,
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
from .common import ROOT, resolve


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


@click.command("diff")
@click.argument("dossier", required=False)
@click.option("--from", "old", metavar="RAAD", help="The earlier Council (an agenda id).")
@click.option("--to", "new", metavar="RAAD", help="The later Council (an agenda id).")
@click.option(
    "--agenda", "old_agenda", type=click.Path(dir_okay=False, path_type=Path), help="Earlier agenda file."
)
@click.option(
    "--against", "new_agenda", type=click.Path(dir_okay=False, path_type=Path), help="Later agenda file."
)
@click.option("--since", metavar="GITREV", help="Compare with the dossier file in this git revision.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "docx"]), default="text", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File for --format docx."
)
@ROOT
def diff_command(
    dossier: str | None,
    old: str | None,
    new: str | None,
    old_agenda: Path | None,
    new_agenda: Path | None,
    since: str | None,
    fmt: str,
    output: Path | None,
    root: Path,
) -> None:
    """How positions moved: DOSSIER between two Councils, since a git revision, or two agendas."""
    if old_agenda or new_agenda:
        if not (old_agenda and new_agenda) or dossier:
            raise click.UsageError("use --agenda FROM_AGENDA --against TO_AGENDA, without a dossier")
        comparison = between_agendas(root, resolve(root, old_agenda), resolve(root, new_agenda))
    elif dossier and since:
        comparison = since_revision(root, dossier, since, new)
    elif dossier and old and new:
        comparison = between_councils(root, dossier, old, new)
    else:
        raise click.UsageError(
            "give DOSSIER --from RAAD --to RAAD, DOSSIER --since GITREV, or --agenda/--against"
        )
    if fmt == "docx":
        if output is None:
            raise click.UsageError("--format docx needs -o FILE")
        write_output(root, output, write(comparison, root))
        click.echo(f"wrote {output}")
    elif fmt == "json":
        payload = [d.as_json() for d in comparison.diffs]
        if old_agenda:
            document = {"dossiers": payload, "added": comparison.added, "dropped": comparison.dropped}
        else:
            document = payload[0]
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        for label, ids in (("added", comparison.added), ("dropped", comparison.dropped)):
            if ids:
                click.echo(f"{label}: {', '.join(ids)}")
        click.echo(format_text(comparison.diffs, colour), color=colour)
