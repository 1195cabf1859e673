"""``briefgen check``: validate data files, and compose every agenda's documents without writing."""

from __future__ import annotations

from pathlib import Path

from ..build.resources import Resources
from ..compose.documents import compose, kinds_for
from ..data.agenda import Agenda
from ..data.bundle import bundle_of
from ..data.project import Entry, Project, check_paths
from ..errors import Problem, UserError


def check_all(root: Path, paths: list[Path]) -> tuple[list[Problem], int]:
    """Every problem in the named files (or the whole project), and how many files were read."""
    project = check_paths(root, paths)
    resources = Resources(root)
    for entry in project.agendas.values():
        if _composable(project, entry):
            try:
                bundle = bundle_of(project, entry)
                templates = resources.templates(entry.model.template_set())
                for kind in kinds_for(entry.model):
                    compose(bundle, templates, kind)
            except UserError as error:
                project.problems.extend(error.problems)
    files = len(project.files_read)
    problems = sorted(set(project.problems), key=lambda p: (p.location, p.message))
    return problems, files


def _composable(project: Project, entry: Entry[Agenda]) -> bool:
    """True when the agenda and every file it draws on are free of errors."""
    named = [punt.dossier for punt in entry.model.punten if punt.dossier]
    if any(dossier not in project.dossiers for dossier in named):
        return False
    sources = {entry.source.path, *(project.dossiers[dossier].source.path for dossier in named)}
    if project.shared is not None:
        sources.add(project.shared.source.path)
    return not any(p.location.path in sources and not p.warning for p in project.problems)
