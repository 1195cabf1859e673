"""``briefgen check``: validate data files, and compose every agenda without writing."""

from __future__ import annotations

from pathlib import Path

from .compose import Templates, compose_ga
from .errors import Problem, UserError
from .project import check_paths


def check_all(root: Path, paths: list[Path]) -> tuple[list[Problem], int]:
    """Every problem in the named files (or the whole project), and how many files were read."""
    project = check_paths(root, paths)
    for entry in project.agendas.values():
        if any(p.location.path == entry.source.path and not p.warning for p in project.problems):
            continue
        if any(punt.dossier not in project.dossiers for punt in entry.model.punten):
            continue
        try:
            compose_ga(project, entry, Templates(root / "templates", entry.model.raad))
        except UserError as error:
            project.problems.extend(error.problems)
    files = len(project.dossiers) + len(project.agendas) + (1 if project.shared else 0)
    problems = sorted(set(project.problems), key=lambda p: (p.location, p.message))
    return problems, files
