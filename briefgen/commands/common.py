"""What the command modules share: the ``--root`` option, paths typed relative to it, problems printed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from ..errors import Problem

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder holding positions/, agendas/, templates/ and build/.",
)


def resolve(root: Path, path: Path) -> Path:
    """A relative path inside the project root when it exists there, else as typed."""
    if path.is_absolute() or not (root / path).exists():
        return path
    return root / path


def report(problems: Iterable[Problem]) -> None:
    """Each problem as ``file:line:col: message`` on stderr."""
    for problem in problems:
        click.echo(str(problem), err=True)
