"""``briefgen check``: validate data files, and compose every agenda's documents without writing."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..data.agenda import Agenda
from ..data.project import Entry, Project
from ..data.references import check_paths
from ..errors import Problem, UserError, _
from ..output.leftovers import any_left
from .common import ROOT, report, resolve

if TYPE_CHECKING:
    from ..output.resources import Resources


def check_all(root: Path, paths: list[Path], jobs: int = 1) -> tuple[list[Problem], int]:
    """Every problem in the named files (or the whole project), and how many files were read;
    with ``jobs`` above 1, many position files are read on that many processes."""
    project = check_paths(root, paths, jobs)
    resources: Resources | None = None
    for entry in project.agendas.values():
        if _composable(project, entry):
            from ..compose.documents import compose, kinds_for, share  # Jinja and Markdown only now
            from ..compose.reads import ViewPath, unread
            from ..data.bundle import bundle_of
            from ..output.resources import Resources

            if resources is None:  # the templates of every agenda composed, each read once
                resources = Resources(root)
            try:
                bundle = bundle_of(project, entry)
                templates = resources.templates(entry.model.template_set())
                shared = share(bundle, templates)
                seen: set[ViewPath] = set()
                for kind in kinds_for(entry.model):
                    compose(bundle, templates, kind, shared=shared, seen=seen)
                project.problems.extend(unread(entry.model, entry.source, seen))
            except UserError as error:
                project.problems.extend(error.problems)
    files = len(project.files_read)
    problems = sorted(set(project.problems), key=lambda p: (p.location, p.message))
    if not any_left(root):  # nothing an interrupted command left: the journal's machinery stays unloaded
        return problems, files
    from ..output.journal import explained, pending, sweep_sources

    sweep_sources(root)
    return pending(root) + explained(root, problems), files


def _composable(project: Project, entry: Entry[Agenda]) -> bool:
    """True when the agenda and every file it draws on are free of errors."""
    named = [punt.dossier for punt in entry.model.punten if punt.dossier]
    if any(dossier not in project.dossiers for dossier in named):
        return False
    sources = {entry.source.path, *(project.dossiers[dossier].source.path for dossier in named)}
    if project.shared is not None:
        sources.add(project.shared.source.path)
    return not any(p.location.path in sources and not p.warning for p in project.problems)


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes for many position files (default: one per core).",
)
@ROOT
def check_command(paths: tuple[Path, ...], strict: bool, jobs: int | None, root: Path) -> None:
    """Validate position and agenda files (default: all of positions/ and agendas/)."""
    problems, files = check_all(root, [resolve(root, p) for p in paths], jobs or os.cpu_count() or 1)
    report(problems)
    errors = [p for p in problems if strict or not p.warning]
    warnings = len(problems) - len([p for p in problems if not p.warning])
    if errors:
        click.echo(str(_("{count} problem(s) in {files} file(s)", count=len(errors), files=files)), err=True)
        sys.exit(1)
    suffix = _(", {warnings} warning(s)", warnings=warnings) if warnings else ""
    click.echo(str(_("checked {files} file(s): no errors{suffix}", files=files, suffix=suffix)), err=True)
